using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Randomness;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Proving;

/// <summary>Builds a scenario's provers and the proving part of each rollup they prove.</summary>
internal static class ProvingSetup
{
    /// <summary>The proving of each proven rollup, by rollup name, for its <see cref="RollupParts.Proving"/>.</summary>
    public static Dictionary<string, RollupProving> Create(ScenarioModel model, RandomTree random, Simulation.IRuleProvider? rules)
    {
        var proving = new Dictionary<string, RollupProving>(StringComparer.Ordinal);
        for (var i = 0; i < model.Provers.Length; i++)
        {
            var provers = model.Provers[i];
            var stream = random.Stream(FormattableString.Invariant($"provers/{i}/selection"));
            var bids = provers.Selection.MarketProvers.Select(p => Simulation.RuleRegistry.ProverBid.Resolve(p, rules)).ToList();
            var pool = new ProverPool(provers, i, random, Simulation.RuleRegistry.ProverSelection.Resolve(provers, rules, stream), bids);
            foreach (var name in provers.Rollups)
            {
                proving.Add(name, new RollupProving(pool, model.Rollups.First(r => r.Name == name), model.L1.SlotTime));
            }
        }

        return proving;
    }
}
