using ProtoScript.Engine.Metrics;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Chains;

/// <summary>
/// Streams a rollup's blocks as sub-blocks (Base/OP Flashblocks): the block is opened at its
/// first sub-block, every <see cref="FlashblocksModel.Interval"/> the mempool fills it up to the
/// cumulative gas cap of the sub-block (i/F of the gas limit for sub-block i of F), and each
/// transaction so included is soft-confirmed at its sub-block's time. The F-th sub-block is
/// filled at the block time, right before the chain seals the block as it seals any other, so
/// the block's state root, fee settlement, batch and derivation do not depend on streaming.
/// </summary>
/// <remarks>
/// The block opens at its first sub-block rather than at its block time, so the L1 messages it
/// carries and the L1 view its fees are settled with are those known then; what arrives later
/// goes into the next block. Sub-block events are the chain's own
/// (<see cref="RollupEvent.Flashblock"/>), so they run before user transactions due at the same
/// microsecond, as block times do.
/// </remarks>
public sealed class Flashblocks
{
    private readonly RollupChain _chain;
    private readonly FlashblocksModel _model;

    // The sub-block last filled in the open block (0 when no block is open), and the gas its
    // sub-blocks used so far.
    private int _index;
    private ulong _gasUsed;
    private SimDuration _blockTime;

    internal Flashblocks(RollupChain chain, FlashblocksModel model)
    {
        _chain = chain;
        _model = model;
        _blockTime = chain.Model.BlockTime;
    }

    /// <summary>Soft-confirmation latency: from submission to the sub-block that included the transaction.</summary>
    public LatencyRecorder SoftLatency { get; } = new();

    /// <summary>Sub-blocks filled, empty ones included (F per sealed block).</summary>
    public long SubBlocks { get; private set; }

    /// <summary>Whether a streamed block is open between two of its sub-blocks.</summary>
    public bool IsOpen => _index > 0;

    /// <summary>Schedules the first block's first sub-block.</summary>
    internal void Start(Scheduler scheduler) => scheduler.ScheduleAfter(_model.Interval, _chain, RollupEvent.Flashblock);

    /// <summary>Fills sub-block 1 … F−1 of the block sealed at the next block time, and schedules the next one before that.</summary>
    internal void OnSubBlock(Scheduler scheduler)
    {
        Fill(scheduler.Now);
        if (_index < _model.PerBlock - 1)
        {
            scheduler.ScheduleAfter(_model.Interval, _chain, RollupEvent.Flashblock);
        }
    }

    /// <summary>
    /// At the block time: fills the last sub-block and seals the block through the chain's
    /// processor, then schedules the next block's first sub-block.
    /// </summary>
    internal void SealBlock(Scheduler scheduler)
    {
        var now = scheduler.Now;
        Fill(now);
        _chain.SealStreamedBlock(now);
        _index = 0;
        _gasUsed = 0;
        _blockTime = now + _chain.Model.BlockTime;
        scheduler.ScheduleAfter(_model.Interval, _chain, RollupEvent.Flashblock);
    }

    /// <summary>A block time at which the sequencer seals nothing: the next block's stream starts.</summary>
    internal void SkipBlock(Scheduler scheduler)
    {
        if (IsOpen)
        {
            // The language refuses outages with streaming; a block half streamed cannot be dropped soundly.
            throw new InvalidOperationException($"Rollup '{_chain.Model.Name}' missed a block time while a streamed block was open.");
        }

        _blockTime = scheduler.Now + _chain.Model.BlockTime;
        scheduler.ScheduleAfter(_model.Interval, _chain, RollupEvent.Flashblock);
    }

    private void Fill(SimDuration now)
    {
        if (_index == 0)
        {
            _chain.Batcher?.OnBlockOpened();
            _chain.BeginBlock(now, _blockTime);
        }

        _index++;
        var cap = _model.CumulativeGasCap(_index, _chain.Model.GasLimit);
        _gasUsed += MempoolStage.Instance.Fill(_chain, _blockTime, cap - _gasUsed, now, SoftLatency);
        SubBlocks++;
    }
}
