using System.Collections.Immutable;
using System.Text.Json.Nodes;
using ProtoScript.Engine.Results;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting.Document;

/// <summary>
/// The report of one run: its layout (sections and rows over a <see cref="SimulationResult"/>),
/// the document built from it once per run, and the JSON schema the layout implies.
/// </summary>
public static class RunReport
{
    /// <summary>The run's sections in report order; each section's layout lives in its own file.</summary>
    internal static readonly SectionLayout<SimulationResult> Layout = new SectionLayout<SimulationResult>(string.Empty, null, TextShape.Transparent, null, JsonShape.Inline)
        .Add(new SectionLayout<SimulationResult>("run", _ => "ProtoScript simulation report", TextShape.Heading, null, JsonShape.Inline)
            .Row("schema_version", null, "schemaVersion", K.Count, _ => V.Count(JsonReportWriter.SchemaVersion))
            .Row("scenario", "scenario", "scenario", K.Text, r => V.Of(r.ScenarioName))
            .Row("seed", "seed", "seed", K.Count, r => V.Count(r.Seed))
            .Row("duration", "duration", "durationMicroseconds", K.Duration, r => V.Duration(r.Duration)))
        .Add(ReportUnits.Layout<SimulationResult>())
        .Nest(r => r.L1, L1ReportSection.Layout)
        .Add(new SectionLayout<SimulationResult>("rollups", null, TextShape.Transparent, "rollups", JsonShape.Array)
            .Each(r => r.Rollups, RollupReportSection.Layout))
        .Nest(FeeReportSection.Total, FeeReportSection.Totals)
        .Nest(r => r.CrossChain, CrossChainReportSection.Layout)
        .Add(new SectionLayout<SimulationResult>("sequencers", null, TextShape.Transparent, "sequencers", JsonShape.Array) { When = r => r.Sequencers.Length > 0 }
            .Each(r => r.Sequencers, CrossChainReportSection.Sequencer))
        .Nest(r => r.CrossArbitrage, CrossArbitrageReportSection.Layout);

    /// <summary>The verdicts on the scenario's expectations, last in the report.</summary>
    internal static readonly SectionLayout<IReadOnlyList<ExpectationOutcome>> Expectations =
        new SectionLayout<IReadOnlyList<ExpectationOutcome>>("expectations", _ => "expectations", TextShape.Heading, "expectations", JsonShape.Array) { When = e => e.Count > 0 }
            .Each(
                e => e.Select((outcome, i) => (Outcome: outcome, Index: i)),
                new SectionLayout<(ExpectationOutcome Outcome, int Index)>("expectation", null, TextShape.Transparent, null, JsonShape.Object) { ItemKey = x => ReportFormat.Integer((long)x.Index) }
                    .RowLabelled("verdict", x => x.Outcome.Expectation.Text, null, K.Text, x => V.Of((x.Outcome.Passed ? "passed" : "FAILED") + " (" + x.Outcome.Actual + ")"))
                    .Row("expectation", null, "expectation", K.Text, x => V.Of(x.Outcome.Expectation.Text))
                    .Row("location", null, "location", K.Text, x => V.Of(x.Outcome.Expectation.Location.ToString()))
                    .Row("passed", null, "passed", K.Flag, x => V.Flag(x.Outcome.Passed))
                    .Row("actual", null, "actual", K.Text, x => V.Of(x.Outcome.Actual)));

    /// <summary>Builds a run's report document (without expectations: see <see cref="WithExpectations"/>).</summary>
    public static ReportDocument Build(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var nodes = ImmutableArray.CreateBuilder<ReportNode>();
        Layout.Build(result, string.Empty, nodes);
        return new ReportDocument((ReportSection)nodes.Single());
    }

    /// <summary>The document with the verdicts on the scenario's expectations appended (the same document when there are none).</summary>
    public static ReportDocument WithExpectations(ReportDocument document, IReadOnlyList<ExpectationOutcome> expectations)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(expectations);
        if (expectations.Count == 0)
        {
            return document;
        }

        var nodes = ImmutableArray.CreateBuilder<ReportNode>();
        Expectations.Build(expectations, string.Empty, nodes);
        var root = document.Root;
        return new ReportDocument(new ReportSection(root.Key, root.Heading, root.Text, root.JsonName, root.Json, root.Children.AddRange(nodes), root.Scope));
    }

    /// <summary>
    /// The JSON schema of a run's JSON report, derived from the same layout that builds the
    /// document: every object's properties with their types, which are required, and no others.
    /// </summary>
    public static JsonObject JsonSchema()
    {
        var root = JsonSchemaContainer.Root();
        Layout.Describe(root);
        Expectations.Describe(root);
        var schema = root.Schema;
        schema.Insert(0, "$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.Insert(1, "title", "ProtoScript run report, schema version " + ReportFormat.Integer((long)JsonReportWriter.SchemaVersion));
        return schema;
    }
}
