using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Sequencing;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.CrossChain;

/// <summary>
/// Under <c>cross_chain_trust = soft</c>, a destination that rolls back its own dependent blocks
/// while they are not on L1. Before each block that credits a message whose source block is not
/// on L1 yet (a dependent block), it takes a checkpoint (a nested world-state snapshot, with where
/// its inboxes and held transactions stand); its batcher's next post keeps them all (L1 has those
/// blocks; they can no longer be rolled back). If a source block is reorged out while the
/// destination block that credited its message is still unbatched, the destination returns to the
/// checkpoint before that block: it and every block built on it are dropped, their user
/// transactions go back to the pool ahead of the waiting ones, the other messages they credited
/// wait at the head of its inbox again, the invalid one is dropped, the L1 messages they read are
/// unread, and what they sent is undone at its own destinations in turn. A credit in a block
/// already batched stays, counted as a failed dependent effect.
/// </summary>
public sealed partial class RollupCrossChain
{
    // Oldest first, one per dependent block since the last batch.
    private readonly List<DependentCheckpoint> _checkpoints = [];
    private SoftConfirmations? _dependentTransactions;

    /// <summary>Whether this rollup rolls back its blocks that credited a soft message whose source block was reorged (else the credit is a failed effect, counted).</summary>
    internal bool RollsBackDependents { get; set; }

    /// <summary>True while unbatched blocks of it depend on a source block not on L1 yet.</summary>
    internal bool HoldsDependents => _checkpoints.Count > 0;

    /// <summary>Destination blocks dropped because they, or a block they built on, depended on a reorged source block.</summary>
    internal long BlocksRolledBack { get; private set; }

    /// <summary>The user transactions of those blocks, back in the pool to be re-included (each time).</summary>
    internal long TransactionsReincluded => _dependentTransactions?.Metrics.SoftConfirmations ?? 0;

    /// <summary>Whether the block that credited <paramref name="message"/> here can still be rolled back (it is unbatched, at or after the first checkpoint).</summary>
    internal bool CanRollBack(CrossChainMessage message) => _checkpoints.Count > 0 && message.DeliveredBlock >= _checkpoints[0].Block;

    /// <summary>Before the block sealed at <paramref name="time"/> opens: checkpoint if it will credit a message whose source block may still be reorged.</summary>
    internal void BeforeBlock(SimDuration time)
    {
        if (!RollsBackDependents || !_inbox.Any(m => m.ReadyAt < time && !m.Revoked && m.Unsettled))
        {
            return;
        }

        var sequencing = Chain.Sequencing!;
        if (_checkpoints.Count == 0)
        {
            _dependentTransactions ??= new SoftConfirmations(Chain);
            _dependentTransactions.Clear();
            Mark();
            sequencing.MarkInboxes();
        }

        _checkpoints.Add(new DependentCheckpoint(Chain.TakeSnapshot(), (ulong)Chain.Metrics.Blocks + 1, _dependentTransactions!.Count, sequencing.InboxPosition));
    }

    /// <summary>A user transaction went into a block that depends on an unsettled source block, or is built on one.</summary>
    internal void OnIncluded(in Transaction transaction, SimDuration time)
    {
        if (_checkpoints.Count > 0)
        {
            _dependentTransactions!.Add(in transaction, time);
        }
    }

    /// <summary>The batcher posts the blocks sealed since its last batch: L1 has them, so they are kept.</summary>
    internal void OnPosting()
    {
        if (_checkpoints.Count == 0)
        {
            return;
        }

        // The outermost snapshot's commit closes the ones nested in it.
        Chain.Commit(_checkpoints[0].Snapshot);
        _checkpoints.Clear();
        Commit();
        Chain.Sequencing?.UnmarkInboxes();
        _dependentTransactions!.Clear();
    }

    /// <summary>The source block of <paramref name="message"/>, credited here, was reorged at <paramref name="now"/>: drop the block that credited it and every block built on it.</summary>
    internal void RollBackDependents(SimDuration now, CrossChainMessage message)
    {
        var index = _checkpoints.FindLastIndex(c => c.Block <= message.DeliveredBlock);
        var checkpoint = _checkpoints[index];
        BlocksRolledBack += (long)((ulong)Chain.Metrics.Blocks + 1 - checkpoint.Block);
        _checkpoints.RemoveRange(index, _checkpoints.Count - index);
        Chain.RevertTo(checkpoint.Snapshot);
        Chain.Batcher?.DiscardFrom(checkpoint.Block);
        Chain.Sequencing?.RollbackInboxesTo(checkpoint.Inbox);
        _dependentTransactions!.ReturnToPool(now, checkpoint.Transactions);
        if (index == 0)
        {
            // Nothing depends any more: the mark closes with the last checkpoint.
            RollBack(ReorgCause.DependentRollback, now);
            Chain.Sequencing?.UnmarkInboxes();
        }
        else
        {
            RollBack(ReorgCause.DependentRollback, now, checkpoint.Block);
        }
    }

    /// <summary>The chain before a dependent block: its snapshot, the block's number, and how many held transactions and inbox reads came before it.</summary>
    private sealed record DependentCheckpoint(ChainSnapshot Snapshot, ulong Block, int Transactions, (int Read, ulong Origin) Inbox);
}
