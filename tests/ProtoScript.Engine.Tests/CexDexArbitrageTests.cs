using System.Numerics;
using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Markets;
using ProtoScript.Engine.Randomness;

namespace ProtoScript.Engine.Tests;

public class CexDexArbitrageTests
{
    private static readonly UInt128 Ether = 1_000_000_000_000_000_000UL;
    private static readonly UInt128 Usdc = 1_000_000UL;
    private static readonly SwapFee NoFee = SwapFee.FromBasisPoints(0);

    private static FixedPrice Whole(ulong price) => new(price * FixedPrice.Scale);

    [Fact]
    public void Buying_a_cheap_base_token_without_fee_takes_the_pool_to_the_cex_price()
    {
        // x = y = 1000, P = 4: Δy* = √(4·1000·1000) − 1000 = 1000 buys 500 base, sold for 2000.
        var result = CexDexArbitrage.Find(1000, 1000, NoFee, Whole(4), gasCost: 0);

        Assert.Equal(ArbitrageVerdict.Trade, result.Verdict);
        Assert.Equal(ArbitrageDirection.BuyOnPool, result.Direction);
        Assert.Equal(SwapDirection.OneForZero, result.SwapDirection);
        Assert.Equal((UInt128)1000, result.AmountIn);
        Assert.Equal((UInt128)500, result.AmountOut);
        Assert.Equal((UInt128)2000, result.CexQuoteAmount);
        Assert.Equal((UInt128)1000, result.GrossProfit);
        Assert.Equal((UInt128)1000, result.NetProfit);
        Assert.Equal(-7500, result.GapBeforeBasisPoints);
        Assert.Equal(0, result.GapAfterBasisPoints);
    }

    [Fact]
    public void Selling_a_dear_base_token_without_fee_takes_the_pool_to_the_cex_price()
    {
        // x = 1000, y = 4000, P = 1: Δx* = √(1000·4000) − 1000 = 1000 sells for 2000 quote, bought for 1000.
        var result = CexDexArbitrage.Find(1000, 4000, NoFee, Whole(1), gasCost: 100);

        Assert.Equal(ArbitrageDirection.SellOnPool, result.Direction);
        Assert.Equal(SwapDirection.ZeroForOne, result.SwapDirection);
        Assert.Equal((UInt128)1000, result.AmountIn);
        Assert.Equal((UInt128)2000, result.AmountOut);
        Assert.Equal((UInt128)1000, result.CexQuoteAmount);
        Assert.Equal((UInt128)1000, result.GrossProfit);
        Assert.Equal((UInt128)900, result.NetProfit);
        Assert.Equal(30_000, result.GapBeforeBasisPoints);
        Assert.Equal(0, result.GapAfterBasisPoints);
    }

    // Expected values: the same closed form evaluated independently with Python's exact
    // integers (math.isqrt) and Uniswap V2's 997/1000 getAmountOut.
    [Fact]
    public void Eth_usdc_pool_one_percent_below_the_cex_is_arbitraged_to_the_fee_band()
    {
        var cex = FixedPrice.FromWholeUnits(3030, baseDecimals: 18, quoteDecimals: 6);
        var result = CexDexArbitrage.Find(1000 * Ether, 3_000_000 * Usdc, SwapFee.UniswapV2, cex, gasCost: 5 * Usdc);

        Assert.Equal(ArbitrageDirection.BuyOnPool, result.Direction);
        Assert.Equal((UInt128)10_468_250_126, result.AmountIn);
        Assert.Equal(UInt128.Parse("3466887336186506461"), result.AmountOut);
        Assert.Equal((UInt128)10_504_668_628, result.CexQuoteAmount);
        Assert.Equal((UInt128)36_418_502, result.GrossProfit);
        Assert.Equal((UInt128)31_418_502, result.NetProfit);
        Assert.Equal((UInt128)31_404_750, result.PoolFee);
        Assert.Equal(-99, result.GapBeforeBasisPoints); // −99.0099 truncated toward zero
        Assert.Equal(-29, result.GapAfterBasisPoints); // the pool stops at P·γ: −29.9 bp
    }

    [Fact]
    public void Eth_usdc_pool_one_percent_above_the_cex_is_arbitraged_to_the_fee_band()
    {
        var cex = FixedPrice.FromWholeUnits(2970, baseDecimals: 18, quoteDecimals: 6);
        var result = CexDexArbitrage.Find(1000 * Ether, 3_000_000 * Usdc, SwapFee.UniswapV2, cex, gasCost: 5 * Usdc);

        Assert.Equal(ArbitrageDirection.SellOnPool, result.Direction);
        Assert.Equal(UInt128.Parse("3539745405810513524"), result.AmountIn);
        Assert.Equal((UInt128)10_550_145_713, result.AmountOut);
        Assert.Equal((UInt128)10_513_043_856, result.CexQuoteAmount);
        Assert.Equal((UInt128)37_101_857, result.GrossProfit);
        Assert.Equal(29, result.GapAfterBasisPoints);
    }

