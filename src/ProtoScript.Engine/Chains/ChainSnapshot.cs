using ProtoScript.Engine.Metrics;
using ProtoScript.Engine.State;

namespace ProtoScript.Engine.Chains;

/// <summary>
/// A rollup at one block boundary, for a reorg to return to (<see cref="RollupChain.TakeSnapshot"/>):
/// the world state's snapshot (accounts and fees, journaled), the soft head, and the counters and
/// latencies of what the blocks included. What happened outside the blocks stays (transactions
/// submitted, rejected or censored, deposits sent). Pools, fee settlement, auctions, proofs and
/// cross-chain messages are not covered, which is why the binder refuses withholding on a rollup
/// that has them.
/// </summary>
public sealed class ChainSnapshot
{
    internal ChainSnapshot(StateSnapshot state, ulong head, in BlockCounters counters)
    {
        State = state;
        Head = head;
        Counters = counters;
    }

    /// <summary>The world state's snapshot.</summary>
    public StateSnapshot State { get; }

    /// <summary>The soft head when it was taken.</summary>
    public ulong Head { get; }

    internal BlockCounters Counters { get; }
}

/// <summary>
/// The counters a rollup's blocks advance (in <see cref="RollupMetrics"/>, the bridge's and forced
/// inclusion's metrics), copied so a reorg can take back what the dropped blocks counted. They are
/// observations, not state, so they are copied rather than journaled: a copy per reorg window is
/// cheaper than a journal entry per transaction.
/// </summary>
internal readonly struct BlockCounters
{
    private readonly long _blocks;
    private readonly long _included;
    private readonly ulong _gasUsed;
    private readonly LatencyRecorder _inclusionLatency;
    private readonly long _depositsIncluded;
    private readonly UInt128 _deposited;
    private readonly LatencyRecorder _depositLatency;
    private readonly long _withdrawalsInitiated;
    private readonly UInt128 _withdrawn;
    private readonly long _includedBySequencer;
    private readonly long _forced;
    private readonly long _forcedBlocks;
    private readonly LatencyRecorder _forcedLatency;

    public BlockCounters(RollupChain chain)
    {
        _blocks = chain.Metrics.Blocks;
        _included = chain.Metrics.Included;
        _gasUsed = chain.Metrics.GasUsed;
        _inclusionLatency = chain.Metrics.InclusionLatency.Clone();
        _depositsIncluded = chain.Bridge.DepositsIncluded;
        _deposited = chain.Bridge.Deposited;
        _depositLatency = chain.Bridge.DepositLatency.Clone();
        _withdrawalsInitiated = chain.Bridge.WithdrawalsInitiated;
        _withdrawn = chain.Bridge.Withdrawn;
        _includedBySequencer = chain.ForcedInclusion.IncludedBySequencer;
        _forced = chain.ForcedInclusion.Forced;
        _forcedBlocks = chain.ForcedInclusion.ForcedBlocks;
        _forcedLatency = chain.ForcedInclusion.Latency.Clone();
    }

    public void RestoreTo(RollupChain chain)
    {
        chain.Metrics.Blocks = _blocks;
        chain.Metrics.Included = _included;
        chain.Metrics.GasUsed = _gasUsed;
        chain.Metrics.InclusionLatency.RestoreFrom(_inclusionLatency);
        chain.Bridge.DepositsIncluded = _depositsIncluded;
        chain.Bridge.Deposited = _deposited;
        chain.Bridge.DepositLatency.RestoreFrom(_depositLatency);
        chain.Bridge.WithdrawalsInitiated = _withdrawalsInitiated;
        chain.Bridge.Withdrawn = _withdrawn;
        chain.ForcedInclusion.IncludedBySequencer = _includedBySequencer;
        chain.ForcedInclusion.Forced = _forced;
        chain.ForcedInclusion.ForcedBlocks = _forcedBlocks;
        chain.ForcedInclusion.Latency.RestoreFrom(_forcedLatency);
    }
}
