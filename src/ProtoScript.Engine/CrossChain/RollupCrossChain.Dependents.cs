using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Sequencing;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.CrossChain;

/// <summary>
/// Under <c>cross_chain_trust = soft</c>, a destination that rolls back its own dependent blocks
/// while they are not on L1: before its first block since its last batch that credits a message
/// whose source block is not on L1 yet, it takes a checkpoint, kept once its batcher posts those
/// blocks (L1 has them; they can no longer be rolled back). If a source block is reorged out while
/// the destination block that credited its message is still unbatched, the destination returns to
/// the checkpoint: the blocks from its first dependent block on are dropped, their user
/// transactions go back to the pool ahead of the waiting ones, the other messages they credited
/// wait at the head of its inbox again, the invalid ones are dropped, and what those blocks sent is
/// undone at its own destinations in turn. A credit in a block already batched stays, counted as a
/// failed dependent effect.
/// </summary>
public sealed partial class RollupCrossChain
{
    private ChainSnapshot? _dependents;
    private SoftConfirmations? _dependentTransactions;
    private ulong _firstDependent;

    /// <summary>Whether this rollup rolls back its blocks that credited a soft message whose source block was reorged (else the credit is a failed effect, counted).</summary>
    internal bool RollsBackDependents { get; set; }

    /// <summary>True while unbatched blocks of it depend on a source block not on L1 yet.</summary>
    internal bool HoldsDependents => _dependents is not null;

    /// <summary>Whether the block that credited <paramref name="message"/> here can still be rolled back (it is unbatched, at or after the checkpoint).</summary>
    internal bool CanRollBack(CrossChainMessage message) => _dependents is not null && message.CreditedBlock >= _firstDependent;

    /// <summary>Destination blocks dropped because they depended on a reorged source block.</summary>
    internal long BlocksRolledBack { get; private set; }

    /// <summary>The user transactions of those blocks, back in the pool to be re-included (each time).</summary>
    internal long TransactionsReincluded => _dependentTransactions?.Metrics.SoftConfirmations ?? 0;

    /// <summary>Before the block sealed at <paramref name="time"/> opens: checkpoint if it will credit a message whose source block may still be reorged.</summary>
    internal void BeforeBlock(SimDuration time)
    {
        if (!RollsBackDependents)
        {
            return;
        }

        if (_dependents is not null || !_inbox.Any(m => m.ReadyAt < time && !m.Revoked && m.Unsettled))
        {
            return;
        }

        _dependents = Chain.TakeSnapshot();
        _firstDependent = (ulong)Chain.Metrics.Blocks + 1;
        _dependentTransactions ??= new SoftConfirmations(Chain);
        _dependentTransactions.Clear();
        Mark();
        Chain.Sequencing?.MarkInboxes();
    }

    /// <summary>A user transaction went into a block that depends on an unsettled source block.</summary>
    internal void OnIncluded(in Transaction transaction, SimDuration time)
    {
        if (_dependents is not null)
        {
            _dependentTransactions!.Add(in transaction, time);
        }
    }

    /// <summary>The batcher posts the blocks sealed since its last batch: L1 has them, so they are kept.</summary>
    internal void OnPosting()
    {
        if (_dependents is not { } checkpoint)
        {
            return;
        }

        Chain.Commit(checkpoint);
        Commit();
        Chain.Sequencing?.UnmarkInboxes();
        _dependentTransactions!.Clear();
        _dependents = null;
    }

    // A message credited here whose source block was reorged: drop every block from the first dependent one.
    internal void RollBackDependents(SimDuration now)
    {
        var checkpoint = _dependents!;
        BlocksRolledBack += (long)((ulong)Chain.Metrics.Blocks + 1 - _firstDependent);
        _dependents = null;
        Chain.RevertTo(checkpoint);
        RollBack(ReorgCause.DependentRollback, now);
        Chain.Batcher?.DiscardFrom(_firstDependent);
        Chain.Sequencing?.RollbackInboxes();
        _dependentTransactions!.ReturnToPool(now);
    }
}
