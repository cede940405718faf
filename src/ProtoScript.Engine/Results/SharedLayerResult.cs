using System.Collections.Immutable;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Results;

/// <summary>What one rollup paid an external shared sequencer's network.</summary>
/// <param name="Rollup">The rollup's name.</param>
/// <param name="Fee">Its blocks' gas × the network's fee per gas, in wei.</param>
public sealed record SharedLayerFee(string Rollup, UInt128 Fee);

/// <summary>The fee an external shared sequencer's network charged (<c>fee = ...</c>), by rollup.</summary>
/// <param name="FeePerGas">The fee per gas, in wei.</param>
/// <param name="Rollups">What each rollup paid, in the sequencer's order.</param>
public sealed record SharedLayerFeesResult(UInt128 FeePerGas, ImmutableArray<SharedLayerFee> Rollups)
{
    /// <summary>True when a C# hook priced each block (<c>fee = csharp ...</c>); <see cref="FeePerGas"/> is then 0.</summary>
    public bool Hooked { get; init; }

    /// <summary>Everything the network was paid, in wei: the sum of the rollups' fees.</summary>
    public UInt128 Total => Rollups.Aggregate(UInt128.Zero, (sum, r) => sum + r.Fee);

    /// <inheritdoc />
    public bool Equals(SharedLayerFeesResult? other) => other is not null && FeePerGas == other.FeePerGas && Hooked == other.Hooked && Rollups.SequenceEqual(other.Rollups);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(FeePerGas, Rollups.Length);
}

/// <summary>One rollup's data in the shared blobs of a DA aggregator.</summary>
/// <param name="Rollup">The rollup's name.</param>
/// <param name="Bytes">The bytes of its frames in landed shared postings.</param>
/// <param name="Paid">Its part of those postings' L1 fees, split by the sequencer's rule, in wei.</param>
/// <param name="Alone">What the same frames would have cost in postings of their own at the same L1 blocks' fees, in wei.</param>
public sealed record AggregatedRollupDa(string Rollup, ulong Bytes, UInt128 Paid, UInt128 Alone)
{
    /// <summary>How <see cref="Paid"/> was split: by bytes, equally or by a C# hook.</summary>
    public DaCostSplitRule Split { get; init; }
}

/// <summary>What a shared sequencer's DA aggregation (<c>aggregate_data = true</c>) posted and how its cost was split.</summary>
/// <param name="Postings">Shared L1 transactions that landed.</param>
/// <param name="Blobs">Blobs they carried.</param>
/// <param name="Rollups">Each rollup's part, in the sequencer's order.</param>
public sealed record DataAggregationResult(long Postings, ulong Blobs, ImmutableArray<AggregatedRollupDa> Rollups)
{
    /// <summary>How each posting's cost was split: by bytes, equally or by a C# hook.</summary>
    public DaCostSplitRule Split { get; init; }

    /// <summary>Everything the shared postings cost, in wei: the sum of the rollups' parts.</summary>
    public UInt128 Paid => Rollups.Aggregate(UInt128.Zero, (sum, r) => sum + r.Paid);

    /// <summary>What the rollups' data would have cost posted separately, in wei.</summary>
    public UInt128 Alone => Rollups.Aggregate(UInt128.Zero, (sum, r) => sum + r.Alone);

    /// <inheritdoc />
    public bool Equals(DataAggregationResult? other) => other is not null && Postings == other.Postings && Blobs == other.Blobs && Split == other.Split && Rollups.SequenceEqual(other.Rollups);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Postings, Blobs, Rollups.Length);
}
