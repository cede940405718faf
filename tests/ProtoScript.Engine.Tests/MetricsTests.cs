using ProtoScript.Engine.Metrics;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class MetricsTests
{
    [Fact]
    public void Percentiles_use_the_nearest_rank_of_exact_values()
    {
        var recorder = new LatencyRecorder();
        for (var i = 100; i >= 1; i--)
        {
            recorder.Record(new SimDuration(i));
        }

        var summary = recorder.Summarize();
        Assert.Equal(100, summary.Samples);
        Assert.Equal(new SimDuration(50), summary.P50);
        Assert.Equal(new SimDuration(95), summary.P95);
        Assert.Equal(new SimDuration(99), summary.P99);
    }

    [Fact]
    public void Percentiles_of_few_samples_round_the_rank_up()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(new SimDuration(10));
        recorder.Record(new SimDuration(30));
        recorder.Record(new SimDuration(20));

        var summary = recorder.Summarize();
        Assert.Equal(new SimDuration(20), summary.P50);
        Assert.Equal(new SimDuration(30), summary.P95);
        Assert.Equal(new SimDuration(30), summary.P99);
    }

    [Fact]
    public void No_samples_give_an_empty_summary()
    {
        Assert.Equal(0, new LatencyRecorder().Summarize().Samples);
    }
}
