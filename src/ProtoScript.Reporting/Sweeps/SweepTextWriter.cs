using System.Globalization;
using System.Text;
using ProtoScript.Language.Model;

namespace ProtoScript.Reporting.Sweeps;

/// <summary>
/// Writes a sweep as text: for every metric, a table with one row per point — mean, the
/// half-width of its 95 % confidence interval, standard deviation, min and max.
/// </summary>
public static class SweepTextWriter
{
    /// <summary>Formats the sweep's outcome.</summary>
    public static string Write(SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sweep = result.Sweep;
        var text = new StringBuilder();
        var first = result.Points[0].Seeds;
        text.Append(Invariant($"sweep of \"{result.Scenario}\": {sweep.Points.Length} point{(sweep.Points.Length == 1 ? string.Empty : "s")}, {sweep.Runs} run{(sweep.Runs == 1 ? string.Empty : "s")} each (seeds {first[0]}"))
            .Append(first.Length > 1 ? Invariant($" … {first[^1]}") : string.Empty)
            .Append(")\n");
        foreach (var axis in sweep.Axes)
        {
            text.Append("  ").Append(axis.Path).Append(" in [").AppendJoin(", ", axis.Labels).Append("]\n");
        }

        text.Append(sweep.Runs == 1 ? "one run per point: no confidence intervals\n" : "± is the half-width of the 95 % confidence interval of the mean (Student's t)\n");

        var header = sweep.Axes.Select(a => a.Path).Concat(["mean", "±", "sd", "min", "max"]).ToArray();
        // A failed point (isolated runs only) has no metrics; the others still show theirs.
        var finished = result.Points.FirstOrDefault(p => p.Failure is null);
        var metrics = finished?.Metrics ?? [];
        for (var m = 0; m < metrics.Length; m++)
        {
            var metric = metrics[m].Metric;
            text.Append('\n').Append(metric.Chain).Append(' ').Append(metric.Name).Append(UnitSuffix(metric.Unit)).Append('\n');
            var rows = new List<string[]> { header };
            foreach (var point in result.Points)
            {
                if (point.Failure is not null)
                {
                    rows.Add([.. point.Labels, "failed", "—", "—", "—", "—"]);
                    continue;
                }

                var s = point.Metrics[m].Statistics;
                rows.Add([.. point.Labels, Value(s.Mean, metric.Unit), s.HalfWidth is { } h ? Value(h, metric.Unit) : "—", Value(s.StandardDeviation, metric.Unit), Value(s.Min, metric.Unit), Value(s.Max, metric.Unit)]);
            }

            AppendTable(text, rows, sweep.Axes.Length);
        }

        if (finished is { ExpectationFailures.Length: > 0 })
        {
            text.Append("\nexpectations\n");
            foreach (var point in result.Points.Where(p => p.Failure is null))
            {
                foreach (var (expectation, failures) in point.ExpectationFailures)
                {
                    text.Append("  ").AppendJoin(", ", point.Labels).Append(": ").Append(expectation.Text).Append(": ")
                        .Append(failures == 0 ? Invariant($"held in all {sweep.Runs} runs") : Invariant($"FAILED in {failures} of {sweep.Runs} runs"))
                        .Append('\n');
                }
            }
        }

        if (result.Points.Any(p => p.Failure is not null))
        {
            text.Append("\nfailed points\n");
            foreach (var point in result.Points.Where(p => p.Failure is not null))
            {
                text.Append("  ").AppendJoin(", ", point.Labels).Append(": ").Append(point.Failure).Append('\n');
            }
        }

        return text.ToString();
    }

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

    /// <summary>Times in seconds and amounts in gwei, three decimals; counts and gas with two.</summary>
    internal static string Value(double value, MetricUnit unit) => unit switch
    {
        MetricUnit.Time => (value / 1e6).ToString("F3", CultureInfo.InvariantCulture),
        MetricUnit.Wei => (value / 1e9).ToString("F3", CultureInfo.InvariantCulture),
        _ => value.ToString("F2", CultureInfo.InvariantCulture),
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
