using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProtoScript.Reporting.Document;
using ProtoScript.Reporting.Sweeps;

namespace ProtoScript.Reporting;

/// <summary>
/// The JSON Schemas of the two JSON report kinds as the repository publishes them
/// (<c>schemas/run.schema.json</c>, <c>schemas/sweep.schema.json</c>), derived from the layouts
/// that build the reports, so a test can tell when a checked-in copy is stale.
/// </summary>
public static class ReportSchemas
{
    /// <summary>The file name of the single-run report's schema under <c>schemas/</c>.</summary>
    public const string RunFile = "run.schema.json";

    /// <summary>The file name of the sweep report's schema under <c>schemas/</c>.</summary>
    public const string SweepFile = "sweep.schema.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The single-run report's schema as published: indented, LF line ends, a trailing newline.</summary>
    public static string Run() => Text(RunReport.JsonSchema());

    /// <summary>The sweep report's schema as published.</summary>
    public static string Sweep() => Text(SweepReport.JsonSchema());

    private static string Text(JsonObject schema) => schema.ToJsonString(Options).ReplaceLineEndings("\n") + "\n";
}
