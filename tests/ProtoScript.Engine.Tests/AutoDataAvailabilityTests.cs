using ProtoScript.Engine.Batching;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.L1;

namespace ProtoScript.Engine.Tests;

public class AutoDataAvailabilityTests
{
    private const ulong Gwei = 1_000_000_000;

    // One frame transaction of 1 000 non-zero bytes. Under Prague's EIP-7623 floor it costs
    // 21 000 + 10 × 4 000 tokens = 61 000 gas as calldata; in blobs, one blob (131 072 blob gas)
    // plus 21 000 execution gas.
    private static readonly byte[][] Frames = [Enumerable.Repeat((byte)1, 1_000).ToArray()];

    [Fact]
    public void Calldata_frames_pay_the_EIP_7623_floor_at_the_base_fee()
    {
        Assert.Equal(61_000 * (UInt128)Gwei, AutoDataAvailability.CalldataCost(Forks.Prague, Frames, Gwei));
    }

    [Fact]
    public void Auto_posts_to_calldata_when_the_blob_base_fee_is_high()
    {
        var auto = new AutoDataAvailability();

        // Blobs: 131 072 × 1 gwei + 21 000 × 1 gwei = 152 072 gwei; calldata: 61 000 gwei.
        var target = auto.Choose(Forks.Prague, Frames, Frames, baseFeePerGas: Gwei, blobBaseFee: Gwei);

        Assert.Equal(DaTarget.Calldata, target);
        Assert.Equal((1L, 0L), (auto.CalldataBatches, auto.BlobBatches));
        Assert.Equal(152_072 * (UInt128)Gwei, auto.BlobsOnlyCost);
        Assert.Equal(61_000 * (UInt128)Gwei, auto.CalldataOnlyCost);
        Assert.Equal(auto.CalldataOnlyCost, auto.ChosenCost);
    }

    [Fact]
    public void Auto_posts_to_blobs_when_the_blob_base_fee_is_low()
    {
        var auto = new AutoDataAvailability();

        // Blobs: 131 072 × 1 wei + 21 000 gwei, just over 21 000 gwei; calldata: 61 000 gwei.
        var target = auto.Choose(Forks.Prague, Frames, Frames, baseFeePerGas: Gwei, blobBaseFee: 1);

        Assert.Equal(DaTarget.Blobs, target);
        Assert.Equal((0L, 1L), (auto.CalldataBatches, auto.BlobBatches));
        Assert.Equal(131_072 + (21_000 * (UInt128)Gwei), auto.ChosenCost);
    }

    [Fact]
    public void Auto_switches_between_blobs_and_calldata_across_a_blob_fee_surge_and_sums_both_fixed_choices()
    {
        var auto = new AutoDataAvailability();

        // Calm (1 wei), surge (1 gwei), calm again: blobs, calldata, blobs.
        DaTarget[] chosen =
        [
            auto.Choose(Forks.Prague, Frames, Frames, Gwei, 1),
            auto.Choose(Forks.Prague, Frames, Frames, Gwei, Gwei),
            auto.Choose(Forks.Prague, Frames, Frames, Gwei, 1),
        ];

        Assert.Equal([DaTarget.Blobs, DaTarget.Calldata, DaTarget.Blobs], chosen);
        Assert.Equal((2 * (131_072 + (21_000 * (UInt128)Gwei))) + (152_072 * (UInt128)Gwei), auto.BlobsOnlyCost);
        Assert.Equal(3 * 61_000 * (UInt128)Gwei, auto.CalldataOnlyCost);
        Assert.True(auto.ChosenCost < auto.BlobsOnlyCost && auto.ChosenCost < auto.CalldataOnlyCost);
    }

    [Fact]
    public void A_choice_rule_that_always_returns_calldata_posts_calldata_even_when_blobs_are_cheaper_and_sees_both_estimates()
    {
        var rule = new AlwaysCalldata();
        var auto = new AutoDataAvailability { Rule = rule };

        // Blobs: 131 072 × 1 wei + 21 000 gwei; calldata: 61 000 gwei. The built-in would take blobs.
        var target = auto.Choose(Forks.Prague, Frames, Frames, Gwei, 1, new AutoBatch("A", 1, ProtoScript.Language.Model.SimDuration.FromSeconds(60), 1_000, 40));

        Assert.Equal(DaTarget.Calldata, target);
        Assert.Equal((1L, 0L), (auto.CalldataBatches, auto.BlobBatches));
        Assert.Equal(61_000 * (UInt128)Gwei, auto.ChosenCost);
        var seen = Assert.Single(rule.Seen);
        Assert.Equal(("A", 1L, 60_000_000L, 1_000UL, 40L, 1UL), (seen.Rollup, seen.Batch, seen.TimeMicroseconds, seen.Bytes, seen.Transactions, seen.Blobs));
        Assert.Equal((131_072 + (21_000 * (UInt128)Gwei), 61_000 * (UInt128)Gwei, ProtoScript.Hooks.DaChoice.Blobs), (seen.BlobCost, seen.CalldataCost, seen.Cheaper));
    }

    [Fact]
    public void A_choice_rule_without_the_batch_it_chooses_for_is_refused()
    {
        var auto = new AutoDataAvailability { Rule = new AlwaysCalldata() };

        Assert.Throws<ArgumentException>(() => auto.Choose(Forks.Prague, Frames, Frames, Gwei, 1));
    }

    private sealed class AlwaysCalldata : IDaChoiceRule
    {
        public List<ProtoScript.Hooks.DaChoiceView> Seen { get; } = [];

        public ProtoScript.Hooks.DaChoice Choose(in ProtoScript.Hooks.DaChoiceView batch)
        {
            Seen.Add(batch);
            return ProtoScript.Hooks.DaChoice.Calldata;
        }
    }
}
