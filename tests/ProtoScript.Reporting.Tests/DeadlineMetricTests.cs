using ProtoScript.Language.Model;
using ProtoScript.Reporting.Document;

namespace ProtoScript.Reporting.Tests;

public class DeadlineMetricTests
{
    private static readonly Lazy<ReportDocument> Document = new(() => RunReport.Build(Examples.RunOnce("proof-deadlines")));

    [Theory]
    [InlineData("healthy", 0, 0, 0)]
    [InlineData("outage", 1, 1, 63)]
    [InlineData("fallback", 2, 2, 126)]
    public void Missed_windows_slashed_bonds_and_pruned_blocks_are_metrics_as_the_deadline_section_reports_them(string rollup, int missed, int slashedEth, int pruned)
    {
        // The numbers are the example's `proof deadlines` rows (its verified report).
        Assert.Equal(missed, Document.Value.ReadMetric(new MetricPath(rollup, "proving.deadline.missed", MetricUnit.Count)));
        Assert.Equal(slashedEth * 1_000_000_000_000_000_000m, Document.Value.ReadMetric(new MetricPath(rollup, "proving.deadline.slashed", MetricUnit.Wei)));
        Assert.Equal(pruned, Document.Value.ReadMetric(new MetricPath(rollup, "proving.deadline.pruned_blocks", MetricUnit.Count)));
    }

    [Fact]
    public void Without_a_deadline_the_deadline_metrics_read_zero()
    {
        var document = RunReport.Build(Examples.RunOnce("prover-selection"));
        const string rollup = "race_all";

        Assert.Equal(0, document.ReadMetric(new MetricPath(rollup, "proving.deadline.missed", MetricUnit.Count)));
        Assert.Equal(0, document.ReadMetric(new MetricPath(rollup, "proving.deadline.slashed", MetricUnit.Wei)));
    }
}
