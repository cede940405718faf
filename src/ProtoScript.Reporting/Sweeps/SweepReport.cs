using System.Collections.Immutable;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting.Sweeps;

/// <summary>
/// The report of a sweep, built once from its aggregates: the axes, and per point its labels,
/// seeds, every metric's statistics in the metric's base unit and the expectation failures.
/// JSON writes the document as it is; text lays it out as one table per metric.
/// </summary>
public static class SweepReport
{
    /// <summary>The version of the sweep JSON layout.</summary>
    /// <remarks>2: axes and points carry numeric values with their unit, metrics every run's value,
    /// token amounts are in smallest units with their token and decimals, and a <c>units</c> object.</remarks>
    public const int SchemaVersion = 2;

    internal static readonly SectionLayout<SweepResult> Layout = new SectionLayout<SweepResult>(string.Empty, null, TextShape.Hidden, null, JsonShape.Inline)
        .Row("kind", null, "kind", K.Text, _ => V.Of("sweep"))
        .Row("schema_version", null, "schemaVersion", K.Count, _ => V.Count(SchemaVersion))
        .Row("scenario", null, "scenario", K.Text, r => V.Of(r.Scenario))
        .Row("runs", null, "runs", K.Count, r => V.Count(r.Sweep.Runs))

        // The index in points of the point the paired differences are taken to.
        .Row("baseline", null, "baseline", K.Count, r => V.Count(r.Baseline))
        .Add(ReportUnits.Layout<SweepResult>())
        .Add(new SectionLayout<SweepResult>("axes", null, TextShape.Hidden, "axes", JsonShape.Array)
            .Each(r => r.Sweep.Axes.Select((axis, i) => (Axis: axis, Index: i)), new SectionLayout<(Language.Model.SweepAxis Axis, int Index)>("axis", null, TextShape.Hidden, null, JsonShape.Object) { ItemKey = a => ReportFormat.Integer((long)a.Index) }
                .Row("path", null, "path", K.Text, a => V.Of(a.Axis.Path))
                .Nest(a => a.Axis.Labels, Labels)
                .RowLabelled("unit", null, "unit", K.Text, a => V.Of(AxisUnit(a.Axis)!), when: a => AxisUnit(a.Axis) is not null)
                .Nest(a => new NumericList([.. a.Axis.Labels.Select((_, i) => Numeric(a.Axis, i))]), NumericValues)))
        .Add(new SectionLayout<SweepResult>("points", null, TextShape.Hidden, "points", JsonShape.Array)
            .Each(r => r.Points.Select((point, i) => new PointContext(point, i, r.Sweep.Axes, Coordinates(r.Sweep.Axes, i), r)), Point));

    private static SectionLayout<PointContext> Point =>
        new SectionLayout<PointContext>("point", null, TextShape.Hidden, null, JsonShape.Object) { ItemKey = p => ReportFormat.Integer((long)p.Index) }
            .Nest(p => p.Point.Labels, Labels)
            .Nest(p => new NumericList([.. p.Axes.Select((axis, a) => Numeric(axis, p.Coordinates[a]))]), NumericValues)
            .Nest(p => p.Point.Seeds, new SectionLayout<ImmutableArray<ulong>>("seeds", null, TextShape.Hidden, "seeds", JsonShape.Array)
                .Each(s => s.Select((seed, i) => (Seed: seed, Index: i)), ItemLayout.Row<(ulong Seed, int Index)>(s => ReportFormat.Integer((long)s.Index), null, _ => string.Empty, K.Count, s => V.Count(s.Seed))))

            // Only isolated sweeps produce failed points; a finished point has no such field.
            .RowLabelled("failure", null, "failure", K.Text, p => V.Of(p.Point.Failure!), when: p => p.Point.Failure is not null)
            .Add(new SectionLayout<PointContext>("metrics", null, TextShape.Hidden, "metrics", JsonShape.Array)
                .Each(p => p.Point.Metrics.Select((m, k) => new MetricContext(m.Metric, m.Statistics, p.Point.Tokens[k], p.Point.RunValues[k], p.Result.Paired(p.Index, k), p.Point.Seeds.Length)), new SectionLayout<MetricContext>("metric", null, TextShape.Hidden, null, JsonShape.Object) { ItemKey = m => m.Metric.Chain + "." + m.Metric.Name }
                    .Row("chain", null, "chain", K.Text, m => V.Of(m.Metric.Chain))
                    .Row("name", null, "name", K.Text, m => V.Of(m.Metric.Name))
                    .Row("unit", null, "unit", K.Text, m => V.Of(ReportUnits.Name(m.Metric.Unit)))
                    .RowLabelled("token", null, "token", K.Text, m => V.Of(m.Token!.Name), when: m => m.Token is not null)
                    .RowLabelled("decimals", null, "decimals", K.Count, m => V.Count(m.Token!.Decimals), when: m => m.Token is not null)

                    // Runs without samples of the metric (a latency nothing reached) are left out of the
                    // figures; the count appears only then, and with none left the figures are null.
                    .RowLabelled("runs", null, "runs", K.Count, m => V.Count(m.Statistics.Runs), when: m => m.Statistics.Runs < m.Runs)
                    .Row("mean", null, "mean", K.Real, m => m.Real(Figure(m.Statistics, m.Statistics.Mean)), nullable: true)
                    .Row("sd", null, "sd", K.Real, m => m.Real(Figure(m.Statistics, m.Statistics.StandardDeviation)), nullable: true)
                    .Row("ci95", null, "ci95", K.Real, m => m.Real(m.Statistics.HalfWidth), nullable: true)
                    .Row("min", null, "min", K.Real, m => m.Real(Figure(m.Statistics, m.Statistics.Min)), nullable: true)
                    .Row("max", null, "max", K.Real, m => m.Real(Figure(m.Statistics, m.Statistics.Max)), nullable: true)

                    // The mean of the per-run differences to the baseline point (same seeds) and its
                    // 95 % half-width; absent on the baseline itself and when either point failed.
                    .RowLabelled("paired_mean", null, "pairedMean", K.Real, m => m.Real(m.Paired!.Mean), when: m => m.Paired is not null)
                    .RowLabelled("paired_ci95", null, "pairedCi95", K.Real, m => m.Real(m.Paired!.HalfWidth), nullable: true, when: m => m.Paired is not null)

                    // Every run's value; a run without samples of the metric is null.
                    .Add(new SectionLayout<MetricContext>("values", null, TextShape.Hidden, "values", JsonShape.Array)
                        .Each(m => m.Values.Select((value, run) => (Value: value, Run: run, Metric: m)), new RowLayout<(double Value, int Run, MetricContext Metric)>(v => ReportFormat.Integer((long)v.Run), null, _ => string.Empty, K.Real, v => v.Metric.Real(double.IsFinite(v.Value) ? v.Value : null)) { Nullable = true }))))
            .Add(new SectionLayout<PointContext>("expectations", null, TextShape.Hidden, "expectations", JsonShape.Array)
                .Each(p => p.Point.ExpectationFailures.Select((e, i) => (e.Expectation, e.Failures, Index: i)), new SectionLayout<(Language.Model.ExpectationModel Expectation, int Failures, int Index)>("expectation", null, TextShape.Hidden, null, JsonShape.Object) { ItemKey = e => ReportFormat.Integer((long)e.Index) }
                    .Row("expectation", null, "expectation", K.Text, e => V.Of(e.Expectation.Text))
                    .Row("failed_runs", null, "failedRuns", K.Count, e => V.Count(e.Failures))));

