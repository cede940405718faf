using System.Numerics;
using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Markets;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

/// <summary>
/// Pool-against-pool arbitrage across rollups: the closed-form trade between two constant-product
/// pools with fees, checked by hand and against every input on small pools, and the searchers of
/// a run closing a gap atomically (both legs or neither) or independently (legs can be beaten apart).
/// </summary>
public class CrossPoolArbitrageTests
{
    private static readonly UInt128 Eth = Wei.PerEther;
    private static readonly UInt128 Usdc = 1_000_000;

    [Fact]
    public void A_gap_inside_both_fees_is_not_traded()
    {
        // 3_000 against 3_010 usdc: a 0.33 % gap, less than the two 0.3 % fees together.
        var a = new ConstantProductPool(100 * Eth, 300_000 * Usdc, SwapFee.UniswapV2);
        var b = new ConstantProductPool(100 * Eth, 301_000 * Usdc, SwapFee.UniswapV2);

        Assert.False(CrossPoolArbitrage.Find(a, b).Exists);
        Assert.False(CrossPoolArbitrage.Find(b, a).Exists);
        Assert.Null(CrossPoolArbitrage.OptimalInput(a, b));
    }

    [Fact]
    public void A_gap_wider_than_both_fees_is_closed_by_one_trade()
    {
        // 3_000 against 3_300 usdc. By hand with real numbers: K = γ²·x₁·y₂, M = x₂·y₁,
        // N = γ(x₂ + γ·x₁) with γ = 0.997, x = 100 eth, y₁ = 300_000, y₂ = 330_000:
        // K = 0.994009 · 100 · 330_000 = 32_802_297, M = 30_000_000, √(K·M) ≈ 31_369_872.5,
        // Δy* = (√(K·M) − M) / N ≈ 1_369_872.5 / (0.997 · 199.7) = 1_369_872.5 / 199.1009 ≈ 6_880.3 usdc.
        var a = new ConstantProductPool(100 * Eth, 300_000 * Usdc, SwapFee.UniswapV2);
        var b = new ConstantProductPool(100 * Eth, 330_000 * Usdc, SwapFee.UniswapV2);

        var trade = CrossPoolArbitrage.Find(a, b);

        Assert.True(trade.BuyOnFirst);
        Assert.InRange(trade.QuoteIn, 6_880 * Usdc, 6_881 * Usdc);
        Assert.Equal(a.QuoteExactIn(SwapDirection.OneForZero, trade.QuoteIn), trade.BaseBought);
        Assert.Equal(b.QuoteExactIn(SwapDirection.ZeroForOne, trade.BaseBought), trade.QuoteOut);
        Assert.True(trade.GrossProfit > 0);

        // Run it: afterwards the two prices sit inside the fee band, and no trade is left.
        Assert.True(a.SwapExactIn(SwapDirection.OneForZero, trade.QuoteIn, trade.BaseBought).Executed);
        Assert.True(b.SwapExactIn(SwapDirection.ZeroForOne, trade.BaseBought, trade.QuoteOut).Executed);
        Assert.False(CrossPoolArbitrage.Find(a, b).Exists);

        // The reversed pair trades the other way round, the same amounts.
        var reversed = CrossPoolArbitrage.Find(
            new ConstantProductPool(100 * Eth, 330_000 * Usdc, SwapFee.UniswapV2),
            new ConstantProductPool(100 * Eth, 300_000 * Usdc, SwapFee.UniswapV2));
        Assert.False(reversed.BuyOnFirst);
        Assert.Equal(trade.QuoteIn, reversed.QuoteIn);
    }

    [Fact]
    public void The_closed_form_is_within_a_few_units_of_the_best_input_on_small_pools()
    {
        var cases = new (ulong X1, ulong Y1, uint F1, ulong X2, ulong Y2, uint F2)[]
        {
            (1_000, 3_000, 30, 1_000, 3_600, 30),
            (2_000, 5_000, 5, 900, 3_100, 100),
            (5_000, 9_000, 0, 4_000, 9_500, 0),
            (700, 2_000, 30, 1_500, 5_000, 30),
        };
        foreach (var (x1, y1, f1, x2, y2, f2) in cases)
        {
            var cheap = new ConstantProductPool(x1, y1, SwapFee.FromBasisPoints(f1));
            var dear = new ConstantProductPool(x2, y2, SwapFee.FromBasisPoints(f2));
            var best = BigInteger.Zero;
            for (UInt128 input = 1; input <= y1; input++)
            {
                var bought = cheap.QuoteExactIn(SwapDirection.OneForZero, input);
                var paid = bought == 0 ? UInt128.Zero : dear.QuoteExactIn(SwapDirection.ZeroForOne, bought);
                best = BigInteger.Max(best, (BigInteger)paid - (BigInteger)input);
            }

            var trade = CrossPoolArbitrage.Find(cheap, dear);
            Assert.True(trade.Exists);
            Assert.True(trade.BuyOnFirst);
            // Two pools' roundings (each output rounded down) compound: measured at most 3 units short.
            Assert.InRange(best - (BigInteger)trade.GrossProfit, BigInteger.Zero, new BigInteger(3));
        }
    }