    [Fact]
    public void A_pool_within_the_fee_band_is_left_alone()
    {
        // Equal reserves, fee 0.3 %: any CEX price in (0.997, 1/0.997) leaves no profit.
        foreach (var scaled in new UInt128[] { 997_100_000_000_000_000, FixedPrice.Scale, 1_003_000_000_000_000_000 })
        {
            var result = CexDexArbitrage.Find(1_000_000, 1_000_000, SwapFee.UniswapV2, new FixedPrice(scaled), gasCost: 0);
            Assert.Equal(ArbitrageVerdict.PriceWithinFeeBand, result.Verdict);
            Assert.Equal(ArbitrageDirection.None, result.Direction);
            Assert.False(result.ShouldTrade);
            Assert.Equal(UInt128.Zero, result.NetProfit);
            Assert.Equal(result.GapBeforeBasisPoints, result.GapAfterBasisPoints);
        }
    }

    [Fact]
    public void A_profit_that_does_not_cover_gas_is_not_traded()
    {
        var result = CexDexArbitrage.Find(1000, 1000, NoFee, Whole(4), gasCost: 1000);

        Assert.Equal(ArbitrageVerdict.ProfitBelowGasCost, result.Verdict);
        Assert.False(result.ShouldTrade);
        Assert.Equal((UInt128)1000, result.GrossProfit);
        Assert.Equal(UInt128.Zero, result.NetProfit);
        Assert.Equal(result.GapBeforeBasisPoints, result.GapAfterBasisPoints);
        Assert.True(CexDexArbitrage.Find(1000, 1000, NoFee, Whole(4), gasCost: 999).ShouldTrade);
    }

    [Fact]
    public void Executing_the_opportunity_on_the_pool_gives_the_promised_output_and_gap()
    {
        var pool = new ConstantProductPool(1000 * Ether, 3_000_000 * Usdc, SwapFee.UniswapV2);
        var cex = FixedPrice.FromWholeUnits(3100, baseDecimals: 18, quoteDecimals: 6);
        var opportunity = CexDexArbitrage.Find(pool, cex, gasCost: 0);

        var swap = pool.SwapExactIn(opportunity.SwapDirection, opportunity.AmountIn, minAmountOut: opportunity.AmountOut);

        Assert.True(swap.Executed);
        Assert.Equal(opportunity.AmountOut, swap.AmountOut);
        Assert.Equal(opportunity.GapAfterBasisPoints, PriceGap.BasisPoints(pool.Reserve0, pool.Reserve1, cex));
        Assert.Equal(ArbitrageVerdict.PriceWithinFeeBand, CexDexArbitrage.Find(pool, cex, gasCost: 0).Verdict);
    }

    [Fact]
    public void The_closed_form_matches_a_brute_force_search_on_small_pools()
    {
        var random = new RandomStream(53);
        var cases = 0;
        foreach (var feeBps in new uint[] { 0, 30, 100 })
        {
            var fee = SwapFee.FromBasisPoints(feeBps);
            for (var i = 0; i < 12; i++)
            {
                UInt128 x = 2_000 + random.NextUInt64(20_000);
                UInt128 y = 2_000 + random.NextUInt64(20_000);

                // A CEX price 0.5×..2× the pool's, between 0.25 and 4 quote units per base unit.
                var poolPrice = (double)y / (double)x;
                var cex = new FixedPrice((UInt128)(poolPrice * Math.Pow(2, (random.NextDouble() * 2) - 1) * 1e18));

                var found = CexDexArbitrage.Find(x, y, fee, cex, gasCost: 0);
                var (bestProfit, bestDirection) = BruteForce(x, y, fee, cex);
                if (bestProfit <= 0)
                {
                    Assert.Equal(ArbitrageVerdict.PriceWithinFeeBand, found.Verdict);
                    continue;
                }

                cases++;
                Assert.Equal(bestDirection, found.Direction);
                Assert.Equal(
                    CexDexArbitrage.Profit(found.Direction, found.AmountIn, x, y, fee, cex),
                    (BigInteger)found.GrossProfit);

                // The closed form is the real optimum; rounding to whole units can cost at
                // most a few quote units of profit against the best integer trade.
                var shortfall = bestProfit - (BigInteger)found.GrossProfit;
                Assert.True(shortfall >= 0 && shortfall <= Tolerance(cex), $"x={x} y={y} fee={feeBps} P={cex}: closed form {found.GrossProfit} at {found.AmountIn}, best {bestProfit}");
            }
        }

        Assert.True(cases >= 20, $"only {cases} profitable cases");
    }

    private static BigInteger Tolerance(FixedPrice cex) =>
        // One base unit's worth (the output is floored) plus two quote units (CEX rounding).
        ((BigInteger)cex.Scaled / (BigInteger)FixedPrice.Scale) + 3;

    private static (BigInteger Profit, ArbitrageDirection Direction) BruteForce(UInt128 x, UInt128 y, SwapFee fee, FixedPrice cex)
    {
        BigInteger best = 0;
        var direction = ArbitrageDirection.None;
        foreach (var candidate in new[] { ArbitrageDirection.BuyOnPool, ArbitrageDirection.SellOnPool })
        {
            var reserveIn = candidate == ArbitrageDirection.BuyOnPool ? y : x;
            // Beyond 3× the input reserve the pool's marginal price is far past any CEX price here.
            for (UInt128 amountIn = 1; amountIn <= 3 * reserveIn; amountIn++)
            {
                var profit = CexDexArbitrage.Profit(candidate, amountIn, x, y, fee, cex);
                if (profit > best)
                {
                    best = profit;
                    direction = candidate;
                }
            }
        }

        return (best, direction);
    }
}
