using ProtoScript.Engine.Proving;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

/// <summary>
/// Tree aggregation of proofs (<c>aggregation { arity  time per level  wrap }</c>) and their
/// verification on L1 (<c>verification { gas  every  across = rollups }</c>).
/// </summary>
public class ProofAggregationTests
{
    private static readonly RollupModel RollupA = TestScenarios.Rollup("A");

    private static DistributionModel Constant(double seconds) => new(DistributionKind.Constant, seconds * 1e6, 0);

    private static ProversModel Pipelined(int count, DistributionModel proof, int arity, DistributionModel level, DistributionModel wrap, ProverSelectionKind selection = ProverSelectionKind.RoundRobin) =>
        new(["A"], count, new ProverSelectionModel(selection), proof, ProvingScope.Transaction)
        {
            Aggregation = new ProofAggregationModel(arity, level, wrap),
        };

    [Theory]
    [InlineData(20, 8, 4, 14)] // ⌈20/8⌉·2 + ⌈log4 20⌉·1 + 5 = 6 + 3 + 5
    [InlineData(16, 16, 4, 9)] // 1·2 + 2·1 + 5
    [InlineData(9, 3, 3, 13)] // 3·2 + 2·1 + 5
    [InlineData(5, 3, 2, 12)] // 2·2 + 3·1 + 5
    [InlineData(1, 4, 4, 7)] // one leaf: no aggregation node, 2 + 0 + 5
    public void Pipelined_latency_is_the_waves_of_leaves_plus_a_node_per_level_plus_the_wrap(int leaves, int provers, int arity, long expectedSeconds)
    {
        // Every leaf ready at the seal, constant times (2 s a leaf, 1 s a node, 5 s the wrap), round
        // robin, and at most `provers` nodes in the first level (⌈n/a⌉ ≤ k), so no node waits for a
        // prover on the last leaf's path: latency = ⌈n/k⌉·t + ⌈log_a n⌉·t_agg + t_wrap.
        Assert.True((leaves + arity - 1) / arity <= provers);
        var pool = new ProverPool(Pipelined(provers, Constant(2), arity, Constant(1), Constant(5)), 0, new RandomTree(1));
        var proving = new RollupProving(pool, RollupA);
        var seal = SimDuration.FromSeconds(2);
        proving.ProveSealedBlock(1, seal, [.. Enumerable.Repeat((seal.Microseconds, 21_000UL), leaves)]);

        Assert.Equal(seal + SimDuration.FromSeconds(expectedSeconds), proving.ProofReadyAt(1));
        var result = proving.Collect(SimDuration.FromSeconds(60)).Aggregation!;
        var depth = 0;
        for (var reach = 1; reach < leaves; reach *= arity)
        {
            depth++;
        }

        Assert.Equal(depth, result.MaxDepth);
        Assert.Equal(leaves, result.Leaves);
        Assert.Equal(1, result.Wraps);
        Assert.Equal(SimDuration.FromSeconds(depth), result.Latency.P50); // last leaf to root: one node a level
    }

    [Theory]
    [InlineData(16, 4, 4, 18)] // 3 + ⌈16/4⌉·2 + ⌈log4 16⌉·1 + 5 = 3 + 8 + 2 + 5
    [InlineData(16, 16, 2, 14)] // 3 + 1·2 + 4·1 + 5
    [InlineData(10, 4, 3, 17)] // 3 + 3·2 + ⌈log3 10⌉·1 + 5 = 3 + 6 + 3 + 5
    public void A_zkvm_pipeline_is_execution_plus_shard_waves_plus_a_node_per_level_plus_the_wrap(int shards, int provers, int arity, long expectedSeconds)
    {
        // pipeline = per_shard: the block executes for 3 s after its seal, then its shards (2 s
        // each) are proven on k provers round robin: latency = execution + ⌈shards/k⌉·t_shard +
        // ⌈log_a shards⌉·t_agg + t_wrap when ⌈shards/a⌉ ≤ k. The block's transactions do not matter.
        Assert.True((shards + arity - 1) / arity <= provers);
        var model = Pipelined(provers, Constant(2), arity, Constant(1), Constant(5)) with { Pipeline = ProvingScope.Shard, Shards = shards, Execution = Constant(3) };
        var proving = new RollupProving(new ProverPool(model, 0, new RandomTree(1)), RollupA);
        var seal = SimDuration.FromSeconds(2);
        proving.ProveSealedBlock(1, seal, [(0, 21_000UL), (1, 21_000UL)]);

        Assert.Equal(seal + SimDuration.FromSeconds(expectedSeconds), proving.ProofReadyAt(1));
        var result = proving.Collect(SimDuration.FromSeconds(60));
        Assert.Equal("per_shard", result.Pipeline);
        Assert.Equal(shards, result.Aggregation!.Leaves);
    }

