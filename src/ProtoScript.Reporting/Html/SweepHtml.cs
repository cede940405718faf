using ProtoScript.Language.Model;
using ProtoScript.Reporting.Charts;
using ProtoScript.Reporting.Sweeps;

namespace ProtoScript.Reporting.Html;

/// <summary>
/// The HTML report of a sweep: each metric that varies against the swept setting, the mean over
/// the runs with its 95 % confidence band and one line per chain; a sweep of two settings as one
/// heatmap per chain and metric; the metrics that did not vary in one table; then the text report.
/// </summary>
public static class SweepHtml
{
    /// <summary>Writes the page.</summary>
    /// <param name="outcome">The sweep.</param>
    /// <param name="textReport">The sweep's text report, embedded in the page.</param>
    public static string Write(SweepResult outcome, string textReport)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(textReport);
        var page = new HtmlPage("ProtoScript sweep: " + outcome.Scenario);
        var axes = outcome.Sweep.Axes;
        page.Paragraph(FormattableString.Invariant($"{outcome.Points.Length} points × {outcome.Sweep.Runs} runs; swept: {string.Join(", ", axes.Select(a => a.Path + " in [" + string.Join(", ", a.Labels) + "]"))}. Points share their random streams (run k of every point uses the same seed)."));
        var finished = outcome.Points.Where(p => p.Failure is null && !p.Metrics.IsDefaultOrEmpty).ToList();
        var failed = outcome.Points.Where(p => p.Failure is not null).ToList();
        if (failed.Count > 0)
        {
            page.Table("Points that did not finish", failed.Select(p => (string.Join(", ", p.Labels), p.Failure!)));
        }

        // Metric names in the order the first finished point lists them; chains within each.
        var names = finished.SelectMany(p => p.Metrics.Select(m => m.Metric.Name)).Distinct().ToList();
        var constants = new List<(string Name, string Value)>();
        page.OpenCharts();
        foreach (var name in names)
        {
            var chains = finished.SelectMany(p => p.Metrics.Where(m => m.Metric.Name == name).Select(m => m.Metric)).Distinct().ToList();
            // A metric no run had samples of (a latency nothing reached) has nothing to draw.
            var sampled = chains.Where(c => finished.Any(p => Statistics(p, c) is { } s && double.IsFinite(s.Mean))).ToList();
            foreach (var empty in chains.Except(sampled))
            {
                constants.Add((empty.Chain + "." + empty.Name, "no samples"));
            }

            var varying = sampled.Where(c => !IsConstant(finished, c)).ToList();
            foreach (var constant in sampled.Except(varying))
            {
                var stats = Statistics(finished[0], constant)!;
                var units = ChartUnits.For(constant.Unit, Math.Max(Math.Abs(stats.Mean), Math.Abs(stats.Max)));
                var unit = units.Unit.Length == 0 ? string.Empty : " " + units.Unit;
                var spread = stats.HalfWidth is { } h && h > 0 ? " ± " + ChartAxis.Format(h * units.PerBaseUnit) : string.Empty;
                constants.Add((constant.Chain + "." + constant.Name, ChartAxis.Format(stats.Mean * units.PerBaseUnit) + spread + unit));
            }

            if (varying.Count == 0)
            {
                continue;
            }

            if (axes.Length == 2)
            {
                foreach (var metric in varying)
                {
                    page.Chart("metric-" + metric.Chain + "-" + name, Heatmap(outcome, finished, metric).ToSvg(), metric.Chain + "." + name + ": mean over " + outcome.Sweep.Runs + " runs at each combination of " + axes[0].Path + " (columns) and " + axes[1].Path + " (rows).");
                }

                continue;
            }

            page.Chart("metric-" + name, Lines(outcome, finished, name, varying).ToSvg(), name + " against " + string.Join(", ", axes.Select(a => a.Path)) + ": the mean over " + outcome.Sweep.Runs + " runs at each point, with its 95 % confidence interval (Student's t) as a band.");
        }

