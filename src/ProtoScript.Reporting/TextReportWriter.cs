using ProtoScript.Engine.Results;
using ProtoScript.Reporting.Document;
using ProtoScript.Reporting.Rendering;

namespace ProtoScript.Reporting;

/// <summary>
/// Renders a run's report as an aligned plain-text report, meant to be read and
/// snapshot-tested: LF line endings, invariant formatting, and exactly the same bytes for the
/// same result.
/// </summary>
public static class TextReportWriter
{
    /// <summary>Renders the report.</summary>
    public static string Write(SimulationResult result) => Write(result, []);

    /// <summary>Renders a run's report followed by the verdict on each of the scenario's expectations.</summary>
    public static string Write(SimulationResult result, IReadOnlyList<ExpectationOutcome> expectations) =>
        Write(RunReport.WithExpectations(RunReport.Build(result), expectations));

    /// <summary>Renders a report document.</summary>
    public static string Write(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return TextRenderer.Render(document);
    }
}
