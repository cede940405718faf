using ProtoScript.Engine.Proving;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class ProvingTests
{
    private static readonly RollupModel RollupA = TestScenarios.Rollup("A");

    private static ProversModel Provers(int count, ProverSelectionModel selection, double proofSeconds, ProvingScope pipeline = ProvingScope.Block) =>
        new(["A"], count, selection, new DistributionModel(DistributionKind.Constant, proofSeconds * 1e6, 0), pipeline);

    private static ProverSelectionModel RoundRobin => new(ProverSelectionKind.RoundRobin);

    private static SimDuration Ms(long ms) => SimDuration.FromMilliseconds(ms);

    [Fact]
    public void Attempts_are_one_plus_the_floor_of_the_log_ratio_of_the_streams_first_uniform()
    {
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var u = new RandomStream(seed).NextDouble();
            var expected = 1 + (long)Math.Floor(Math.Log(1 - u) / Math.Log(1 - Math.ScaleB(1, -20)));
            Assert.Equal(expected, Geometric.Attempts(20, new RandomStream(seed)));

            // At difficulty 1 a nonce succeeds half the time: one attempt exactly when U < 1/2.
            Assert.Equal(u < 0.5 ? 1 : 2 + (long)Math.Floor(Math.Log((1 - u) * 2) / Math.Log(0.5)), Geometric.Attempts(1, new RandomStream(seed)));
        }
    }

    [Fact]
    public void Attempts_average_two_to_the_difficulty()
    {
        var random = new RandomStream(9);
        double sum = 0;
        const int n = 200_000;
        for (var i = 0; i < n; i++)
        {
            sum += Geometric.Attempts(6, random);
        }

        // Mean 64, standard deviation about 63.5: the mean of 200 000 draws is within 0.6 of 64 (4 sigma).
        Assert.InRange(sum / n, 63.4, 64.6);
        Assert.Equal(1, Geometric.Attempts(0, random));
    }

    [Fact]
    public void The_log_of_failure_above_thirty_bits_follows_the_series_where_one_minus_p_would_round()
    {
        Assert.Equal(-Math.ScaleB(1, -40) - (Math.ScaleB(1, -80) / 2), Geometric.LogOfFailure(40), 1e-30);
        Assert.True(Geometric.LogOfFailure(60) < 0);
    }

    [Fact]
    public void A_stake_leader_is_the_first_prover_whose_cumulative_stake_exceeds_a_uniform_draw_below_the_total()
    {
        // Stakes 1 and 3 wei: the draw is the low two bits of the second word of each pair; prover 0 only for 0.
        var chooser = new StakeChooser(new RandomStream(5));
        var replay = new RandomStream(5);
        var provers = new[] { new ProverState(0, 1, 10_000), new ProverState(1, 3, 10_000) };
        var job = new ProofJob(ProofJobKind.Block, "A", 1, 0, 0, 0, 0);
        for (var i = 0; i < 32; i++)
        {
            replay.NextUInt64();
            var r = replay.NextUInt64() & 3;
            Assert.Equal(r < 1 ? 0 : 1, chooser.Choose(in job, provers));
        }
    }

    [Fact]
    public void A_draw_below_a_bound_that_is_not_a_power_of_two_redraws_above_it()
    {
        // Bound 5: three bits; draws of 5, 6 or 7 are rejected and drawn again.
        var replay = new RandomStream(11);
        var random = new RandomStream(11);
        for (var i = 0; i < 50; i++)
        {
            ulong r;
            do
            {
                replay.NextUInt64();
                r = replay.NextUInt64() & 7;
            }
            while (r >= 5);
            Assert.Equal((UInt128)r, StakeChooser.UniformBelow(random, 5));
        }
    }

    [Fact]
    public void Stake_elects_leaders_in_proportion_to_stake()
    {
        var chooser = new StakeChooser(new RandomStream(3));
        var provers = new[] { new ProverState(0, 32 * Wei.PerEther, 10_000), new ProverState(1, 96 * Wei.PerEther, 10_000) };
        var job = new ProofJob(ProofJobKind.Block, "A", 1, 0, 0, 0, 0);
        var ones = Enumerable.Range(0, 40_000).Count(_ => chooser.Choose(in job, provers) == 1);

        // Expected 30 000 (three quarters), standard deviation about 87.
        Assert.InRange(ones, 29_650, 30_350);
    }

    [Fact]
    public void A_busy_prover_queues_the_next_block_so_latency_grows_by_the_backlog()
    {
        // One prover, 5 s proofs, a block every 2 s: proofs are ready at 7, 12, 17 s.
        var pool = new ProverPool(Provers(1, RoundRobin, 5), 0, new RandomTree(1));
        var proving = new RollupProving(pool, RollupA);
        for (ulong b = 1; b <= 3; b++)
        {
            proving.ProveSealedBlock(b, SimDuration.FromSeconds(2 * (long)b), []);
        }

        var done = proving.Collect(SimDuration.FromSeconds(20));
        Assert.Equal(3, done.Proofs);
        Assert.Equal(0, done.Pending);
        Assert.Equal(SimDuration.FromSeconds(8), done.Latency.P50);
        Assert.Equal(SimDuration.FromSeconds(11), done.Latency.P99);
        Assert.Equal(SimDuration.FromSeconds(15), done.Work);

        var early = proving.Collect(SimDuration.FromSeconds(15));
        Assert.Equal(2, early.Proofs);
        Assert.Equal(1, early.Pending);
    }

    [Fact]
    public void Round_robin_spreads_blocks_over_free_provers_and_each_queues_only_its_own()
    {
        // Two provers: prover 0 proves blocks 1, 3 (ready 7, 12 s), prover 1 blocks 2, 4 (ready 9, 14 s).
        var pool = new ProverPool(Provers(2, RoundRobin, 5), 0, new RandomTree(1));
        var proving = new RollupProving(pool, RollupA);
        for (ulong b = 1; b <= 4; b++)
        {
            proving.ProveSealedBlock(b, SimDuration.FromSeconds(2 * (long)b), []);
        }

        var result = proving.Collect(SimDuration.FromSeconds(60));
        Assert.Equal([2L, 2L], result.ProofsWon.ToArray());
        Assert.Equal(SimDuration.FromSeconds(5), result.Latency.P50); // latencies 5, 5, 6, 6
        Assert.Equal(SimDuration.FromSeconds(6), result.Latency.P95);
        Assert.Equal(14_000_000, pool.Provers[1].BusyUntilMicroseconds);
    }

    [Fact]
    public void Per_transaction_proofs_start_at_their_witness_and_the_block_is_ready_after_the_last_piece_and_aggregation()
    {
        // Four provers in turn, 1 s per transaction, 500 ms to aggregate, 1 gwei per transaction.
        var model = Provers(4, RoundRobin, 1, ProvingScope.Transaction) with
        {
            AggregationTime = new DistributionModel(DistributionKind.Constant, 500_000, 0),
            Cost = Wei.PerGwei,
            CostScope = ProvingScope.Transaction,
        };
        var pool = new ProverPool(model, 0, new RandomTree(1));
        var proving = new RollupProving(pool, RollupA);

        // Block 1 (sealed at 2 s): witnesses at 0.3, 0.5, 1.9 s on provers 0, 1, 2; the last piece is done at 2.9 s,
        // prover 3 aggregates until 3.4 s: 1.4 s after the seal.
        proving.ProveSealedBlock(1, Ms(2_000), [(300_000, 21_000), (500_000, 21_000), (1_900_000, 21_000)]);

        // Block 2 (sealed at 4 s): a transaction sent at 1.5 s waited for this block, so its witness is at the
        // interval's start (2 s): prover 0 proves it 2-3 s, prover 1 the one sent at 3 s, 3-4 s; prover 2 aggregates 4-4.5 s.
        proving.ProveSealedBlock(2, Ms(4_000), [(1_500_000, 21_000), (3_000_000, 21_000)]);

        var result = proving.Collect(SimDuration.FromSeconds(60));
        Assert.Equal(2, result.Proofs);
        Assert.Equal(7, result.Jobs);
        Assert.Equal(Ms(500), result.Latency.P50);
        Assert.Equal(Ms(1_400), result.Latency.P99);
        Assert.Equal(3 * Wei.PerGwei, proving.CostOf(1));
        Assert.Equal(2 * Wei.PerGwei, proving.CostOf(2));
        Assert.Equal(5 * Wei.PerGwei, result.Cost);
        Assert.Equal([2L, 2L, 2L, 1L], result.ProofsWon.ToArray());
    }

    [Fact]
    public void In_a_proof_of_necessary_work_race_the_fewest_attempts_win_and_the_loser_wastes_the_time_until_then()
    {
        // Instant proof generation and 1 000 000 attempts per second: one attempt is one microsecond.
        var selection = new ProverSelectionModel(ProverSelectionKind.ProofOfNecessaryWork) { DifficultyBits = 12 };
        var pool = new ProverPool(Provers(2, selection, 0), 0, new RandomTree(77));
        var proving = new RollupProving(pool, RollupA);
        var work = new RandomTree(77).Stream("provers/0/work");
        var a0 = Geometric.Attempts(12, work);
        var a1 = Geometric.Attempts(12, work);

        proving.ProveSealedBlock(1, Ms(2_000), []);

        var result = proving.Collect(SimDuration.FromSeconds(60));
        var winner = a1 < a0 ? 1 : 0;
        Assert.Equal(winner == 0 ? new long[] { 1, 0 } : [0, 1], result.ProofsWon.ToArray());
        Assert.Equal(new SimDuration(Math.Min(a0, a1)), result.Latency.P50);
        Assert.Equal(new SimDuration(Math.Min(a0, a1)), result.Wasted);
        Assert.Equal((UInt128)(ulong)Math.Min(a0, a1), result.Attempts);
        Assert.Equal(2_000_000 + Math.Min(a0, a1), pool.Provers[1 - winner].BusyUntilMicroseconds);
    }

    [Fact]
    public void Busy_time_in_the_run_counts_each_job_up_to_the_end_and_counts_the_transactions_proven()
    {
        // One prover, 5 s proofs, blocks sealed at 2, 4, 6 s: busy 2-7, 7-12, 12-17 s.
        var pool = new ProverPool(Provers(1, RoundRobin, 5), 0, new RandomTree(1));
        var proving = new RollupProving(pool, RollupA);
        proving.ProveSealedBlock(1, SimDuration.FromSeconds(2), [(1_000_000, 21_000), (1_500_000, 21_000)]);
        proving.ProveSealedBlock(2, SimDuration.FromSeconds(4), [(3_000_000, 21_000)]);
        proving.ProveSealedBlock(3, SimDuration.FromSeconds(6), []);

        var all = proving.Collect(SimDuration.FromSeconds(20));
        Assert.Equal(SimDuration.FromSeconds(15), all.BusyInRun);
        Assert.Equal(SimDuration.FromSeconds(20), all.RunDuration);
        Assert.Equal(3, all.Transactions);

        // Cut at 10 s: the first job whole (5 s) and the second from 7 s (3 s); the third has not started.
        Assert.Equal(SimDuration.FromSeconds(8), proving.Collect(SimDuration.FromSeconds(10)).BusyInRun);
        Assert.Equal(SimDuration.FromSeconds(15), proving.Collect(SimDuration.FromSeconds(10)).Work); // whole jobs, as reported
    }

    [Fact]
    public void Two_provers_of_hash_power_3_to_1_win_about_three_quarters_of_the_races_over_many_seeds()
    {
        // Both race every block (racers = 2) with a constant proof time, so only the nonce search
        // decides. Attempt counts are geometric (nearly exponential at 16 bits), so the time to a
        // valid nonce is exponential with rate r / 2^16 and the faster prover is first with
        // probability r_fast / (r_fast + r_slow) = 3 / 4. Over 2 000 races the wins are binomial:
        // mean 1 500, sd sqrt(2 000 · 0.75 · 0.25) = 19.4, so the two-sided 99.9 % band
        // (z = 3.29) is 1 500 ± 63.7: 1 437 … 1 563.
        var selection = new ProverSelectionModel(ProverSelectionKind.ProofOfNecessaryWork)
        {
            DifficultyBits = 16,
            Racers = 2,
            HashRatesPerSecond = [3_000_000, 1_000_000],
        };
        long fastWins = 0, races = 0;
        for (ulong seed = 1; seed <= 4; seed++)
        {
            var pool = new ProverPool(Provers(2, selection, 1), 0, new RandomTree(seed));
            var proving = new RollupProving(pool, RollupA);

            // A block every 10 s: a race takes about 1 s plus at most a few tenths of grinding, so both are free at each seal.
            for (ulong block = 1; block <= 500; block++)
            {
                proving.ProveSealedBlock(block, SimDuration.FromSeconds(10 * (long)block), []);
            }

            var won = proving.Collect(SimDuration.FromSeconds(10 * 502)).ProofsWon;
            Assert.Equal(500, won[0] + won[1]);
            fastWins += won[0];
            races += 500;
        }

        Assert.Equal(2_000, races);
        Assert.InRange(fastWins, 1_437, 1_563);
    }

    [Fact]
    public void A_list_of_equal_hash_rates_races_exactly_as_one_shared_hash_rate()
    {
        ProvingResult Run(ProverSelectionModel selection)
        {
            var pool = new ProverPool(Provers(3, selection, 2), 0, new RandomTree(9));
            var proving = new RollupProving(pool, RollupA);
            for (ulong block = 1; block <= 50; block++)
            {
                proving.ProveSealedBlock(block, SimDuration.FromSeconds((long)block), []);
            }

            return proving.Collect(SimDuration.FromSeconds(200));
        }

        var shared = Run(new ProverSelectionModel(ProverSelectionKind.ProofOfNecessaryWork) { DifficultyBits = 18, HashRatePerSecond = 500_000 });
        var listed = Run(new ProverSelectionModel(ProverSelectionKind.ProofOfNecessaryWork) { DifficultyBits = 18, HashRatesPerSecond = [500_000, 500_000, 500_000] });
        Assert.Equal(shared.ProofsWon.ToArray(), listed.ProofsWon.ToArray());
        Assert.Equal(shared.Latency.P50, listed.Latency.P50);
        Assert.Equal(shared.Wasted, listed.Wasted);
        Assert.Equal(shared.Attempts, listed.Attempts);
    }

    [Fact]
    public void A_losing_racers_wasted_time_is_busy_time_and_is_cut_at_the_end_too()
    {
        // Instant proof generation and one attempt per microsecond: both racers start at the seal (2 s),
        // the winner finishes after min(a0, a1) µs and the loser stops then, so each was busy that long.
        var selection = new ProverSelectionModel(ProverSelectionKind.ProofOfNecessaryWork) { DifficultyBits = 12 };
        var pool = new ProverPool(Provers(2, selection, 0), 0, new RandomTree(77));
        var proving = new RollupProving(pool, RollupA);
        var work = new RandomTree(77).Stream("provers/0/work");
        var race = Math.Min(Geometric.Attempts(12, work), Geometric.Attempts(12, work));
        Assert.True(race > 2, "the race must outlast the cut below");

        proving.ProveSealedBlock(1, Ms(2_000), []);

        Assert.Equal(new SimDuration(2 * race), proving.Collect(SimDuration.FromSeconds(60)).BusyInRun);
        Assert.Equal(new SimDuration(2 * 2), proving.Collect(new SimDuration(2_000_002)).BusyInRun);
    }

    [Fact]
    public void The_market_gives_a_job_to_the_cheapest_free_prover_or_else_to_the_one_free_soonest()
    {
        var chooser = new MarketChooser();
        var provers = new[] { new ProverState(0, 0, 11_000), new ProverState(1, 0, 9_000), new ProverState(2, 0, 10_000) };
        var job = new ProofJob(ProofJobKind.Block, "A", 1, 0, 0, 1_000, 0);
        Assert.Equal(1, chooser.Choose(in job, provers));

        provers[1].BusyUntilMicroseconds = 5_000;
        Assert.Equal(2, chooser.Choose(in job, provers));

        provers[0].BusyUntilMicroseconds = 3_000;
        provers[2].BusyUntilMicroseconds = 4_000;
        Assert.Equal(0, chooser.Choose(in job, provers));
        Assert.Equal(1_100UL, (ulong)provers[0].Bid(1_000));
    }

    [Fact]
    public void A_run_proves_every_sealed_block_of_the_rollups_it_names_and_exposes_the_cost_per_block()
    {
        var scenario = TestScenarios.TwoRollups(durationSeconds: 30) with
        {
            Provers = [Provers(3, RoundRobin, 1) with { Cost = 2 * Wei.PerGwei }],
        };
        var result = Simulator.Run(scenario);
        var a = result.Rollups[0];
        Assert.NotNull(a.Proving);
        Assert.Null(result.Rollups[1].Proving);
        Assert.Equal(a.Blocks, a.Proving.Proofs + a.Proving.Pending);
        Assert.Equal(SimDuration.FromSeconds(1), a.Proving.Latency.P99);
        Assert.Equal((UInt128)(ulong)a.Blocks * 2 * Wei.PerGwei, a.Proving.Cost);
        Assert.Equal(result, Simulator.Run(scenario));
    }
}
