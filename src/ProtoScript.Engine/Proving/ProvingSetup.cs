using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Randomness;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Proving;

/// <summary>Builds a scenario's provers and the proving part of each rollup they prove.</summary>
internal static class ProvingSetup
{
    /// <summary>The proving of each proven rollup, by rollup name, for its <see cref="RollupParts.Proving"/>.</summary>
    /// <remarks>A <c>provers</c> block with <c>verification</c> also gets a <see cref="ProofVerifier"/>, in <paramref name="verifiers"/>, to start with the run.</remarks>
    public static Dictionary<string, RollupProving> Create(ScenarioModel model, RandomTree random, Simulation.IRuleProvider? rules, L1Chain l1, List<ProofVerifier> verifiers)
    {
        var proving = new Dictionary<string, RollupProving>(StringComparer.Ordinal);
        for (var i = 0; i < model.Provers.Length; i++)
        {
            var provers = model.Provers[i];
            var stream = random.Stream(FormattableString.Invariant($"provers/{i}/selection"));
            var bids = provers.Selection.MarketProvers.Select(p => Simulation.RuleRegistry.ProverBid.Resolve(p, rules)).ToList();
            var pool = new ProverPool(provers, i, random, Simulation.RuleRegistry.ProverSelection.Resolve(provers, rules, stream), bids);
            var members = System.Collections.Immutable.ImmutableArray.CreateBuilder<RollupProving>(provers.Rollups.Length);
            foreach (var name in provers.Rollups)
            {
                var rollup = new RollupProving(pool, model.Rollups.First(r => r.Name == name), model.L1.SlotTime);
                proving.Add(name, rollup);
                members.Add(rollup);
            }

            if (provers.Verification is not null)
            {
                verifiers.Add(new ProofVerifier(pool, i, members.MoveToImmutable(), l1));
            }
        }

        return proving;
    }
}
