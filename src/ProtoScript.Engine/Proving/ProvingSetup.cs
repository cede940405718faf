using System.Collections.Immutable;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Randomness;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Proving;

/// <summary>Builds a scenario's provers and attaches them to the rollups they prove.</summary>
internal static class ProvingSetup
{
    public static ImmutableArray<ProverPool> Attach(ScenarioModel model, IReadOnlyDictionary<string, RollupChain> rollups, RandomTree random, Simulation.IRuleProvider? rules)
    {
        var pools = ImmutableArray.CreateBuilder<ProverPool>(model.Provers.Length);
        for (var i = 0; i < model.Provers.Length; i++)
        {
            var provers = model.Provers[i];
            var stream = random.Stream(FormattableString.Invariant($"provers/{i}/selection"));
            var pool = new ProverPool(provers, i, random, Simulation.RuleRegistry.ProverSelection.Resolve(provers, rules, stream));
            foreach (var name in provers.Rollups)
            {
                var chain = rollups[name];
                chain.Proving = new RollupProving(pool, chain.Model);
            }

            pools.Add(pool);
        }

        return pools.MoveToImmutable();
    }
}
