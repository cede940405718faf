using ProtoScript.Engine.Results;
using ProtoScript.Reporting.Document;
using ProtoScript.Reporting.Rendering;

namespace ProtoScript.Reporting;

/// <summary>
/// Renders a run's report as indented JSON for tools. Properties come in a fixed order, times
/// are integer microseconds, and wei amounts are decimal strings because they exceed what JSON
/// numbers carry exactly. <see cref="RunReport.JsonSchema"/> describes it.
/// </summary>
public static class JsonReportWriter
{
    /// <summary>
    /// The version of the JSON layout; bumped when a field changes meaning or is removed,
    /// or a section is added (2: a rollup with pools or tokens has a <c>trading</c> object;
    /// 3: the L1 fee market, data availability, and hard and final latency; 4: state size,
    /// fee distribution, proving, bridge, sequencer faults and forced inclusion, auction,
    /// cross-chain messages and shared sequencers; 5: a <c>units</c> object, and per rollup a
    /// <c>series</c> object of per-block time series).
    /// </summary>
    public const int SchemaVersion = 5;

    /// <summary>Renders the report (UTF-8 text, LF line endings, trailing newline).</summary>
    public static string Write(SimulationResult result) => Write(result, []);

    /// <summary>Renders a run's report with an <c>expectations</c> array holding each verdict.</summary>
    public static string Write(SimulationResult result, IReadOnlyList<ExpectationOutcome> expectations) =>
        Write(RunReport.WithExpectations(RunReport.Build(result), expectations));

    /// <summary>Renders a report document.</summary>
    public static string Write(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return JsonRenderer.Render(document);
    }
}
