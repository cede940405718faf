using ProtoScript.Engine.Batching;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.L1;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;
using ModelDaTarget = ProtoScript.Language.Model.DaTarget;

namespace ProtoScript.Engine.Tests;

public class BatchPostingTests
{
    private static readonly UInt128 Gwei = Wei.PerGwei;

    /// <summary>
    /// Prague, 12 s slots, half the gas and the blob target (6) filled by others, so the base fee
    /// (1 gwei) and the blob base fee stay put until a rollup posts.
    /// </summary>
    private static L1Model SteadyL1(int backgroundBlobs = 6, UInt128? blobBaseFee = null) =>
        new("ethereum", SimDuration.FromSeconds(12))
        {
            Blobs = BlobMarketModel.Default with { BaseFee = blobBaseFee ?? 1_000, Background = backgroundBlobs },
        };

    private static RollupModel Rollup(string name, ModelDaTarget target = ModelDaTarget.Blobs, CompressionKind compression = CompressionKind.None) =>
        TestScenarios.Rollup(name, OrderingRule.Fcfs, blockTimeMs: 2_000) with
        {
            Batch = new BatchModel(SimDuration.FromSeconds(30), target, compression),
        };

    [Fact]
    public void One_transfer_is_soft_confirmed_in_its_L2_block_and_hard_confirmed_in_the_L1_block_after_its_batch()
    {
        // Sent at 1 s, sealed in L2 block 1 at 2 s; the batch at 30 s (with the block sealed at
        // 30 s) may land only in a later L1 block: block 3 at 36 s. Hard latency 36 − 1 = 35 s.
        var scheduler = new Scheduler();
        var log = new L1DataLog();
        var l1 = new L1Chain(SteadyL1(), log);
        var chain = new RollupChain(Rollup("A"), new FcfsOrdering(), null, new RollupParts { Batcher = Batcher.Part(0, l1) });
        var batcher = chain.Batcher!;
        l1.Start(scheduler);
        chain.Start(scheduler);
        batcher.Start(scheduler);
        var tx = new Transaction(0, 1, Gwei, 0, 2 * Gwei, Transaction.TransferGas, SimDuration.FromSeconds(1));
        scheduler.ScheduleAt(SimDuration.FromSeconds(1), new SubmitAt(chain, tx), SubmitEvent.Submit);
        var blobBaseFee = l1.BlobBaseFee;

        scheduler.RunUntil(SimDuration.FromSeconds(40));

        Assert.Equal(1_000, (long)(ulong)blobBaseFee); // 1000 wei is exactly reachable from the update fraction's series
        Assert.Equal(1, chain.Metrics.InclusionLatency.Count);
        Assert.Equal(SimDuration.FromSeconds(1), chain.Metrics.InclusionLatency.Summarize().P50);
        var hard = batcher.Metrics.HardLatency.Summarize();
        Assert.Equal(1, hard.Samples);
        Assert.Equal(SimDuration.FromSeconds(35), hard.P50);

        var posted = Assert.Single(log.Transactions);
        Assert.Equal(3UL, posted.L1Block);
        Assert.Equal(SimDuration.FromSeconds(36), posted.Time);
        Assert.Equal(1UL, batcher.Metrics.Blobs);
        Assert.Equal(21_000UL, batcher.Metrics.ExecutionGas);

        // Blocks 1 and 2 sat at both targets, so block 3 charged the genesis fees.
        var block3 = log.Blocks[2].Fees;
        Assert.Equal(Gwei, block3.BaseFeePerGas);
        Assert.Equal(blobBaseFee, block3.BlobBaseFee);
        Assert.Equal(131_072 * blobBaseFee, batcher.Metrics.BlobFee);
        Assert.Equal(21_000 * Gwei, batcher.Metrics.ExecutionFee);
        Assert.Equal(7UL, block3.BlobsUsed);
        Assert.Equal(18_000_000UL + 21_000UL, block3.GasUsed);

        // The posted bytes are the batch: version byte, one frame, the encoded L2 blocks 1..15.
        var frame = Assert.Single(ChannelFrames.DecodeTransactionData(posted.Data.Span));
        var batch = BatchCodec.Decode(ChannelFrames.Reassemble([frame]));
        Assert.Equal(15, batch.Blocks.Count);
        Assert.Equal(1UL, batch.Blocks[0].Number);
        Assert.Equal(2_000_000, batch.Blocks[0].TimestampMicros);
        Assert.Equal(0UL, batch.Blocks[0].L1Origin);
        Assert.Equal(BatchTransaction.FromTransfer(tx), Assert.Single(batch.Blocks[0].Transactions));
        Assert.Equal(30_000_000, batch.Blocks[14].TimestampMicros);
        Assert.Equal(2UL, batch.Blocks[14].L1Origin);
        Assert.Equal(batch, BatchCodec.Decode(BatchCodec.Encode(batch)));
    }

