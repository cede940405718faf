namespace ProtoScript.Engine.Amm;

/// <summary>Which token goes into a pool and which comes out.</summary>
public enum SwapDirection
{
    /// <summary>Token 0 in, token 1 out (sells token 0).</summary>
    ZeroForOne,

    /// <summary>Token 1 in, token 0 out (buys token 0).</summary>
    OneForZero,
}
