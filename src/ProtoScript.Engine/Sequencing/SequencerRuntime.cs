using ProtoScript.Engine.Bridge;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Sequencing;

/// <summary>
/// A rollup's sequencer as the run drives it: its faults (outages, censorship), the L1 routes
/// that reach the rollup without it (deposits, the delayed inbox), and the forced blocks the L1
/// rules add while it fails. The rollup asks it at every block time whether to seal a block.
/// </summary>
internal sealed class SequencerRuntime
{
    private readonly RollupChain _chain;
    private readonly L1Chain _l1;
    private readonly int _rollup;
    private DepositInbox? _deposits;
    private DelayedInbox? _delayed;

    public SequencerRuntime(RollupChain chain, L1Chain l1, int rollup)
    {
        _chain = chain;
        _l1 = l1;
        _rollup = rollup;
        Faults = new SequencerFaults(chain.Model.Sequencer, chain.UserAccounts);
        Kind = chain.Model.ForcedInclusion.Kind;
        Withholding = chain.Model.Sequencer.Withhold.IsEmpty ? null : new Withholding(chain, l1, Faults);

        // Only a rollup's own set: a shared set's losing blocks are counted, not reorged (not modelled).
        Equivocation = Faults.Set is { } set && chain.Model.Sequencer.Consensus is not null && set.Model.CanCommitConflicting ? new Equivocation(chain) : null;
    }

    public SequencerFaults Faults { get; }

    public ForcedInclusionKind Kind { get; }

    /// <summary>The sequencer's batch withholding and the reorgs it causes, or null when it never withholds.</summary>
    public Withholding? Withholding { get; }

    /// <summary>The losing blocks of an equivocating set's conflicting commits, or null when its set cannot commit two blocks at one height.</summary>
    public Equivocation? Equivocation { get; }

    /// <summary>True while the batcher holds blocks it may not post yet.</summary>
    public bool IsHolding => Withholding?.IsHolding == true;

    private DepositInbox Deposits => _deposits ??= new DepositInbox(_l1, _rollup);

    private DelayedInbox Delayed => _delayed ??= new DelayedInbox(_l1, _rollup, _chain.Model.ForcedInclusion);

    /// <summary>True when a user sending from <paramref name="account"/> now goes through L1: there is a route and the sequencer is down or censors the account.</summary>
    public bool RoutesViaL1(int account, SimDuration now) =>
        Kind != ForcedInclusionKind.None && (Faults.IsDown(now) || Faults.Censors(account, now));

    /// <summary>A deposit from L1 (it mints): through the delayed inbox on an Arbitrum-style rollup, as an OP deposit otherwise.</summary>
    public void SubmitDeposit(int to, UInt128 value, SimDuration now)
    {
        if (Kind == ForcedInclusionKind.DelayedInbox)
        {
            Delayed.Submit(-1, to, value, now);
        }
        else
        {
            Deposits.Submit(to, value, now);
        }
    }

    /// <summary>A user's transfer sent through L1 to get around the sequencer.</summary>
    public void SubmitTransfer(int from, int to, UInt128 value, SimDuration now)
    {
        _chain.ForcedInclusion.SentViaL1++;
        if (Kind == ForcedInclusionKind.DelayedInbox)
        {
            Delayed.Submit(from, to, value, now);
        }
        else
        {
            Deposits.Submit(to, value, now, from);
        }
    }

    /// <summary>At a block time: seals the forced blocks due by now, then says whether the sequencer is up to seal its own.</summary>
    public bool OnBlockTime(SimDuration now)
    {
        var slot = _l1.Model.SlotTime;

        // Before forced blocks: a reorg returns the chain to the last block L1 has, and they follow it.
        var reorgs = Withholding is not null || Equivocation is not null;
        var deposits = reorgs && Kind != ForcedInclusionKind.DelayedInbox ? Deposits : null;
        var delayed = reorgs && Kind == ForcedInclusionKind.DelayedInbox ? Delayed : null;
        Withholding?.BeforeForcedBlocks(now, deposits, delayed);

        // The set's next commit carries the canonical block's: a losing block still in the chain is reorged out.
        Equivocation?.Resolve(now, deposits, delayed);
        if (Kind == ForcedInclusionKind.Deposits)
        {
            Deposits.ForceExpiredEpochs(_chain, now, _chain.Model.Derivation.SequencingWindow, slot);
        }
        else if (Kind == ForcedInclusionKind.DelayedInbox)
        {
            Delayed.ForceDue(_chain, now, slot);
        }

        Withholding?.AfterForcedBlocks(now, deposits, delayed);

        if (Faults.IsDown(now))
        {
            _chain.ForcedInclusion.MissedBlocks++;
            return false;
        }

        if (Faults.CommitsConflicting)
        {
            Equivocation?.Begin(deposits, delayed);
        }

        return true;
    }

    /// <summary>The batcher is about to post: a losing block still in the chain is reorged out first, so the batch carries the canonical chain.</summary>
    public void BeforePosting(SimDuration now)
    {
        if (Equivocation?.IsPending == true)
        {
            var deposits = Kind != ForcedInclusionKind.DelayedInbox ? Deposits : null;
            var delayed = Kind == ForcedInclusionKind.DelayedInbox ? Delayed : null;
            Equivocation.Resolve(now, deposits, delayed);
        }
    }

    /// <summary>A user transaction went into the block being sealed at <paramref name="time"/>: its soft confirmation may be reorged.</summary>
    public void OnIncluded(in Transaction transaction, SimDuration time)
    {
        Withholding?.OnIncluded(in transaction, time);
        Equivocation?.OnIncluded(in transaction, time);
        _chain.CrossChain?.OnIncluded(in transaction, time);
    }

    /// <summary>A soft-trusting destination checkpoints before a dependent block: the L1 messages its blocks read from now on may be given back.</summary>
    public void MarkInboxes()
    {
        if (Kind == ForcedInclusionKind.DelayedInbox)
        {
            Delayed.Mark();
        }
        else
        {
            Deposits.Mark();
        }
    }

    /// <summary>The dependent blocks are kept.</summary>
    public void UnmarkInboxes()
    {
        _deposits?.Unmark();
        _delayed?.Unmark();
    }

    /// <summary>Where the marked inboxes stand now, for <see cref="RollbackInboxesTo"/>.</summary>
    public (int Read, ulong Origin) InboxPosition =>
        Kind == ForcedInclusionKind.DelayedInbox ? (Delayed.Position, 0) : Deposits.Position;

    /// <summary>The blocks after <paramref name="position"/> were rolled back: the L1 messages they read are unread again.</summary>
    public void RollbackInboxesTo((int Read, ulong Origin) position)
    {
        if (Kind == ForcedInclusionKind.DelayedInbox)
        {
            Delayed.RollbackTo(position.Read);
        }
        else
        {
            Deposits.RollbackTo(position);
        }
    }

    /// <summary>At the start of a sequencer block: the L1 messages it must or may include, before any other transaction.</summary>
    public void BeginBlock(SimDuration time)
    {
        Withholding?.OnBlockBegin();
        _deposits?.MintUpToOrigin(_chain, time);
        _delayed?.ReadIntoBlock(_chain, Faults, time);
    }
}