    private static string Scenario(string mode, int searchers, string coordinator = "builder b1 for A, B { simulate = cross_chain }", string users = "poisson(0.01 / s) on A") => $$"""
        scenario "cross" {
          seed 3
          duration 20 s
          token usdc { decimals = 6 }
          l1 ethereum { slot_time = 12 s }
          rollup A {
            block_time = 2 s
            ordering = fcfs
            accounts 10 funded 10 eth, 30_000 usdc
            amm "ETH/USDC" { reserves = (100 eth, 300_000 usdc)  fee = 0.3 % }
            batch { every = 12 s  to = ethereum.blobs  compression = none }
          }
          rollup B {
            block_time = 2 s
            ordering = fcfs
            accounts 10 funded 10 eth, 30_000 usdc
            amm "ETH/USDC" { reserves = (100 eth, 330_000 usdc)  fee = 0.3 % }
            batch { every = 12 s  to = ethereum.blobs  compression = none }
          }
          {{coordinator}}
          workload {
            users = {{users}}
            cross_arbitrage { path = [A, B]  searchers = {{searchers}}  mode = {{mode}} }
          }
        }
        """;

    [Fact]
    public void A_two_pool_gap_wider_than_both_fees_is_closed_by_one_cross_rollup_arbitrage()
    {
        var result = Simulator.Run(TestScenarios.Bind(Scenario("atomic", 1)));

        var path = Assert.Single(result.CrossArbitrage);
        Assert.Equal(1, path.Opportunities);
        Assert.Equal(1, path.Sent);
        Assert.Equal(1, path.Completed);
        Assert.Equal(0, path.OneLegged);
        Assert.True(path.Profit > 0);
        Assert.Equal((UInt128)path.Profit, path.Mev);
        var a = result.Rollups[0].Trading!.Pools[0];
        var b = result.Rollups[1].Trading!.Pools[0];
        Assert.True(a.PriceInQuoteUnits < b.PriceInQuoteUnits);
        Assert.True((BigInteger)b.PriceInQuoteUnits * 9_970 * 9_970 <= (BigInteger)a.PriceInQuoteUnits * 10_000 * 10_000 + 10_000UL * 10_000 * 2);
    }

    [Fact]
    public void A_simulating_builder_drops_the_losing_searchers_bundles_whole()
    {
        var result = Simulator.Run(TestScenarios.Bind(Scenario("atomic", 3)));

        var path = Assert.Single(result.CrossArbitrage);
        Assert.Equal(3, path.Sent);
        Assert.Equal(1, path.Completed);
        Assert.Equal(2, path.Dropped);
        Assert.Equal(2, path.NoLeg);
        Assert.Equal(0, path.OneLegged);
        Assert.Equal(0, path.Inventory);
    }

    [Fact]
    public void An_ordering_only_shared_sequencer_includes_the_losing_bundle_whose_legs_revert_apart()
    {
        var sequencer = "shared_sequencer s1 for A, B { executes = false }";
        var result = Simulator.Run(TestScenarios.Bind(Scenario("atomic", 2, sequencer)));

        // Both searchers' bundles land in the slot after the gap opened: the first closes most
        // of it; the second's buy misses its limit and reverts, while its sale at the
        // break-even limit still clears on B, so it is left short of ether (one leg only).
        var path = Assert.Single(result.CrossArbitrage);
        Assert.Equal(0, path.Dropped);
        Assert.True(path.Completed >= 1);
        Assert.True(path.OneLegged >= 1);
        Assert.True(path.FailedSlippage >= 1);
        Assert.True(path.Inventory < 0);
        Assert.Equal(path.Sent, path.Completed + path.OneLegged + path.NoLeg + path.Pending);
    }

    [Fact]
    public void Independent_trades_end_completed_one_legged_or_with_no_leg_and_only_one_legged_ones_leave_inventory()
    {
        var result = Simulator.Run(TestScenarios.Bind(Scenario("independent", 2, string.Empty)));

        var path = Assert.Single(result.CrossArbitrage);
        Assert.True(path.Sent >= 2);
        Assert.Equal(path.Sent, path.Completed + path.OneLegged + path.NoLeg + path.Pending);
        Assert.Equal(0, path.Dropped);
        Assert.True(path.Completed >= 1);
        Assert.Equal(path.OneLegged > 0, path.Inventory != 0);
    }
}
