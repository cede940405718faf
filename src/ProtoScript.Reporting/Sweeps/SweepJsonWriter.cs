using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ProtoScript.Reporting.Sweeps;

/// <summary>
/// Writes a sweep as JSON (<c>kind: "sweep"</c>, schemaVersion 1): the axes, and per point
/// its labels, seeds, every metric's statistics in the metric's base unit (microseconds,
/// wei, gas, count) and the expectation failures.
/// </summary>
public static class SweepJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Formats the sweep's outcome, ending with a newline.</summary>
    public static string Write(SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("kind", "sweep");
            json.WriteNumber("schemaVersion", 1);
            json.WriteString("scenario", result.Scenario);
            json.WriteNumber("runs", result.Sweep.Runs);
            json.WriteStartArray("axes");
            foreach (var axis in result.Sweep.Axes)
            {
                json.WriteStartObject();
                json.WriteString("path", axis.Path);
                json.WriteStartArray("values");
                foreach (var label in axis.Labels)
                {
                    json.WriteStringValue(label);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("points");
            foreach (var point in result.Points)
            {
                WritePoint(json, point);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WritePoint(Utf8JsonWriter json, SweepPointResult point)
    {
        json.WriteStartObject();
        json.WriteStartArray("values");
        foreach (var label in point.Labels)
        {
            json.WriteStringValue(label);
        }

        json.WriteEndArray();
        json.WriteStartArray("seeds");
        foreach (var seed in point.Seeds)
        {
            json.WriteNumberValue(seed);
        }

        json.WriteEndArray();
        if (point.Failure is { } failure)
        {
            // Only isolated sweeps produce failed points; a finished point has no such field.
            json.WriteString("failure", failure);
        }

        json.WriteStartArray("metrics");
        foreach (var (metric, s) in point.Metrics)
        {
            json.WriteStartObject();
            json.WriteString("chain", metric.Chain);
            json.WriteString("name", metric.Name);
            json.WriteString("unit", metric.Unit.ToString().ToLowerInvariant());
            json.WriteNumber("mean", s.Mean);
            json.WriteNumber("sd", s.StandardDeviation);
            if (s.HalfWidth is { } h)
            {
                json.WriteNumber("ci95", h);
            }
            else
            {
                json.WriteNull("ci95");
            }

            json.WriteNumber("min", s.Min);
            json.WriteNumber("max", s.Max);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("expectations");
        foreach (var (expectation, failures) in point.ExpectationFailures)
        {
            json.WriteStartObject();
            json.WriteString("expectation", expectation.Text);
            json.WriteNumber("failedRuns", failures);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
