using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

/// <summary>
/// Flashblocks-style streaming: with 2 s blocks and 200 ms sub-blocks (F = 10), sub-block i is
/// filled at i × 200 ms into the block, may use i/10 of the gas limit counted from the block's
/// start, and soft-confirms what it includes; the block is sealed at 2 s as without streaming.
/// </summary>
public class FlashblocksTests
{
    private static readonly FlashblocksModel Every200Ms = new(SimDuration.FromMilliseconds(200), 10);

    private static RollupChain Streamed(ulong gasLimit = 30_000_000, OrderingRule ordering = OrderingRule.Fcfs) =>
        new(TestScenarios.Rollup("A", ordering, accounts: 20, gasLimit: gasLimit) with { Flashblocks = Every200Ms }, new FcfsOrdering());

    private static Transaction Transfer(int from, long submittedMs) =>
        new(from, from + 1, Wei.PerEther / 100, 0, TestScenarios.Gwei, Transaction.TransferGas, SimDuration.FromMilliseconds(submittedMs));

    [Fact]
    public void A_transaction_arriving_at_350_ms_is_soft_confirmed_at_400_ms_and_included_in_the_block_sealed_at_2_s()
    {
        var chain = Streamed();
        var scheduler = new Scheduler();
        chain.Start(scheduler);
        scheduler.RunUntil(SimDuration.FromMilliseconds(350));
        chain.Submit(Transfer(0, 350));

        scheduler.RunUntil(SimDuration.FromMilliseconds(399));
        Assert.Equal(0L, chain.Metrics.Included);

        scheduler.RunUntil(SimDuration.FromMilliseconds(400));
        Assert.Equal(1L, chain.Metrics.Included);
        Assert.Equal(0L, chain.Metrics.Blocks); // soft-confirmed, not sealed
        Assert.Equal(0UL, chain.Tree.SoftHead);

        scheduler.RunUntil(SimDuration.FromMilliseconds(1_999));
        Assert.Equal(0L, chain.Metrics.Blocks);

        scheduler.RunUntil(SimDuration.FromSeconds(2));
        Assert.Equal(1L, chain.Metrics.Blocks);
        Assert.Equal(1UL, chain.Tree.SoftHead);
        var soft = chain.Streaming!.SoftLatency.Summarize();
        Assert.Equal(1L, soft.Samples);
        Assert.Equal(SimDuration.FromMilliseconds(50), soft.P50);
        Assert.Equal(SimDuration.FromMilliseconds(1_650), chain.Metrics.InclusionLatency.Summarize().P50);
        Assert.Equal(10L, chain.Streaming.SubBlocks);
    }

    [Fact]
    public void A_burst_larger_than_the_first_sub_blocks_gas_cap_spills_into_later_sub_blocks()
    {
        // Gas limit of 10 transfers: sub-block i may hold i transfers counted from the block's start.
        var chain = Streamed(gasLimit: 10 * Transaction.TransferGas);
        var scheduler = new Scheduler();
        chain.Start(scheduler);
        scheduler.RunUntil(SimDuration.FromMilliseconds(100));
        for (var sender = 0; sender < 5; sender++)
        {
            chain.Submit(Transfer(sender * 2, 100));
        }

        var includedAfter = new List<long>();
        for (var ms = 200; ms <= 1_000; ms += 200)
        {
            scheduler.RunUntil(SimDuration.FromMilliseconds(ms));
            includedAfter.Add(chain.Metrics.Included);
        }

        Assert.Equal([1L, 2L, 3L, 4L, 5L], includedAfter);

        // Soft-confirmed at 0.2, 0.4, 0.6, 0.8 and 1.0 s: 0.1 … 0.9 s after they arrived.
        var soft = chain.Streaming!.SoftLatency.Summarize();
        Assert.Equal(5L, soft.Samples);
        Assert.Equal(SimDuration.FromMilliseconds(500), soft.P50);
        Assert.Equal(SimDuration.FromMilliseconds(900), soft.P99);
        scheduler.RunUntil(SimDuration.FromSeconds(2));
        Assert.Equal(5UL * Transaction.TransferGas, chain.Metrics.GasUsed);
        Assert.Equal(1L, chain.Metrics.Blocks);
    }

