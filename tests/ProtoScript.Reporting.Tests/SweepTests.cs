using ProtoScript.Application;
using ProtoScript.Language;
using ProtoScript.Reporting.Sweeps;

namespace ProtoScript.Reporting.Tests;

public class SweepTests
{
    private const string Scenario = """
        scenario "sweep" {
          seed 7
          duration 30 s
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
          }
          workload { users = poisson(20 / s) on A }
          expect { report.A.latency.p99 <= 1 s }
        }
        sweep rollup.A.block_time in [250 ms, 4 s] runs 4

        """;

    [Fact]
    public void Statistics_of_four_values_match_a_hand_computation()
    {
        var s = SweepStatistics.Of([1, 2, 3, 4]);
        Assert.Equal(2.5, s.Mean, 12);
        Assert.Equal(Math.Sqrt(5.0 / 3.0), s.StandardDeviation, 12);
        Assert.Equal(3.182 * Math.Sqrt(5.0 / 3.0) / 2, s.HalfWidth!.Value, 12);
        Assert.Equal((1.0, 4.0), (s.Min, s.Max));
    }

    [Fact]
    public void One_run_has_no_confidence_interval()
    {
        var s = SweepStatistics.Of([42]);
        Assert.Null(s.HalfWidth);
        Assert.Equal(0, s.StandardDeviation);
    }

    [Fact]
    public void The_t_quantile_falls_towards_the_normal_one_and_joins_the_table_smoothly()
    {
        Assert.Equal(12.706, SweepStatistics.TQuantile(1));
        Assert.Equal(2.042, SweepStatistics.TQuantile(30));
        Assert.InRange(SweepStatistics.TQuantile(31), 2.038, 2.041);
        Assert.InRange(SweepStatistics.TQuantile(1_000_000), 1.9599, 1.9601);
    }

    [Fact]
    public void A_sweep_runs_every_point_with_the_same_seeds_and_reports_the_same_bytes_at_any_parallelism()
    {
        var compiled = ScenarioCompiler.Compile("sweep.proto-script", Scenario);
        var sequential = ScenarioRunner.Sweep(compiled.Sweep!, maxParallelism: 1);
        var parallel = ScenarioRunner.Sweep(compiled.Sweep!, maxParallelism: 4);
        Assert.Equal(SweepTextWriter.Write(sequential), SweepTextWriter.Write(parallel));
        Assert.Equal(SweepJsonWriter.Write(sequential), SweepJsonWriter.Write(parallel));
        Assert.All(sequential.Points, p => Assert.Equal([7UL, 8UL, 9UL, 10UL], p.Seeds.ToArray()));
    }