    [Fact]
    public void A_tree_runs_one_node_per_group_at_every_level_a_group_of_one_included()
    {
        // 20 leaves, arity 4: 5 nodes, then 2 (groups of 4 and of 1), then 1: 8 jobs, depth 3.
        var jobs = new List<long>();
        var (root, depth, count) = AggregationTree.Reduce([.. Enumerable.Range(0, 20).Select(i => (long)i)], 4, ready =>
        {
            jobs.Add(ready);
            return ready + 100;
        });

        Assert.Equal(3, depth);
        Assert.Equal(8, count);
        Assert.Equal([3L, 7, 11, 15, 19, 115, 119, 219], jobs);
        Assert.Equal(319, root);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(7UL)]
    [InlineData(23UL)]
    [InlineData(101UL)]
    public void K_prover_pipelined_proving_is_never_slower_than_one_prover(ulong seed)
    {
        // Random block sizes and witness times, random proof, node and wrap times. A job draws
        // its time in assignment order whoever proves it, so both runs prove the same jobs with
        // the same times; with more provers a job never starts later (its inputs are no later and
        // its prover is free no later than the one prover would be), so no block's proof is later.
        var shape = new RandomStream(seed);
        foreach (var k in new[] { 2, 3, 8 })
        {
            foreach (var arity in new[] { 2, 4 })
            {
                foreach (var (selection, shards) in new[] { (ProverSelectionKind.RoundRobin, 0), (ProverSelectionKind.Market, 0), (ProverSelectionKind.RoundRobin, 8), (ProverSelectionKind.Market, 8) })
                {
                    var model = Pipelined(1, new DistributionModel(DistributionKind.Normal, 300_000, 100_000), arity, new DistributionModel(DistributionKind.Exponential, 1_000_000, 0), Constant(2), selection);
                    if (shards > 0)
                    {
                        // The zkVM pipeline: the block's execution, then its shards; execution is drawn once a block, in block order.
                        model = model with { Pipeline = ProvingScope.Shard, Shards = shards, Execution = new DistributionModel(DistributionKind.Exponential, 500_000, 0) };
                    }

                    var one = new RollupProving(new ProverPool(model, 0, new RandomTree(seed)), RollupA);
                    var many = new RollupProving(new ProverPool(model with { Count = k }, 0, new RandomTree(seed)), RollupA);
                    var blocks = 5 + (int)shape.NextUInt64(20);
                    for (ulong b = 1; b <= (ulong)blocks; b++)
                    {
                        var seal = SimDuration.FromSeconds(2 * (long)b);
                        var n = (int)shape.NextUInt64(30);
                        var txs = Enumerable.Range(0, n).Select(_ => (seal.Microseconds - (long)shape.NextUInt64(3_000_000), 21_000UL)).OrderBy(t => t.Item1).ToList();
                        one.ProveSealedBlock(b, seal, txs);
                        many.ProveSealedBlock(b, seal, txs);
                        Assert.True(many.ProofReadyAt(b) <= one.ProofReadyAt(b), $"seed {seed}, {k} provers, arity {arity}, {selection}, {(shards > 0 ? "per_shard" : "per_transaction")}: block {b} ready at {many.ProofReadyAt(b)} with {k} provers, {one.ProofReadyAt(b)} with one");
                    }
                }
            }
        }
    }

