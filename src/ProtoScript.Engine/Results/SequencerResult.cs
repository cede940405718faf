using System.Collections.Immutable;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Results;

/// <summary>What a shared sequencer or cross-chain builder did over the run.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Kind">A shared sequencer (enshrined or external) or a builder; reports name it.</param>
/// <param name="Rollups">The rollups whose blocks it produced.</param>
/// <param name="Slots">Slots sealed.</param>
/// <param name="ExtraRounds">Slots with a faulty proposer, which took an extra consensus round.</param>
/// <param name="MeanDelay">The mean time from slot start to sealing (consensus and hop).</param>
/// <param name="BundlesIncluded">Cross-chain bundles included with both legs.</param>
/// <param name="BundlesDropped">Bundles dropped before inclusion because a leg would have failed.</param>
/// <param name="BundleTips">The priority fees of the bundles' legs, in wei.</param>
public sealed record SequencerResult(
    string Name,
    Sequencing.CoordinatorKind Kind,
    ImmutableArray<string> Rollups,
    long Slots,
    long ExtraRounds,
    SimDuration MeanDelay,
    long BundlesIncluded,
    long BundlesDropped,
    UInt128 BundleTips)
{
    /// <summary>An external network's fee (<c>fee = ...</c>) by rollup, or null when it charges none.</summary>
    public SharedLayerFeesResult? Layer { get; init; }

    /// <summary>The rollups' data posted in shared blobs (<c>aggregate_data = true</c>), or null.</summary>
    public DataAggregationResult? Aggregation { get; init; }

    /// <summary>What the set of nodes behind it did (a rollup's BFT or Raft set), or null.</summary>
    public ConsensusResult? Consensus { get; init; }

    /// <inheritdoc />
    public bool Equals(SequencerResult? other) =>
        other is not null && Name == other.Name && Kind == other.Kind && Rollups.SequenceEqual(other.Rollups) && Slots == other.Slots
        && ExtraRounds == other.ExtraRounds && MeanDelay == other.MeanDelay && BundlesIncluded == other.BundlesIncluded
        && BundlesDropped == other.BundlesDropped && BundleTips == other.BundleTips && Equals(Layer, other.Layer) && Equals(Aggregation, other.Aggregation)
        && Equals(Consensus, other.Consensus);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Slots, BundlesIncluded);
}
