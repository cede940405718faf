using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;

namespace ProtoScript.Engine.Pbs;

/// <summary>
/// Searchers' bundles on a PBS rollup: an arbitrageur sends its trade straight to every builder
/// (not to the public mempool) with its bid as the trade's priority fee, which the builder of the
/// block receives. A bundle is for the next block only: those that arrived before the seal are
/// offered to every builder of that slot and then forgotten, landed or not.
/// </summary>
public sealed partial class ProposerBuilderSeparation
{
    private readonly List<Transaction> _incomingBundles = [];

    /// <summary>The bundles every builder may put at the top of its block this slot, in arrival order.</summary>
    internal List<Transaction> SlotBundles { get; } = [];

    /// <summary>Bundles searchers sent to the builders.</summary>
    public long BundlesReceived { get; private set; }

    /// <summary>Bundles that landed at the top of a winning builder's block.</summary>
    public long BundlesLanded { get; private set; }

    /// <summary>A searcher's trade, sent to every builder for the next block, its bid as its priority fee.</summary>
    internal void SubmitBundle(in Transaction trade)
    {
        _incomingBundles.Add(trade);
        BundlesReceived++;
    }

    /// <summary>Offers the bundles that arrived since the last slot to this slot's builders.</summary>
    private void TakeBundles()
    {
        SlotBundles.Clear();
        SlotBundles.AddRange(_incomingBundles);
        _incomingBundles.Clear();
    }

    /// <summary>
    /// The bundle a builder puts at the top of its block: the best-paying one (highest priority fee
    /// per gas; ties to the earlier arrival, then the lower account) whose sender's next nonce it
    /// carries and who can pay its gas; null when none can.
    /// </summary>
    internal Transaction? BestBundle(RollupChain chain)
    {
        Transaction? best = null;
        foreach (var bundle in SlotBundles)
        {
            if (bundle.Nonce != chain.State.Nonce(bundle.From) || !chain.CanPay(in bundle, paysValue: false))
            {
                continue;
            }

            if (best is not { } b
                || bundle.PriorityFeePerGas > b.PriorityFeePerGas
                || (bundle.PriorityFeePerGas == b.PriorityFeePerGas && (bundle.SubmitTime < b.SubmitTime || (bundle.SubmitTime == b.SubmitTime && bundle.From < b.From))))
            {
                best = bundle;
            }
        }

        return best;
    }

    /// <summary>Counts the winner's bundle, when it landed, as a submitted and included trade (a losing bundle never reached the chain).</summary>
    private void CountLandedBundle(int winner, BlockCandidate candidate)
    {
        var at = _builders[winner].BundleAt;
        if (at < 0 || !candidate.InBlock(at))
        {
            return;
        }

        BundlesLanded++;
        _tally[winner].Bundles++;
        _chain.Metrics.Submitted++;
        _chain.Market?.CountSealedSubmission(in candidate.Transactions.ItemRef(at));
    }
}
