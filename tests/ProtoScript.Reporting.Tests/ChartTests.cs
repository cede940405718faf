using ProtoScript.Engine.Metrics;
using ProtoScript.Language.Model;
using ProtoScript.Reporting.Charts;

namespace ProtoScript.Reporting.Tests;

public class ChartTests
{
    [Fact]
    public void Ticks_fall_on_one_two_or_five_times_a_power_of_ten_and_cover_the_data()
    {
        Assert.Equal([0, 20, 40, 60, 80, 100], ChartAxis.Ticks(0, 97));
        Assert.Equal([0, 0.05, 0.1, 0.15, 0.2, 0.25], ChartAxis.Ticks(0, 0.23));
        Assert.Equal([10, 12, 14, 16, 18, 20], ChartAxis.Ticks(10.3, 19.9));
        Assert.Equal([0, 500_000, 1_000_000, 1_500_000], ChartAxis.Ticks(0, 1_500_000));
    }

    [Fact]
    public void A_flat_series_still_gets_an_axis_around_its_value()
    {
        var ticks = ChartAxis.Ticks(4, 4);
        Assert.True(ticks[0] < 4 && ticks[^1] > 4);
    }

    [Fact]
    public void Logarithmic_ticks_span_whole_decades_with_one_two_five_inside()
    {
        Assert.Equal([0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000], ChartAxis.LogTicks(0.3, 800));
        Assert.Equal([0.001, 0.01, 0.1, 1, 10, 100, 1000], ChartAxis.LogTicks(0.002, 900));
    }

    [Theory]
    [InlineData(0d, "0")]
    [InlineData(12_500_000d, "12.5M")]
    [InlineData(2_000d, "2k")]
    [InlineData(0.0025, "0.0025")]
    [InlineData(1.5e12, "1.5T")]
    [InlineData(-3_000d, "-3k")]
    [InlineData(123.456, "123.5")]
    public void Tick_labels_are_short_with_si_suffixes(double value, string label)
    {
        Assert.Equal(label, ChartAxis.Format(value));
    }

    [Fact]
    public void A_line_chart_draws_a_polyline_per_series_and_titles_both_axes_with_units()
    {
        var svg = new LineChart("fees", new ChartAxis("time", "s"), new ChartAxis("fee", "gwei"))
            .Add("A", [(0, 1), (1, 2), (2, 4)], [(0.5, 1.5), (1.5, 2.5), (3, 5)])
            .Add("B", [(0, 2), (1, double.NaN), (2, 3)])
            .ToSvg();

        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(svg, "<polyline class=\"series\"").Count);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(svg, "<polygon class=\"band\""));
        Assert.Contains(">time (s)</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">fee (gwei)</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">95 % confidence interval</text>", svg, StringComparison.Ordinal);

        // B's missing point is left out: its line has two points.
        var b = System.Text.RegularExpressions.Regex.Matches(svg, "points=\"([^\"]*)\"><title>B</title>")[0].Groups[1].Value;
        Assert.Equal(2, b.Trim().Split(' ').Length);
    }

    [Fact]
    public void A_heatmap_has_a_cell_per_combination_with_its_value_written_in()
    {
        var svg = new Heatmap("latency", "block_time", "batch", ["1 s", "2 s"], ["12 s", "1 min"], new double[,] { { 1, 2 }, { 3, double.NaN } }, "s").ToSvg();

        Assert.Equal(4, System.Text.RegularExpressions.Regex.Matches(svg, "<rect class=\"cell\"").Count);
        Assert.Contains("<title>1 min, 1 s: 3 s</title>", svg, StringComparison.Ordinal);
        Assert.Contains("<title>1 min, 2 s: no value</title>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Latency_quantiles_are_the_nearest_rank_value_at_every_percentile()
    {
        var recorder = new LatencyRecorder();
        for (var i = 200; i >= 1; i--)
        {
            recorder.Record(new SimDuration(i * 10));
        }

        var summary = recorder.Summarize();

        // 200 samples 10, 20, …, 2000: percentile p is rank 2p, value 20p.
        var q = summary.Quantiles!.Percentiles;
        Assert.Equal(100, q.Length);
        Assert.Equal(20, q[0]);
        Assert.Equal(1000, q[49]);
        Assert.Equal(2000, q[99]);
        Assert.Equal(summary.P50.Microseconds, q[49]);
        Assert.Equal(summary.P95.Microseconds, q[94]);
        Assert.Equal(summary.P99.Microseconds, q[98]);
        Assert.Equal(1020, summary.Shift(new SimDuration(20)).Quantiles!.Percentiles[49]);
    }

    [Fact]
    public void Latency_quantiles_past_the_exact_samples_agree_with_the_histogram_percentiles()
    {
        var recorder = new LatencyRecorder();
        for (var i = 0; i < LatencyRecorder.ExactSamples + 1000; i++)
        {
            recorder.Record(new SimDuration(1_000_000 + (i * 37 % 5_000_000)));
        }

        var summary = recorder.Summarize();

        Assert.False(recorder.IsExact);
        Assert.Equal(summary.P50.Microseconds, summary.Quantiles!.Percentiles[49]);
        Assert.Equal(summary.P99.Microseconds, summary.Quantiles.Percentiles[98]);
        Assert.True(summary.Quantiles.Percentiles.Zip(summary.Quantiles.Percentiles.Skip(1)).All(p => p.First <= p.Second));
    }
}
