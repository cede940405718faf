using System.Collections.Immutable;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Randomness;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.CrossChain;

/// <summary>Wires a workload stream's cross-chain share to the hub when a run is assembled.</summary>
internal static class CrossChainTraffic
{
    /// <summary>
    /// The cross-chain traffic of <paramref name="stream"/> on <paramref name="source"/>: to the
    /// stream's other rollups that have users; null when there is no hub or no such rollup.
    /// </summary>
    public static CrossChainUsers? ForStream(
        CrossChainHub? hub,
        ScenarioModel model,
        UserStreamModel stream,
        string source,
        IReadOnlyDictionary<string, RollupChain> byName,
        RandomTree random,
        string randomPath)
    {
        if (hub is null)
        {
            return null;
        }

        var destinations = ImmutableArray.CreateBuilder<RollupCrossChain>();
        foreach (var name in stream.Rollups)
        {
            if (name != source && byName[name].UserAccounts > 0)
            {
                destinations.Add(hub.Endpoint(model.Rollups.IndexOf(model.Rollups.First(r => r.Name == name))));
            }
        }

        return destinations.Count == 0
            ? null
            : new CrossChainUsers(model.Workload.CrossChain.Share, byName[source], destinations.ToImmutable(), random, randomPath) { Hub = hub };
    }
}
