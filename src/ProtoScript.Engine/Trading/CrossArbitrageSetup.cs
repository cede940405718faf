using System.Collections.Immutable;
using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Sequencing;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Trading;

/// <summary>Wires a workload's <c>cross_arbitrage</c> paths to the run's rollups and coordinators when a run is assembled.</summary>
internal static class CrossArbitrageSetup
{
    /// <summary>One desk per path, in workload order; an atomic path's bundles go to the first coordinator that holds both its rollups.</summary>
    public static ImmutableArray<CrossArbitrageDesk> Create(ScenarioModel model, ImmutableArray<RollupChain> rollups, ImmutableArray<SlotCoordinator> coordinators, RandomTree random)
    {
        var paths = model.Workload.CrossArbitrage;
        if (paths.IsDefaultOrEmpty)
        {
            return [];
        }

        var desks = ImmutableArray.CreateBuilder<CrossArbitrageDesk>(paths.Length);
        var routers = new Dictionary<RollupMarket, Router>();
        for (var i = 0; i < paths.Length; i++)
        {
            var path = paths[i];
            var indexes = path.Path.Select(name => model.Rollups.IndexOf(model.Rollups.First(r => r.Name == name))).ToImmutableArray();
            var chains = indexes.Select(index => rollups[index]).ToImmutableArray();
            var coordinator = path.Mode == CrossArbitrageMode.Atomic
                ? coordinators.FirstOrDefault(c => chains.All(c.Sequences)) ?? throw new ArgumentException($"cross_arbitrage {path.Name}: no shared sequencer or builder holds both rollups.", nameof(model))
                : null;
            var desk = new CrossArbitrageDesk(path, i, chains, indexes, coordinator, random);
            desks.Add(desk);
            foreach (var chain in chains)
            {
                var market = chain.Market!;
                if (!routers.TryGetValue(market, out var router))
                {
                    router = new Router();
                    routers.Add(market, router);
                    market.SearcherSwaps = router;
                }

                router.Desks.Add(desk);
            }
        }

        return desks.MoveToImmutable();
    }

    // A market's searcher swaps go to every desk that trades on it; each keeps only its own searchers'.
    private sealed class Router : ISearcherSwapListener
    {
        public List<ISearcherSwapListener> Desks { get; } = [];

        public void OnSwap(RollupChain chain, in Transaction tx, in SwapResult result, RejectReason? reason, UInt128 feesWei)
        {
            foreach (var desk in Desks)
            {
                desk.OnSwap(chain, in tx, in result, reason, feesWei);
            }
        }
    }
}
