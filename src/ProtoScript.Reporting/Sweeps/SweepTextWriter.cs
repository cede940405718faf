using System.Globalization;
using System.Text;
using ProtoScript.Language.Model;
using ProtoScript.Reporting.Document;

namespace ProtoScript.Reporting.Sweeps;

/// <summary>
/// Writes a sweep as text: one table with a column per point and a row per metric (the mean
/// and the half-width of its 95 % confidence interval), each followed by the paired difference
/// to the baseline point; rows are grouped by section in a fixed order, each row in the unit
/// its magnitude reads best in, and the metrics that never vary are folded into one list. The
/// text renderer of <see cref="SweepReport"/>.
/// </summary>
public static class SweepTextWriter
{
    /// <summary>The sections of the table, in the order they are printed.</summary>
    private static readonly string[] SectionOrder =
    [
        "latency", "blocks and transactions", "fees", "base fee market", "L1 and data availability",
        "MEV and trading", "PBS", "express lane", "proving", "cross-chain", "state",
    ];

    /// <summary>Formats the sweep's outcome.</summary>
    public static string Write(SweepResult result) => Write(SweepReport.Build(result));

    /// <summary>Lays a sweep's report document out as one table: a column per point, a row per varying metric.</summary>
    public static string Write(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.Root;
        var runs = (long)root.Value("runs")!.Value.Magnitude;
        var baseline = (int)root.Value("baseline")!.Value.Magnitude;
        var axes = Sections(root.Section("axes")).Select(a => (Path: Text(a.Value("path")), Labels: Texts(a.Section("values")))).ToList();
        var points = Sections(root.Section("points")).Select(p => new Point(
            Texts(p.Section("values")),
            [.. p.Section("seeds").Children.Cast<ReportRow>().Select(r => r.Value.ToText())],
            p.Value("failure")?.Text,
            Sections(p.Section("metrics")),
            Sections(p.Section("expectations")))).ToList();

        var text = new StringBuilder();
        var first = points[0].Seeds;
        text.Append(Invariant($"sweep of \"{Text(root.Value("scenario"))}\": {points.Count} point{(points.Count == 1 ? string.Empty : "s")}, {runs} run{(runs == 1 ? string.Empty : "s")} each (seeds {first[0]}"))
            .Append(first.Count > 1 ? Invariant($" … {first[^1]}") : string.Empty)
            .Append(")\n");
        foreach (var axis in axes)
        {
            text.Append("  ").Append(axis.Path).Append(" in [").AppendJoin(", ", axis.Labels).Append("]\n");
        }

        var baselineName = string.Join(", ", points[baseline].Labels);
        text.Append(runs == 1
            ? "one run per point: no confidence intervals\n"
            : "mean ± the half-width of its 95 % confidence interval (Student's t)\n");
        if (points.Count > 1)
        {
            text.Append("Δ: the paired difference to ").Append(baselineName)
                .Append(runs == 1 ? " (the same seed)\n" : ", run by run on the same seeds, ± its 95 % half-width\n");
        }

        // A failed point (isolated runs only) has no metrics; the others still show theirs.
        var finished = points.Where(p => p.Failure is null).ToList();
        var metrics = finished.Count == 0 ? [] : finished[0].Metrics;
        var rows = new List<Row>();
        var constants = new List<string>();
        var unchanged = new List<string>();
        var notes = new List<string>();
        foreach (var group in Enumerable.Range(0, metrics.Count).GroupBy(m => Section(Text(metrics[m].Value("chain")), Text(metrics[m].Value("name")))).OrderBy(g => Array.IndexOf(SectionOrder, g.Key)))
        {
            var sectionRows = new List<Row>();
            foreach (var m in group)
            {
                var metric = metrics[m];
                var unit = metric.Value("mean")!.Value.Unit;
                var token = metric.Value("token")?.Text;
                var name = Text(metric.Value("chain")) + " " + Text(metric.Value("name"));
                var all0 = points.Select(p => p.Failure is null ? p.Metrics[m] : null).ToList();

                // Runs with no samples of the metric (a latency nothing reached) are not zeros: a point
                // none of whose runs had one shows `—`, and a note under the table says which runs.
                foreach (var (point, cell) in points.Zip(all0))
                {
                    if (cell?.Value("runs") is { } counted)
                    {
                        var missing = runs - (long)counted.Magnitude;
                        notes.Add(name + " at " + string.Join(", ", point.Labels) + ": "
                            + (missing == runs ? Invariant($"no samples in any of the {runs} runs") : Invariant($"no samples in {missing} of {runs} runs; the figures cover the other {runs - missing}")));
                    }
                }

                var cells = all0.Select(c => c is not null && Number(c, "mean") is null ? null : c).ToList();
                if (cells.All(c => c is null) && all0.Any(c => c is not null))
                {
                    constants.Add(name + " no samples");
                    continue;
                }

                if (IsConstant(cells) && cells.Count(c => c is null) == all0.Count(c => c is null))
                {
                    var value = Number(cells.First(c => c is not null)!, "mean")!.Value;
                    var scale = Scale.For(unit, Math.Abs(value), token);
                    constants.Add(name + " " + scale.Format(value, Decimals(unit, scale, [value]), signed: false) + scale.Suffix);
                    continue;
                }

                if (points.Count > 1 && cells.Count(c => c is not null) > 1 && cells.Select((c, k) => (c, k)).All(x => x.k == baseline || x.c is null || (Number(x.c, "paired_mean") == 0 && Number(x.c, "paired_ci95") is null or 0)))
                {
                    // Run by run the same at every point: the swept setting does not reach it.
                    var mean = Number(cells.First(c => c is not null)!, "mean")!.Value;
                    var hw = Number(cells.First(c => c is not null)!, "ci95");
                    var scale = Scale.For(unit, Math.Abs(mean), token);
                    var d = Decimals(unit, scale, [mean, hw ?? 0], [mean]);
                    unchanged.Add(name + " " + scale.Format(mean, d, signed: false) + (hw is { } h ? " ± " + scale.Format(h, d, signed: false) : string.Empty) + scale.Suffix);
                    continue;
                }

                var all = cells.Where(c => c is not null).SelectMany(c => new[] { Number(c!, "mean"), Number(c!, "ci95"), Number(c!, "paired_mean"), Number(c!, "paired_ci95") }).OfType<double>().ToList();
                var rowScale = Scale.For(unit, all.Count == 0 ? 0 : all.Max(Math.Abs), token);
                var decimals = Decimals(unit, rowScale, all, [.. cells.Where(c => c is not null).Select(c => Number(c!, "mean")!.Value)]);
                sectionRows.Add(new Row(
                    "  " + name + (rowScale.Suffix.Length == 0 ? string.Empty : " (" + rowScale.Suffix.TrimStart() + ")"),
                    [.. cells.Select((c, k) => c is null ? (all0[k] is null ? "failed" : "—", string.Empty) : (rowScale.Format(Number(c, "mean")!.Value, decimals, signed: false), Number(c, "ci95") is { } hw ? rowScale.Format(hw, decimals, signed: false) : string.Empty))]));
                if (points.Count > 1)
                {
                    sectionRows.Add(new Row(
                        "    Δ",
                        [.. cells.Select((c, k) => k == baseline ? ("—", string.Empty)
                            : c is null || Number(c, "paired_mean") is not { } d ? (all0[k] is null ? "failed" : c is null ? "—" : "n/a", string.Empty)
                            : (rowScale.Format(d, decimals, signed: true), Number(c, "paired_ci95") is { } hw ? rowScale.Format(hw, decimals, signed: false) : string.Empty))]));
                }
            }

            if (sectionRows.Count > 0)
            {
                rows.Add(new Row(group.Key, null));
                rows.AddRange(sectionRows);
            }
        }

        if (rows.Count > 0)
        {
            text.Append('\n');
            var header = new Row(string.Empty, [.. points.Select(p => (string.Join(", ", p.Labels), string.Empty))]);
            AppendTable(text, [header, .. rows]);
        }

        if (notes.Count > 0)
        {
            text.Append("\nruns without samples (a latency nothing reached; left out of the figures, not read as 0)\n");
            foreach (var note in notes)
            {
                text.Append("    ").Append(note).Append('\n');
            }
        }

        if (constants.Count > 0)
        {
            text.Append("\nconstant across the sweep (the same in every run of every point)\n");
            AppendWrapped(text, constants);
        }

        if (unchanged.Count > 0)
        {
            text.Append("\nthe same at every point, run by run (the swept setting does not change them)\n");
            AppendWrapped(text, unchanged);
        }

        if (finished.Count > 0 && finished[0].Expectations.Count > 0)
        {
            text.Append("\nexpectations\n");
            for (var e = 0; e < finished[0].Expectations.Count; e++)
            {
                var expectation = Text(finished[0].Expectations[e].Value("expectation"));
                var failed = finished.Select(p => (p.Labels, Failures: (long)p.Expectations[e].Value("failed_runs")!.Value.Magnitude)).ToList();
                if (failed.All(f => f.Failures == 0))
                {
                    // One line for an expectation every point met, rather than one per point.
                    text.Append("  ").Append(expectation).Append(": held in all ").Append(Invariant($"{runs}")).Append(runs == 1 ? " run" : " runs")
                        .Append(finished.Count == 1 ? string.Empty : Invariant($" of all {finished.Count} points")).Append('\n');
                    continue;
                }

                foreach (var (labels, failures) in failed)
                {
                    text.Append("  ").AppendJoin(", ", labels).Append(": ").Append(expectation).Append(": ")
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

    /// <summary>The section of the table a metric is printed in.</summary>
    internal static string Section(string chain, string name)
    {
        if (chain == MetricCatalog.L1Section || name.StartsWith("da.", StringComparison.Ordinal))
        {
            return "L1 and data availability";
        }

        if (chain == MetricCatalog.CrossChainSection)
        {
            return name.StartsWith("cross_arbitrage.", StringComparison.Ordinal) ? "MEV and trading" : "cross-chain";
        }

        var head = name.Split('.')[0];
        return head switch
        {
            "latency" => "latency",
            "flashblocks" => name.Contains(".latency.", StringComparison.Ordinal) ? "latency" : "blocks and transactions",
            "blocks" or "transactions" or "gas_used" => "blocks and transactions",
            "fees" => "fees",
            "base_fee" => "base fee market",
            "swaps" or "arbitrages" or "mev" or "price_gap" => "MEV and trading",
            "pbs" => "PBS",
            "express_lane" => "express lane",
            "proving" => "proving",
            _ => "state",
        };
    }

    private static bool IsConstant(List<ReportSection?> cells)
    {
        var values = cells.Where(c => c is not null).Select(c => (Mean: Number(c!, "mean")!.Value, Min: Number(c!, "min")!.Value, Max: Number(c!, "max")!.Value)).ToList();
        return values.Count > 0 && values.All(v => v.Min == v.Max && v.Mean == values[0].Mean && v.Min == values[0].Min);
    }

    /// <summary>
    /// Decimals for a row: about three significant digits at its largest value and two at its
    /// smallest non-zero one; a count whose figures are all whole has none.
    /// </summary>
    private static int Decimals(MetricUnit unit, Scale scale, IReadOnlyList<double> values, IReadOnlyList<double>? means = null)
    {
        var scaled = values.Select(v => Math.Abs(v) / scale.Divisor).Append(0).ToList();
        if (unit is MetricUnit.Count or MetricUnit.Gas or MetricUnit.Bytes or MetricUnit.BasisPoints && scale.Divisor == 1)
        {
            return scaled.All(v => v == Math.Floor(v)) || scaled.Max() >= 100 ? 0 : 1;
        }

        var max = scaled.Max();
        if (max == 0)
        {
            return 0;
        }

        var decimals = 2 - (int)Math.Floor(Math.Log10(max));
        var smallest = (means ?? values).Select(v => Math.Abs(v) / scale.Divisor).Where(v => v > 0).DefaultIfEmpty(max).Min();
        return Math.Clamp(Math.Max(decimals, 1 - (int)Math.Floor(Math.Log10(smallest))), 0, 3);
    }

    // Token amounts come in smallest units; the text shows whole tokens.
    private static double? Number(ReportSection metric, string key) =>
        metric.Value(key) is { Available: true } v ? (v.Decimals > 0 ? v.Number / Math.Pow(10, v.Decimals) : v.Number) : null;

    private static List<ReportSection> Sections(ReportSection list) => [.. list.Children.Cast<ReportSection>()];

    private static List<string> Texts(ReportSection list) => [.. list.Children.Cast<ReportRow>().Select(r => r.Value.Text!)];

    private static string Text(ReportValue? value) => value!.Value.Text!;

    private static void AppendTable(StringBuilder text, List<Row> rows)
    {
        var cellRows = rows.Where(r => r.Cells is not null).ToList();
        var name = cellRows.Max(r => r.Name.Length);
        var columns = cellRows[0].Cells!.Length;
        var means = Enumerable.Range(0, columns).Select(c => cellRows.Skip(1).Max(r => r.Cells![c].Value.Length)).ToArray();
        var halfs = Enumerable.Range(0, columns).Select(c => cellRows.Skip(1).Max(r => r.Cells![c].HalfWidth.Length)).ToArray();
        var widths = Enumerable.Range(0, columns).Select(c => Math.Max(cellRows[0].Cells![c].Value.Length, means[c] + (halfs[c] == 0 ? 0 : 3 + halfs[c]))).ToArray();
        foreach (var row in rows)
        {
            if (row.Cells is null)
            {
                text.Append(row.Name).Append('\n');
                continue;
            }

            var line = new StringBuilder(row.Name.PadRight(name));
            for (var c = 0; c < columns; c++)
            {
                var (value, half) = row.Cells[c];
                var cell = row == cellRows[0] || halfs[c] == 0
                    ? value
                    : value.PadLeft(means[c]) + (half.Length == 0 ? string.Empty.PadRight(3 + halfs[c]) : " ± " + half.PadLeft(halfs[c]));
                line.Append("  ").Append(cell.PadLeft(widths[c]));
            }

            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
    }

    private static void AppendWrapped(StringBuilder text, List<string> items)
    {
        var line = new StringBuilder("  ");
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] + (i == items.Count - 1 ? string.Empty : ",");
            if (line.Length > 2 && line.Length + 1 + item.Length > 100)
            {
                text.Append(line).Append('\n');
                line.Clear().Append("  ");
            }

            line.Append(line.Length > 2 ? " " : string.Empty).Append(item);
        }

        text.Append(line).Append('\n');
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private sealed record Point(List<string> Labels, List<string> Seeds, string? Failure, List<ReportSection> Metrics, List<ReportSection> Expectations);

    /// <summary>A line of the table: a section title (no cells) or a metric's means, or its paired differences.</summary>
    private sealed record Row(string Name, (string Value, string HalfWidth)[]? Cells);

    /// <summary>The unit one row is printed in: what the base unit is divided by, and its name.</summary>
    private sealed record Scale(double Divisor, string Suffix)
    {
        /// <summary>The unit a value of <paramref name="magnitude"/> base units reads best in.</summary>
        public static Scale For(MetricUnit unit, double magnitude, string? token) => unit switch
        {
            // Times are microseconds, amounts of ether wei, token amounts whole tokens.
            MetricUnit.Time => magnitude >= 1e6 ? new(1e6, " s") : magnitude >= 1e3 ? new(1e3, " ms") : magnitude == 0 ? new(1e6, " s") : new(1, " µs"),
            MetricUnit.Wei => magnitude >= 1e15 ? new(1e18, " ETH") : magnitude >= 1e6 ? new(1e9, " gwei") : magnitude == 0 ? new(1e18, " ETH") : new(1, " wei"),
            MetricUnit.Gas => magnitude >= 1e6 ? new(1e6, " Mgas") : new(1, " gas"),
            MetricUnit.Quote => new(1, " " + (token ?? "quote token")),
            MetricUnit.BasisPoints => new(1, " bp"),
            MetricUnit.Bytes => magnitude >= 1e6 ? new(1e6, " MB") : magnitude >= 1e4 ? new(1e3, " kB") : new(1, " B"),
            _ => new(1, string.Empty),
        };

        public string Format(double value, int decimals, bool signed)
        {
            var scaled = value / Divisor;
            var text = Math.Abs(scaled).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Replace(",", "_", StringComparison.Ordinal);
            var zero = text.All(ch => ch is '0' or '.' or '_');
            return (scaled < 0 && !zero ? "-" : signed && !zero ? "+" : string.Empty) + text;
        }
    }
}
