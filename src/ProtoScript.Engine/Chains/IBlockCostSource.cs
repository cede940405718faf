namespace ProtoScript.Engine.Chains;

/// <summary>
/// A cost a rollup block incurs outside its own state (proving it, for example), known when the
/// block is sealed, so that a fee distribution can pay it back from the block's fees.
/// </summary>
public interface IBlockCostSource
{
    /// <summary>The cost of L2 block <paramref name="block"/> (1-based), in wei.</summary>
    UInt128 CostOf(ulong block);
}
