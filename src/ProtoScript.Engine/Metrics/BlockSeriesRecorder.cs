using System.Collections.Immutable;
using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Metrics;

/// <summary>
/// Records one value per column for every block a rollup seals, in bounded memory: a point per
/// block until <see cref="Capacity"/> points are held, then adjacent pairs merge (sums add,
/// means average by block count) and later points gather twice as many blocks. Merging is by
/// position only, so the series depends on nothing but the blocks.
/// </summary>
public sealed class BlockSeriesRecorder
{
    /// <summary>The most points a series keeps unless told otherwise.</summary>
    public const int DefaultCapacity = 2048;

    private readonly ImmutableArray<SeriesColumn> _columns;
    private readonly List<Bucket> _points = [];
    private Bucket? _open;
    private long _stride = 1;

    /// <summary>Creates a recorder for <paramref name="columns"/>, keeping at most <paramref name="capacity"/> points (even, at least 2).</summary>
    public BlockSeriesRecorder(ImmutableArray<SeriesColumn> columns, int capacity = DefaultCapacity)
    {
        if (capacity < 2 || capacity % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "the capacity must be even and at least 2");
        }

        _columns = columns;
        Capacity = capacity;
    }

    /// <summary>The most points kept.</summary>
    public int Capacity { get; }

    /// <summary>The columns, in value order.</summary>
    public ImmutableArray<SeriesColumn> Columns => _columns;

    /// <summary>Records block <paramref name="number"/>, sealed at <paramref name="time"/>, with one value per column.</summary>
    public void Record(long number, SimDuration time, ReadOnlySpan<Int128> values)
    {
        if (values.Length != _columns.Length)
        {
            throw new ArgumentException("one value per column is needed", nameof(values));
        }

        var open = _open ??= new Bucket(number, _columns.Length);
        open.Add(number, time, values);
        if (open.Blocks < _stride)
        {
            return;
        }

        _points.Add(open);
        _open = null;
        if (_points.Count == Capacity)
        {
            for (var i = 0; i < Capacity / 2; i++)
            {
                _points[i] = _points[2 * i].MergedWith(_points[(2 * i) + 1]);
            }

            _points.RemoveRange(Capacity / 2, Capacity / 2);
            _stride *= 2;
        }
    }

    /// <summary>
    /// Takes back the blocks after <paramref name="lastKept"/> (a reorg): points that start after it
    /// go. A point that merged kept and taken-back blocks keeps both (only when a merge happened
    /// inside the reorg's window).
    /// </summary>
    public void TruncateAfter(long lastKept)
    {
        if (_open is { } open && open.FirstBlock > lastKept)
        {
            _open = null;
        }

        while (_points.Count > 0 && _points[^1].FirstBlock > lastKept)
        {
            _points.RemoveAt(_points.Count - 1);
        }
    }

    /// <summary>The series so far (the block gathering into an unfinished point included).</summary>
    public BlockSeries ToResult()
    {
        var points = ImmutableArray.CreateBuilder<SeriesPoint>(_points.Count + 1);
        foreach (var bucket in _open is null ? _points : _points.Append(_open))
        {
            points.Add(bucket.ToPoint(_columns));
        }

        return new BlockSeries(Capacity, _stride, _columns, points.ToImmutable());
    }

    private sealed class Bucket(long firstBlock, int columns)
    {
        private readonly Int128[] _sums = new Int128[columns];

        public long FirstBlock { get; private set; } = firstBlock;

        public long LastBlock { get; private set; }

        public SimDuration Time { get; private set; }

        public long Blocks { get; private set; }

        public void Add(long number, SimDuration time, ReadOnlySpan<Int128> values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                _sums[i] += values[i];
            }

            LastBlock = number;
            Time = time;
            Blocks++;
        }

        public Bucket MergedWith(Bucket later)
        {
            var merged = new Bucket(FirstBlock, _sums.Length) { LastBlock = later.LastBlock, Time = later.Time, Blocks = Blocks + later.Blocks };
            for (var i = 0; i < _sums.Length; i++)
            {
                merged._sums[i] = _sums[i] + later._sums[i];
            }

            return merged;
        }

        public SeriesPoint ToPoint(ImmutableArray<SeriesColumn> columns) =>
            new(FirstBlock, LastBlock, Time, [.. _sums.Select((sum, i) => columns[i].Aggregate == SeriesAggregate.Mean ? sum / Blocks : sum)]);
    }
}
