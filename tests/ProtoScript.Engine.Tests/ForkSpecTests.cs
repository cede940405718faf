using ProtoScript.Engine.L1;

namespace ProtoScript.Engine.Tests;

public class ForkSpecTests
{
    [Theory]
    [InlineData("cancun", 3UL, 6UL, 3_338_477UL)]
    [InlineData("prague", 6UL, 9UL, 5_007_716UL)]
    [InlineData("osaka", 6UL, 9UL, 5_007_716UL)]
    [InlineData("bpo1", 10UL, 15UL, 8_346_193UL)]
    [InlineData("bpo2", 14UL, 21UL, 11_684_671UL)]
    public void Known_forks_carry_the_blob_schedule_of_their_EIPs(string name, ulong target, ulong max, ulong fraction)
    {
        var spec = Forks.Get(name);

        Assert.Equal(name, spec.Name);
        Assert.Equal(target, spec.TargetBlobsPerBlock);
        Assert.Equal(max, spec.MaxBlobsPerBlock);
        Assert.Equal(fraction, spec.BlobBaseFeeUpdateFraction);
        Assert.Empty(spec.Validate());
    }

    [Fact]
    public void Every_fork_shares_the_EIP_1559_and_EIP_4844_constants()
    {
        foreach (var spec in Forks.All)
        {
            Assert.Equal(2UL, spec.ElasticityMultiplier);
            Assert.Equal(8UL, spec.BaseFeeMaxChangeDenominator);
            Assert.Equal(131_072UL, spec.GasPerBlob);
            Assert.Equal(131_072UL, spec.BlobSizeBytes);
            Assert.Equal(126_976UL, spec.UsableBytesPerBlob);
            Assert.Equal(UInt128.One, spec.MinBaseFeePerBlobGas);
            Assert.Equal(spec.GasLimit / 2, spec.GasTarget);
        }
    }

    [Fact]
    public void Optional_rules_appear_from_the_fork_that_introduced_them()
    {
        Assert.Null(Forks.Cancun.CalldataFloorPerToken);
        Assert.Null(Forks.Cancun.BlobBaseCost);
        Assert.Equal(10UL, Forks.Prague.CalldataFloorPerToken);
        Assert.Null(Forks.Prague.BlobBaseCost);
        Assert.Null(Forks.Prague.MaxTransactionGas);
        foreach (var spec in new[] { Forks.Osaka, Forks.Bpo1, Forks.Bpo2 })
        {
            Assert.Equal(8192UL, spec.BlobBaseCost);
            Assert.Equal(10UL, spec.CalldataFloorPerToken);
            Assert.Equal(16_777_216UL, spec.MaxTransactionGas);
            Assert.Equal(6UL, spec.MaxBlobsPerTransaction);
        }
    }

    [Theory]
    [InlineData("PRAGUE")]
    [InlineData("Prague")]
    [InlineData("prague")]
    public void Lookup_ignores_case(string name)
    {
        Assert.True(Forks.TryGet(name, out var spec));
        Assert.Same(Forks.Prague, spec);
    }

    [Fact]
    public void Unknown_fork_error_names_it_suggests_the_nearest_and_lists_all()
    {
        var error = Assert.Throws<ArgumentException>(() => Forks.Get("pragu"));

        Assert.StartsWith("unknown L1 fork 'pragu' (did you mean 'prague'?); known forks: cancun, prague, osaka, bpo1, bpo2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_fork_far_from_any_name_gets_no_suggestion()
    {
        Assert.Equal("unknown L1 fork 'frontier'; known forks: cancun, prague, osaka, bpo1, bpo2", Forks.UnknownForkMessage("frontier"));
    }

    [Fact]
    public void Overrides_replace_only_the_given_parameters()
    {
        var spec = Forks.Prague.With(new ForkOverrides { TargetBlobsPerBlock = 4, GasLimit = 50_000_000 });

        Assert.Equal(4UL, spec.TargetBlobsPerBlock);
        Assert.Equal(9UL, spec.MaxBlobsPerBlock);
        Assert.Equal(25_000_000UL, spec.GasTarget);
        Assert.Equal(5_007_716UL, spec.BlobBaseFeeUpdateFraction);
        Assert.Equal(6UL, Forks.Prague.TargetBlobsPerBlock);
    }

    [Fact]
    public void Override_of_zero_switches_an_optional_rule_off_and_nonzero_on()
    {
        var noFloor = Forks.Osaka.With(new ForkOverrides { CalldataFloorPerToken = 0, BlobBaseCost = 0 });
        var withReserve = Forks.Cancun.With(new ForkOverrides { BlobBaseCost = 4096 });

        Assert.False(noFloor.HasCalldataFloor);
        Assert.False(noFloor.HasBlobReservePrice);
        Assert.Equal(4096UL, withReserve.BlobBaseCost);
    }

    [Fact]
    public void Every_spec_parameter_can_be_overridden()
    {
        var all = new ForkOverrides
        {
            GasLimit = 1_000_000,
            ElasticityMultiplier = 4,
            BaseFeeMaxChangeDenominator = 16,
            TargetBlobsPerBlock = 1,
            MaxBlobsPerBlock = 2,
            BlobBaseFeeUpdateFraction = 1_000,
            MinBaseFeePerBlobGas = 7,
            MaxBlobsPerTransaction = 1,
            BlobBaseCost = 100,
            CalldataFloorPerToken = 20,
            MaxTransactionGas = 500_000,
            FieldElementsPerBlob = 8,
            BytesPerFieldElement = 16,
            GasPerBlob = 128,
            TransactionBaseGas = 1_000,
            StandardTokenCost = 2,
            TokensPerNonZeroByte = 3,
        };

        var spec = Forks.Cancun.With(all);

        Assert.Equal(
            Forks.Cancun with
            {
                GasLimit = 1_000_000,
                ElasticityMultiplier = 4,
                BaseFeeMaxChangeDenominator = 16,
                TargetBlobsPerBlock = 1,
                MaxBlobsPerBlock = 2,
                BlobBaseFeeUpdateFraction = 1_000,
                MinBaseFeePerBlobGas = 7,
                MaxBlobsPerTransaction = 1,
                BlobBaseCost = 100,
                CalldataFloorPerToken = 20,
                MaxTransactionGas = 500_000,
                FieldElementsPerBlob = 8,
                BytesPerFieldElement = 16,
                GasPerBlob = 128,
                TransactionBaseGas = 1_000,
                StandardTokenCost = 2,
                TokensPerNonZeroByte = 3,
            },
            spec);
        Assert.Equal(8UL * 15, spec.UsableBytesPerBlob);
        Assert.Empty(spec.Validate());
    }

    [Fact]
    public void Validate_explains_a_target_above_the_max()
    {
        var spec = Forks.Cancun with { TargetBlobsPerBlock = 7 };

        var problem = Assert.Single(spec.Validate());
        Assert.Equal("blob target 7 is above the blob max 6; the target must not exceed the max", problem);
    }
}