    [Fact]
    public void The_soft_head_moves_at_each_seal_and_the_safe_head_when_the_batch_lands()
    {
        // Blocks every 2 s; the batch sent at 30 s holds blocks 1..15 and lands at 36 s.
        var scheduler = new Scheduler();
        var l1 = new L1Chain(SteadyL1(), null);
        var chain = new RollupChain(Rollup("A"), new FcfsOrdering(), null, new RollupParts { Batcher = Batcher.Part(0, l1) });
        var batcher = chain.Batcher!;
        l1.Start(scheduler);
        chain.Start(scheduler);
        batcher.Start(scheduler);

        scheduler.RunUntil(SimDuration.FromSeconds(35));
        Assert.Equal(17UL, chain.Tree.SoftHead);
        Assert.Equal(0UL, chain.Tree.SafeHead);

        scheduler.RunUntil(SimDuration.FromSeconds(40));
        Assert.Equal(20UL, chain.Tree.SoftHead);
        Assert.Equal(15UL, chain.Tree.SafeHead);

        // Unproven, the blocks are final once the challenge period (the withdrawal delay) has passed since they landed.
        Assert.Equal(0UL, chain.Tree.FinalHead);
        Assert.Equal(15UL, chain.Tree.AdvanceFinal(SimDuration.FromSeconds(36) + chain.Model.Bridge.WithdrawalDelay));
    }

    [Fact]
    public void Postings_beyond_the_blob_max_wait_for_the_next_block_in_rollup_order()
    {
        // Others fill 8 of prague's 9 blobs: room for one batch per block. A and B both post at
        // 30 s; A (declared first) lands in block 3 at 36 s, B in block 4 at 48 s.
        var scenario = new ScenarioModel(
            "two batchers",
            5,
            SimDuration.FromSeconds(50),
            SteadyL1(backgroundBlobs: 8),
            [Rollup("A"), Rollup("B")],
            new WorkloadModel([TestScenarios.Users(2, "A", "B")]));

        var result = Simulator.Run(scenario, new SimulationOptions { RetainL1Data = true });

        var log = result.L1Data!;
        Assert.Equal([(3UL, "A"), (4UL, "B")], log.Transactions.Select(t => (t.L1Block, t.RollupName)));
        Assert.All(log.Blocks, b => Assert.True(b.Fees.BlobsUsed <= 9));
        Assert.Equal(2UL, result.L1.RollupBlobs);
        Assert.Equal(4UL * 8, result.L1.BackgroundBlobs);
        var a = result.Rollups[0];
        var b = result.Rollups[1];
        Assert.Equal(1, a.DataAvailability.BatchesConfirmed);
        Assert.Equal(1, b.DataAvailability.BatchesConfirmed);

        // Every transaction of a batch is hard-confirmed at once, so the shortest hard latency is
        // the landing time less the latest submit time before the batch (at most 30 s).
        Assert.True(b.HardLatency.P50 > a.HardLatency.P50);
        Assert.Equal(a.DataAvailability.TransactionsBatched, a.HardLatency.Samples);
        Assert.True(a.Transactions.Included > a.HardLatency.Samples); // those sealed after 30 s wait for the next batch
        Assert.Equal(a.HardLatency.P99 + result.L1.Finality, a.FinalLatency.P99);
    }

    [Fact]
    public void A_calldata_posting_above_the_gas_target_raises_the_next_base_fee_by_the_EIP_1559_rule()
    {
        var single = TestScenarios.Single(Rollup("A", ModelDaTarget.Calldata, CompressionKind.Brotli), TestScenarios.Users(5, "A"), durationSeconds: 40);
        var scenario = single with { L1 = SteadyL1() };

        var result = Simulator.Run(scenario, new SimulationOptions { RetainL1Data = true });

        var posted = Assert.Single(result.L1Data!.Transactions);
        Assert.Equal(3UL, posted.L1Block);
        var spec = Forks.Prague;
        var gas = CalldataGas.TransactionGas(spec, posted.Data.Span);
        var da = result.Rollups[0].DataAvailability;
        Assert.Equal(0UL, da.Blobs);
        Assert.Equal(gas, da.ExecutionGas);
        Assert.Equal(gas * Gwei, da.Cost);

        // Block 3 used 18M + gas against an 18M target at 1 gwei: + 1 gwei · gas // 18M // 8.
        var expected = Gwei + (Gwei * gas / 18_000_000 / 8);
        Assert.Equal(expected, result.L1.BaseFee.End);
        Assert.Equal(expected, result.L1.BaseFee.Max);
        Assert.Equal(Gwei, result.L1.BaseFee.Min);
        Assert.Equal(gas, result.L1.RollupGas);
    }