        page.CloseCharts();
        if (constants.Count > 0)
        {
            page.Table("Not moved by the swept settings (the same mean at every point that has samples, with its 95 % interval over the runs)", constants);
        }

        page.TextReport(textReport);
        return page.ToString();
    }

    /// <summary>The point's statistics of the metric, token amounts in whole tokens (the sweep keeps smallest units).</summary>
    private static SweepStatistics? Statistics(SweepPointResult point, MetricPath metric)
    {
        for (var k = 0; k < point.Metrics.Length; k++)
        {
            var (m, s) = point.Metrics[k];
            if (m != metric)
            {
                continue;
            }

            if (point.Tokens.IsDefaultOrEmpty || point.Tokens[k] is not { Decimals: > 0 } token)
            {
                return s;
            }

            var scale = Math.Pow(10, token.Decimals);
            return s with { Mean = s.Mean / scale, StandardDeviation = s.StandardDeviation / scale, HalfWidth = s.HalfWidth / scale, Min = s.Min / scale, Max = s.Max / scale };
        }

        return null;
    }

    /// <summary>True when the metric's mean is the same at every point: the swept settings do not move it, whatever it does from run to run.</summary>
    private static bool IsConstant(List<SweepPointResult> points, MetricPath metric)
    {
        var values = points.Select(p => Statistics(p, metric)).Where(s => s is not null && double.IsFinite(s.Mean)).ToList();
        return values.All(s => s!.Mean == values[0]!.Mean);
    }

    private static LineChart Lines(SweepResult outcome, List<SweepPointResult> points, string name, List<MetricPath> metrics)
    {
        var largest = metrics.SelectMany(m => points.Select(p => Statistics(p, m)?.Max ?? 0)).DefaultIfEmpty(0).Max(Math.Abs);
        var units = ChartUnits.For(metrics[0].Unit, largest);
        var axis = outcome.Sweep.Axes.Length == 1 ? outcome.Sweep.Axes[0].Path : "point";
        var chart = new LineChart(name, new ChartAxis(axis, string.Empty), new ChartAxis(name, units.Unit))
            .Categories([.. points.Select(p => string.Join(", ", p.Labels))]);
        foreach (var metric in metrics)
        {
            var stats = points.Select(p => Statistics(p, metric)).ToList();
            chart.Add(
                metric.Chain,
                [.. stats.Select((s, i) => ((double)i, s is null ? double.NaN : s.Mean * units.PerBaseUnit))],
                [.. stats.Select(s => s?.HalfWidth is { } h ? ((s.Mean - h) * units.PerBaseUnit, (s.Mean + h) * units.PerBaseUnit) : (s is null ? (double.NaN, double.NaN) : (s.Mean * units.PerBaseUnit, s.Mean * units.PerBaseUnit)))]);
        }

        return chart;
    }

    private static Heatmap Heatmap(SweepResult outcome, List<SweepPointResult> points, MetricPath metric)
    {
        var (columns, rows) = (outcome.Sweep.Axes[0].Labels, outcome.Sweep.Axes[1].Labels);
        var values = new double[rows.Length, columns.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                values[r, c] = double.NaN;
            }
        }

        var largest = points.Select(p => Statistics(p, metric)?.Max ?? 0).DefaultIfEmpty(0).Max(Math.Abs);
        var units = ChartUnits.For(metric.Unit, largest);
        foreach (var point in points)
        {
            var (c, r) = (columns.IndexOf(point.Labels[0]), rows.IndexOf(point.Labels[1]));
            if (c >= 0 && r >= 0 && Statistics(point, metric) is { } s)
            {
                values[r, c] = s.Mean * units.PerBaseUnit;
            }
        }

        return new Heatmap(metric.Chain + "." + metric.Name, outcome.Sweep.Axes[0].Path, outcome.Sweep.Axes[1].Path, columns, rows, values, units.Unit);
    }
}
