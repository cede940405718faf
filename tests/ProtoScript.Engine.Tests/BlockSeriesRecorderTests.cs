using System.Collections.Immutable;
using ProtoScript.Engine.Metrics;
using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class BlockSeriesRecorderTests
{
    private static readonly ImmutableArray<SeriesColumn> Columns =
        [new("level", "wei", SeriesAggregate.Mean), new("flow", "gas", SeriesAggregate.Sum)];

    [Fact]
    public void Below_the_capacity_every_block_is_a_point()
    {
        var recorder = new BlockSeriesRecorder(Columns, capacity: 4);
        Record(recorder, 1, 3);

        var series = recorder.ToResult();
        Assert.Equal(1, series.BlocksPerPoint);
        Assert.Equal([1L, 2, 3], series.Points.Select(p => p.FirstBlock));
        Assert.Equal([(Int128)10, 20, 30], series.Points.Select(p => p.Values[0]));
    }

    [Fact]
    public void At_the_capacity_pairs_merge_levels_averaging_and_flows_adding()
    {
        // Capacity 4: blocks 1-4 fill it and merge into (1-2)(3-4); blocks 5-8 add (5-6)(7-8) and
        // merge again into (1-4)(5-8); block 9 waits in an unfinished point of its own.
        var recorder = new BlockSeriesRecorder(Columns, capacity: 4);
        Record(recorder, 1, 9);

        var series = recorder.ToResult();
        Assert.Equal(4, series.BlocksPerPoint);
        Assert.Equal([(1L, 4L), (5L, 8L), (9L, 9L)], series.Points.Select(p => (p.FirstBlock, p.LastBlock)));

        // Block n has level 10·n and flow n: means (10+20+30+40)/4 = 25 and 65, sums 10 and 26.
        Assert.Equal([(Int128)25, 65, 90], series.Points.Select(p => p.Values[0]));
        Assert.Equal([(Int128)10, 26, 9], series.Points.Select(p => p.Values[1]));
        Assert.Equal(SimDuration.FromSeconds(8), series.Points[1].Time);
    }

    [Fact]
    public void A_reorg_takes_back_the_points_of_the_blocks_it_dropped()
    {
        var recorder = new BlockSeriesRecorder(Columns, capacity: 8);
        Record(recorder, 1, 5);

        recorder.TruncateAfter(3);
        Record(recorder, 4, 4);

        Assert.Equal([1L, 2, 3, 4], recorder.ToResult().Points.Select(p => p.LastBlock));
    }

    [Fact]
    public void A_capacity_that_cannot_halve_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlockSeriesRecorder(Columns, capacity: 3));
    }

    private static void Record(BlockSeriesRecorder recorder, long from, long to)
    {
        for (var n = from; n <= to; n++)
        {
            recorder.Record(n, SimDuration.FromSeconds(n), [10 * n, n]);
        }
    }
}
