using System.Collections.Immutable;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.CrossChain;
using ProtoScript.Engine.Randomness;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Sequencing;

/// <summary>Builds a run's slot coordinators (shared sequencers and cross-chain builders) from the scenario.</summary>
internal static class SlotCoordinatorSetup
{
    /// <summary>
    /// The scenario's shared sequencers (each with the builder of its rollups, if any), then the
    /// builders of rollups without a shared sequencer; each registered with the hub for bundles.
    /// </summary>
    public static ImmutableArray<SlotCoordinator> Create(ScenarioModel model, IReadOnlyDictionary<string, RollupChain> byName, CrossChainHub? hub, RandomTree random, Simulation.IRuleProvider? rules = null)
    {
        var result = ImmutableArray.CreateBuilder<SlotCoordinator>();
        var paired = new HashSet<BuilderModel>();
        foreach (var shared in model.SharedSequencers)
        {
            // The binder lets a builder share rollups with a sequencer only when it lists exactly its rollups.
            var builder = model.Builders.FirstOrDefault(b => b.Rollups.Intersect(shared.Rollups).Any());
            if (builder is not null)
            {
                paired.Add(builder);
            }

            result.Add(SlotCoordinator.Shared(shared, Members(shared.Rollups, model, byName), random, builder, rules));
        }

        foreach (var builder in model.Builders.Where(b => !paired.Contains(b)))
        {
            result.Add(SlotCoordinator.Builder(builder, Members(builder.Rollups, model, byName)));
        }

        // Last, so that the runs without one keep their event order: a rollup whose own sequencer is a set of nodes.
        foreach (var rollup in model.Rollups.Where(r => r.Sequencer.Consensus is not null))
        {
            result.Add(SlotCoordinator.ForSet(byName[rollup.Name], rules));
        }

        hub?.Coordinators.AddRange(result);
        return result.ToImmutable();
    }

    // Members in scenario order, so blocks of one slot are sealed in the order the rollups are declared.
    private static ImmutableArray<RollupChain> Members(ImmutableArray<string> names, ScenarioModel model, IReadOnlyDictionary<string, RollupChain> byName) =>
        [.. model.Rollups.Where(r => names.Contains(r.Name)).Select(r => byName[r.Name])];
}