    private static string Shared(int rollups, string across) => $$"""
        scenario "shared verification" {
          seed 3
          duration 5 min
          l1 ethereum { slot_time = 12 s }
          rollup R0 {
            block_time = 2 s
            accounts 100 funded 10 eth
            batch { every = 24 h }
          }
          {{string.Concat(Enumerable.Range(1, rollups - 1).Select(i => $"rollup R{i} like R0 {{ }}\n"))}}
          workload { users = poisson(2 / s) on {{string.Join(", ", Enumerable.Range(0, rollups).Select(i => "R" + i))}} }
          provers for {{string.Join(", ", Enumerable.Range(0, rollups).Select(i => "R" + i))}} {
            count = 16
            selection = market
            pipeline = per_transaction
            proof_time = constant(300 ms) per transaction
            aggregation { arity = 4  time = constant(1 s) per level  wrap = constant(2 s) }
            verification { gas = 300_000  every = 1 min  {{across}} }
          }
        }
        """;

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Shared_aggregation_of_n_rollups_costs_each_rollup_one_nth_of_one_verification(int n)
    {
        var result = Simulator.Run(TestScenarios.Bind(Shared(n, "across = rollups")), new SimulationOptions { RetainL1Data = true });

        // No batch lands in 5 min (`every = 24 h`), so the only rollup gas in an L1 block is a
        // verification's: its fee is 300 000 × that block's base fee, computed here from the L1 blocks.
        var background = result.L1.BackgroundGas / (ulong)result.L1.Blocks;
        var fees = result.L1Data!.Blocks
            .Where(b => b.Fees.GasUsed > background)
            .Select(b =>
            {
                Assert.Equal(300_000UL, b.Fees.GasUsed - background);
                return 300_000 * b.Fees.BaseFeePerGas;
            })
            .ToList();
        Assert.Equal(4, fees.Count); // ticks at 1, 2, 3, 4 min land; the one at 5 min is sent at the end

        UInt128 paid = 0;
        for (var r = 0; r < n; r++)
        {
            var v = result.Rollups[r].Proving!.Verification!;
            Assert.Equal(4, v.Verifications);
            Assert.Equal(4, v.Shared);
            Assert.Equal(n, v.SharedBy);
            Assert.Equal(fees.Aggregate(UInt128.Zero, (s, f) => s + f), v.CostAlone);

            // Each verification split n ways in wei, the remainder a wei each to the first rollups.
            Assert.Equal(fees.Aggregate(UInt128.Zero, (s, f) => s + (f / (uint)n) + ((uint)r < f % (uint)n ? 1u : 0u)), v.Cost);
            paid += v.Cost;
        }

        Assert.Equal(fees.Aggregate(UInt128.Zero, (s, f) => s + f), paid); // conserved to the wei
    }

    [Fact]
    public void Without_sharing_each_rollup_pays_its_own_verifications_in_full()
    {
        var result = Simulator.Run(TestScenarios.Bind(Shared(3, string.Empty)), new SimulationOptions { RetainL1Data = true });
        var background = result.L1.BackgroundGas / (ulong)result.L1.Blocks;
        var total = result.L1Data!.Blocks.Aggregate(UInt128.Zero, (s, b) => s + ((UInt128)(b.Fees.GasUsed - background) * b.Fees.BaseFeePerGas));
        var verifications = result.Rollups.Select(r => r.Proving!.Verification!).ToList();
        Assert.All(verifications, v =>
        {
            Assert.Equal(4, v.Verifications);
            Assert.Equal(0, v.Shared);
            Assert.Equal(v.CostAlone, v.Cost);
        });
        Assert.Equal(total, verifications.Aggregate(UInt128.Zero, (s, v) => s + v.Cost));
    }

    [Fact]
    public void A_verification_proves_a_prefix_of_the_chain_and_its_latency_runs_from_the_seal_to_the_L1_block()
    {
        var result = Simulator.Run(TestScenarios.Bind(Shared(1, string.Empty)), new SimulationOptions());
        var proving = result.Rollups[0].Proving!;
        var v = proving.Verification!;

        // Blocks sealed every 2 s; a tick every minute verifies those proven by then, and the
        // L1 block (every 12 s) after the aggregation lands it: no block waits more than
        // a minute, the aggregation and a slot after its proof is ready.
        Assert.InRange(v.VerifiedBlocks, 100, proving.Proofs);
        Assert.True(v.Latency.P99 <= SimDuration.FromSeconds(60 + 12) + proving.Latency.P99 + SimDuration.FromSeconds(10), v.Latency.ToString());
    }
}
