namespace ProtoScript.Engine.Chains;

/// <summary>Why a sequencer threw a transaction out instead of including it.</summary>
public enum RejectReason
{
    /// <summary>The sender's balance did not cover value + gas × (base fee + priority fee).</summary>
    InsufficientBalance,

    /// <summary>An earlier nonce of the same sender was rejected, so this one could never execute.</summary>
    NonceGap,

    /// <summary>A swap reverted because its output was below the sender's minimum (it still paid its gas).</summary>
    SlippageExceeded,

    /// <summary>A swap reverted because the pool could not serve it: output rounds to zero, or reserves out of range (it still paid its gas).</summary>
    InsufficientLiquidity,

    /// <summary>The rollup's transaction-validity rule (<c>validity = csharp ...</c>) refused it before execution.</summary>
    RejectedByValidity,
}

/// <summary>Stable names of <see cref="RejectReason"/> values, as reports print them.</summary>
public static class RejectReasons
{
    /// <summary>Every reason, in report order.</summary>
    public static IReadOnlyList<RejectReason> All { get; } = Enum.GetValues<RejectReason>();

    /// <summary>Whether only swaps can be rejected for this reason (reports of rollups without pools leave such reasons out).</summary>
    public static bool IsSwapOnly(RejectReason reason) => reason is RejectReason.SlippageExceeded or RejectReason.InsufficientLiquidity;

    /// <summary>Whether only a validity rule rejects for this reason (reports of rollups without one leave it out).</summary>
    public static bool IsValidityOnly(RejectReason reason) => reason == RejectReason.RejectedByValidity;

    /// <summary>The snake_case name of a reason.</summary>
    public static string Name(RejectReason reason) => reason switch
    {
        RejectReason.InsufficientBalance => "insufficient_balance",
        RejectReason.NonceGap => "nonce_gap",
        RejectReason.SlippageExceeded => "slippage_exceeded",
        RejectReason.InsufficientLiquidity => "insufficient_liquidity",
        RejectReason.RejectedByValidity => "rejected_by_validity_rule",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown reject reason."),
    };
}
