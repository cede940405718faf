using System.Text.Json;
using System.Text.Json.Nodes;
using ProtoScript.Testing;

namespace ProtoScript.Reporting.Tests;

/// <summary>The schemas checked in under <c>schemas/</c> are the ones the layouts describe.</summary>
public class PublishedSchemaTests
{
    public static TheoryData<string> Files() => [ReportSchemas.RunFile, ReportSchemas.SweepFile];

    [Theory]
    [MemberData(nameof(Files))]
    public void The_checked_in_schema_is_the_one_the_layout_describes(string file)
    {
        var path = Path.Combine(Examples.Root, "schemas", file);
        var expected = file == ReportSchemas.RunFile ? ReportSchemas.Run() : ReportSchemas.Sweep();
        if (Environment.GetEnvironmentVariable(Snapshot.AcceptVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run the tests with {Snapshot.AcceptVariable}=1 to write it");
        Assert.True(
            expected == File.ReadAllText(path).ReplaceLineEndings("\n"),
            $"{path} is stale: the report layout changed; run the tests with {Snapshot.AcceptVariable}=1 and commit the new schema (and bump the schema version if a field changed meaning)");
    }

    [Fact]
    public void The_sweep_schema_requires_per_run_values_numeric_axes_and_units()
    {
        var schema = JsonNode.Parse(ReportSchemas.Sweep())!;
        var metric = schema["properties"]!["points"]!["items"]!["properties"]!["metrics"]!["items"]!;
        Assert.Contains("values", metric["required"]!.AsArray().Select(n => (string)n!));
        // A run with no samples of the metric (a latency nothing reached) has null, not a number.
        Assert.Equal("[\"number\",\"null\"]", metric["properties"]!["values"]!["items"]!["type"]!.ToJsonString());
        var axis = schema["properties"]!["axes"]!["items"]!["properties"]!;
        Assert.Equal("[\"number\",\"null\"]", axis["numericValues"]!["items"]!["type"]!.ToJsonString());
        Assert.Contains("units", schema["required"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public void A_sweep_report_with_a_string_where_a_run_value_belongs_is_refused()
    {
        using var good = JsonDocument.Parse(Examples.Report("mev-block-time", ReportFormatKind.Json));
        var schema = JsonNode.Parse(ReportSchemas.Sweep())!.AsObject();
        Assert.Empty(JsonSchemaValidator.Validate(schema, good.RootElement));

        var bad = JsonNode.Parse(good.RootElement.GetRawText())!;
        bad["points"]![0]!["metrics"]![0]!["values"]![0] = "12";
        using var badDocument = JsonDocument.Parse(bad.ToJsonString());
        Assert.Contains(JsonSchemaValidator.Validate(schema, badDocument.RootElement), e => e.Contains("values[0]", StringComparison.Ordinal));
    }
}
