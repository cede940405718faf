using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting.Document;

/// <summary>Shapes of sections that recur across the report's layout.</summary>
internal static class Sections
{
    /// <summary>A text heading over a JSON object.</summary>
    public static SectionLayout<T> Section<T>(string key, string heading, string? json) =>
        new(key, _ => heading, TextShape.Heading, json, JsonShape.Object);

    /// <summary>A text heading that depends on the context, over a JSON object.</summary>
    public static SectionLayout<T> Section<T>(string key, Func<T, string> heading, string? json) =>
        new(key, heading, TextShape.Heading, json, JsonShape.Object);

    /// <summary>
    /// Percentiles of a latency: p50, p95 and p99 in seconds (<c>n/a</c> without samples) in
    /// text; samples and the percentiles in microseconds (null without samples) in JSON.
    /// </summary>
    public static SectionLayout<LatencySummary> Latency(
        string key, string heading, string json, MetricDefinition? p50 = null, MetricDefinition? p95 = null, MetricDefinition? p99 = null, bool p95InText = true)
    {
        var section = Section<LatencySummary>(key, heading, json)
            .Row("samples", null, "samples", K.Count, l => V.Count(l.Samples));
        Percentile(section, "p50", p50, l => l.P50, true);
        Percentile(section, "p95", p95, l => l.P95, p95InText);
        Percentile(section, "p99", p99, l => l.P99, true);
        return section;
    }

    private static void Percentile(SectionLayout<LatencySummary> section, string name, MetricDefinition? metric, Func<LatencySummary, SimDuration> value, bool inText) =>
        section.Row(
            metric is null ? name : metric,
            inText ? name : null,
            name,
            K.Duration,
            l => V.Duration(value(l), TextStyle.Seconds, available: l.Samples > 0),
            nullable: true);
}
