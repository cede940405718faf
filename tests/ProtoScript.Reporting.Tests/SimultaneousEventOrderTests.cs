using System.Text.Json;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language;
using ProtoScript.Language.Model;

namespace ProtoScript.Reporting.Tests;

/// <summary>
/// Issue 12, failure 4: with no sync delay and 250 ms blocks the arbitrageurs' look (50 ms
/// before the seal) falls on a CEX tick. It must see that tick's price, and the block must be
/// valued at the same price, so a trade at pool fee 0 cannot lose; and MEV is reported net of
/// losses beside the gains.
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

    private static SimulationResult Run(string blockTime)
    {
        var compiled = ScenarioCompiler.Compile("order.proto-script", Source(blockTime));
        Assert.NotNull(compiled.Model);
        return Simulator.Run(compiled.Model);
    }

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

    [Fact]
    public void Without_losses_mev_net_equals_the_gains_in_metrics_text_and_json()
    {
        var result = Run("250 ms");
        var trading = result.Rollups[0].Trading!;
        Assert.True(trading.Mev.Total > UInt128.Zero);

        var net = ExpectationChecker.Read(new MetricPath("A", "mev.net", MetricUnit.Quote), result);
        Assert.Equal(ExpectationChecker.Read(new MetricPath("A", "mev.total", MetricUnit.Quote), result), net);

        var total = TokenFormat.Token(trading.Mev.Total, 6, "usdc");
        Assert.Matches($@"\n      total +{total}\n      net of losses +{total}\n", TextReportWriter.Write(result));
        using var document = JsonDocument.Parse(JsonReportWriter.Write(result));
        var mev = document.RootElement.GetProperty("rollups")[0].GetProperty("trading").GetProperty("mev");
        Assert.Equal(mev.GetProperty("totalQuoteUnits").GetString(), mev.GetProperty("netQuoteUnits").GetString());
    }

    [Fact]
    public void Mev_net_subtracts_losses_and_goes_negative_when_losses_exceed_the_gains()
    {
        var result = Run("250 ms");
        var rollup = result.Rollups[0];
        var trading = rollup.Trading!;
        var losing = result with
        {
            Rollups = [rollup with { Trading = trading with { ArbitragesUnprofitable = 1, ArbitrageLosses = trading.Mev.Total + 1_500_000 } }],
        };

        Assert.Equal(-1.5m, ExpectationChecker.Read(new MetricPath("A", "mev.net", MetricUnit.Quote), losing));
        Assert.Matches(@"\n      net of losses +-1\.500000 usdc\n", TextReportWriter.Write(losing));
        using var document = JsonDocument.Parse(JsonReportWriter.Write(losing));
        Assert.Equal("-1500000", document.RootElement.GetProperty("rollups")[0].GetProperty("trading").GetProperty("mev").GetProperty("netQuoteUnits").GetString());
    }
}
