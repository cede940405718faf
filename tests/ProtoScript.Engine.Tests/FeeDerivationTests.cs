using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Fees;
using ProtoScript.Engine.L1;
using ProtoScript.Engine.Simulation;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;
using DaTarget = ProtoScript.Engine.DataAvailability.DaTarget;

namespace ProtoScript.Engine.Tests;

/// <summary>A rollup with a <c>fees</c> block derives from L1 data: each block's batch carries the L1 attributes its settlement read.</summary>
public class FeeDerivationTests
{
    private static readonly FeesModel ThirtySeventy = new(true, Role.Burned, [new FeeShareModel(Role.Sequencer, 300_000), new FeeShareModel(Role.Treasury, 700_000)]);

    [Fact]
    public void A_batch_with_l1_attributes_is_version_2_with_the_attributes_after_the_block_header()
    {
        var block = new BatchBlock(1, 2_000_000, 0, []) { Attributes = new L1Attributes(1, 0, 0, 0, 300) };

        var bytes = BatchCodec.Encode(new Batch([block]));

        // version, 1 block, number 1, timestamp 2_000_000, origin 0, attributes (1, 0, 0, 0, 300), no transactions.
        Assert.Equal(new byte[] { 0x02, 0x01, 0x01, 0x80, 0x89, 0x7a, 0x00, 0x01, 0x00, 0x00, 0x00, 0xac, 0x02, 0x00 }, bytes);
        var decoded = BatchCodec.Decode(bytes);
        Assert.Equal(new L1Attributes(1, 0, 0, 0, 300), decoded.Blocks[0].Attributes);
        Assert.Equal(bytes, BatchCodec.Encode(decoded));
    }

    [Fact]
    public void A_batch_without_attributes_stays_version_1_and_one_that_mixes_them_is_refused()
    {
        var plain = new BatchBlock(1, 2_000_000, 0, []);
        var carrying = new BatchBlock(2, 4_000_000, 0, []) { Attributes = new L1Attributes(1_000_000_000, 10, 20, 7, 0) };

        Assert.Equal(BatchCodec.Version, BatchCodec.Encode(new Batch([plain]))[0]);
        Assert.Null(BatchCodec.Decode(BatchCodec.Encode(new Batch([plain]))).Blocks[0].Attributes);
        Assert.Throws<ArgumentException>(() => BatchCodec.Encode(new Batch([plain, carrying])));
        Assert.Throws<ArgumentException>(() => BatchCodec.Encode(new Batch([carrying with { Number = 1 }, plain with { Number = 2 }])));

        // Version 2 bytes cut inside the attributes are malformed, not a crash.
        var bytes = BatchCodec.Encode(new Batch([carrying]));
        Assert.False(BatchCodec.TryDecode(bytes.AsSpan(0, 8), out _, out _));
    }

    [Fact]
    public void The_l1_data_fee_is_priced_from_the_blocks_attributes()
    {
        var attributes = new L1Attributes(2, 50, 100, 0, 0);
        var cancun = Forks.Get("cancun");

        // Blobs: 21 bytes × (50 / 100) × 2 wei × 131_072 / 126_976 = 21.67… → 21 wei.
        Assert.Equal((UInt128)21, L1DataPricing.Fee(21, attributes, L1DataPriceRule.For(cancun, DaTarget.Blobs)));

        // Calldata under Prague's floor (40 gas a byte): 21 × 0.5 × 2 × 40 = 840 wei.
        Assert.Equal((UInt128)840, L1DataPricing.Fee(21, attributes, L1DataPriceRule.For(Forks.Get("prague"), DaTarget.Calldata)));

        // Before the first batch the ratio counts as 1: 21 × 2 × 16 = 672 wei under Cancun.
        Assert.Equal((UInt128)672, L1DataPricing.Fee(21, attributes with { CompressedBytes = 0, EncodedBytes = 0 }, L1DataPriceRule.For(cancun, DaTarget.Calldata)));
    }

    [Fact]
    public void A_rollup_that_charges_l1_data_fees_and_pays_posting_and_proving_back_derives_to_the_sequencers_roots()
    {
        var scenario = FeeScenario(CompressionKind.Brotli);

        var report = Verifier.Run(scenario);

        var a = Assert.Single(report.Rollups);
        Assert.True(a.Matches, a.Describe());
        Assert.Empty(a.Errors);
        Assert.True(a.BlocksDerived >= 60);
        Assert.Equal(a.BlocksDerived, a.BlocksMatched);

        // The settlement really did use L1 data: fees charged, posting and proving paid back.
        var fees = report.Result.Rollups[0].FeeDistribution!;
        Assert.True(fees.L1DataFees > 0);
        Assert.True(fees.ReceivedBy("data_availability") > 0);
        Assert.True(fees.ReceivedBy("prover") > 0);
        Assert.True(fees.ProofCost > 0);
    }

