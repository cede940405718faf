using ProtoScript.Language.Model;

namespace ProtoScript.Reporting.Tests;

public class ExpectationMetricTests
{
    [Theory]
    [InlineData("A", "latency.p99", 1_999_999)]
    [InlineData("A", "latency.soft.p99", 1_999_999)]
    [InlineData("A", "latency.hard.p95", 50_500_000)]
    [InlineData("A", "latency.final.p50", 798_000_000)]
    [InlineData("A", "da.batches", 2)]
    [InlineData("A", "da.bytes", 21_780)]
    [InlineData("A", "da.compressed_bytes", 9_900)]
    [InlineData("A", "da.blobs", 2)]
    [InlineData("A", "da.gas", 42_000)]
    [InlineData("A", "da.cost", 42_000_000_786_432)]
    [InlineData("A", "state.size", 352)]
    [InlineData("A", "state.size.genesis", 320)]
    [InlineData("A", "state.growth_per_hour", 1_920)]
    [InlineData("A", "state.accounts", 11)]
    [InlineData("l1", "base_fee", 1_000_291_666)]
    [InlineData("l1", "blob_base_fee", 3)]
    [InlineData("l1", "blobs.rollups", 2)]
    [InlineData("l1", "rollup_gas", 42_000)]
    public void Every_catalogued_data_availability_and_latency_metric_reads_its_result_field(string chain, string name, long expected)
    {
        var catalog = chain == MetricCatalog.L1Section ? MetricCatalog.L1 : MetricCatalog.Rollup;
        var metric = new MetricPath(chain, name, catalog[name]);

        Assert.Equal(expected, ExpectationChecker.Read(metric, SampleResults.Small()));
    }

    [Fact]
    public void Every_catalogued_metric_can_be_read()
    {
        var result = SampleResults.Small();
        foreach (var (name, unit) in MetricCatalog.Rollup)
        {
            _ = ExpectationChecker.Read(new MetricPath("A", name, unit), result);
        }

        foreach (var (name, unit) in MetricCatalog.L1)
        {
            _ = ExpectationChecker.Read(new MetricPath(MetricCatalog.L1Section, name, unit), result);
        }
    }
}
