namespace ProtoScript.Engine.Scheduling;

/// <summary>
/// What an event does, which fixes the order of events due at the same microsecond: they run in
/// declaration order of their kind, and events of one kind in the order they were scheduled.
/// </summary>
/// <remarks>
/// Blocks close half-open intervals: a block sealed at <c>t</c> holds what happened strictly
/// before <c>t</c>, so the kinds that close an interval (L1 block, rollup blocks, the batch
/// that carries them) run first, and those that open the next one (a price move, arrivals,
/// decisions) after them. Among the latter a price that moves at <c>t</c> is visible to every
/// decision at <c>t</c>. Without a rule the order of simultaneous events followed when each
/// was queued, which depends on the processes' periods: at 250 ms blocks an arbitrageur's look
/// queued a block earlier ran before the CEX tick queued 100 ms earlier and traded on the
/// previous price.
/// </remarks>
public enum EventKind
{
    /// <summary>An L1 block is sealed: postings and deposits sent strictly before it may land; rollup blocks at the same instant see it as the L1 head.</summary>
    L1Block,

    /// <summary>A rollup's sequencer, or a slot coordinator (shared sequencer or builder) or its agreement stage, starts a slot, ends a round or seals blocks; an arbitrage in it is valued at the CEX price in force before the instant.</summary>
    RollupBlock,

    /// <summary>A batcher posts the blocks sealed since its last batch, the block sealed at the same instant included.</summary>
    BatchPosting,

    /// <summary>The CEX price moves (and is published to the arbitrageurs' feed).</summary>
    MarketPrice,

    /// <summary>A user sends a deposit from L1.</summary>
    Deposit,

    /// <summary>A user sends a transaction to a rollup (or through L1 around its sequencer); it can be in the next block, not one sealed at the same instant.</summary>
    UserTransaction,

    /// <summary>Arbitrageurs look at the CEX and the pool and decide, seeing a price that moved at the same instant, or one's trade reaches the sequencer.</summary>
    Arbitrage,

    /// <summary>The size of a rollup's state is measured for its growth over the run; last, so it sees everything done at that instant.</summary>
    StateSample,
}
