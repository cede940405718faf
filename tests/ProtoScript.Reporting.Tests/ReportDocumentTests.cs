using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;
using ProtoScript.Reporting.Document;

namespace ProtoScript.Reporting.Tests;

public class ReportDocumentTests
{
    public static TheoryData<string> SingleRunExamples => [.. Examples.Names.Where(n => Examples.Compile(n).Sweep is null)];

    public static TheoryData<string> AllExamples => [.. Examples.Names];

    [Fact]
    public void The_metric_catalogue_is_the_list_of_metric_definitions()
    {
        Assert.Equal(ReportMetrics.Of(MetricScope.Rollup).Select(m => m.Key).Order(), MetricCatalog.Rollup.Keys.Order());
        Assert.Equal(ReportMetrics.Of(MetricScope.L1).Select(m => m.Key).Order(), MetricCatalog.L1.Keys.Order());
        Assert.Equal(ReportMetrics.Of(MetricScope.CrossChain).Select(m => m.Key).Order(), MetricCatalog.CrossChain.Keys.Order());
        Assert.All(ReportMetrics.All, m => Assert.Equal(m.Unit, Catalogue(m.Scope)[m.Key]));
        Assert.Equal(ReportMetrics.All.Length, ReportMetrics.All.Select(m => (m.Scope, m.Key)).Distinct().Count());
        Assert.Contains("mev.total", (IReadOnlySet<string>)MetricCatalog.Trading);
        Assert.Contains("fees.treasury", (IReadOnlySet<string>)MetricCatalog.FeeDistribution);
    }

    [Fact]
    public void Text_and_json_writers_render_the_document_built_once()
    {
        var result = SampleResults.Small();
        var document = RunReport.Build(result);

        Assert.Equal(TextReportWriter.Write(result), TextReportWriter.Write(document));
        Assert.Equal(JsonReportWriter.Write(result), JsonReportWriter.Write(document));
    }

    [Fact]
    public void Every_metric_of_a_rollup_has_a_row_whose_value_the_checker_reads()
    {
        var result = SampleResults.Small();
        var document = RunReport.Build(result);

        Assert.True(document.TryGetValue("A", "transactions.included", out var included));
        Assert.Equal(ReportValueKind.Count, included.Kind);
        Assert.Equal(990m, ExpectationChecker.Read(new MetricPath("A", "transactions.included", MetricUnit.Count), document));
        Assert.True(document.TryGetValue("A", "latency.soft.p99", out var p99));
        Assert.Equal(ReportValueKind.Duration, p99.Kind);
        Assert.Equal(1_999_999m, ExpectationChecker.Read(new MetricPath("A", "latency.p99", MetricUnit.Time), document));
        Assert.True(document.TryGetValue("l1", "base_fee", out var baseFee));
        Assert.Equal(ReportValueKind.Wei, baseFee.Kind);
        Assert.Equal((decimal)(Wei.PerGwei + 291_666), baseFee.ToMetric());
    }

    [Fact]
    public void A_metric_whose_section_is_absent_reads_zero_and_an_unknown_chain_is_refused()
    {
        var document = RunReport.Build(SampleResults.Small());

        Assert.False(document.TryGetValue("A", "mev.total", out _));
        Assert.Equal(0m, document.ReadMetric(new MetricPath("A", "mev.total", MetricUnit.Quote)));
        Assert.Equal(0m, document.ReadMetric(new MetricPath("cross_chain", "sent", MetricUnit.Count)));
        Assert.Throws<ArgumentException>(() => document.ReadMetric(new MetricPath("C", "mev.total", MetricUnit.Quote)));
        Assert.Throws<ArgumentException>(() => document.ReadMetric(new MetricPath("A", "no.such.metric", MetricUnit.Count)));
    }

    [Fact]
    public void Without_a_fees_block_the_sequencer_metric_reads_the_priority_fees()
    {
        var result = SampleResults.Small();
        var document = RunReport.Build(result);

        Assert.Equal((decimal)result.Rollups[0].Fees.PriorityFeeToSequencer, document.ReadMetric(new MetricPath("A", "fees.sequencer", MetricUnit.Wei)));
        Assert.Equal(0m, document.ReadMetric(new MetricPath("A", "fees.treasury", MetricUnit.Wei)));
    }

    [Fact]
    public void Two_rows_with_one_key_in_one_chain_must_hold_one_value()
    {
        ReportSection Root(long second) => new(string.Empty, null, TextShape.Transparent, null, JsonShape.Inline, [
            new ReportRow("blocks", null, "blocks", ReportValue.Count(5)),
            new ReportRow("blocks", "blocks", null, ReportValue.Count(second)),
        ]);

        _ = new ReportDocument(Root(5));
        Assert.Throws<InvalidOperationException>(() => new ReportDocument(Root(6)));
    }

