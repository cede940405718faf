using ProtoScript.Engine.L1;

namespace ProtoScript.Engine.Tests;

public class FeeRuleTests
{
    private const ulong Gwei = 1_000_000_000;

    [Fact]
    public void Base_fee_rises_by_an_eighth_after_a_full_block()
    {
        Assert.Equal((UInt128)1_125_000_000, Eip1559.NextBaseFee(Gwei, 30_000_000, 15_000_000, 8));
    }

    [Fact]
    public void Base_fee_is_unchanged_after_a_block_at_target()
    {
        Assert.Equal((UInt128)Gwei, Eip1559.NextBaseFee(Gwei, 15_000_000, 15_000_000, 8));
    }

    [Fact]
    public void Base_fee_falls_by_an_eighth_after_an_empty_block()
    {
        Assert.Equal((UInt128)875_000_000, Eip1559.NextBaseFee(Gwei, 0, 15_000_000, 8));
    }

    [Fact]
    public void Base_fee_rises_by_at_least_one_wei_above_target()
    {
        // 7 * 1 / 15M / 8 truncates to 0; the EIP's max(..., 1) still moves it.
        Assert.Equal((UInt128)8, Eip1559.NextBaseFee(7, 15_000_001, 15_000_000, 8));
    }

    [Fact]
    public void Base_fee_truncates_each_division_in_the_EIPs_order()
    {
        // 1000 * 5M // 15M = 333; 333 // 8 = 41.
        Assert.Equal((UInt128)1041, Eip1559.NextBaseFee(1000, 20_000_000, 15_000_000, 8));
        // Below target the decrease may truncate to nothing: 7 * 1 // 15M // 8 = 0.
        Assert.Equal((UInt128)7, Eip1559.NextBaseFee(7, 14_999_999, 15_000_000, 8));
    }

    [Fact]
    public void Base_fee_saturates_instead_of_overflowing()
    {
        Assert.Equal(UInt128.MaxValue, Eip1559.NextBaseFee(UInt128.MaxValue - 1, 30_000_000, 15_000_000, 8));
    }

    [Fact]
    public void Base_fee_uses_the_forks_gas_target()
    {
        // Prague's 36M limit aims at 18M; 27M used is half-way to full, so +1/16.
        Assert.Equal((UInt128)1_062_500_000, Eip1559.NextBaseFee(Forks.Prague, Gwei, 27_000_000));
    }

    // Values of the EIP-4844 helper, checked against an independent transcription of it.
    [Theory]
    [InlineData(1UL, 0UL, 3_338_477UL, 1UL)]
    [InlineData(1UL, 2UL, 1UL, 6UL)]
    [InlineData(1UL, 4UL, 2UL, 6UL)]
    [InlineData(1UL, 3UL, 1UL, 16UL)]
    [InlineData(1UL, 4UL, 1UL, 49UL)]
    [InlineData(10UL, 8UL, 2UL, 542UL)]
    [InlineData(11UL, 8UL, 2UL, 596UL)]
    [InlineData(2UL, 5UL, 2UL, 23UL)]
    [InlineData(1UL, 50_000_000UL, 2_225_652UL, 5_709_098_764UL)]
    [InlineData(1UL, 380_928UL, 3_338_477UL, 1UL)]
    [InlineData(1UL, 3_338_477UL, 3_338_477UL, 2UL)]
    public void Fake_exponential_matches_the_EIP_helper(ulong factor, ulong numerator, ulong denominator, ulong expected)
    {
        Assert.Equal((UInt128)expected, Eip4844.FakeExponential(factor, numerator, denominator));
    }

    [Fact]
    public void Fake_exponential_saturates_for_huge_exponents()
    {
        Assert.Equal(UInt128.MaxValue, Eip4844.FakeExponential(1, 1_000_000_000_000, 3_338_477));
    }

    [Fact]
    public void Excess_blob_gas_grows_by_max_minus_target_at_max_blobs()
    {
        var full = 6 * Forks.Cancun.GasPerBlob;

        Assert.Equal(3 * 131_072UL, Eip4844.NextExcessBlobGas(Forks.Cancun, 0, full, Gwei));
        Assert.Equal(10 * 131_072UL, Eip4844.NextExcessBlobGas(Forks.Cancun, 7 * 131_072UL, full, Gwei));
    }

    [Fact]
    public void Excess_blob_gas_is_unchanged_at_target_and_floors_at_zero()
    {
        Assert.Equal(500_000UL, Eip4844.NextExcessBlobGas(Forks.Cancun, 500_000, 3 * 131_072UL, Gwei));
        Assert.Equal(0UL, Eip4844.NextExcessBlobGas(Forks.Cancun, 100_000, 0, Gwei));
        Assert.Equal(500_000UL - 393_216UL, Eip4844.NextExcessBlobGas(Forks.Cancun, 500_000, 0, Gwei));
    }

