namespace ProtoScript.Engine.Chains;

/// <summary>Why a sequencer threw a transaction out instead of including it.</summary>
public enum RejectReason
{
    /// <summary>The sender's balance did not cover value + gas × (base fee + priority fee).</summary>
    InsufficientBalance,

    /// <summary>An earlier nonce of the same sender was rejected, so this one could never execute.</summary>
    NonceGap,
}

/// <summary>Stable names of <see cref="RejectReason"/> values, as reports print them.</summary>
public static class RejectReasons
{
    /// <summary>Every reason, in report order.</summary>
    public static IReadOnlyList<RejectReason> All { get; } = Enum.GetValues<RejectReason>();

    /// <summary>The snake_case name of a reason.</summary>
    public static string Name(RejectReason reason) => reason switch
    {
        RejectReason.InsufficientBalance => "insufficient_balance",
        RejectReason.NonceGap => "nonce_gap",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown reject reason."),
    };
}