    [Fact]
    public void Longer_blocks_raise_latency_and_fail_the_expectation_in_every_run()
    {
        var result = ScenarioRunner.Sweep(ScenarioCompiler.Compile("sweep.proto-script", Scenario).Sweep!);
        double P99(int point) => result.Points[point].Metrics.Single(m => m.Metric.Name == "latency.p99").Statistics.Mean;
        Assert.True(P99(1) > P99(0) * 10, $"p99 {P99(0)} µs at 250 ms vs {P99(1)} µs at 4 s");
        Assert.Equal(0, Assert.Single(result.Points[0].ExpectationFailures).Failures);
        Assert.Equal(4, Assert.Single(result.Points[1].ExpectationFailures).Failures);
        Assert.False(result.AllExpectationsHeld);
        var text = SweepTextWriter.Write(result);
        Assert.Contains("4 s: report.A.latency.p99 <= 1 s: FAILED in 4 of 4 runs", text, StringComparison.Ordinal);
        Assert.Contains("250 ms: report.A.latency.p99 <= 1 s: held in all 4 runs", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sweep_report_shows_each_metric_as_a_table_with_a_row_per_point()
    {
        var text = SweepTextWriter.Write(ScenarioRunner.Sweep(ScenarioCompiler.Compile("sweep.proto-script", Scenario).Sweep!));
        Assert.StartsWith("sweep of \"sweep\": 2 points, 4 runs each (seeds 7 … 10)\n  rollup.A.block_time in [250 ms, 4 s]\n", text, StringComparison.Ordinal);
        Assert.Contains("\nA blocks\n  rollup.A.block_time    mean     ±    sd     min     max\n  250 ms               120.00  0.00  0.00  120.00  120.00\n  4 s                    7.00  0.00  0.00    7.00    7.00\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_folded_one_by_one_give_exactly_what_the_runner_gives()
    {
        var sweep = ScenarioCompiler.Compile("sweep.proto-script", Scenario).Sweep!;
        var whole = ScenarioRunner.Sweep(sweep);
        var folded = sweep.Points.Select(p =>
        {
            var metrics = SweepAggregation.Metrics(p.Model);
            var runs = Enumerable.Range(0, sweep.Runs).Select(i => ScenarioRunner.RunOne(p.Model, i, metrics, null)).ToList();
            return SweepAggregation.Fold(p, [.. runs.Select(r => r.Values)], [.. runs.Select(r => r.Failures)]);
        }).ToList();
        Assert.Equal(SweepTextWriter.Write(whole), SweepTextWriter.Write(whole with { Points = [.. folded] }));
        Assert.Equal(SweepJsonWriter.Write(whole), SweepJsonWriter.Write(whole with { Points = [.. folded] }));
    }

    [Fact]
    public void A_failed_point_reads_failed_in_every_table_and_is_listed_with_its_reason_while_the_other_keeps_its_numbers()
    {
        var sweep = ScenarioCompiler.Compile("sweep.proto-script", Scenario).Sweep!;
        var whole = ScenarioRunner.Sweep(sweep);
        var failed = whole with { Points = [whole.Points[0], SweepAggregation.Failed(sweep.Points[1], sweep.Runs, "run 2 (seed 9): PS4009: it crashed")] };

        var text = SweepTextWriter.Write(failed);
        var rows = text.Split('\n');
        Assert.Equal(rows.Count(r => r.StartsWith("  250 ms ", StringComparison.Ordinal)), rows.Count(r => r.StartsWith("  4 s ", StringComparison.Ordinal)));
        Assert.All(rows.Where(r => r.StartsWith("  4 s ", StringComparison.Ordinal)), r => Assert.Equal(["4", "s", "failed", "—", "—", "—", "—"], r.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        Assert.EndsWith("\nfailed points\n  4 s: run 2 (seed 9): PS4009: it crashed\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4 s: report.A.latency.p99", text, StringComparison.Ordinal);
        Assert.False(failed.AllExpectationsHeld);

        // The point that finished keeps every line it had.
        var original = SweepTextWriter.Write(whole).Split('\n').Where(r => r.StartsWith("  250 ms ", StringComparison.Ordinal));
        Assert.Equal(original.Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)), rows.Where(r => r.StartsWith("  250 ms ", StringComparison.Ordinal)).Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)));

        using var json = System.Text.Json.JsonDocument.Parse(SweepJsonWriter.Write(failed));
        var points = json.RootElement.GetProperty("points");
        Assert.False(points[0].TryGetProperty("failure", out _));
        Assert.Equal("run 2 (seed 9): PS4009: it crashed", points[1].GetProperty("failure").GetString());
        Assert.Equal(0, points[1].GetProperty("metrics").GetArrayLength());
        Assert.Equal(new ulong[] { 7, 8, 9, 10 }, points[1].GetProperty("seeds").EnumerateArray().Select(e => e.GetUInt64()));
    }

    [Fact]
    public void Sweep_json_with_a_finished_and_a_failed_point_validates_against_the_schema_derived_from_the_sweep_layout()
    {
        var sweep = ScenarioCompiler.Compile("sweep.proto-script", Scenario).Sweep!;
        var whole = ScenarioRunner.Sweep(sweep);
        var failed = whole with { Points = [whole.Points[0], SweepAggregation.Failed(sweep.Points[1], sweep.Runs, "crashed")] };

        foreach (var result in new[] { whole, failed })
        {
            using var json = System.Text.Json.JsonDocument.Parse(SweepJsonWriter.Write(result));
            Assert.Empty(JsonSchemaValidator.Validate(SweepReport.JsonSchema(), json.RootElement));
        }
    }

    [Fact]
    public void Sweep_text_and_json_render_one_document_built_from_the_aggregates()
    {
        var result = ScenarioRunner.Sweep(ScenarioCompiler.Compile("sweep.proto-script", Scenario).Sweep!);
        var document = SweepReport.Build(result);

        Assert.Equal(SweepTextWriter.Write(result), SweepTextWriter.Write(document));
        Assert.True(document.TryGetValue(string.Empty, "points.0.metrics.A.latency.p99.mean", out var mean));
        Assert.Equal(Document.ReportValueKind.Real, mean.Kind);
        Assert.Equal(Language.Model.MetricUnit.Time, mean.Unit);
    }
}
