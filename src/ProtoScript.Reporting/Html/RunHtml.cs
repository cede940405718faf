using ProtoScript.Engine.Results;
using ProtoScript.Reporting.Charts;

namespace ProtoScript.Reporting.Html;

/// <summary>
/// The HTML report of one run: per rollup, the distribution of its confirmation latencies (soft,
/// hard, L1-final and proof-final, as CDFs), its per-block series over time (L2 base fee, L1 blob
/// base fee, fees by role, MEV, DA cost, pending transactions) and, where the run measured them,
/// how its state grew; then the text report, folded, with every number.
/// </summary>
public static class RunHtml
{
    /// <summary>Writes the page.</summary>
    /// <param name="result">The run.</param>
    /// <param name="textReport">The run's text report, embedded in the page.</param>
    public static string Write(SimulationResult result, string textReport)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(textReport);
        var page = new HtmlPage("ProtoScript report: " + result.ScenarioName);
        page.Paragraph(FormattableString.Invariant($"Seed {result.Seed}, {ReportFormat.Seconds(result.Duration)} of simulated time, {result.Rollups.Length} rollup{(result.Rollups.Length == 1 ? string.Empty : "s")}."));
        foreach (var rollup in result.Rollups)
        {
            page.Heading(2, "Rollup " + rollup.Name, "rollup-" + rollup.Name);
            page.OpenCharts();
            if (LatencyCdf(rollup) is { } cdf)
            {
                page.Chart("latency-" + rollup.Name, cdf.ToSvg(), "Share of " + rollup.Name + "'s transactions confirmed within a latency, from sending to each confirmation level: soft (in a sequencer block), hard (its batch on L1), L1-final, and proof-final where a proof gates finality. Percentiles 1 to 100, nearest rank.");
            }

            foreach (var (id, chart, caption) in SeriesCharts.For(rollup))
            {
                page.Chart(id, chart.ToSvg(), caption);
            }

            if (StateChart(rollup) is { } state)
            {
                page.Chart("state-" + rollup.Name, state.ToSvg(), "Size of " + rollup.Name + "'s state over the run (accounts and storage, in bytes), sampled at genesis, each quarter and the end.");
            }

            page.CloseCharts();
        }

        page.TextReport(textReport);
        return page.ToString();
    }

    private static LineChart? LatencyCdf(RollupResult rollup)
    {
        (string Name, LatencySummary? Summary)[] levels =
        [
            ("soft", rollup.InclusionLatency),
            ("hard", rollup.HardLatency),
            ("L1-final", rollup.FinalLatency),
            ("proof-final", rollup.ProofFinalLatency),
        ];
        var drawn = levels.Where(l => l.Summary is { Samples: > 0, Quantiles: not null }).ToList();
        if (drawn.Count == 0)
        {
            return null;
        }

        var largest = drawn.Max(l => (double)l.Summary!.Quantiles!.Percentiles[^1]);
        var units = ChartUnits.For(Language.Model.MetricUnit.Time, largest);
        // Soft and L1-final latencies are orders of magnitude apart: a log scale shows both shapes.
        var chart = new LineChart(rollup.Name + ": confirmation latency (CDF)", new ChartAxis("latency, log scale", units.Unit), new ChartAxis("transactions confirmed", "%"))
            .LogarithmicX();
        foreach (var (name, summary) in drawn)
        {
            var q = summary!.Quantiles!.Percentiles;
            chart.Add(name, [.. q.Select((micros, i) => (micros * units.PerBaseUnit, (double)(i + 1)))]);
        }

        return chart;
    }

    private static LineChart? StateChart(RollupResult rollup)
    {
        if (rollup.StateGrowth is not { } growth || growth.Samples.IsDefaultOrEmpty)
        {
            return null;
        }

        var points = new List<(double X, double Y)> { (0, growth.Genesis.Bytes) };
        points.AddRange(growth.Samples.Select(s => (s.Time.Microseconds / 60e6, (double)s.Size.Bytes)));
        var units = ChartUnits.For(Language.Model.MetricUnit.Bytes, points.Max(p => p.Y));
        return new LineChart(rollup.Name + ": state size", new ChartAxis("simulated time", "min"), new ChartAxis("state", units.Unit))
            .Add("state", [.. points.Select(p => (p.X, p.Y * units.PerBaseUnit))]);
    }
}