    [Fact]
    public void Blob_base_fee_is_one_wei_at_zero_excess_and_follows_the_fraction()
    {
        Assert.Equal(UInt128.One, Eip4844.BlobBaseFee(Forks.Cancun, 0));
        Assert.Equal((UInt128)2, Eip4844.BlobBaseFee(Forks.Cancun, 3_338_477));
        Assert.Equal((UInt128)3, Eip4844.BlobBaseFee(Forks.Cancun, 3_932_160));
    }

    [Fact]
    public void Reserve_price_keeps_excess_from_falling_when_blobs_are_cheaper_than_their_execution_floor()
    {
        // Parent excess 0 prices a blob at 131072 * 1 wei; 8192 * 1 gwei is far above, so EIP-7918 binds.
        var atTarget = 6 * 131_072UL;

        Assert.Equal(0UL, Eip4844.NextExcessBlobGas(Forks.Prague, 0, atTarget, Gwei));
        Assert.Equal(atTarget * 3 / 9, Eip4844.NextExcessBlobGas(Forks.Osaka, 0, atTarget, Gwei));
        Assert.Equal(1_000_000UL - atTarget, Eip4844.NextExcessBlobGas(Forks.Prague, 1_000_000, 0, Gwei));
        Assert.Equal(1_000_000UL, Eip4844.NextExcessBlobGas(Forks.Osaka, 1_000_000, 0, Gwei));
    }

    [Fact]
    public void Reserve_price_binds_only_strictly_above_the_blob_price()
    {
        var atTarget = 6 * 131_072UL;

        // 8192 * 16 = 131072 * 1: equal, so the EIP-4844 rule applies.
        Assert.Equal(0UL, Eip4844.NextExcessBlobGas(Forks.Osaka, 0, atTarget, 16));
        Assert.Equal(262_144UL, Eip4844.NextExcessBlobGas(Forks.Osaka, 0, atTarget, 17));
    }

    [Fact]
    public void Reserve_price_does_not_stop_the_drop_to_zero_below_target()
    {
        Assert.Equal(0UL, Eip4844.NextExcessBlobGas(Forks.Osaka, 100_000, 0, Gwei));
    }

    [Fact]
    public void Excess_for_a_blob_base_fee_is_the_first_that_reaches_it()
    {
        var excess = Eip4844.ExcessBlobGasForBlobBaseFee(Forks.Cancun, Gwei);

        Assert.Equal(69_184_147UL, excess);
        Assert.True(Eip4844.BlobBaseFee(Forks.Cancun, excess) >= Gwei);
        Assert.True(Eip4844.BlobBaseFee(Forks.Cancun, excess - 1) < Gwei);
        Assert.Equal(0UL, Eip4844.ExcessBlobGasForBlobBaseFee(Forks.Cancun, 1));
    }

    [Fact]
    public void Calldata_costs_4_per_zero_and_16_per_nonzero_byte_plus_21000()
    {
        Assert.Equal(21_000UL, CalldataGas.TransactionGas(Forks.Cancun, []));
        Assert.Equal(21_020UL, CalldataGas.TransactionGas(Forks.Cancun, [0, 1]));
        Assert.Equal(21_000UL + (16 * 100), CalldataGas.TransactionGas(Forks.Cancun, Enumerable.Repeat((byte)0xAB, 100).ToArray()));
    }

    [Fact]
    public void Calldata_floor_applies_from_Prague_unless_execution_outweighs_it()
    {
        // 1 zero + 1 non-zero = 5 tokens: standard 20, floor 50.
        Assert.Equal(21_050UL, CalldataGas.TransactionGas(Forks.Prague, [0, 1]));
        Assert.Equal(21_120UL, CalldataGas.TransactionGas(Forks.Prague, [0, 1], executionGas: 100));
        Assert.Equal(5UL, CalldataGas.Tokens(Forks.Prague, [0, 1]));
    }

    [Fact]
    public void Max_calldata_bytes_per_transaction_follow_the_gas_cap_and_the_dearest_byte()
    {
        Assert.Equal((30_000_000UL - 21_000) / 16, CalldataGas.MaxBytesPerTransaction(Forks.Cancun));
        Assert.Equal((36_000_000UL - 21_000) / 40, CalldataGas.MaxBytesPerTransaction(Forks.Prague));
        Assert.Equal(418_905UL, CalldataGas.MaxBytesPerTransaction(Forks.Osaka));
    }
}