    private static double? Figure(SweepStatistics statistics, double value) => statistics.Runs > 0 ? value : null;

    private static SectionLayout<NumericList> NumericValues => new SectionLayout<NumericList>("numeric_values", null, TextShape.Hidden, "numericValues", JsonShape.Array)
        .Each(l => l.Values.Select((value, i) => (Value: value, Index: i)), new RowLayout<(double? Value, int Index)>(l => ReportFormat.Integer((long)l.Index), null, _ => string.Empty, K.Real, l => V.Real(l.Value, Language.Model.MetricUnit.Count)) { Nullable = true });

    /// <summary>The unit every numeric value of an axis is in, or null when a value is not numeric or they differ.</summary>
    internal static string? AxisUnit(Language.Model.SweepAxis axis)
    {
        if (axis.Values.Length != axis.Labels.Length || axis.Values.Length == 0 || axis.Values.Any(v => v is null))
        {
            return null;
        }

        var unit = axis.Values[0]!.Unit;
        return axis.Values.All(v => v!.Unit == unit) ? unit : null;
    }

    /// <summary>Value <paramref name="index"/> of an axis as a number in the axis's unit; null when the axis has no common unit.</summary>
    internal static double? Numeric(Language.Model.SweepAxis axis, int index) =>
        AxisUnit(axis) is null ? null : (double)axis.Values[index]!.Value;

    /// <summary>The index of each axis's value at point <paramref name="point"/> (the last axis varies fastest).</summary>
    internal static int[] Coordinates(ImmutableArray<Language.Model.SweepAxis> axes, int point)
    {
        var coordinates = new int[axes.Length];
        for (var a = axes.Length - 1; a >= 0; a--)
        {
            coordinates[a] = point % axes[a].Labels.Length;
            point /= axes[a].Labels.Length;
        }

        return coordinates;
    }

    private static SectionLayout<ImmutableArray<string>> Labels => new SectionLayout<ImmutableArray<string>>("values", null, TextShape.Hidden, "values", JsonShape.Array)
        .Each(l => l.Select((label, i) => (Label: label, Index: i)), ItemLayout.Row<(string Label, int Index)>(l => ReportFormat.Integer((long)l.Index), null, _ => string.Empty, K.Text, l => V.Of(l.Label)));

    /// <summary>The JSON schema of a sweep's JSON report, derived from the same layout that builds the document.</summary>
    public static System.Text.Json.Nodes.JsonObject JsonSchema()
    {
        var root = JsonSchemaContainer.Root();
        Layout.Describe(root);
        var schema = root.Schema;
        schema.Insert(0, "$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.Insert(1, "title", "ProtoScript sweep report, schema version " + ReportFormat.Integer((long)SchemaVersion));
        return schema;
    }

    /// <summary>Builds a sweep's report document.</summary>
    public static ReportDocument Build(SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var nodes = ImmutableArray.CreateBuilder<ReportNode>();
        Layout.Build(result, string.Empty, nodes);
        return new ReportDocument((ReportSection)nodes.Single());
    }

    /// <summary>A list of numbers that may hold nulls (a class, so a layout can nest it).</summary>
    private sealed record NumericList(ImmutableArray<double?> Values);

    /// <summary>A point with its index, the sweep's axes and its value index on each.</summary>
    private sealed record PointContext(SweepPointResult Point, int Index, ImmutableArray<Language.Model.SweepAxis> Axes, int[] Coordinates, SweepResult Result);

    /// <summary>One metric of a point: its statistics, its token (for token amounts) and every run's value.</summary>
    private sealed record MetricContext(Language.Model.MetricPath Metric, SweepStatistics Statistics, MetricToken? Token, ImmutableArray<double> Values, SweepStatistics? Paired, int Runs)
    {
        public ReportValue Real(double? value) => Token is null ? V.Real(value, Metric.Unit) : V.Real(value, Metric.Unit, Token.Decimals);
    }
}
