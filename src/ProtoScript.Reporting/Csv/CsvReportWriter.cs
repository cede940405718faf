using System.Globalization;
using System.Numerics;
using System.Text;
using ProtoScript.Language.Model;
using ProtoScript.Reporting.Document;
using ProtoScript.Reporting.Sweeps;

namespace ProtoScript.Reporting.Csv;

/// <summary>
/// Writes runs and sweeps as CSV in long format (RFC 4180: comma-separated, CRLF line ends,
/// fields with a comma, quote or line break quoted): one row per point, run and metric, with
/// the columns <c>point,run,seed</c>, two per sweep axis (its value, numeric in the axis's base
/// unit when it has one, and that unit), then <c>metric,value,unit,decimals</c>. Values are in
/// the base units the JSON reports use (<see cref="ReportUnits"/>); <c>decimals</c> is filled
/// for token amounts only (their <c>unit</c> is the token). Rows come in point, run, then the
/// sweep's metric order; a single run is point 0, run 0. Numbers are culture-invariant.
/// </summary>
public static class CsvReportWriter
{
    /// <summary>The columns before the axes'.</summary>
    public static readonly IReadOnlyList<string> LeadingColumns = ["point", "run", "seed"];

    /// <summary>The columns after the axes'.</summary>
    public static readonly IReadOnlyList<string> TrailingColumns = ["metric", "value", "unit", "decimals"];

    /// <summary>A single run: every metric the sweep of the same scenario would report, as point 0, run 0.</summary>
    /// <param name="model">The scenario that ran (it decides which metrics exist).</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="document">The run's report document.</param>
    public static string Write(ScenarioModel model, ulong seed, ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(document);
        var csv = new StringBuilder();
        Header(csv, []);
        foreach (var metric in SweepAggregation.Metrics(model))
        {
            Row(csv, 0, 0, seed, [], metric, Number(document.ReadMetric(metric, smallestUnits: true)), SweepAggregation.TokenOf(model, metric));
        }

        return csv.ToString();
    }

    /// <summary>A sweep: every run's value of every metric at every point that finished (a failed point has no rows).</summary>
    public static string Write(SweepResult sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var csv = new StringBuilder();
        var axes = sweep.Sweep.Axes;
        Header(csv, axes);
        for (var p = 0; p < sweep.Points.Length; p++)
        {
            var point = sweep.Points[p];
            var coordinates = SweepReport.Coordinates(axes, p);
            var axisFields = axes.SelectMany((axis, a) => SweepReport.AxisUnit(axis) is { } unit
                ? new[] { Number(axis.Values[coordinates[a]]!.Value), unit }
                : [axis.Labels[coordinates[a]], string.Empty]).ToArray();
            for (var run = 0; run < point.Seeds.Length && !point.RunValues.IsEmpty; run++)
            {
                for (var m = 0; m < point.Metrics.Length; m++)
                {
                    Row(csv, p, run, point.Seeds[run], axisFields, point.Metrics[m].Metric, Number(point.RunValues[m][run]), point.Tokens[m]);
                }
            }
        }

        return csv.ToString();
    }

    /// <summary>One field, quoted when it holds a comma, a quote or a line break (quotes doubled), per RFC 4180.</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>An exact decimal number, invariant: an integer without decimals or exponent; empty for a metric the run has no samples of.</summary>
    public static string Number(decimal? value) => value is { } v ? v.ToString("G29", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>
    /// A statistic or a run's value: integers exactly (a double holds every integer up to 2^53,
    /// and larger ones are written as the integer the double is), others in the shortest form
    /// that reads back to the same double.
    /// </summary>
    public static string Number(double value) =>
        !double.IsFinite(value) ? string.Empty
        : Math.Floor(value) == value
            ? new BigInteger(value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A line of fields, ending with CRLF.</summary>
    internal static void Line(StringBuilder csv, IEnumerable<string> fields) =>
        csv.AppendJoin(',', fields.Select(Field)).Append("\r\n");

    private static void Header(StringBuilder csv, IReadOnlyList<SweepAxis> axes) =>
        Line(csv, LeadingColumns.Concat(axes.SelectMany(a => new[] { a.Path, a.Path + "_unit" })).Concat(TrailingColumns));

    private static void Row(StringBuilder csv, int point, int run, ulong seed, string[] axisFields, MetricPath metric, string value, MetricToken? token) =>
        Line(csv, [
            point.ToString(CultureInfo.InvariantCulture),
            run.ToString(CultureInfo.InvariantCulture),
            seed.ToString(CultureInfo.InvariantCulture),
            .. axisFields,
            metric.Chain + "." + metric.Name,
            value,
            token?.Name ?? Unit(metric.Unit),
            token is null ? string.Empty : token.Decimals.ToString(CultureInfo.InvariantCulture),
        ]);

    /// <summary>A metric unit's symbol in the CSV's <c>unit</c> column.</summary>
    public static string Unit(MetricUnit unit) => unit switch
    {
        MetricUnit.Time => "us",
        MetricUnit.Wei => "wei",
        MetricUnit.Gas => "gas",
        MetricUnit.BasisPoints => "bp",
        MetricUnit.Bytes => "B",
        MetricUnit.Quote => "quote",
        _ => "count",
    };
}
