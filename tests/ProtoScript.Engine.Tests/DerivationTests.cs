using System.Collections.Immutable;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class DerivationTests
{
    private static readonly UInt128 Eth = Wei.PerEther;
    private static readonly UInt128 Usdc = 1_000_000;

    [Fact]
    public void A_normal_run_derives_the_sequencers_root_for_every_posted_block()
    {
        var report = Verifier.Run(TestScenarios.TwoRollups(durationSeconds: 150, rate: 30));

        Assert.True(report.AllMatch);
        Assert.All(report.Rollups, r =>
        {
            Assert.True(r.BlocksDerived > 0);
            Assert.Equal(r.BlocksDerived, r.BlocksMatched);
            Assert.Empty(r.Errors);
            Assert.Null(r.FirstMismatch);
        });

        // Batches go every 60 s, so the blocks after the last one are not on L1 yet.
        var a = report.Rollups[0];
        Assert.Equal(report.Result.Rollups[0].Blocks, a.BlocksProduced);
        Assert.True(a.NotYetOnL1);
        Assert.Equal((ulong)a.BlocksDerived + 1, a.FirstMissing);
        Assert.StartsWith($"A: derived {a.BlocksDerived} blocks from L1 data; roots match for all {a.BlocksDerived}", a.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_with_swaps_and_arbitrage_derives_to_identical_roots()
    {
        var scenario = TradingScenario();

        var report = Verifier.Run(scenario);

        var trading = report.Result.Rollups[0].Trading!;
        Assert.True(trading.Swaps.Included > 0);
        var a = Assert.Single(report.Rollups);
        Assert.True(a.Matches, a.Describe());
        Assert.True(a.BlocksDerived >= 60);
        Assert.Equal(a.BlocksDerived, a.BlocksMatched);
        Assert.Empty(a.Errors);
    }

    [Fact]
    public void A_changed_transfer_value_is_a_mismatch_at_exactly_its_block()
    {
        var scenario = Uncompressed(TestScenarios.TwoRollups(durationSeconds: 150, rate: 30));
        var result = Simulator.Run(scenario, new SimulationOptions { RetainL1Data = true });
        var target = result.L1Data!.Transactions.First(t => t.Rollup == 0);
        var frame = Assert.Single(ChannelFrames.DecodeTransactionData(target.Data.Span));
        var batch = BatchCodec.Decode(frame.Data);
        var block = batch.Blocks.First(b => b.Transactions.Count > 0);

        // Flipping the lowest bit of the first transaction's value changes one byte of the posting.
        var tx = block.Transactions[0];
        var changed = batch with
        {
            Blocks = [.. batch.Blocks.Select(b => b != block ? b : b with { Transactions = [tx with { Value = tx.Value ^ 1 }, .. b.Transactions.Skip(1)] })],
        };
        var data = ChannelFrames.EncodeTransactionData([frame with { Data = BatchCodec.Encode(changed) }]);
        Assert.Equal(1, data.Zip(target.Data.ToArray()).Count(p => p.First != p.Second));
        var tampered = result with { L1Data = result.L1Data.Rewrite(t => t == target ? t with { Data = data } : t) };

        var report = Verifier.Verify(scenario, tampered);

        var a = report.Rollups[0];
        Assert.False(report.AllMatch);
        Assert.Equal(block.Number, a.FirstMismatch!.Number);
        Assert.Equal((long)block.Number - 1, a.BlocksMatched);
        Assert.NotEqual(a.FirstMismatch.Expected, a.FirstMismatch.Derived);
        Assert.Contains($"state roots differ at block {block.Number}", a.Describe(), StringComparison.Ordinal);
        Assert.True(report.Rollups[1].Matches);
    }

    [Fact]
    public void A_flipped_byte_in_a_compressed_posting_is_reported_at_the_first_block_it_changes()
    {
        var scenario = TestScenarios.TwoRollups(durationSeconds: 150, rate: 30);
        var result = Simulator.Run(scenario, new SimulationOptions { RetainL1Data = true });
        var target = result.L1Data!.Transactions.First(t => t.Rollup == 0);
        var data = target.Data.ToArray();
        data[data.Length / 2] ^= 0x40;
        var tampered = result with { L1Data = result.L1Data.Rewrite(t => t == target ? t with { Data = data } : t) };

        var report = Verifier.Verify(scenario, tampered);

        // Worked out independently: the first block whose decoded contents the flip changed
        // (Brotli may decode the damaged stream into a different but well-formed batch).
        var original = Decode(target.Data.Span)!;
        var expected = Decode(data) is { } changed
            ? original.Blocks.Zip(changed.Blocks).First(p => !p.First.Equals(p.Second)).First.Number
            : original.Blocks[0].Number;
        var a = report.Rollups[0];
        Assert.False(a.Matches);
        Assert.Equal(expected, a.FirstMismatch?.Number ?? a.FirstMissing);
        Assert.Equal((long)expected - 1, a.BlocksMatched);
        Assert.True(report.Rollups[1].Matches);
    }

    [Fact]
    public void Corrupt_frame_data_is_a_recorded_error_not_an_exception()
    {
        var scenario = TestScenarios.TwoRollups(durationSeconds: 90, rate: 30);
        var result = Simulator.Run(scenario, new SimulationOptions { RetainL1Data = true });
        var target = result.L1Data!.Transactions.First(t => t.Rollup == 0);
        var data = target.Data.ToArray();
        data[0] = 0x07;
        var tampered = result with { L1Data = result.L1Data.Rewrite(t => t == target ? t with { Data = data } : t) };

        var a = Verifier.Verify(scenario, tampered).Rollups[0];

        var error = Assert.Single(a.Errors);
        Assert.Equal(target.L1Block, error.L1Block);
        Assert.Contains("corrupt frame data", error.Reason, StringComparison.Ordinal);
        Assert.Equal(0, a.BlocksDerived);
    }

    [Fact]
    public void A_dropped_batch_is_reported_missing_at_its_first_block()
    {
        var scenario = Uncompressed(TestScenarios.TwoRollups(durationSeconds: 200, rate: 30));
        var result = Simulator.Run(scenario, new SimulationOptions { RetainL1Data = true });
        var postings = result.L1Data!.Transactions.Where(t => t.Rollup == 0).ToList();
        Assert.True(postings.Count >= 3);
        var dropped = postings[1];
        var first = BatchCodec.Decode(Assert.Single(ChannelFrames.DecodeTransactionData(dropped.Data.Span)).Data).Blocks[0].Number;
        var withheld = result with { L1Data = result.L1Data.Rewrite(t => t == dropped ? null : t) };

        var report = Verifier.Verify(scenario, withheld);

        var a = report.Rollups[0];
        Assert.False(a.Matches);
        Assert.Null(a.FirstMismatch);
        Assert.Equal(first, a.FirstMissing);
        Assert.False(a.NotYetOnL1);
        Assert.Equal((long)first - 1, a.BlocksDerived);
        Assert.Contains(a.Errors, e => e.Reason.Contains($"block {first} never did", StringComparison.Ordinal));
        Assert.Contains($"block {first} did not derive from L1 data", a.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_landing_outside_the_sequencing_window_is_dropped_and_reported()
    {
        // A one-block window: a batch must land in its blocks' own L1 origin, which a batch
        // posted after its blocks were sealed never does.
        var tight = DerivationModel.Standard with { SequencingWindow = 1 };
        var scenario = TestScenarios.TwoRollups(durationSeconds: 90, rate: 30);
        scenario = scenario with { Rollups = [scenario.Rollups[0] with { Derivation = tight }, scenario.Rollups[1]] };

        var report = Verifier.Run(scenario);

        var a = report.Rollups[0];
        Assert.False(a.Matches);
        Assert.Equal(0, a.BlocksDerived);
        Assert.Equal(1UL, a.FirstMissing);
        Assert.False(a.NotYetOnL1);
        var error = Assert.Single(a.Errors);
        Assert.Contains("outside the sequencing window", error.Reason, StringComparison.Ordinal);
        Assert.True(report.Rollups[1].Matches);
    }

    [Theory]
    [InlineData(50UL, true)]
    [InlineData(2UL, false)]
    public void A_channel_whose_frames_land_further_apart_than_the_channel_timeout_is_dropped(ulong channelTimeout, bool derives)
    {
        // Split the first batch's channel over two postings a minute (five L1 blocks) apart.
        var rules = DerivationModel.Standard with { ChannelTimeout = channelTimeout };
        var scenario = TestScenarios.TwoRollups(durationSeconds: 200, rate: 30);
        scenario = scenario with { Rollups = [scenario.Rollups[0] with { Derivation = rules }, scenario.Rollups[1]] };
        var result = Simulator.Run(scenario, new SimulationOptions { RetainL1Data = true });
        var postings = result.L1Data!.Transactions.Where(t => t.Rollup == 0).ToList();
        var (first, second) = (postings[0], postings[1]);
        Assert.True(second.L1Block - first.L1Block > 2, "the two postings must be more than the short timeout apart");
        var frame = Assert.Single(ChannelFrames.DecodeTransactionData(first.Data.Span));
        var halves = ChannelFrames.Split(frame.Channel, frame.Data, (frame.Data.Length / 2) + 1);
        Assert.Equal(2, halves.Count);
        var rewritten = result with
        {
            L1Data = result.L1Data.Rewrite(t =>
                t == first ? t with { Data = ChannelFrames.EncodeTransactionData([halves[0]]) }
                : t == second ? t with { Data = ChannelFrames.EncodeTransactionData([halves[1], .. ChannelFrames.DecodeTransactionData(t.Data.Span)]) }
                : t),
        };

        var a = Verifier.Verify(scenario, rewritten).Rollups[0];

        Assert.Equal(derives, a.Matches);
        if (!derives)
        {
            Assert.Equal(1UL, a.FirstMissing);
            Assert.Contains(a.Errors, e => e.Reason.Contains("timed out", StringComparison.Ordinal) && e.Reason.Contains("channel timeout of 2 blocks", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_block_too_far_ahead_of_its_L1_origin_drops_its_batch()
    {
        // 2 s blocks on a 12 s L1: block 1 at 2 s has origin 0 at 0 s, 2 s ahead of it.
        var tight = DerivationModel.Standard with { MaxSequencerDrift = SimDuration.FromSeconds(1) };
        var scenario = TestScenarios.TwoRollups(durationSeconds: 90, rate: 30);
        scenario = scenario with { Rollups = [scenario.Rollups[0] with { Derivation = tight }, scenario.Rollups[1]] };

        var a = Verifier.Run(scenario).Rollups[0];

        Assert.Equal(0, a.BlocksDerived);
        Assert.Contains("past the max sequencer drift of 1 s", Assert.Single(a.Errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Swaps_round_trip_through_the_batch_codec()
    {
        var swap = new BatchTransaction(TransactionKind.Swap, 3, 7, 5 * Eth, 2, 1, 100_000)
        {
            PoolIndex = 1,
            Direction = Amm.SwapDirection.OneForZero,
            MinAmountOut = 12_345,
        };
        var batch = new Batch([new BatchBlock(1, 1_000_000, 0, [swap])]);

        Assert.Equal(batch, BatchCodec.Decode(BatchCodec.Encode(batch)));
    }

    private static Batch? Decode(ReadOnlySpan<byte> posting)
    {
        try
        {
            var frame = Assert.Single(ChannelFrames.DecodeTransactionData(posting));
            return BatchCodec.Decode(Compressors.Brotli.Decompress(frame.Data, Compressors.DefaultMaxDecompressedBytes));
        }
        catch (Exception e) when (e is BatchFormatException or InvalidDataException)
        {
            return null;
        }
    }

    private static ScenarioModel Uncompressed(ScenarioModel scenario) =>
        scenario with
        {
            Rollups = [.. scenario.Rollups.Select(r => r with { Batch = r.Batch with { Compression = CompressionKind.None } })],
        };

    private static ScenarioModel TradingScenario()
    {
        var rollup = new RollupModel("A", SimDuration.FromSeconds(1), 30_000_000, OrderingRule.PriorityFee, Wei.PerGwei, 50, 100 * Eth)
        {
            Amms = [new AmmModel("ETH/USDC", "eth", "usdc", 1_000 * Eth, 3_000_000 * Usdc, 3_000)],
            TokenBalances = [new TokenBalanceModel("usdc", 300_000 * Usdc)],
        };
        var users = new UserStreamModel(
            20,
            ["A"],
            new DistributionModel(DistributionKind.Exponential, 2e9, 0),
            new DistributionModel(DistributionKind.Constant, 1e15, 0));
        var trading = new TradingModel(
            0.5,
            new DistributionModel(DistributionKind.Exponential, 5e17, 0),
            new PriceProcessModel("usdc", 3_000 * Usdc, 3.0, 0),
            3,
            SimDuration.Zero);
        return new ScenarioModel(
            "trading",
            5,
            SimDuration.FromSeconds(150),
            new L1Model("ethereum", SimDuration.FromSeconds(12)),
            [rollup],
            new WorkloadModel(ImmutableArray.Create(users)) { Trading = trading })
        {
            Tokens = [new TokenModel("usdc", 6)],
        };
    }
}
