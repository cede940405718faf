using System.Collections.Immutable;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Randomness;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Proving;

/// <summary>Supplies the chooser of a <c>provers</c> block whose selection is a C# hook (compiled outside the engine).</summary>
public interface IProverChooserResolver
{
    /// <summary>The chooser for <paramref name="provers"/>, or null when its selection is built in.</summary>
    /// <param name="provers">The <c>provers</c> block.</param>
    /// <param name="random">The block's own selection stream of this run, for the hook's random draws.</param>
    IProverChooser? Resolve(ProversModel provers, RandomStream random);
}

/// <summary>Builds a scenario's provers and attaches them to the rollups they prove.</summary>
internal static class ProvingSetup
{
    public static ImmutableArray<ProverPool> Attach(ScenarioModel model, IReadOnlyDictionary<string, RollupChain> rollups, RandomTree random, IProverChooserResolver? choosers)
    {
        var pools = ImmutableArray.CreateBuilder<ProverPool>(model.Provers.Length);
        for (var i = 0; i < model.Provers.Length; i++)
        {
            var provers = model.Provers[i];
            var stream = random.Stream(FormattableString.Invariant($"provers/{i}/selection"));
            var pool = new ProverPool(provers, i, random, choosers?.Resolve(provers, stream));
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
