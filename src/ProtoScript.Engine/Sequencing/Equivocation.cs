using ProtoScript.Engine.Bridge;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Sequencing;

/// <summary>
/// The losing block of a safety violation as a reorg (a rollup's own BFT set with equivocating
/// nodes, past the safety bound). At a height where both of an equivocating proposer's blocks
/// commit, the users and soft-trusting destinations that follow the smaller half of the honest
/// nodes see block B, the proposal as the engine seals it: its transactions are soft-confirmed and,
/// under <c>cross_chain_trust = soft</c>, its messages go to their destinations. The canonical block
/// is A, the one the larger half committed and the set builds on, which the batcher posts and L1
/// derivation sees. The conflict comes out at the set's next commit (its block carries the commit
/// of A) or when the batcher posts, whichever is first: B is reorged out then, as a withholding
/// sequencer's held blocks are, and its transactions go back to the head of the pool, so the block
/// that follows (A in the canonical chain) re-includes them.
/// </summary>
internal sealed class Equivocation
{
    private readonly RollupChain _chain;
    private readonly SoftConfirmations _confirmations;
    private ChainSnapshot? _checkpoint;
    private ulong _firstBlock;

    public Equivocation(RollupChain chain)
    {
        _chain = chain;
        _confirmations = new SoftConfirmations(chain);
    }

    /// <summary>True while a losing block is in the chain, not yet reorged out.</summary>
    public bool IsPending => _checkpoint is not null;

    /// <summary>What the losing blocks cost.</summary>
    public ReorgMetrics Metrics => _confirmations.Metrics;

    /// <summary>The block about to be sealed is the losing one of a conflicting commit: checkpoint the chain before it.</summary>
    public void Begin(DepositInbox? deposits, DelayedInbox? delayed)
    {
        _checkpoint = _chain.TakeSnapshot();
        _firstBlock = (ulong)_chain.Metrics.Blocks + 1;
        _chain.CrossChain?.Mark();
        _confirmations.Clear();
        deposits?.Mark();
        delayed?.Mark();
    }

    /// <summary>A user transaction went into the losing block at <paramref name="time"/>.</summary>
    public void OnIncluded(in Transaction transaction, SimDuration time)
    {
        if (IsPending)
        {
            _confirmations.Add(in transaction, time);
        }
    }

    /// <summary>The conflict has come out (the set's next commit, or the batcher about to post): the losing block is reorged out.</summary>
    public void Resolve(SimDuration now, DepositInbox? deposits, DelayedInbox? delayed)
    {
        if (_checkpoint is not { } checkpoint)
        {
            return;
        }

        Metrics.Reorgs++;
        Metrics.Blocks += (long)((ulong)_chain.Metrics.Blocks + 1 - _firstBlock);
        _chain.RevertTo(checkpoint);
        _chain.CrossChain?.RollBack(ReorgCause.Equivocation, now);
        _chain.Batcher?.DiscardFrom(_firstBlock);
        deposits?.Rollback();
        delayed?.Rollback();
        _confirmations.ReturnToPool(now);
        _checkpoint = null;
    }
}
