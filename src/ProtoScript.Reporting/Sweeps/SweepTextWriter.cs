using System.Text;
using ProtoScript.Language.Model;
using ProtoScript.Reporting.Document;

namespace ProtoScript.Reporting.Sweeps;

/// <summary>
/// Writes a sweep as text: for every metric, a table with one row per point — mean, the
/// half-width of its 95 % confidence interval, standard deviation, min and max. The text
/// renderer of <see cref="SweepReport"/>.
/// </summary>
public static class SweepTextWriter
{
    /// <summary>Formats the sweep's outcome.</summary>
    public static string Write(SweepResult result) => Write(SweepReport.Build(result));

    /// <summary>Lays a sweep's report document out as tables: one per metric, one row per point.</summary>
    public static string Write(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.Root;
        var runs = (long)root.Value("runs")!.Value.Magnitude;
        var axes = Sections(root.Section("axes")).Select(a => (Path: Text(a.Value("path")), Labels: Texts(a.Section("values")))).ToList();
        var points = Sections(root.Section("points")).Select(p => (
            Labels: Texts(p.Section("values")),
            Seeds: p.Section("seeds").Children.Cast<ReportRow>().Select(r => r.Value.ToText()).ToList(),
            Failure: p.Value("failure")?.Text,
            Metrics: Sections(p.Section("metrics")),
            Expectations: Sections(p.Section("expectations")))).ToList();

        var text = new StringBuilder();
        var first = points[0].Seeds;
        text.Append(Invariant($"sweep of \"{Text(root.Value("scenario"))}\": {points.Count} point{(points.Count == 1 ? string.Empty : "s")}, {runs} run{(runs == 1 ? string.Empty : "s")} each (seeds {first[0]}"))
            .Append(first.Count > 1 ? Invariant($" … {first[^1]}") : string.Empty)
            .Append(")\n");
        foreach (var axis in axes)
        {
            text.Append("  ").Append(axis.Path).Append(" in [").AppendJoin(", ", axis.Labels).Append("]\n");
        }

        text.Append(runs == 1 ? "one run per point: no confidence intervals\n" : "± is the half-width of the 95 % confidence interval of the mean (Student's t)\n");

        var header = axes.Select(a => a.Path).Concat(["mean", "±", "sd", "min", "max"]).ToArray();
        // A failed point (isolated runs only) has no metrics; the others still show theirs.
        var finished = points.FirstOrDefault(p => p.Failure is null);
        var metrics = finished.Metrics ?? [];
        for (var m = 0; m < metrics.Count; m++)
        {
            var metric = metrics[m];
            text.Append('\n').Append(Text(metric.Value("chain"))).Append(' ').Append(Text(metric.Value("name"))).Append(UnitSuffix(metric.Value("mean")!.Value.Unit)).Append('\n');
            var rows = new List<string[]> { header };
            foreach (var point in points)
            {
                if (point.Failure is not null)
                {
                    rows.Add([.. point.Labels, "failed", "—", "—", "—", "—"]);
                    continue;
                }

                var s = point.Metrics[m];
                rows.Add([.. point.Labels, .. new[] { "mean", "ci95", "sd", "min", "max" }.Select(k => s.Value(k)!.Value.ToText())]);
            }

            AppendTable(text, rows, axes.Count);

            // Runs with no samples of the metric (a latency nothing reached) are not zeros: say which.
            foreach (var point in points.Where(p => p.Failure is null))
            {
                if (point.Metrics[m].Value("runs") is { } counted)
                {
                    var missing = runs - (long)counted.Magnitude;
                    text.Append("  ").AppendJoin(", ", point.Labels).Append(": ")
                        .Append(missing == runs ? Invariant($"no samples in any of the {runs} runs") : Invariant($"no samples in {missing} of {runs} runs; the figures cover the other {runs - missing}"))
                        .Append('\n');
                }
            }
        }

        if (finished.Expectations is { Count: > 0 })
        {
            text.Append("\nexpectations\n");
            foreach (var point in points.Where(p => p.Failure is null))
            {
                foreach (var expectation in point.Expectations)
                {
                    var failures = (long)expectation.Value("failed_runs")!.Value.Magnitude;
                    text.Append("  ").AppendJoin(", ", point.Labels).Append(": ").Append(Text(expectation.Value("expectation"))).Append(": ")
                        .Append(failures == 0 ? Invariant($"held in all {runs} runs") : Invariant($"FAILED in {failures} of {runs} runs"))
                        .Append('\n');
                }
            }
        }

        if (points.Any(p => p.Failure is not null))
        {
            text.Append("\nfailed points\n");
            foreach (var point in points.Where(p => p.Failure is not null))
            {
                text.Append("  ").AppendJoin(", ", point.Labels).Append(": ").Append(point.Failure).Append('\n');
            }
        }

        return text.ToString();
    }

    private static List<ReportSection> Sections(ReportSection list) => [.. list.Children.Cast<ReportSection>()];

    private static List<string> Texts(ReportSection list) => [.. list.Children.Cast<ReportRow>().Select(r => r.Value.Text!)];

    private static string Text(ReportValue? value) => value!.Value.Text!;

    private static string UnitSuffix(MetricUnit unit) => unit switch
    {
        MetricUnit.Time => " (s)",
        MetricUnit.Wei => " (gwei)",
        MetricUnit.Gas => " (gas)",
        MetricUnit.Quote => " (quote token)",
        MetricUnit.BasisPoints => " (bp)",
        MetricUnit.Bytes => " (B)",
        _ => string.Empty,
    };

    private static void AppendTable(StringBuilder text, List<string[]> rows, int labelColumns)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            text.Append(' ', 2);
            for (var c = 0; c < row.Length; c++)
            {
                // Labels read left to right; numbers line up on the right.
                var cell = c < labelColumns ? row[c].PadRight(widths[c]) : row[c].PadLeft(widths[c]);
                text.Append(cell).Append(c == row.Length - 1 ? string.Empty : "  ");
            }

            text.Append('\n');
        }
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
