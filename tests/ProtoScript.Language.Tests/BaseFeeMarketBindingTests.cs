using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

/// <summary>
/// <c>fees { base_fee_market = eip1559 { ... } | speed_limit { ... } }</c>, the workload's
/// <c>max_fee</c> and <c>surge</c>: defaults are the OP Stack's and Arbitrum One's, and bad input
/// is a located diagnostic.
/// </summary>
public class BaseFeeMarketBindingTests
{
    private static string WithRollupLine(string line) =>
        TestSources.Valid.Replace("accounts 100 funded 1 eth", "accounts 100 funded 1 eth\n    " + line, StringComparison.Ordinal);

    private static string WithWorkloadLine(string line) =>
        TestSources.Valid.Replace("priority_fee = exponential(1 gwei)", "priority_fee = exponential(1 gwei)\n    " + line, StringComparison.Ordinal);

    [Fact]
    public void Without_a_base_fee_market_the_base_fee_is_fixed()
    {
        Assert.Null(TestSources.Compile(WithRollupLine("fees { }")).Model!.Rollups[0].Fees!.BaseFeeMarket);
    }

    [Fact]
    public void An_empty_eip1559_block_takes_the_OP_Stack_parameters()
    {
        var market = TestSources.Compile(WithRollupLine("fees { base_fee_market = eip1559 { } }")).Model!.Rollups[0].Fees!.BaseFeeMarket!;
        Assert.Equal(BaseFeeMarketKind.Eip1559, market.Kind);
        Assert.Equal(6UL, market.Elasticity);
        Assert.Equal(250UL, market.Denominator);
        Assert.Equal(UInt128.Zero, market.Min);
    }

    [Fact]
    public void Eip1559_settings_override_the_defaults()
    {
        var market = TestSources.Compile(WithRollupLine("fees { base_fee_market = eip1559 { elasticity = 2  denominator = 8  min = 0.5 gwei } }")).Model!.Rollups[0].Fees!.BaseFeeMarket!;
        Assert.Equal(2UL, market.Elasticity);
        Assert.Equal(8UL, market.Denominator);
        Assert.Equal((UInt128)500_000_000, market.Min);
    }

    [Fact]
    public void An_empty_speed_limit_block_takes_Arbitrum_Ones_parameters()
    {
        var market = TestSources.Compile(WithRollupLine("fees { base_fee_market = speed_limit { } }")).Model!.Rollups[0].Fees!.BaseFeeMarket!;
        Assert.Equal(BaseFeeMarketKind.SpeedLimit, market.Kind);
        Assert.Equal(7_000_000UL, market.SpeedLimitPerSecond);
        Assert.Equal(SimDuration.FromSeconds(10), market.Tolerance);
        Assert.Equal(102UL, market.Inertia);
        Assert.Equal((UInt128)10_000_000, market.Min);
    }

    [Theory]
    [InlineData("limit = 1_500_000 gas / s", 1_500_000UL)]
    [InlineData("limit = 1_500_000 / s", 1_500_000UL)]
    [InlineData("limit = 60 gas / min", 1UL)]
    public void A_speed_limit_is_gas_per_time_with_or_without_the_gas_unit(string line, ulong perSecond)
    {
        var market = TestSources.Compile(WithRollupLine($"fees {{ base_fee_market = speed_limit {{ {line}  tolerance = 2 s  inertia = 10  min = 1 gwei }} }}")).Model!.Rollups[0].Fees!.BaseFeeMarket!;
        Assert.Equal(perSecond, market.SpeedLimitPerSecond);
        Assert.Equal(SimDuration.FromSeconds(2), market.Tolerance);
        Assert.Equal(10UL, market.Inertia);
        Assert.Equal(Wei.PerGwei, market.Min);
    }

    [Theory]
    [InlineData("fees { base_fee_market = lagrange { } }", "PS3005", "`base_fee_market` must be `eip1559 { ... }` or `speed_limit { ... }`")]
    [InlineData("fees { base_fee_market = eip1559 { elasticity = 0 } }", "PS3006", "`elasticity` must be a whole number between 1 and 1_000")]
    [InlineData("fees { base_fee_market = eip1559 { target = 5 } }", "PS3001", "unknown name `target` in the EIP-1559 base fee of rollup `A`")]
    [InlineData("fees { base_fee_market = speed_limit { limit = 7 gwei } }", "PS3003", "expected gas per time, found an ether amount")]
    [InlineData("fees { base_fee_market = speed_limit { limit = 1 gas / min } }", "PS3006", "`limit` must be a whole number of gas per second between 1 and 1_000_000_000_000")]
    [InlineData("fees { base_fee_market = speed_limit { min = 0 wei } }", "PS3006", "this amount must be between 0.000000000000000001 ETH and 1 ETH")]
    public void Bad_base_fee_market_settings_are_located_errors(string line, string code, string message)
    {
        var error = TestSources.Single(WithRollupLine(line));
        Assert.Equal(code, error.Code);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(10, error.Position.Line);
    }

    [Fact]
    public void A_max_fee_is_a_distribution_of_an_amount_per_gas()
    {
        var stream = TestSources.Compile(WithWorkloadLine("max_fee = uniform(1 gwei, 3 gwei)")).Model!.Workload.Streams[0];
        Assert.Equal(new DistributionModel(DistributionKind.Uniform, 1e9, 3e9), stream.MaxFee);
        Assert.Null(TestSources.Compile(TestSources.Valid).Model!.Workload.Streams[0].MaxFee);
    }

    [Fact]
    public void A_surge_is_an_arrival_rate_during_a_window_of_the_run()
    {
        var surge = TestSources.Compile(WithWorkloadLine("surge = poisson(50 / s) at 10 s for 20 s")).Model!.Workload.Streams[0].Surge!;
        Assert.Equal(50, surge.RatePerSecond);
        Assert.Equal(new TimeWindow(SimDuration.FromSeconds(10), SimDuration.FromSeconds(20)), surge.Window);
    }

    [Theory]
    [InlineData("surge = poisson(50 / s)", "PS3005", "`surge` is written `surge = poisson(RATE) at START for LENGTH`")]
    [InlineData("surge = poisson(50 / s) at 50 s for 20 s", "PS3006", "the surge ends at 70 s, after the run ends at 1 min")]
    [InlineData("surge = poisson(50 / s) at 10 s for 0 s", "PS3006", "a `surge` window must last longer than 0 s")]
    public void A_surge_outside_the_run_or_without_a_window_is_a_located_error(string line, string code, string message)
    {
        var error = TestSources.Single(WithWorkloadLine(line));
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
        Assert.Equal(14, error.Position.Line);
    }

    [Fact]
    public void Users_with_a_max_fee_on_a_rollup_with_PBS_builders_are_refused()
    {
        var text = WithWorkloadLine("max_fee = uniform(1 gwei, 3 gwei)").Replace("workload {", "builder b1 for A { }\n  workload {", StringComparison.Ordinal);
        var error = TestSources.Single(text);
        Assert.Equal("PS3005", error.Code);
        Assert.Contains("its users' `max_fee` is checked by the sequencer's mempool", error.Message, StringComparison.Ordinal);
    }
}