    [Fact]
    public void The_cumulative_cap_of_sub_block_i_of_F_is_i_over_F_of_the_gas_limit_and_the_last_is_the_whole_limit()
    {
        var model = new FlashblocksModel(SimDuration.FromMilliseconds(300), 3);
        Assert.Equal(333UL, model.CumulativeGasCap(1, 1_000));
        Assert.Equal(666UL, model.CumulativeGasCap(2, 1_000));
        Assert.Equal(1_000UL, model.CumulativeGasCap(3, 1_000));
        Assert.Equal(10_000_000_000UL / 3, model.CumulativeGasCap(1, 10_000_000_000));
    }

    [Fact]
    public void Streaming_leaves_state_roots_fees_batched_transactions_and_derivation_as_they_are_when_the_gas_cap_does_not_bind()
    {
        // FCFS on both rollups, so each block holds the same transactions in the same order either way.
        var plain = TestScenarios.TwoRollups(durationSeconds: 150, rate: 30);
        plain = plain with { Rollups = [.. plain.Rollups.Select(r => r with { Ordering = OrderingRule.Fcfs })] };
        var streamed = plain with
        {
            Rollups = [plain.Rollups[0] with { Flashblocks = Every200Ms }, plain.Rollups[1] with { Flashblocks = new FlashblocksModel(SimDuration.FromMilliseconds(50), 5) }],
        };

        var without = Verifier.Run(plain);
        var with = Verifier.Run(streamed);

        Assert.True(with.AllMatch, string.Join("; ", with.Rollups.Select(r => r.Describe())));
        for (var i = 0; i < 2; i++)
        {
            var a = without.Result.Rollups[i];
            var b = with.Result.Rollups[i];
            Assert.True(b.Transactions.Included > 100);
            Assert.Equal(a.StateRoot, b.StateRoot);
            Assert.Equal(a.Blocks, b.Blocks);
            Assert.Equal(a.Transactions.Included, b.Transactions.Included);
            Assert.Equal(a.GasUsed, b.GasUsed);
            Assert.Equal(a.Fees, b.Fees);
            Assert.Equal(a.InclusionLatency, b.InclusionLatency);

            // The same blocks and transactions are posted; only a block during which an L1 block
            // arrived names an earlier L1 origin (the head when it opened), which compresses differently.
            Assert.Equal(a.DataAvailability with { CompressedBytes = 0, PostedBytes = 0 }, b.DataAvailability with { CompressedBytes = 0, PostedBytes = 0 });
            Assert.Equal(a.HardLatency, b.HardLatency);
            Assert.Null(a.Flashblocks);
            Assert.NotNull(b.Flashblocks);
            Assert.Equal(b.Blocks * b.Flashblocks!.PerBlock, b.Flashblocks.SubBlocks);
            Assert.True(b.Flashblocks.SoftLatency.P50 < a.InclusionLatency.P50);
        }

        Assert.Equal(without.Rollups[0].BlocksMatched, with.Rollups[0].BlocksMatched);
    }

    [Fact]
    public void A_batch_posted_between_two_sub_blocks_keeps_the_open_blocks_transactions_for_its_sealing()
    {
        // Batches every 3 s against 2 s blocks: every other posting falls inside a streamed block.
        var plain = TestScenarios.TwoRollups(durationSeconds: 60, rate: 30);
        var a = plain.Rollups[0] with { Batch = plain.Rollups[0].Batch with { Every = SimDuration.FromSeconds(3) }, Flashblocks = Every200Ms };
        var report = Verifier.Run(plain with { Rollups = [a, plain.Rollups[1]] });

        var derived = report.Rollups[0];
        Assert.True(derived.Matches, derived.Describe());
        Assert.Equal(report.Result.Rollups[0].Transactions.Included, report.Result.Rollups[0].DataAvailability.TransactionsBatched);
    }

    [Fact]
    public void A_streamed_rollup_refuses_a_top_of_block_auction()
    {
        var model = TestScenarios.Rollup("A", OrderingRule.Auction) with { Auction = new AuctionModel(AuctionPrice.First), Flashblocks = Every200Ms };
        Assert.Throws<ArgumentException>(() => new RollupChain(model, new FcfsOrdering()));
    }
}
