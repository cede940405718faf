using System.Collections.Immutable;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.CrossChain;
using ProtoScript.Engine.Metrics;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Sequencing;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Bundles;

/// <summary>Wires a workload's bundle streams to the run's coordinators and cross-chain hub when a run is assembled.</summary>
internal static class BundleSetup
{
    /// <summary>
    /// One stream per <c>bundles { ... }</c>, in workload order: to the shared sequencer or builder
    /// that holds every rollup of its path (the first declared, if several do), else hop by hop.
    /// </summary>
    public static ImmutableArray<BundleStream> Create(ScenarioModel model, ImmutableArray<RollupChain> rollups, CrossChainHub? hub, ImmutableArray<SlotCoordinator> coordinators, RandomTree random, LatencyRecorder allPaths)
    {
        var streams = model.Workload.Bundles;
        if (streams.IsDefaultOrEmpty || hub is null)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<BundleStream>(streams.Length);
        for (var i = 0; i < streams.Length; i++)
        {
            var stream = streams[i];
            var indexes = stream.Path.Select(name => model.Rollups.IndexOf(model.Rollups.First(r => r.Name == name))).ToImmutableArray();
            var chains = indexes.Select(index => rollups[index]).ToImmutableArray();
            var coordinator = coordinators.FirstOrDefault(c => chains.All(c.Sequences));
            var mode = coordinator is null ? BundleMode.Asynchronous
                : coordinator.ChecksLegs ? BundleMode.AtomicExecution
                : BundleMode.AtomicInclusion;
            if (coordinator is null)
            {
                hub.Bundles ??= new AsynchronousBundles();
            }

            var statistics = new PathStatistics(stream, mode, allPaths);
            result.Add(new BundleStream(stream, chains, indexes, statistics, coordinator, hub.Bundles, random, FormattableString.Invariant($"bundles/{i}")));
        }

        return result.MoveToImmutable();
    }

    /// <summary>The result of <paramref name="streams"/> for the report, or null when there are none.</summary>
    public static BundlesResult? Collect(ImmutableArray<BundleStream> streams, LatencyRecorder allPaths) =>
        streams.IsDefaultOrEmpty ? null : new BundlesResult([.. streams.Select(s => s.Statistics.Collect())], allPaths.Summarize());
}
