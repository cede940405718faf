using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Sequencing;

/// <summary>What took a rollup's soft-confirmed blocks out of its chain.</summary>
public enum ReorgCause
{
    /// <summary>A withholding sequencer's held blocks, dropped once L1 moved on without them.</summary>
    Withholding,

    /// <summary>The losing block of a height at which an equivocating BFT proposer had two blocks committed.</summary>
    Equivocation,

    /// <summary>A soft-trusting destination's blocks, dropped because one credited a message whose source block was reorged out.</summary>
    DependentRollback,
}

/// <summary>
/// The user transactions soft-confirmed in blocks that may still be reorged out, and what a reorg
/// does with them: they go back to the mempool ahead of the ones waiting, in their first order (as
/// op-geth and Arbitrum's sequencer re-inject the transactions of a reorged block), and are counted.
/// </summary>
internal sealed class SoftConfirmations
{
    private readonly RollupChain _chain;
    private readonly List<(Transaction Transaction, SimDuration SoftAt)> _included = [];

    // Sender and nonce of every transaction reorged so far, so that one reorged twice counts once (never iterated).
    private readonly HashSet<(int From, ulong Nonce)> _reorged = [];

    public SoftConfirmations(RollupChain chain) => _chain = chain;

    /// <summary>What reorgs cost so far.</summary>
    public ReorgMetrics Metrics { get; } = new();

    /// <summary>A user transaction went into a block that may be reorged, sealed at <paramref name="time"/>.</summary>
    public void Add(in Transaction transaction, SimDuration time) => _included.Add((transaction, time));

    /// <summary>The blocks are kept (or none is at risk): forget their transactions.</summary>
    public void Clear() => _included.Clear();

    /// <summary>The transactions held so far.</summary>
    public int Count => _included.Count;

    /// <summary>
    /// The blocks were reorged out at <paramref name="now"/> (the chain is reverted already): count
    /// the soft confirmations of their transactions from the <paramref name="from"/>th on and put
    /// those back in the pool; the earlier ones stay held.
    /// </summary>
    public void ReturnToPool(SimDuration now, int from = 0)
    {
        var waiting = _chain.Pool.DrainAll();
        foreach (var (transaction, softAt) in _included.Skip(from))
        {
            Metrics.SoftConfirmations++;
            if (_reorged.Add((transaction.From, transaction.Nonce)))
            {
                Metrics.Transactions++;
                Metrics.Value = checked(Metrics.Value + transaction.Value);
            }

            var confirmedFor = now - softAt;
            Metrics.ConfirmedFor.Record(confirmedFor);
            Metrics.MaxConfirmedFor = Math.Max(Metrics.MaxConfirmedFor, confirmedFor.Microseconds);
            _chain.Pool.Add(in transaction, _chain.PendingNonce(transaction.From));
        }

        foreach (var transaction in waiting)
        {
            _chain.Pool.Add(in transaction, _chain.PendingNonce(transaction.From));
        }

        _included.RemoveRange(from, _included.Count - from);
    }
}
