using System.Runtime.InteropServices;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Pbs;

/// <summary>
/// One PBS builder of a rollup (<c>builder NAME for A { ... }</c>): for each slot it proposes
/// what it sees, greedily by priority fee: the public mempool's transactions sent at least its
/// latency before the seal time, and its exclusive flow, which waits in its own private pool
/// until one of its blocks includes it.
/// </summary>
internal sealed class PbsBuilder : IBlockBuilder
{
    private readonly ProposerBuilderSeparation _pbs;
    private readonly List<Ranked> _ranked = [];
    private readonly List<Transaction> _proposal = [];

    public PbsBuilder(ProposerBuilderSeparation pbs, PbsBuilderModel model, int index, int account, TransactionPool privatePool)
    {
        _pbs = pbs;
        Model = model;
        Index = index;
        Account = account;
        PrivatePool = privatePool;
    }

    public PbsBuilderModel Model { get; }

    /// <summary>Its position among the rollup's builders (its <c>FeeActor(Role.Builder, Index)</c>).</summary>
    public int Index { get; }

    /// <summary>The account that receives its share of the priority fees.</summary>
    public int Account { get; }

    /// <summary>Its exclusive order flow, until included.</summary>
    public TransactionPool PrivatePool { get; }

    public string Name => Model.Name;

    /// <summary>Whether its last proposal starts with a searcher's bundle.</summary>
    public bool ProposedBundle { get; private set; }

    public IReadOnlyList<Transaction> Propose(RollupChain chain, SimDuration time, ulong gasLimit)
    {
        _ranked.Clear();
        _proposal.Clear();

        // Greedy: the best-paying searcher's bundle goes first, so its trade sees the pool as the last block left it.
        var bundle = _pbs.BestBundle(chain);
        ProposedBundle = bundle is not null;
        if (bundle is { } top)
        {
            _proposal.Add(top);
        }

        var latency = Model.Latency;
        foreach (ref readonly var seen in CollectionsMarshal.AsSpan(_pbs.PublicView))
        {
            // A transaction reaches the builder no sooner than its latency after it was sent.
            if (seen.Tx.SubmitTime + latency <= time)
            {
                _ranked.Add(seen);
            }
        }

        ProposerBuilderSeparation.RankInto(PrivatePool, _pbs.Scratch, _ranked);
        CollectionsMarshal.AsSpan(_ranked).Sort(static (a, b) => Ranked.Compare(in a, in b));

        // Proposing far more than the block holds only costs the candidate's execution: stop once
        // the proposal's gas reaches twice the limit (later ones could fill gaps left by failures).
        ulong gas = bundle?.Gas ?? 0;
        foreach (ref readonly var r in CollectionsMarshal.AsSpan(_ranked))
        {
            _proposal.Add(r.Tx);
            gas += r.Tx.Gas;
            if (gas >= gasLimit * 2)
            {
                break;
            }
        }

        return _proposal;
    }
}

/// <summary>
/// A pending transaction with the tip it is ranked by: the lowest tip of its sender's pending
/// transactions up to it, so that ranking by it keeps each sender's nonce order.
/// </summary>
internal readonly record struct Ranked(Transaction Tx, UInt128 Key)
{
    /// <summary>Higher key first, then the earlier sent, then account and nonce: a total order.</summary>
    public static int Compare(in Ranked a, in Ranked b)
    {
        var byKey = b.Key.CompareTo(a.Key);
        if (byKey != 0)
        {
            return byKey;
        }

        var bySubmit = a.Tx.SubmitTime.CompareTo(b.Tx.SubmitTime);
        if (bySubmit != 0)
        {
            return bySubmit;
        }

        var byFrom = a.Tx.From.CompareTo(b.Tx.From);
        return byFrom != 0 ? byFrom : a.Tx.Nonce.CompareTo(b.Tx.Nonce);
    }
}
