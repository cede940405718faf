using ProtoScript.Application;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language;
using ProtoScript.Language.Model;
using ProtoScript.Reporting.Document;
using ProtoScript.Reporting.Sweeps;

namespace ProtoScript.Reporting.Tests;

/// <summary>
/// A latency percentile of no samples has no value: a run in which nothing reached a
/// confirmation must not read as if everything reached it instantly (0 s). Rollup <c>V</c>
/// below batches once a day, so no batch lands in its 3 minutes (no hard or L1-final
/// confirmation), and its one proof takes 10 minutes at the first point (no proof ready, so no
/// proof latency and no proof-final confirmation); rollup <c>idle</c> has no users at all (no
/// inclusion either). At the second point a proof takes 5 s, so proofs are ready: the proof
/// latency is exactly 5 s, but still nothing is proof-final, because no batch lands.
/// </summary>
public class LatencyWithoutSamplesTests
{
    private const string Scenario = """
        scenario "nothing confirmed" {
          seed 5
          duration 3 min
          rollup V {
            block_time = 12 s
            accounts 100 funded 10 eth
            batch { every = 24 h }
            withdrawal_delay = proof
          }
          rollup idle like V { }
          workload { users = poisson(1 / s) on V }
          provers for V, idle {
            count = 1
            selection = round_robin
            proof_time = constant(10 min) per block
            cost = 0.001 eth per block
          }
          expect {
            report.V.latency.proof_final.p50 < 10 min
          }
        }
        sweep provers.V.proof_time in [constant(10 min) per block, constant(5 s) per block] runs 2

        """;

    private static readonly Lazy<SweepResult> Result = new(() => ScenarioRunner.Sweep(ScenarioCompiler.Compile("nothing.proto-script", Scenario).Sweep!));

    private static SweepStatistics Statistics(int point, string chain, string metric) =>
        Result.Value.Points[point].Metrics.Single(m => m.Metric.Chain == chain && m.Metric.Name == metric).Statistics;

    public static TheoryData<string, string> LatenciesWithoutSamples => new()
    {
        { "V", "latency.hard.p50" },
        { "V", "latency.final.p95" },
        { "V", "latency.proof_final.p50" },
        { "V", "latency.proof_final.p99" },
        { "V", "proving.latency.p50" },
        { "idle", "latency.soft.p50" },
        { "idle", "latency.soft.p99" },
        { "idle", "latency.hard.p95" },
    };

    [Theory]
    [MemberData(nameof(LatenciesWithoutSamples))]
    public void A_latency_percentile_without_samples_reads_no_value_in_a_run_not_zero(string chain, string metric)
    {
        var point = Result.Value.Points[0];
        var model = ScenarioCompiler.Compile("nothing.proto-script", Scenario).Sweep!.Points[0].Model;
        var document = RunReport.Build(new RunBuilder(model).Run());

        Assert.Null(document.ReadMetric(new MetricPath(chain, metric, MetricUnit.Time)));
        Assert.Equal(2, point.Seeds.Length);
    }

    [Theory]
    [MemberData(nameof(LatenciesWithoutSamples))]
    public void A_latency_percentile_without_samples_in_every_run_of_a_sweep_point_has_no_figures(string chain, string metric)
    {
        var s = Statistics(0, chain, metric);

        Assert.Equal(0, s.Runs);
        Assert.Null(s.HalfWidth);
    }

    [Fact]
    public void Proof_latency_is_measured_where_proofs_are_ready_and_proof_final_latency_stays_absent_without_a_landed_batch()
    {
        var proof = Statistics(1, "V", "proving.latency.p50");
        Assert.Equal(2, proof.Runs);
        Assert.Equal(5_000_000, proof.Mean);

        Assert.Equal(0, Statistics(1, "V", "latency.proof_final.p50").Runs);
        Assert.Equal(0, Statistics(1, "V", "latency.hard.p50").Runs);
        Assert.Equal(2, Statistics(1, "V", "latency.soft.p50").Runs);
    }

    [Fact]
    public void The_sweep_report_shows_no_figures_and_says_no_run_had_samples()
    {
        var text = SweepTextWriter.Write(Result.Value);

        // Proof latency has samples at one point only: the other's cell is `—`, not 0.
        Assert.Matches(@"\n  V proving\.latency\.p50 \(s\) +— +5\.00 ± 0\.00\n", text);

        // Each run without samples is named under the table, and a metric no run of any point
        // had samples of is listed once as having none.
        Assert.Contains("\n    V latency.proof_final.p50 at constant(10 min) per block: no samples in any of the 2 runs\n", text, StringComparison.Ordinal);
        Assert.Contains("V latency.proof_final.p50 no samples", text.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotMatch(@"V latency\.proof_final\.p50 \(s\) +0", text);

        var json = System.Text.Json.Nodes.JsonNode.Parse(SweepJsonWriter.Write(Result.Value))!;
        var metric = json["points"]![0]!["metrics"]!.AsArray().Single(m => (string)m!["chain"]! == "V" && (string)m["name"]! == "latency.proof_final.p50")!;
        Assert.Equal(0, (int)metric["runs"]!);
        Assert.Null(metric["mean"]);
        Assert.Null(metric["max"]);
    }

    [Fact]
    public void An_expectation_on_a_latency_without_samples_fails_saying_so()
    {
        var failures = Result.Value.Points.Select(p => p.ExpectationFailures.Single().Failures).ToList();
        Assert.Equal([2, 2], failures);

        var model = ScenarioCompiler.Compile("nothing.proto-script", Scenario).Sweep!.Points[0].Model;
        var result = new RunBuilder(model).Run();
        var outcome = ExpectationChecker.Check(model, result).Single();
        Assert.False(outcome.Passed);
        Assert.Equal(ExpectationChecker.NoSamples, outcome.Actual);
    }

    [Fact]
    public void Runs_without_a_value_are_left_out_of_a_points_statistics()
    {
        var s = SweepStatistics.Of([double.NaN, 2, double.NaN, 4]);

        Assert.Equal(2, s.Runs);
        Assert.Equal(3, s.Mean);
        Assert.Equal(2, s.Min);
        Assert.Equal(4, s.Max);
        Assert.Equal(SweepStatistics.None, SweepStatistics.Of([double.NaN]));
    }
}
