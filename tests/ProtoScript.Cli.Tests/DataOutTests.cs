using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProtoScript.Reporting;
using ProtoScript.Reporting.Tests;

namespace ProtoScript.Cli.Tests;

/// <summary>
/// The machine-readable outputs through the CLI: CSV of runs and sweeps agrees with their JSON,
/// every example's JSON validates against the schema checked in under <c>schemas/</c>, and the
/// per-block series stay bounded and are the same on both engines.
/// </summary>
public class DataOutTests
{
    // 100 ms blocks for 10 minutes: 6000 blocks, past the series' 2048 points twice.
    private const string LongRun = """
        scenario "long-series" {
          seed 3
          duration 10 min
          l1 ethereum {
            slot_time = 12 s
          }
          rollup A {
            block_time = 100 ms
            gas_limit = 30_000_000
            ordering = priority_fee
            accounts 50 funded 10 eth
          }
          workload {
            users = poisson(20 / s) on A
            priority_fee = exponential(0.01 gwei)
            value = constant(0.01 eth)
          }
        }
        """;

    public static TheoryData<string> Examples() => ExampleSnapshotTests.Examples();

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_json_validates_against_the_published_schema_of_its_kind(string example)
    {
        var outcome = Cli.Run("run", Repository.Example(example), "--format", "json");

        Assert.Equal(0, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.Stdout);
        var sweep = json.RootElement.TryGetProperty("kind", out var kind) && kind.GetString() == "sweep";
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "schemas", sweep ? ReportSchemas.SweepFile : ReportSchemas.RunFile)))!.AsObject();
        Assert.Empty(JsonSchemaValidator.Validate(schema, json.RootElement));
    }

    [Fact]
    public void A_run_as_csv_is_point_0_run_0_and_holds_the_numbers_of_its_json()
    {
        var path = Repository.Example("back-running.proto-script");
        var csv = Csv(Cli.Run("run", path, "--format", "csv"));
        using var json = JsonDocument.Parse(Cli.Run("run", path, "--format", "json").Stdout);
        var rollup = json.RootElement.GetProperty("rollups")[0];

        Assert.Equal(["point", "run", "seed", "metric", "value", "unit", "decimals"], csv.Header);
        Assert.All(csv.Rows, r => Assert.Equal(("0", "0", "11"), (r["point"], r["run"], r["seed"])));
        Assert.Equal(rollup.GetProperty("gasUsed").GetInt64().ToString(CultureInfo.InvariantCulture), csv.Value("A.gas_used"));
        Assert.Equal(rollup.GetProperty("blocks").GetInt64().ToString(CultureInfo.InvariantCulture), csv.Value("A.blocks"));
        Assert.Equal(rollup.GetProperty("inclusionLatencyMicroseconds").GetProperty("p99").GetInt64().ToString(CultureInfo.InvariantCulture), csv.Value("A.latency.soft.p99"));
        Assert.Equal(rollup.GetProperty("fees").GetProperty("totalWei").GetString(), csv.Value("A.fees.total"));

        // Token amounts in smallest units, as the JSON's QuoteUnits fields, with the token and its decimals beside.
        var mev = csv.Rows.Single(r => r["metric"] == "A.mev.total");
        Assert.Equal(rollup.GetProperty("trading").GetProperty("mev").GetProperty("totalQuoteUnits").GetString(), mev["value"]);
        Assert.Equal(("usdc", "6"), (mev["unit"], mev["decimals"]));
        Assert.Equal(("us", string.Empty), (csv.Rows.Single(r => r["metric"] == "A.latency.soft.p99")["unit"], csv.Rows.Single(r => r["metric"] == "A.latency.soft.p99")["decimals"]));
    }

    [Fact]
    public void A_sweep_as_csv_has_a_row_per_point_run_and_metric_with_numeric_axes_and_the_json_values()
    {
        var path = Repository.Example("mev-block-time.proto-script");
        var csv = Csv(Cli.Run("run", path, "--format", "csv", "--jobs", "2"));
        using var json = JsonDocument.Parse(Cli.Run("run", path, "--format", "json", "--jobs", "2").Stdout);
        var points = json.RootElement.GetProperty("points");

        Assert.Equal(["point", "run", "seed", "rollup.A.block_time", "rollup.A.block_time_unit", "metric", "value", "unit", "decimals"], csv.Header);

        // 4 block times × 5 runs × every metric; 250 ms is 250000 µs.
        var metrics = points[0].GetProperty("metrics").GetArrayLength();
        Assert.Equal(4 * 5 * metrics, csv.Rows.Count);
        Assert.Equal(["250000", "1000000", "2000000", "12000000"], csv.Rows.Select(r => r["rollup.A.block_time"]).Distinct());
        Assert.All(csv.Rows, r => Assert.Equal("us", r["rollup.A.block_time_unit"]));
        Assert.Equal(["11", "12", "13", "14", "15"], csv.Rows.Where(r => r["point"] == "2").Select(r => r["seed"]).Distinct());

        foreach (var row in csv.Rows)
        {
            var point = points[int.Parse(row["point"], CultureInfo.InvariantCulture)];
            var metric = point.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("chain").GetString() + "." + m.GetProperty("name").GetString() == row["metric"]);
            var value = metric.GetProperty("values")[int.Parse(row["run"], CultureInfo.InvariantCulture)].GetDouble();
            Assert.Equal(value, double.Parse(row["value"], CultureInfo.InvariantCulture));
            Assert.Equal(point.GetProperty("seeds")[int.Parse(row["run"], CultureInfo.InvariantCulture)].GetUInt64().ToString(CultureInfo.InvariantCulture), row["seed"]);
            Assert.Equal(point.GetProperty("numericValues")[0].GetDouble(), double.Parse(row["rollup.A.block_time"], CultureInfo.InvariantCulture));
        }

        // A point's mean is the mean of its runs' values (MEV in smallest USDC units).
        var mev = points[3].GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "mev.total");
        Assert.Equal(("usdc", 6), (mev.GetProperty("token").GetString(), mev.GetProperty("decimals").GetInt32()));
        var runs = mev.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.Equal(runs.Average(), mev.GetProperty("mean").GetDouble(), 6);
    }

    [Fact]
    public void A_long_run_keeps_at_most_2048_series_points_that_cover_every_block_once_and_add_up_to_the_totals()
    {
        var path = TempFiles.Write("long-series.proto-script", LongRun);
        using var json = JsonDocument.Parse(Cli.Run("run", path, "--format", "json").Stdout);
        var rollup = json.RootElement.GetProperty("rollups")[0];
        var series = rollup.GetProperty("series");

        // 6000 blocks: merged at 2048 points (2 blocks a point) and at 4096 blocks (4 a point):
        // 1024 points for the first 4096 blocks, 476 for the last 1904.
        Assert.Equal(6000, rollup.GetProperty("blocks").GetInt64());
        Assert.Equal(4, series.GetProperty("blocksPerPoint").GetInt64());
        var first = series.GetProperty("firstBlock").EnumerateArray().Select(e => e.GetInt64()).ToList();
        var last = series.GetProperty("lastBlock").EnumerateArray().Select(e => e.GetInt64()).ToList();
        Assert.Equal(1500, first.Count);
        Assert.Equal(Enumerable.Range(0, 1500).Select(i => 1 + (4L * i)), first);
        Assert.Equal(Enumerable.Range(0, 1500).Select(i => 4 + (4L * i)), last);
        Assert.Equal(600_000_000L, series.GetProperty("timeMicroseconds").EnumerateArray().Last().GetInt64());

        Assert.Equal(rollup.GetProperty("gasUsed").GetInt64(), Column(series, "gas_used").Sum());
        Assert.Equal(rollup.GetProperty("transactions").GetProperty("included").GetInt64(), Column(series, "transactions").Sum());
        Assert.Equal(long.Parse(rollup.GetProperty("fees").GetProperty("priorityFeeToSequencerWei").GetString()!, CultureInfo.InvariantCulture), Column(series, "fees.sequencer").Sum());
        Assert.All(Column(series, "base_fee"), fee => Assert.Equal(long.Parse(rollup.GetProperty("baseFeeWei").GetString()!, CultureInfo.InvariantCulture), fee));

        // The CSV of the series: a header and a row per point and column.
        var csv = Csv(Cli.Run("run", path, "--format", "csv", "--series"));
        Assert.Equal(1500 * series.GetProperty("columns").GetArrayLength(), csv.Rows.Count);
        Assert.Equal(Column(series, "gas_used").Select(v => v.ToString(CultureInfo.InvariantCulture)), csv.Rows.Where(r => r["series"] == "gas_used").Select(r => r["value"]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("base-fee-hook.proto-script")]
    [InlineData("back-running.proto-script")]
    public void Both_engines_record_the_same_series(string? example)
    {
        var path = example is null ? TempFiles.Write("long-series.proto-script", LongRun) : Repository.Example(example);
        var scripted = Cli.Run("run", path, "--format", "csv", "--series");
        var compiled = Cli.Run("run", path, "--format", "csv", "--series", "--engine", "compiled");

        Assert.Equal(0, scripted.ExitCode);
        Assert.True(scripted.Stdout.Length > 1000);
        Assert.Equal(scripted.Stdout, compiled.Stdout);
    }

    [Fact]
    public void Series_without_csv_or_for_a_sweep_is_refused_with_what_to_do()
    {
        var noCsv = Cli.Run("run", Repository.Example("quickstart.proto-script"), "--series");
        var sweep = Cli.Run("run", Repository.Example("mev-block-time.proto-script"), "--format", "csv", "--series");

        Assert.Equal(ExitCodes.BadInput, noCsv.ExitCode);
        Assert.Contains("add --format csv", noCsv.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, sweep.ExitCode);
        Assert.Contains("a sweep keeps only its metrics", sweep.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_fields_are_quoted_as_rfc_4180_says()
    {
        Assert.Equal("plain", Reporting.Csv.CsvReportWriter.Field("plain"));
        Assert.Equal("\"a,b\"", Reporting.Csv.CsvReportWriter.Field("a,b"));
        Assert.Equal("\"say \"\"hi\"\"\"", Reporting.Csv.CsvReportWriter.Field("say \"hi\""));
        Assert.Equal("\"two\nlines\"", Reporting.Csv.CsvReportWriter.Field("two\nlines"));
        Assert.Equal("9007199254740993", Reporting.Csv.CsvReportWriter.Number(9007199254740993m));
        Assert.Equal("1000000000000000000", Reporting.Csv.CsvReportWriter.Number(1e18));
        Assert.Equal("0.5", Reporting.Csv.CsvReportWriter.Number(0.5));
    }

    private static List<long> Column(JsonElement series, string name) =>
        [.. series.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name)
            .GetProperty("values").EnumerateArray().Select(v => long.Parse(v.GetString()!, CultureInfo.InvariantCulture))];

    private static CsvTable Csv(CliOutcome outcome)
    {
        Assert.Equal(0, outcome.ExitCode);
        Assert.EndsWith("\r\n", outcome.Stdout, StringComparison.Ordinal);
        var lines = outcome.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = ParseLine(lines[0]);
        return new CsvTable(header, [.. lines.Skip(1).Select(l => header.Zip(ParseLine(l)).ToDictionary(p => p.First, p => p.Second))]);
    }

    // A reader for the quoting RFC 4180 allows (no field of these reports spans lines).
    private static List<string> ParseLine(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private sealed record CsvTable(List<string> Header, List<Dictionary<string, string>> Rows)
    {
        public string Value(string metric) => Rows.Single(r => r["metric"] == metric)["value"];
    }
}
