using ProtoScript.Application;
using ProtoScript.Language;
using ProtoScript.Reporting.Sweeps;

namespace ProtoScript.Reporting.Tests;

/// <summary>
/// Proving in sweeps and expectations, on a case computed by hand: blocks every 2 s (block k
/// sealed at 2k s), each proven in exactly 5 s by round robin, for 60 s.
/// One prover queues them: block k is ready at 2 + 5k s, so 11 proofs are ready by 60 s, with
/// latencies 2 + 3k = 5, 8, …, 35 s (p50 = the 6th = 20 s, p99 = the 11th = 35 s), and the
/// prover is busy from 2 s to the end: 58 / 60 = 9_667 bp. Four provers take turns, so each
/// block starts at its seal and takes 5 s: 27 proofs (seals up to 55 s), p50 = 5 s; busy time
/// 27 × 5 s + 4 s + 2 s (the blocks sealed at 56 and 58 s, cut at the end) = 141 s of
/// 4 × 60 s = 5_875 bp; 30 jobs won 8, 8, 7, 7: HHI = 226 / 900 = 2_511 bp, top share 8 / 30 = 2_667 bp.
/// </summary>
public class ProvingSweepTests
{
    private const string Scenario = """
        scenario "provers" {
          seed 5
          duration 1 min
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
          }
          rollup B like A { }
          workload { users = poisson(5 / s) on A, B }
          provers for A {
            count = 1
            selection = round_robin
            proof_time = constant(5 s) per block
            cost = 0.001 eth per block
          }
          expect {
            report.A.proving.latency.p50 < 30 s
            report.A.proving.latency.p50 < 10 s
          }
        }
        sweep provers.A.count in [1, 4] runs 2

        """;

    private static readonly Lazy<SweepResult> Result = new(() => ScenarioRunner.Sweep(ScenarioCompiler.Compile("provers.proto-script", Scenario).Sweep!));

    private static double Mean(int point, string chain, string metric) =>
        Result.Value.Points[point].Metrics.Single(m => m.Metric.Chain == chain && m.Metric.Name == metric).Statistics.Mean;

    [Fact]
    public void Four_provers_prove_each_block_in_its_proof_time_and_one_prover_queues_them()
    {
        Assert.Equal(20_000_000, Mean(0, "A", "proving.latency.p50"));
        Assert.Equal(35_000_000, Mean(0, "A", "proving.latency.p99"));
        Assert.Equal(11, Mean(0, "A", "proving.proofs"));
        Assert.Equal(5_000_000, Mean(1, "A", "proving.latency.p50"));
        Assert.Equal(5_000_000, Mean(1, "A", "proving.latency.p99"));
        Assert.Equal(27, Mean(1, "A", "proving.proofs"));
        Assert.Equal(3, Mean(1, "A", "proving.pending"));
    }

    [Fact]
    public void Utilization_counts_busy_time_within_the_run_over_count_times_duration()
    {
        Assert.Equal(9_667, Mean(0, "A", "proving.utilization"));
        Assert.Equal(5_875, Mean(1, "A", "proving.utilization"));
        Assert.Equal(0, Mean(1, "A", "proving.waste"));
    }

    [Fact]
    public void Concentration_is_the_herfindahl_index_of_jobs_won()
    {
        Assert.Equal(10_000, Mean(0, "A", "proving.hhi"));
        Assert.Equal(10_000, Mean(0, "A", "proving.top_share"));
        Assert.Equal(2_511, Mean(1, "A", "proving.hhi"));
        Assert.Equal(2_667, Mean(1, "A", "proving.top_share"));
    }

    [Fact]
    public void Cost_per_proof_is_the_block_cost_and_cost_per_transaction_divides_it_by_the_transactions()
    {
        Assert.Equal(1e15, Mean(1, "A", "proving.cost_per_proof"));
        Assert.Equal(30e15, Mean(1, "A", "proving.cost"));
        var included = Result.Value.Points[1].Metrics.Single(m => m.Metric.Chain == "A" && m.Metric.Name == "transactions.included").Statistics;
        var perTransaction = Result.Value.Points[1].Metrics.Single(m => m.Metric.Chain == "A" && m.Metric.Name == "proving.cost_per_transaction").Statistics;

        // Two runs (seeds 5 and 6) with different transactions: the run with fewer pays more per transaction.
        Assert.Equal(Math.Floor(30e15 / included.Min), perTransaction.Max);
        Assert.Equal(Math.Floor(30e15 / included.Max), perTransaction.Min);
    }

    [Fact]
    public void An_expectation_on_proof_latency_holds_or_fails_as_the_latency_says()
    {
        var point = Result.Value.Points;
        Assert.Equal([0, 2], point[0].ExpectationFailures.Select(f => f.Failures));
        Assert.Equal([0, 0], point[1].ExpectationFailures.Select(f => f.Failures));
        var text = SweepTextWriter.Write(Result.Value);
        Assert.Contains("1: report.A.proving.latency.p50 < 10 s: FAILED in 2 of 2 runs", text, StringComparison.Ordinal);
        Assert.Contains("4: report.A.proving.latency.p50 < 10 s: held in all 2 runs", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_reports_carry_proving_metrics_only_for_proven_rollups()
    {
        var metrics = Result.Value.Points[0].Metrics.Select(m => m.Metric).ToList();
        Assert.Contains(metrics, m => m.Chain == "A" && m.Name == "proving.utilization");
        Assert.DoesNotContain(metrics, m => m.Chain == "B" && m.Name.StartsWith("proving.", StringComparison.Ordinal));
        var json = SweepJsonWriter.Write(Result.Value);
        Assert.Contains("proving.latency.p50", json, StringComparison.Ordinal);
    }
}