    [Fact]
    public void Renderers_show_each_row_where_it_has_a_label_or_a_json_name_and_the_checker_reads_even_a_hidden_row()
    {
        var document = new ReportDocument(new ReportSection(string.Empty, null, TextShape.Transparent, null, JsonShape.Inline, [
            new ReportSection("x", "section x", TextShape.Heading, "x", JsonShape.Object, [
                new ReportRow("both", "both", "both", ReportValue.Wei(1_500_000_000, TextStyle.Gwei)),
                new ReportRow("text", "text only", null, ReportValue.Ratio(1, 3)),
                new ReportRow("json", null, "jsonOnly", ReportValue.Duration(default, TextStyle.Seconds, available: false)),
                new ReportRow("hidden", null, null, ReportValue.Count(7)),
            ]),
        ]));

        Assert.Equal("section x\n  both       1.5 gwei\n  text only  0.33\n", TextReportWriter.Write(document));
        Assert.Equal("{\n  \"x\": {\n    \"both\": \"1500000000\",\n    \"jsonOnly\": null\n  }\n}\n", JsonReportWriter.Write(document));
        Assert.True(document.TryGetValue(string.Empty, "x.hidden", out _) || document.TryGetValue(string.Empty, "hidden", out _));
    }

    [Fact]
    public void A_metric_cannot_be_bound_to_a_row_of_another_unit()
    {
        var section = new SectionLayout<RollupResult>("s", null, TextShape.Transparent, null, JsonShape.Inline);

        var e = Assert.Throws<InvalidOperationException>(() => section.Row(ReportMetrics.GasUsed, "gas used", "gasUsed", ReportValueKind.Wei, r => ReportValue.Wei(r.GasUsed, TextStyle.Gwei)));
        Assert.Contains("gas_used", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_that_holds_another_kind_than_it_declares_is_refused_when_built()
    {
        var section = new SectionLayout<RollupResult>("s", null, TextShape.Transparent, null, JsonShape.Inline)
            .Row("blocks", "blocks", "blocks", ReportValueKind.Gas, r => ReportValue.Count(r.Blocks));

        Assert.Throws<InvalidOperationException>(() => section.Build(SampleResults.Small().Rollups[0], string.Empty, ImmutableArray.CreateBuilder<ReportNode>()));
    }

    [Theory]
    [MemberData(nameof(SingleRunExamples))]
    public void Every_example_json_report_validates_against_the_schema_derived_from_the_layout(string example)
    {
        using var json = JsonDocument.Parse(Examples.Report(example, ReportFormatKind.Json));

        Assert.Empty(JsonSchemaValidator.Validate(RunReport.JsonSchema(), json.RootElement));
    }

    [Theory]
    [MemberData(nameof(AllExamples))]
    public void Every_metric_of_every_example_reads_from_its_report_document(string example)
    {
        var model = Examples.Compile(example).Model!;
        var document = RunReport.Build(Examples.RunOnce(example));

        foreach (var metric in Sweeps.SweepAggregation.Metrics(model))
        {
            _ = document.ReadMetric(metric);
            var definition = ReportMetrics.Of(Scope(metric.Chain)).Single(m => m.Key == metric.Name);
            if (definition.Presence == MetricPresence.Always)
            {
                Assert.True(document.TryGetValue(metric.Chain, definition.SameAs ?? definition.Key, out _), $"{example}: no row {metric}");
            }
        }
    }

    [Fact]
    public void The_schema_refuses_unknown_and_missing_properties_and_wrong_types()
    {
        var schema = RunReport.JsonSchema();
        var good = JsonNode.Parse(JsonReportWriter.Write(SampleResults.Small()))!.AsObject();
        Assert.Empty(Validate(schema, good));

        var unknown = good.DeepClone().AsObject();
        unknown["l1"]!.AsObject()["surprise"] = 1;
        Assert.Contains(Validate(schema, unknown), e => e.Contains("unknown property surprise", StringComparison.Ordinal));

        var missing = good.DeepClone().AsObject();
        missing["rollups"]![0]!.AsObject().Remove("stateRoot");
        Assert.Contains(Validate(schema, missing), e => e.Contains("lacks required stateRoot", StringComparison.Ordinal));

        var wrongType = good.DeepClone().AsObject();
        wrongType["rollups"]![0]!["fees"]!.AsObject()["totalWei"] = 12;
        Assert.Contains(Validate(schema, wrongType), e => e.Contains("totalWei", StringComparison.Ordinal));
    }

    [Fact]
    public void The_schema_allows_null_only_where_a_statistic_may_have_no_samples()
    {
        var rollup = RunReport.JsonSchema()["properties"]!["rollups"]!["items"]!["properties"]!;

        Assert.Equal("[\"integer\",\"null\"]", rollup["inclusionLatencyMicroseconds"]!["properties"]!["p50"]!["type"]!.ToJsonString());
        Assert.Equal("integer", (string?)rollup["inclusionLatencyMicroseconds"]!["properties"]!["samples"]!["type"]);
        Assert.Equal("integer", (string?)rollup["blocks"]!["type"]);
    }

    private static List<string> Validate(JsonObject schema, JsonObject report)
    {
        using var json = JsonDocument.Parse(report.ToJsonString());
        return JsonSchemaValidator.Validate(schema, json.RootElement);
    }

    private static MetricScope Scope(string chain) => chain switch
    {
        MetricCatalog.L1Section => MetricScope.L1,
        MetricCatalog.CrossChainSection => MetricScope.CrossChain,
        _ => MetricScope.Rollup,
    };

    private static IReadOnlyDictionary<string, MetricUnit> Catalogue(MetricScope scope) => scope switch
    {
        MetricScope.L1 => MetricCatalog.L1,
        MetricScope.CrossChain => MetricCatalog.CrossChain,
        _ => MetricCatalog.Rollup,
    };
}
