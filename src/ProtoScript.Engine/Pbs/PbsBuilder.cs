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

    /// <summary>Where its last proposal holds a searcher's bundle (at the top, unless its strategy hook moved it), or -1 when none.</summary>
    public int BundleAt { get; private set; } = -1;

    public IReadOnlyList<Transaction> Propose(RollupChain chain, SimDuration time, ulong gasLimit)
    {
        _ranked.Clear();
        _proposal.Clear();

        // Greedy: the best-paying searcher's bundle goes first, so its trade sees the pool as the last block left it.
        var bundle = _pbs.BestBundle(chain);
        BundleAt = bundle is null ? -1 : 0;
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
        if (_pbs.Rules.StrategyOf(Index) is { } strategy)
        {
            return Ordered(strategy, chain, time, gasLimit);
        }

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

    // The strategy hook's order of everything the builder sees: its bundle first, then the ranked
    // transactions, all of them (the hook, not a gas cap, decides what is worth proposing).
    private List<Transaction> Ordered(IBuilderStrategyRule strategy, RollupChain chain, SimDuration time, ulong gasLimit)
    {
        var sources = new List<BuilderSource>(_proposal.Count + _ranked.Count);
        if (_proposal.Count > 0)
        {
            sources.Add(BuilderSource.Bundle);
        }

        foreach (ref readonly var r in CollectionsMarshal.AsSpan(_ranked))
        {
            _proposal.Add(r.Tx);
            sources.Add(_pbs.ExclusiveBuilderOf(r.Tx.From) == Index ? BuilderSource.Exclusive : BuilderSource.Public);
        }

        var seen = _proposal.ToArray();
        var block = (ulong)chain.Metrics.Blocks + 1;
        IReadOnlyList<int> order;
        try
        {
            order = strategy.Order(new BuilderOrderSituation(block, time, Name, gasLimit, seen, sources));
        }
        catch (Exception e) when (e is not (Simulation.RuleFailedException or OutOfMemoryException))
        {
            // The hook's own diagnostic, with the simulated time and block only the engine knows.
            throw new Simulation.RuleFailedException(chain.Model.Name, time, (long)block, e);
        }

        _proposal.Clear();
        var bundleAt = -1;
        for (var i = 0; i < order.Count; i++)
        {
            if (BundleAt == 0 && order[i] == 0)
            {
                bundleAt = i;
            }

            _proposal.Add(seen[order[i]]);
        }

        BundleAt = bundleAt;
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
