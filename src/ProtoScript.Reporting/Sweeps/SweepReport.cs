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
    public const int SchemaVersion = 1;

    internal static readonly SectionLayout<SweepResult> Layout = new SectionLayout<SweepResult>(string.Empty, null, TextShape.Hidden, null, JsonShape.Inline)
        .Row("kind", null, "kind", K.Text, _ => V.Of("sweep"))
        .Row("schema_version", null, "schemaVersion", K.Count, _ => V.Count(SchemaVersion))
        .Row("scenario", null, "scenario", K.Text, r => V.Of(r.Scenario))
        .Row("runs", null, "runs", K.Count, r => V.Count(r.Sweep.Runs))

        // The index in points of the point the paired differences are taken to.
        .Row("baseline", null, "baseline", K.Count, r => V.Count(r.Baseline))
        .Add(new SectionLayout<SweepResult>("axes", null, TextShape.Hidden, "axes", JsonShape.Array)
            .Each(r => r.Sweep.Axes.Select((axis, i) => (Axis: axis, Index: i)), new SectionLayout<(Language.Model.SweepAxis Axis, int Index)>("axis", null, TextShape.Hidden, null, JsonShape.Object) { ItemKey = a => ReportFormat.Integer((long)a.Index) }
                .Row("path", null, "path", K.Text, a => V.Of(a.Axis.Path))
                .Nest(a => a.Axis.Labels, Labels)))
        .Add(new SectionLayout<SweepResult>("points", null, TextShape.Hidden, "points", JsonShape.Array)
            .Each(r => r.Points.Select((point, i) => new PointItem(point, i, r)), Point));

    private static SectionLayout<PointItem> Point =>
        new SectionLayout<PointItem>("point", null, TextShape.Hidden, null, JsonShape.Object) { ItemKey = p => ReportFormat.Integer((long)p.Index) }
            .Nest(p => p.Point.Labels, Labels)
            .Nest(p => p.Point.Seeds, new SectionLayout<ImmutableArray<ulong>>("seeds", null, TextShape.Hidden, "seeds", JsonShape.Array)
                .Each(s => s.Select((seed, i) => (Seed: seed, Index: i)), ItemLayout.Row<(ulong Seed, int Index)>(s => ReportFormat.Integer((long)s.Index), null, _ => string.Empty, K.Count, s => V.Count(s.Seed))))

            // Only isolated sweeps produce failed points; a finished point has no such field.
            .RowLabelled("failure", null, "failure", K.Text, p => V.Of(p.Point.Failure!), when: p => p.Point.Failure is not null)
            .Add(new SectionLayout<PointItem>("metrics", null, TextShape.Hidden, "metrics", JsonShape.Array)
                .Each(p => p.Point.Metrics.Select((m, k) => new MetricItem(m.Metric, m.Statistics, p.Result.Paired(p.Index, k), p.Result.QuoteToken(m.Metric.Chain), p.Point.Seeds.Length)), new SectionLayout<MetricItem>("metric", null, TextShape.Hidden, null, JsonShape.Object) { ItemKey = m => m.Metric.Chain + "." + m.Metric.Name }
                    .Row("chain", null, "chain", K.Text, m => V.Of(m.Metric.Chain))
                    .Row("name", null, "name", K.Text, m => V.Of(m.Metric.Name))
                    .Row("unit", null, "unit", K.Text, m => V.Of(m.Metric.Unit.ToString().ToLowerInvariant()))

                    // A quote-token amount names its token, in whole tokens as the mean is.
                    .RowLabelled("token", null, "token", K.Text, m => V.Of(m.Token!), when: m => m.Metric.Unit == Language.Model.MetricUnit.Quote && m.Token is not null)

                    // Runs without samples of the metric (a latency nothing reached) are left out of the
                    // figures; the count appears only then, and with none left the figures are null.
                    .RowLabelled("runs", null, "runs", K.Count, m => V.Count(m.Statistics.Runs), when: m => m.Statistics.Runs < m.Runs)
                    .Row("mean", null, "mean", K.Real, m => V.Real(Figure(m.Statistics, m.Statistics.Mean), m.Metric.Unit), nullable: true)
                    .Row("sd", null, "sd", K.Real, m => V.Real(Figure(m.Statistics, m.Statistics.StandardDeviation), m.Metric.Unit), nullable: true)
                    .Row("ci95", null, "ci95", K.Real, m => V.Real(m.Statistics.HalfWidth, m.Metric.Unit), nullable: true)
                    .Row("min", null, "min", K.Real, m => V.Real(Figure(m.Statistics, m.Statistics.Min), m.Metric.Unit), nullable: true)
                    .Row("max", null, "max", K.Real, m => V.Real(Figure(m.Statistics, m.Statistics.Max), m.Metric.Unit), nullable: true)

                    // The mean of the per-run differences to the baseline point (same seeds) and its
                    // 95 % half-width; absent on the baseline itself and when either point failed.
                    .RowLabelled("paired_mean", null, "pairedMean", K.Real, m => V.Real(m.Paired!.Mean, m.Metric.Unit), when: m => m.Paired is not null)
                    .RowLabelled("paired_ci95", null, "pairedCi95", K.Real, m => V.Real(m.Paired!.HalfWidth, m.Metric.Unit), nullable: true, when: m => m.Paired is not null)))
            .Add(new SectionLayout<PointItem>("expectations", null, TextShape.Hidden, "expectations", JsonShape.Array)
                .Each(p => p.Point.ExpectationFailures.Select((e, i) => (e.Expectation, e.Failures, Index: i)), new SectionLayout<(Language.Model.ExpectationModel Expectation, int Failures, int Index)>("expectation", null, TextShape.Hidden, null, JsonShape.Object) { ItemKey = e => ReportFormat.Integer((long)e.Index) }
                    .Row("expectation", null, "expectation", K.Text, e => V.Of(e.Expectation.Text))
                    .Row("failed_runs", null, "failedRuns", K.Count, e => V.Count(e.Failures))));

    private static double? Figure(SweepStatistics statistics, double value) => statistics.Runs > 0 ? value : null;

    private sealed record PointItem(SweepPointResult Point, int Index, SweepResult Result);

    private sealed record MetricItem(Language.Model.MetricPath Metric, SweepStatistics Statistics, SweepStatistics? Paired, string? Token, int Runs);

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
}