    [Fact]
    public void A_tampered_posting_cost_is_a_root_mismatch_at_exactly_its_block()
    {
        var scenario = FeeScenario(CompressionKind.None);
        var result = Simulator.Run(scenario, new SimulationOptions { RetainL1Data = true });
        var (target, frame, batch) = FirstPosting(result);
        var block = batch.Blocks.First(b => b.Transactions.Count > 0);
        var attributes = block.Attributes!.Value;

        // One more wei owed to data availability is paid back from this block's fees.
        var tampered = Replace(result, target, frame, batch, block, block with { Attributes = attributes with { DaCost = attributes.DaCost + 1 } });
        var a = Verifier.Verify(scenario, tampered).Rollups[0];

        Assert.False(a.Matches);
        Assert.Equal(block.Number, a.FirstMismatch!.Number);
        Assert.Equal((long)block.Number - 1, a.BlocksMatched);
        Assert.Contains($"state roots differ at block {block.Number}", a.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_tampered_l1_fee_basis_is_checked_against_the_l1_origin_and_its_block_does_not_derive()
    {
        var scenario = FeeScenario(CompressionKind.None);
        var result = Simulator.Run(scenario, new SimulationOptions { RetainL1Data = true });
        var (target, frame, batch) = FirstPosting(result);
        var block = batch.Blocks[2];
        var attributes = block.Attributes!.Value;

        // The sequencer saw the fee the block after its L1 origin charges.
        var log = result.L1Data!;
        Assert.Equal(log.Blocks[(int)block.L1Origin].Fees.BlobBaseFee, attributes.L1FeeBasis);

        var tampered = Replace(result, target, frame, batch, block, block with { Attributes = attributes with { L1FeeBasis = attributes.L1FeeBasis * 2 } });
        var a = Verifier.Verify(scenario, tampered).Rollups[0];

        Assert.False(a.Matches);
        Assert.Equal(block.Number, a.FirstMissing);
        Assert.Equal((long)block.Number - 1, a.BlocksMatched);
        var error = a.Errors[0];
        Assert.Equal(target.L1Block, error.L1Block);
        Assert.Contains($"block {block.Number} carries an L1 fee basis of {attributes.L1FeeBasis * 2} wei but its L1 origin {block.L1Origin} gives {attributes.L1FeeBasis} wei", error.Reason, StringComparison.Ordinal);
        Assert.Contains($"block {block.Number} did not derive", a.Describe(), StringComparison.Ordinal);
    }

    private static ScenarioModel FeeScenario(CompressionKind compression)
    {
        var rollup = TestScenarios.Rollup("A") with { Fees = ThirtySeventy };
        rollup = rollup with { Batch = rollup.Batch with { Compression = compression } };
        return TestScenarios.Single(rollup, TestScenarios.Users(30, "A"), 150, seed: 3) with
        {
            Provers = [new ProversModel(["A"], 2, new ProverSelectionModel(ProverSelectionKind.RoundRobin), new DistributionModel(DistributionKind.Constant, 1e6, 0), ProvingScope.Block) { Cost = 1_000 * Wei.PerGwei }],
        };
    }

    private static (L1DataTransaction Target, Frame Frame, Batch Batch) FirstPosting(Results.SimulationResult result)
    {
        var target = result.L1Data!.Transactions.First(t => t.Rollup == 0);
        var frame = Assert.Single(ChannelFrames.DecodeTransactionData(target.Data.Span));
        return (target, frame, BatchCodec.Decode(frame.Data));
    }

    private static Results.SimulationResult Replace(Results.SimulationResult result, L1DataTransaction target, Frame frame, Batch batch, BatchBlock block, BatchBlock replacement)
    {
        var changed = batch with { Blocks = [.. batch.Blocks.Select(b => b == block ? replacement : b)] };
        var data = ChannelFrames.EncodeTransactionData([frame with { Data = BatchCodec.Encode(changed) }]);
        return result with { L1Data = result.L1Data!.Rewrite(t => t == target ? t with { Data = data } : t) };
    }

    private const string AuctionWithFees = """
        scenario "auction fees" {
          seed 1
          duration 3 min
          token usdc {
            decimals = 6
          }
          rollup A {
            block_time = 2 s
            ordering = auction
            accounts 100 funded 10 eth, 30_000 usdc
            amm "ETH/USDC" {
              reserves = (1_000 eth, 3_000_000 usdc)
              fee = 0.3 %
            }
            batch { every = 30 s }
            fees { }
          }
          workload {
            users = poisson(2 / s) on A
            value = constant(0.01 eth)
            swaps = 30 %
            swap_size = exponential(0.5 eth)
            cex_price = gbm(start = 3000 usdc, volatility = 60 % per year)
            arbitrageurs = 3
          }
        }
        """;

    [Fact]
    public void An_auction_rollup_with_a_fees_block_derives_because_the_winners_payment_is_not_split_as_a_priority_fee()
    {
        // The payment is a transfer to the sequencer's account; derivation replays it as one. Split as
        // a priority fee by the sequencer but not by the replica, it made the roots differ at block 18.
        var report = Verifier.Run(TestScenarios.Bind(AuctionWithFees));

        var a = Assert.Single(report.Rollups);
        Assert.True(a.Matches, a.Describe());
        Assert.True(a.BlocksDerived >= 60);
        Assert.True(report.Result.Rollups[0].Auction!.Revenue > 0);
    }
}