    [Fact]
    public void Batches_on_L1_carry_every_included_transaction_in_block_order()
    {
        var scenario = TestScenarios.TwoRollups(durationSeconds: 200);

        var result = Simulator.Run(scenario, new SimulationOptions { RetainL1Data = true });

        for (var r = 0; r < result.Rollups.Length; r++)
        {
            var rollup = result.Rollups[r];
            var frames = result.L1Data!.Transactions.Where(t => t.Rollup == r)
                .SelectMany(t => ChannelFrames.DecodeTransactionData(t.Data.Span))
                .GroupBy(f => f.Channel)
                .Select(channel => BatchCodec.Decode(Compressors.Brotli.Decompress(ChannelFrames.Reassemble(channel), Compressors.DefaultMaxDecompressedBytes)))
                .ToList();
            var blocks = frames.SelectMany(b => b.Blocks).ToList();
            Assert.Equal(rollup.DataAvailability.BatchesConfirmed, frames.Count);
            Assert.Equal(Enumerable.Range(1, blocks.Count).Select(n => (ulong)n), blocks.Select(b => b.Number));
            Assert.Equal(rollup.HardLatency.Samples, blocks.Sum(b => b.Transactions.Count));
            Assert.True(rollup.HardLatency.Samples > 0);
        }
    }

    [Fact]
    public void A_busy_interval_is_cut_into_consecutive_batches_of_at_most_six_blobs_of_bytes()
    {
        // 2000 transfers a second for 30 s encode to ~1.3 MB: more than one batch's worth.
        // Together they need more than prague's 9 blobs, so the second lands a block later (48 s).
        var rollup = Rollup("A") with { Accounts = 2_000, GasLimit = 300_000_000 };
        var scenario = TestScenarios.Single(rollup, TestScenarios.Users(2_000, "A"), durationSeconds: 50);

        var result = Simulator.Run(scenario, new SimulationOptions { RetainL1Data = true });

        var da = result.Rollups[0].DataAvailability;
        Assert.True(da.Batches >= 2, $"{da.Batches} batches");
        var batches = result.L1Data!.Transactions
            .SelectMany(t => ChannelFrames.DecodeTransactionData(t.Data.Span))
            .GroupBy(f => f.Channel)
            .Select(channel => ChannelFrames.Reassemble(channel))
            .ToList();
        Assert.Equal(da.Batches, batches.Count);
        Assert.All(batches, bytes => Assert.True(bytes.Length <= Batcher.MaxBatchBytes, $"{bytes.Length} bytes"));
        var blocks = batches.SelectMany(bytes => BatchCodec.Decode(bytes).Blocks).ToList();
        Assert.Equal(Enumerable.Range(1, 15).Select(n => (ulong)n), blocks.Select(b => b.Number));
        Assert.Equal(da.TransactionsBatched, blocks.Sum(b => b.Transactions.Count));
        Assert.Equal(da.TransactionsBatched, result.Rollups[0].HardLatency.Samples);
    }

    [Fact]
    public void L1_data_is_kept_only_when_asked_and_keeping_it_changes_no_number()
    {
        var plain = Simulator.Run(TestScenarios.TwoRollups());
        var kept = Simulator.Run(TestScenarios.TwoRollups(), new SimulationOptions { RetainL1Data = true });

        Assert.Null(plain.L1Data);
        Assert.NotNull(kept.L1Data);
        Assert.Equal(plain, kept);
        Assert.Equal(plain.L1.Blocks, kept.L1Data!.Blocks.Count);
    }

    [Fact]
    public void Blob_overrides_that_break_the_fork_are_refused_before_the_run()
    {
        var scenario = TestScenarios.TwoRollups() with
        {
            L1 = new L1Model("ethereum", SimDuration.FromSeconds(12)) { Blobs = BlobMarketModel.Default with { Target = 12, Max = 9 } },
        };

        var error = Assert.Throws<ArgumentException>(() => Simulator.Run(scenario));
        Assert.Contains("L1 'ethereum': blob target 12 is above the blob max 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_interval_of_zero_is_refused_rather_than_posting_forever_at_one_instant()
    {
        var rollup = Rollup("A") with { Batch = BatchModel.Default with { Every = SimDuration.Zero } };
        var scenario = TestScenarios.Single(rollup, TestScenarios.Users(1, "A"), durationSeconds: 10);

        var error = Assert.Throws<ArgumentException>(() => Simulator.Run(scenario));
        Assert.Contains("Rollup 'A': batch every must be positive.", error.Message, StringComparison.Ordinal);
    }

    private enum SubmitEvent
    {
        Submit,
    }

    private sealed class SubmitAt(RollupChain chain, Transaction transaction) : SimProcess<SubmitEvent>
    {
        public override EventKind EventKind => EventKind.UserTransaction;

        protected override void OnEvent(Scheduler scheduler, SubmitEvent simEvent) => chain.Submit(in transaction);
    }
}
