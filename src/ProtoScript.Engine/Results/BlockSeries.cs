using System.Collections.Immutable;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Results;

/// <summary>How a series column folds the blocks a point covers.</summary>
public enum SeriesAggregate
{
    /// <summary>A level (a fee, a queue length): the mean over the point's blocks, rounded toward zero.</summary>
    Mean,

    /// <summary>A flow (gas, fees paid, MEV): the sum over the point's blocks.</summary>
    Sum,
}

/// <summary>One column of a rollup's time series.</summary>
/// <param name="Name">Its name, e.g. <c>base_fee</c> or <c>fees.sequencer</c>.</param>
/// <param name="Unit">Its unit: <c>wei</c> (per gas for fees per gas), <c>gas</c>, <c>count</c>, <c>bp</c>, or a token's name (its smallest unit).</param>
/// <param name="Aggregate">How a point folds its blocks.</param>
/// <param name="Decimals">For a token amount, the token's decimals (10^Decimals smallest units are one token); else 0.</param>
public sealed record SeriesColumn(string Name, string Unit, SeriesAggregate Aggregate, int Decimals = 0);

/// <summary>One point of a time series: a run of consecutive blocks and each column's value over them.</summary>
/// <param name="FirstBlock">The first block the point covers.</param>
/// <param name="LastBlock">The last block it covers.</param>
/// <param name="Time">When its last block was sealed.</param>
/// <param name="Values">Each column's value, in column order (means rounded toward zero, sums exact).</param>
public sealed record SeriesPoint(long FirstBlock, long LastBlock, SimDuration Time, ImmutableArray<Int128> Values)
{
    /// <inheritdoc />
    public bool Equals(SeriesPoint? other) =>
        other is not null && FirstBlock == other.FirstBlock && LastBlock == other.LastBlock && Time == other.Time && Values.AsSpan().SequenceEqual(other.Values.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(FirstBlock, LastBlock, Time);
}

/// <summary>
/// A rollup's per-block time series, with bounded memory: one point per block until
/// <see cref="Capacity"/> points, then adjacent pairs merge (so each point covers twice the
/// blocks) whenever the points fill up again. Every point but the last covers
/// <see cref="BlocksPerPoint"/> blocks.
/// </summary>
/// <param name="Capacity">The most points kept.</param>
/// <param name="BlocksPerPoint">Blocks per point (a power of two).</param>
/// <param name="Columns">What each value is.</param>
/// <param name="Points">The points, in block order.</param>
public sealed record BlockSeries(int Capacity, long BlocksPerPoint, ImmutableArray<SeriesColumn> Columns, ImmutableArray<SeriesPoint> Points)
{
    /// <inheritdoc />
    public bool Equals(BlockSeries? other) =>
        other is not null && Capacity == other.Capacity && BlocksPerPoint == other.BlocksPerPoint
        && Columns.AsSpan().SequenceEqual(other.Columns.AsSpan()) && Points.AsSpan().SequenceEqual(other.Points.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Capacity, BlocksPerPoint, Columns.Length, Points.Length);
}
