using ProtoScript.Engine.Simulation;
using ProtoScript.Language;

namespace ProtoScript.Reporting.Tests;

/// <summary>
/// Issue 12, failure 4: with no sync delay and 250 ms blocks the arbitrageurs' look (50 ms
/// before the seal) falls on a CEX tick. It must see that tick's price, and the block must be
/// valued at the same price, so a trade at pool fee 0 cannot lose.
/// </summary>
public class SimultaneousEventOrderTests
{
    private static string Source(string blockTime) => $$"""
        scenario "no sync delay" {
          seed 11
          duration 3 min
          token usdc { decimals = 6 }
          l1 ethereum { slot_time = 12 s }
          rollup A {
            block_time = {{blockTime}}
            gas_limit = 30_000_000
            ordering = priority_fee
            accounts 200 funded 10 eth, 30_000 usdc
            amm "ETH/USDC" {
              reserves = (1_000 eth, 3_000_000 usdc)
              fee = 0 %
            }
          }
          workload {
            users = poisson(2 / s) on A
            priority_fee = exponential(0.01 gwei)
            value = constant(0.01 eth)
            swaps = 30 %
            swap_size = exponential(0.5 eth)
            cex_price = gbm(start = 3000 usdc, volatility = 60 % per year)
            arbitrageurs = 3
            sync_delay = 0 ms
          }
          expect {
            report.A.arbitrages.unprofitable == 0
            report.A.arbitrages.losses == 0
          }
        }
        """;

    [Theory]
    [InlineData("250 ms")]
    [InlineData("300 ms")]
    [InlineData("1 s")]
    public void Without_sync_delay_at_pool_fee_0_no_arbitrage_loses_money(string blockTime)
    {
        var compiled = ScenarioCompiler.Compile("order.proto-script", Source(blockTime));
        var result = Simulator.Run(compiled.Model!);
        var trading = result.Rollups[0].Trading!;

        Assert.True(trading.ArbitragesIncluded > 100, $"{trading.ArbitragesIncluded} arbitrages");
        Assert.Equal(0, trading.ArbitragesUnprofitable);
        Assert.Equal(UInt128.Zero, trading.ArbitrageLosses);
        Assert.All(ExpectationChecker.Check(compiled.Model!, result), o => Assert.True(o.Passed, o.Expectation.Text + ": " + o.Actual));
    }
}
