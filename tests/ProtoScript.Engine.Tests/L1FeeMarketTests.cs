using ProtoScript.Engine.L1;
using ProtoScript.Engine.Randomness;

namespace ProtoScript.Engine.Tests;

public class L1FeeMarketTests
{
    private const ulong Gwei = 1_000_000_000;

    [Fact]
    public void Full_blocks_compound_the_base_fee_by_an_eighth_each()
    {
        var market = new L1FeeMarket(Forks.Cancun, Gwei);
        var fees = new List<UInt128>();
        for (var i = 0; i < 6; i++)
        {
            fees.Add(market.Seal(30_000_000, 0).BaseFeePerGas);
        }

        // Hand-computed with the EIP's floor divisions, block by block.
        Assert.Equal([1_000_000_000, 1_125_000_000, 1_265_625_000, 1_423_828_125, 1_601_806_640, 1_802_032_470], fees);
        Assert.Equal(6UL, market.BlockNumber);
    }

    [Fact]
    public void Blocks_at_max_blobs_raise_the_blob_base_fee_by_the_excess_rule()
    {
        var market = new L1FeeMarket(Forks.Cancun, Gwei);
        for (var i = 0; i < 10; i++)
        {
            market.Seal(15_000_000, 6);
        }

        Assert.Equal(10 * 3 * 131_072UL, market.ExcessBlobGas);
        Assert.Equal((UInt128)3, market.BlobBaseFee);
        Assert.Equal((UInt128)Gwei, market.BaseFeePerGas);
    }

    [Fact]
    public void Sealed_block_reports_the_fees_it_was_priced_at_and_its_usage()
    {
        var market = new L1FeeMarket(Forks.Prague, Gwei, initialExcessBlobGas: 5_007_716, firstBlockNumber: 100);

        var block = market.Seal(36_000_000, 9);

        Assert.Equal(new L1BlockFees(100, "prague", Gwei, 5_007_716, 2, 36_000_000, 9), block);
        Assert.Equal(101UL, market.BlockNumber);
        Assert.Equal(5_007_716UL + (3 * 131_072), market.ExcessBlobGas);
    }

    [Fact]
    public void Same_usage_gives_the_same_fee_series()
    {
        Assert.Equal(Series(seed: 7), Series(seed: 7));
        Assert.NotEqual(Series(seed: 7), Series(seed: 8));

        static List<L1BlockFees> Series(ulong seed)
        {
            var random = new RandomStream(seed);
            var market = new L1FeeMarket(Forks.Osaka, Gwei);
            var series = new List<L1BlockFees>();
            for (var i = 0; i < 200; i++)
            {
                series.Add(market.Seal(random.NextUInt64(60_000_001), random.NextUInt64(10)));
            }

            return series;
        }
    }

    [Fact]
    public void Usage_above_the_limits_is_rejected_with_the_limit()
    {
        var market = new L1FeeMarket(Forks.Cancun, Gwei);

        var gas = Assert.Throws<ArgumentOutOfRangeException>(() => market.Seal(30_000_001, 0));
        var blobs = Assert.Throws<ArgumentOutOfRangeException>(() => market.Seal(0, 7));

        Assert.Contains("at most 30000000 gas under 'cancun'", gas.Message, StringComparison.Ordinal);
        Assert.Contains("at most 6 blobs under 'cancun'", blobs.Message, StringComparison.Ordinal);
        Assert.Equal(0UL, market.BlockNumber);
    }

    [Fact]
    public void Activating_a_fork_keeps_the_excess_and_reprices_it_with_the_new_fraction()
    {
        var market = new L1FeeMarket(Forks.Cancun, Gwei, initialExcessBlobGas: 10_000_000);
        Assert.Equal((UInt128)19, market.BlobBaseFee);

        market.Activate(Forks.Prague);

        Assert.Equal(10_000_000UL, market.ExcessBlobGas);
        Assert.Equal(Eip4844.FakeExponential(1, 10_000_000, 5_007_716), market.BlobBaseFee);
        Assert.Equal("prague", market.Seal(0, 9).Fork);
    }

    [Fact]
    public void Inconsistent_spec_is_rejected_with_its_problems()
    {
        var error = Assert.Throws<ArgumentException>(() => new L1FeeMarket(Forks.Cancun with { TargetBlobsPerBlock = 9 }, Gwei));

        Assert.Contains("fork 'cancun' has inconsistent parameters: blob target 9 is above the blob max 6", error.Message, StringComparison.Ordinal);
    }
}
