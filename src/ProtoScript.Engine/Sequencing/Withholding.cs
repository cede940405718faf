using ProtoScript.Engine.Batching;
using ProtoScript.Engine.Bridge;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Metrics;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Sequencing;

/// <summary>What withholding batches cost the users who trusted soft confirmations.</summary>
public sealed class ReorgMetrics
{
    /// <summary>Times the chain dropped blocks the sequencer had sealed but not posted.</summary>
    public long Reorgs { get; set; }

    /// <summary>Sequencer blocks reorged out.</summary>
    public long Blocks { get; set; }

    /// <summary>User transactions whose soft confirmation was reorged out at least once, each counted once.</summary>
    public long Transactions { get; set; }

    /// <summary>The value those transactions moved, in wei, each counted once.</summary>
    public UInt128 Value { get; set; }

    /// <summary>Soft confirmations reorged out: a transaction re-included and reorged again counts again.</summary>
    public long SoftConfirmations { get; set; }

    /// <summary>How long each reorged soft confirmation had looked final: from its block to the reorg.</summary>
    public LatencyRecorder ConfirmedFor { get; } = new();

    /// <summary>The longest of those, in microseconds.</summary>
    public long MaxConfirmedFor { get; set; }
}

/// <summary>
/// A sequencer that withholds its batches (<c>withhold = START for LENGTH</c>). At the first block
/// time of a window its batcher posts what was sealed before (the last honest batch) and the chain
/// is checkpointed; from then on the sequencer keeps sealing and soft-confirming blocks but the
/// batcher holds them. At each block time it asks what the L1 makes of that:
/// <list type="bullet">
/// <item>if a batch sent now could no longer land inside the sequencing window of the first held
/// block (every route: derivation drops it), or, on a <c>delayed_inbox</c> rollup, a message L1
/// counts as unread (read only by held blocks, or by none) has passed both delays and can be forced,
/// the held blocks are reorged out: the chain returns to the checkpoint, their transactions go back
/// to the mempool in front of the ones waiting (as op-geth and Arbitrum's sequencer re-inject
/// reorged transactions) and the L1 messages they read are unread again; the forced blocks due then
/// follow as in an outage, and the sequencer builds on them;</item>
/// <item>otherwise, once the window has ended and a batch sent now lands in time with a slot to
/// spare, the held blocks are posted at once and nothing is reorged.</item>
/// </list>
/// </summary>
internal sealed class Withholding
{
    private readonly RollupChain _chain;
    private readonly L1Chain _l1;
    private readonly SequencerFaults _faults;
    private readonly SoftConfirmations _confirmations;
    private ChainSnapshot? _checkpoint;
    private ulong? _firstOrigin;
    private long _heldBlocks;

    public Withholding(RollupChain chain, L1Chain l1, SequencerFaults faults)
    {
        _chain = chain;
        _l1 = l1;
        _faults = faults;
        _confirmations = new SoftConfirmations(chain);
    }

    /// <summary>True while the batcher holds blocks it may not post.</summary>
    public bool IsHolding => _checkpoint is not null;

    /// <summary>What reorgs cost so far.</summary>
    public ReorgMetrics Metrics => _confirmations.Metrics;

    /// <summary>At a block time, before the forced blocks due: reorg the held blocks if L1 has moved on without them, or post them once the window is over.</summary>
    public void BeforeForcedBlocks(SimDuration now, DepositInbox? deposits, DelayedInbox? delayed)
    {
        if (!IsHolding)
        {
            return;
        }

        if (MustReorg(now, delayed))
        {
            Reorg(now, deposits, delayed);
        }
        else if (!_faults.IsWithholding(now) && CanPostInTime(delayed))
        {
            Release(now, deposits, delayed);
        }
    }

    /// <summary>At a block time, after the forced blocks due (they are on L1 whatever the sequencer does): start holding if a window covers now.</summary>
    public void AfterForcedBlocks(SimDuration now, DepositInbox? deposits, DelayedInbox? delayed)
    {
        if (!IsHolding && _faults.IsWithholding(now))
        {
            // The batcher posts what was sealed before the window, so the checkpoint is the last block L1 has.
            Batcher.PostBatch(now);
            _checkpoint = _chain.TakeSnapshot();
            _chain.CrossChain?.Mark();
            _confirmations.Clear();
            _firstOrigin = null;
            _heldBlocks = 0;
            deposits?.Mark();
            delayed?.Mark();
        }
    }

    /// <summary>A sequencer block opens: its L1 origin is the first held one if none was held yet.</summary>
    public void OnBlockBegin()
    {
        if (IsHolding)
        {
            _firstOrigin ??= _l1.HeadNumber;
            _heldBlocks++;
        }
    }

    /// <summary>A user transaction went into a held block at <paramref name="time"/>: its soft confirmation may be reorged.</summary>
    public void OnIncluded(in Transaction transaction, SimDuration time)
    {
        if (IsHolding)
        {
            _confirmations.Add(in transaction, time);
        }
    }

    private Batcher Batcher => _chain.Batcher!;

    private ulong Window => _chain.Model.Derivation.SequencingWindow;

    private bool MustReorg(SimDuration now, DelayedInbox? delayed)
    {
        // A batch sent now lands in the next L1 block at the earliest; derivation needs it before origin + window.
        if (_firstOrigin is { } origin && _l1.HeadNumber + 1 >= origin + Window)
        {
            return true;
        }

        return delayed?.FirstForceTimeOnL1(_l1.Model.SlotTime) is { } due && due <= now;
    }

    private bool CanPostInTime(DelayedInbox? delayed)
    {
        // One L1 block to spare: a batch of many frames, or a busy L1, may take a block longer.
        var landing = _l1.HeadNumber + 2;
        if (_firstOrigin is { } origin && landing >= origin + Window)
        {
            return false;
        }

        var slot = _l1.Model.SlotTime;
        return delayed?.FirstForceTimeOnL1(slot) is not { } due || landing * (ulong)slot.Microseconds < (ulong)due.Microseconds;
    }

    private void Release(SimDuration now, DepositInbox? deposits, DelayedInbox? delayed)
    {
        Batcher.PostBatch(now);
        deposits?.Unmark();
        delayed?.Unmark();
        _chain.Commit(_checkpoint!);
        _chain.CrossChain?.Commit();
        Forget();
    }

    private void Reorg(SimDuration now, DepositInbox? deposits, DelayedInbox? delayed)
    {
        Metrics.Reorgs++;
        Metrics.Blocks += _heldBlocks;
        _chain.RevertTo(_checkpoint!);
        _chain.CrossChain?.RollBack(ReorgCause.Withholding, now);
        Batcher.DiscardHeld();
        deposits?.Rollback();
        delayed?.Rollback();
        _confirmations.ReturnToPool(now);
        Forget();
    }

    private void Forget()
    {
        _checkpoint = null;
        _firstOrigin = null;
        _heldBlocks = 0;
        _confirmations.Clear();
    }
}
