using ProtoScript.Engine.Metrics;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class LatencyRecorderHistogramTests
{
    [Fact]
    public void Up_to_the_exact_limit_percentiles_are_the_exact_nearest_rank_values()
    {
        var recorder = new LatencyRecorder();
        // 1 .. 65 536 µs in a scrambled order: nearest ranks are ceil(p × n / 100).
        for (long i = 0; i < LatencyRecorder.ExactSamples; i++)
        {
            recorder.Record(new SimDuration(((i * 40_503) % LatencyRecorder.ExactSamples) + 1));
        }

        var summary = recorder.Summarize();

        Assert.True(recorder.IsExact);
        Assert.Equal(32_768, summary.P50.Microseconds);
        Assert.Equal(62_260, summary.P95.Microseconds); // ceil(0.95 × 65 536) = 62 260 (62 259.2 rounded up)
        Assert.Equal(64_881, summary.P99.Microseconds); // ceil(0.99 × 65 536) = 64 881 (64 880.64 rounded up)
    }

    [Fact]
    public void Past_the_exact_limit_a_percentile_is_its_buckets_highest_value()
    {
        var recorder = new LatencyRecorder();
        for (long v = 1; v <= 100_000; v++)
        {
            recorder.Record(new SimDuration(v));
        }

        var summary = recorder.Summarize();

        // Exact: 50 000, 95 000, 99 000. Between 2^15 and 2^16 buckets are 8 µs wide
        // (50 000 is in [50 000, 50 007]); between 2^16 and 2^17, 16 µs ([94 992, 95 007], [98 992, 99 007]).
        Assert.False(recorder.IsExact);
        Assert.Equal(100_000, summary.Samples);
        Assert.Equal(50_007, summary.P50.Microseconds);
        Assert.Equal(95_007, summary.P95.Microseconds);
        Assert.Equal(99_007, summary.P99.Microseconds);
    }

    [Fact]
    public void Past_the_exact_limit_values_below_8192_microseconds_stay_exact()
    {
        var recorder = new LatencyRecorder();
        for (var i = 0; i < 100_000; i++)
        {
            recorder.Record(new SimDuration(i < 50_000 ? 1_000 : 8_191));
        }

        var summary = recorder.Summarize();

        Assert.Equal(1_000, summary.P50.Microseconds);
        Assert.Equal(8_191, summary.P95.Microseconds);
    }

    [Fact]
    public void A_percentile_is_never_reported_above_the_largest_sample()
    {
        var recorder = new LatencyRecorder();
        for (var i = 0; i < 100_000; i++)
        {
            recorder.Record(new SimDuration(1_000_001)); // its bucket spans 999 936 .. 1 000 063
        }

        Assert.Equal(1_000_001, recorder.Summarize().P99.Microseconds);
    }
}
