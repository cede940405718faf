namespace ProtoScript.Hooks;

/// <summary>
/// A read-only copy of one PBS builder's block candidate for a slot, as its <c>bid</c> hook sees
/// it once the candidate is built. Amounts are integer wei.
/// </summary>
/// <param name="Block">The number of the L2 block the slot seals (1-based).</param>
/// <param name="TimeMicroseconds">The slot's seal time, in simulated microseconds since genesis.</param>
/// <param name="Builder">The builder's name.</param>
/// <param name="Index">Its position among the rollup's builders (0-based, in source order).</param>
/// <param name="LatencyMicroseconds">Its latency to the proposer: its bid arrives this long after the seal time.</param>
/// <param name="Value">What the candidate pays the proposer: the priority fees of its transactions, searchers' bundles included. The most the builder can bid.</param>
/// <param name="GasUsed">The gas of the candidate's transactions.</param>
/// <param name="Transactions">How many transactions the candidate holds.</param>
/// <param name="Bundles">How many searchers' bundles it holds (0 or 1: the best one, at its top).</param>
/// <param name="SecondPrice">True when the proposer's auction is second price (the winner pays the runner-up's bid), false for first price.</param>
/// <param name="DeadlineMicroseconds">How long after the seal time the proposer accepts bids.</param>
/// <param name="Wins">Blocks this builder has won so far.</param>
/// <param name="LastPrice">What the winner of the previous slot paid, or null when the proposer built that block itself (or this is the first slot).</param>
public readonly record struct BuilderBidView(
    ulong Block,
    long TimeMicroseconds,
    string Builder,
    int Index,
    long LatencyMicroseconds,
    UInt128 Value,
    ulong GasUsed,
    int Transactions,
    int Bundles,
    bool SecondPrice,
    long DeadlineMicroseconds,
    long Wins,
    UInt128? LastPrice)
{
    /// <summary>The slot's seal time as a time span since genesis (simulated time).</summary>
    public TimeSpan Time => TimeSpan.FromMicroseconds(TimeMicroseconds);

    /// <summary>The builder's latency to the proposer.</summary>
    public TimeSpan Latency => TimeSpan.FromMicroseconds(LatencyMicroseconds);

    /// <summary>How long after the seal time bids are accepted.</summary>
    public TimeSpan Deadline => TimeSpan.FromMicroseconds(DeadlineMicroseconds);

    /// <summary>Whether the bid reaches the proposer by its deadline (a late bid is not valid, whatever its amount).</summary>
    public bool InTime => LatencyMicroseconds <= DeadlineMicroseconds;

    /// <summary><paramref name="amount"/> gwei in wei.</summary>
    public static UInt128 Gwei(ulong amount) => (UInt128)amount * 1_000_000_000UL;

    /// <summary><paramref name="amount"/> × <paramref name="percent"/> / 100, rounded down.</summary>
    public static UInt128 Percent(UInt128 amount, int percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        return amount / 100 * (uint)percent + (amount % 100 * (uint)percent / 100);
    }
}
