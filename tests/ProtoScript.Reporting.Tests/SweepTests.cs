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
        double P99(int point) => result.Points[point].Metrics.Single(m => m.Metric.Name == "latency.soft.p99").Statistics.Mean;
        Assert.True(P99(1) > P99(0) * 10, $"p99 {P99(0)} µs at 250 ms vs {P99(1)} µs at 4 s");
        Assert.Equal(0, Assert.Single(result.Points[0].ExpectationFailures).Failures);
        Assert.Equal(4, Assert.Single(result.Points[1].ExpectationFailures).Failures);
        Assert.False(result.AllExpectationsHeld);
        var text = SweepTextWriter.Write(result);
        Assert.Contains("4 s: report.A.latency.p99 <= 1 s: FAILED in 4 of 4 runs", text, StringComparison.Ordinal);
        Assert.Contains("250 ms: report.A.latency.p99 <= 1 s: held in all 4 runs", text, StringComparison.Ordinal);

        // latency.p99 is another name of latency.soft.p99: expect accepts it, the report shows one.
        Assert.DoesNotContain(result.Points[0].Metrics, m => m.Metric.Name == "latency.p99");
        Assert.Contains("A latency.soft.p99 (s)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sweep_report_shows_a_column_per_point_and_a_row_per_metric_with_its_paired_difference()
    {
        var text = SweepTextWriter.Write(ScenarioRunner.Sweep(ScenarioCompiler.Compile("sweep.proto-script", Scenario).Sweep!));
        Assert.StartsWith("sweep of \"sweep\": 2 points, 4 runs each (seeds 7 … 10)\n  rollup.A.block_time in [250 ms, 4 s]\n", text, StringComparison.Ordinal);

        // 30 s of 250 ms blocks is 120 blocks, of 4 s blocks 7 (the last one unsealed): whole counts, no decimals.
        var lines = text.Split('\n');
        var blocks = Array.FindIndex(lines, l => l.StartsWith("  A blocks ", StringComparison.Ordinal));
        Assert.Equal(["A", "blocks", "120", "±", "0", "7", "±", "0"], lines[blocks].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["Δ", "—", "-113", "±", "0"], lines[blocks + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries));

        // Sections in their fixed order, not alphabetical.
        var sections = lines.Where(l => l.Length > 0 && !l.StartsWith(' ') && !l.Contains(':', StringComparison.Ordinal) && !l.Contains('±', StringComparison.Ordinal) && !l.StartsWith("Δ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["latency", "blocks and transactions", "fees", "runs without samples (a latency nothing reached; left out of the figures, not read as 0)", "constant across the sweep (the same in every run of every point)", "the same at every point, run by run (the swept setting does not change them)", "expectations"], sections);

        // The users arrive alike at both block times: the same submitted count run by run.
        Assert.Contains("\n  A transactions.submitted 606 ± 55\n", text, StringComparison.Ordinal);
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
        var rows = text[..text.IndexOf("\nconstant across", StringComparison.Ordinal)].Split('\n').Where(r => r.StartsWith("  A ", StringComparison.Ordinal) || r.StartsWith("    Δ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.EndsWith("failed", r, StringComparison.Ordinal));
        Assert.EndsWith("\nfailed points\n  4 s: run 2 (seed 9): PS4009: it crashed\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4 s: report.A.latency.p99", text, StringComparison.Ordinal);
        Assert.False(failed.AllExpectationsHeld);

        // The point that finished keeps its means: each metric row's first cell reads as in a
        // report of that point alone (units and folding follow the points that finished).
        static List<string> Means(string report) => [.. report[..report.IndexOf("\nconstant across", StringComparison.Ordinal)].Split('\n').Where(r => r.StartsWith("  A ", StringComparison.Ordinal)).Select(r => r[..r.IndexOf('±', StringComparison.Ordinal)].TrimEnd())];
        Assert.Equal(Means(SweepTextWriter.Write(whole with { Points = [whole.Points[0]] })).Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]), Means(text).Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]));

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
        Assert.True(document.TryGetValue(string.Empty, "points.0.metrics.A.latency.soft.p99.mean", out var mean));
        Assert.Equal(Document.ReportValueKind.Real, mean.Kind);
        Assert.Equal(Language.Model.MetricUnit.Time, mean.Unit);
    }

    [Fact]
    public void Paired_differences_and_their_interval_match_a_hand_computation()
    {
        var sweep = ScenarioCompiler.Compile("sweep.proto-script", Scenario).Sweep! with { Runs = 3 };
        var metrics = SweepAggregation.Metrics(sweep.Points[0].Model);
        double[] Run(double first) => [first, .. Enumerable.Repeat(5.0, metrics.Length - 1)];
        bool[] Held() => [false];

        // Metric 0 (l1 blocks): the baseline reads 10, 12, 11; the other point 13, 14, 15, so
        // the per-run differences are 3, 2, 4: mean 3, sd 1, half-width t(0.975, 2) · 1 / √3.
        var result = new SweepResult("sweep", sweep,
        [
            SweepAggregation.Fold(sweep.Points[0], [Run(10), Run(12), Run(11)], [Held(), Held(), Held()]),
            SweepAggregation.Fold(sweep.Points[1], [Run(13), Run(14), Run(15)], [Held(), Held(), Held()]),
        ]);
        var paired = result.Paired(1, 0)!;
        Assert.Equal(3, paired.Mean, 12);
        Assert.Equal(1, paired.StandardDeviation, 12);
        Assert.Equal(4.303 / Math.Sqrt(3), paired.HalfWidth!.Value, 12);
        Assert.Null(result.Paired(0, 0));

        // The unpaired interval of the difference is far wider: each point's spread counts.
        var unpaired = Math.Sqrt(Math.Pow(result.Points[0].Metrics[0].Statistics.HalfWidth!.Value, 2) + Math.Pow(result.Points[1].Metrics[0].Statistics.HalfWidth!.Value, 2));
        Assert.True(unpaired > paired.HalfWidth, $"unpaired {unpaired}, paired {paired.HalfWidth}");

        var lines = SweepTextWriter.Write(result).Split('\n');
        var row = Array.FindIndex(lines, l => l.StartsWith("  l1 blocks ", StringComparison.Ordinal));
        Assert.Equal(["Δ", "—", "+3.0", "±", "2.5"], lines[row + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries));

        using var json = System.Text.Json.JsonDocument.Parse(SweepJsonWriter.Write(result));
        var metric = json.RootElement.GetProperty("points")[1].GetProperty("metrics")[0];
        Assert.Equal(3, metric.GetProperty("pairedMean").GetDouble(), 12);
        Assert.Equal(4.303 / Math.Sqrt(3), metric.GetProperty("pairedCi95").GetDouble(), 12);
        Assert.False(json.RootElement.GetProperty("points")[0].GetProperty("metrics")[0].TryGetProperty("pairedMean", out _));

        // Another baseline: the differences change sign.
        Assert.Equal(-3, (result with { Baseline = 1 }).Paired(0, 0)!.Mean, 12);

        // One run: a difference, no interval.
        var single = new SweepResult("sweep", sweep with { Runs = 1 }, [SweepAggregation.Fold(sweep.Points[0], [Run(10)], [Held()]), SweepAggregation.Fold(sweep.Points[1], [Run(13)], [Held()])]);
        Assert.Equal(3, single.Paired(1, 0)!.Mean);
        Assert.Null(single.Paired(1, 0)!.HalfWidth);
    }

    [Fact]
    public void On_shared_seeds_the_paired_interval_of_a_difference_is_narrower_than_the_unpaired_one()
    {
        // The same users arrive in run i of both points (seed 7 + i), so what the block time
        // changes is measured without the run-to-run noise of the arrivals.
        var result = ScenarioRunner.Sweep(ScenarioCompiler.Compile("sweep.proto-script", Scenario).Sweep!);
        Assert.Equal(result.Points[0].Seeds.ToArray(), result.Points[1].Seeds.ToArray());
        var k = result.Points[0].Metrics.IndexOf(result.Points[0].Metrics.Single(m => m.Metric.Name == "fees.burned"));
        var a = result.Points[0].Metrics[k].Statistics;
        var b = result.Points[1].Metrics[k].Statistics;
        var paired = result.Paired(1, k)!;
        var unpaired = Math.Sqrt((a.HalfWidth!.Value * a.HalfWidth.Value) + (b.HalfWidth!.Value * b.HalfWidth.Value));
        Assert.Equal(b.Mean - a.Mean, paired.Mean, 6);
        Assert.True(paired.HalfWidth < unpaired / 2, $"paired ± {paired.HalfWidth}, unpaired ± {unpaired}");
    }

    [Fact]
    public void Metrics_globs_keep_only_the_matching_metrics_and_name_a_glob_that_matches_none()
    {
        var result = ScenarioRunner.Sweep(ScenarioCompiler.Compile("sweep.proto-script", Scenario).Sweep!);
        var shown = new SweepView(2, ["latency.soft.*", "l1.blocks"]).Apply(result);
        Assert.Equal(["A.latency.soft.p50", "A.latency.soft.p95", "A.latency.soft.p99", "l1.blocks"], shown.Points[0].Metrics.Select(m => m.Metric.Chain + "." + m.Metric.Name).Order(StringComparer.Ordinal));
        Assert.Equal(1, shown.Baseline);
        Assert.All(shown.Points, p => Assert.All(p.RunValues, r => Assert.Equal(4, r.Length)));
        Assert.Contains("Δ: the paired difference to 4 s", SweepTextWriter.Write(shown), StringComparison.Ordinal);

        Assert.Contains("`fees.nothing*` matches no metric", new SweepView(1, ["latency.*", "fees.nothing*"]).Check(result.Sweep), StringComparison.Ordinal);
        Assert.Contains("--baseline 3: the sweep has 2 points", new SweepView(3, []).Check(result.Sweep), StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_that_never_vary_are_folded_into_one_list_in_a_unit_for_their_size()
    {
        var text = SweepTextWriter.Write(ScenarioRunner.Sweep(ScenarioCompiler.Compile("sweep.proto-script", Scenario).Sweep!));
        var constants = text[text.IndexOf("constant across the sweep", StringComparison.Ordinal)..text.IndexOf("\nexpectations", StringComparison.Ordinal)];

        // The L1 makes 2 blocks in 30 s of 12 s slots at every point; its base fee stays at 1 gwei;
        // 100 accounts of 32 bytes each.
        Assert.Contains("l1 blocks 2,", constants, StringComparison.Ordinal);
        Assert.Contains("A state.size 3_200 B,", constants, StringComparison.Ordinal);
        Assert.Contains("l1 base_fee 1.00 gwei", constants, StringComparison.Ordinal);
        Assert.DoesNotContain("\n  l1 blocks ", text[..text.IndexOf("constant across", StringComparison.Ordinal)], StringComparison.Ordinal);
    }
}
