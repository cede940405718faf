using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.L1;

namespace ProtoScript.Engine.Tests;

public class DaCostTests
{
    private const ulong Gwei = 1_000_000_000;

    [Theory]
    [InlineData(0UL, 0UL)]
    [InlineData(1UL, 1UL)]
    [InlineData(126_976UL, 1UL)]
    [InlineData(126_977UL, 2UL)]
    [InlineData(2 * 126_976UL, 2UL)]
    [InlineData(131_072UL, 2UL)]
    public void Blob_count_uses_31_usable_bytes_per_field_element(ulong bytes, ulong blobs)
    {
        Assert.Equal(blobs, DaCost.BlobsNeeded(Forks.Cancun, bytes));
    }

    [Fact]
    public void Blob_posting_pays_blob_gas_at_the_blob_fee_and_21000_at_the_base_fee()
    {
        var cost = DaCost.ForBlobs(Forks.Cancun, 126_977, baseFeePerGas: 10 * Gwei, blobBaseFee: 3, priorityFeePerGas: 2 * Gwei);

        Assert.Equal(new DaPostingCost(DaTarget.Blobs, 126_977, 1, 2, 262_144, 21_000, 786_432, 21_000 * 12 * (UInt128)Gwei), cost);
        Assert.Equal(786_432 + (21_000 * 12 * (UInt128)Gwei), cost.Total);
    }

    [Fact]
    public void Blob_posting_needs_a_transaction_per_six_blobs_from_Osaka()
    {
        var sevenBlobs = 7 * 126_976UL;

        Assert.Equal(1UL, DaCost.ForBlobs(Forks.Prague, sevenBlobs, Gwei, 1).Transactions);
        Assert.Equal(2UL, DaCost.ForBlobs(Forks.Osaka, sevenBlobs, Gwei, 1).Transactions);
        Assert.Equal(42_000UL, DaCost.ForBlobs(Forks.Osaka, sevenBlobs, Gwei, 1).ExecutionGas);
    }

    [Fact]
    public void Nothing_to_post_costs_nothing()
    {
        Assert.Equal(UInt128.Zero, DaCost.ForBlobs(Forks.Osaka, 0, Gwei, 1).Total);
        Assert.Equal(UInt128.Zero, DaCost.ForCalldata(Forks.Osaka, [], Gwei).Total);
    }

    [Fact]
    public void Calldata_posting_pays_the_floor_on_compressed_bytes_from_Prague()
    {
        var data = Enumerable.Repeat((byte)0x5A, 1000).ToArray();

        var cancun = DaCost.ForCalldata(Forks.Cancun, data, Gwei);
        var prague = DaCost.ForCalldata(Forks.Prague, data, Gwei);

        Assert.Equal(21_000UL + 16_000, cancun.ExecutionGas);
        Assert.Equal(21_000UL + 40_000, prague.ExecutionGas);
        Assert.Equal(61_000 * (UInt128)Gwei, prague.Total);
        Assert.Equal(1UL, prague.Transactions);
    }

    [Fact]
    public void Calldata_beyond_the_transaction_gas_cap_is_split()
    {
        var data = Enumerable.Repeat((byte)0x01, 418_906).ToArray();

        var cost = DaCost.ForCalldata(Forks.Osaka, data, 1);

        Assert.Equal(2UL, cost.Transactions);
        Assert.Equal(16_777_200UL + 21_040UL, cost.ExecutionGas);
    }

    [Fact]
    public void Cheapest_picks_blobs_when_blob_gas_is_cheap_and_calldata_when_it_is_not()
    {
        var data = Enumerable.Repeat((byte)0x5A, 1000).ToArray();

        Assert.Equal(DaTarget.Blobs, DaCost.Cheapest(Forks.Prague, data, Gwei, blobBaseFee: 1).Target);
        Assert.Equal(DaTarget.Calldata, DaCost.Cheapest(Forks.Prague, data, Gwei, blobBaseFee: Gwei).Target);
    }
}
