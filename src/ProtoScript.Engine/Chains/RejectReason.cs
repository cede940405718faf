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

    /// <summary>The pool asks for proof of work and the transaction's nonce does not meet the difficulty.</summary>
    Pow,

    /// <summary>Its sender already had the pool's rate limit of transactions admitted within the window.</summary>
    RateLimit,

    /// <summary>It carries a pending transaction's nonce with a fee raised by less than the pool's replacement bump.</summary>
    UnderpricedReplacement,

    /// <summary>Its sender already had the pool's per-sender cap of transactions pending.</summary>
    SenderCap,

    /// <summary>The pool was at its cap and held no transaction with a lower fee to evict for it.</summary>
    PoolFull,

    /// <summary>It was pending when the full pool evicted it, its lowest-fee transaction, for a better one.</summary>
    Evicted,

    /// <summary>It was pending when its sender replaced it with a higher-fee transaction of the same nonce.</summary>
    Replaced,
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

    /// <summary>Whether only a rollup's pool defences or a replacement reject for this reason (reports of other rollups leave such reasons out).</summary>
    public static bool IsPoolOnly(RejectReason reason) => reason >= RejectReason.Pow;

    /// <summary>Whether the pool refused the transaction when it arrived, before it was ever pending.</summary>
    public static bool IsAdmission(RejectReason reason) => reason is >= RejectReason.Pow and <= RejectReason.PoolFull;

    /// <summary>The snake_case name of a reason.</summary>
    public static string Name(RejectReason reason) => reason switch
    {
        RejectReason.InsufficientBalance => "insufficient_balance",
        RejectReason.NonceGap => "nonce_gap",
        RejectReason.SlippageExceeded => "slippage_exceeded",
        RejectReason.InsufficientLiquidity => "insufficient_liquidity",
        RejectReason.RejectedByValidity => "rejected_by_validity_rule",
        RejectReason.Pow => "pow",
        RejectReason.RateLimit => "rate_limit",
        RejectReason.UnderpricedReplacement => "underpriced_replacement",
        RejectReason.SenderCap => "sender_cap",
        RejectReason.PoolFull => "pool_full",
        RejectReason.Evicted => "evicted",
        RejectReason.Replaced => "replaced",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown reject reason."),
    };
}
