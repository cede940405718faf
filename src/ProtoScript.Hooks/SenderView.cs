namespace ProtoScript.Hooks;

/// <summary>
/// A read-only copy of what the sequencer knows of a transaction's sender, as a validity
/// hook sees it: the sender's history on this rollup up to now, never the future.
/// </summary>
/// <param name="Account">The sender's account index.</param>
/// <param name="Included">Transactions of the sender included so far (earlier blocks and this one).</param>
/// <param name="IncludedThisBlock">Of those, the ones in the block being built.</param>
/// <param name="LastIncludedMicroseconds">The time of the block that last included one of its transactions, in simulated microseconds, or -1 when none was.</param>
public readonly record struct SenderView(int Account, long Included, long IncludedThisBlock, long LastIncludedMicroseconds)
{
    /// <summary>Whether any transaction of the sender was included yet.</summary>
    public bool HasIncluded => LastIncludedMicroseconds >= 0;

    /// <summary>
    /// The time since the sender's last inclusion at <paramref name="now"/>, or
    /// <see cref="TimeSpan.MaxValue"/> when it has none (so a rate limit lets a first transaction through).
    /// </summary>
    public TimeSpan SinceLastIncluded(TimeSpan now) =>
        HasIncluded ? now - TimeSpan.FromMicroseconds(LastIncludedMicroseconds) : TimeSpan.MaxValue;
}
