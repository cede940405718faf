using System.Numerics;
using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Randomness;

namespace ProtoScript.Engine.Tests;

public class ConstantProductPoolTests
{
    private static readonly UInt128 Ether = 1_000_000_000_000_000_000UL;
    private static readonly UInt128 Usdc = 1_000_000UL;

    // Expected values below come from Uniswap V2's 997/1000 formulas evaluated with exact integers.
    [Fact]
    public void GetAmountOut_matches_uniswap_v2_on_hand_computed_cases()
    {
        Assert.Equal((UInt128)90, ConstantProductMath.GetAmountOut(100, 1000, 1000, SwapFee.UniswapV2));
        Assert.Equal(
            (UInt128)2_988_020_943,
            ConstantProductMath.GetAmountOut(Ether, 1000 * Ether, 3_000_000 * Usdc, SwapFee.UniswapV2));
        Assert.Equal(
            UInt128.Parse("996006981039903216"),
            ConstantProductMath.GetAmountOut(3000 * Usdc, 3_000_000 * Usdc, 1000 * Ether, SwapFee.UniswapV2));
    }

    [Fact]
    public void GetAmountIn_matches_uniswap_v2_on_hand_computed_cases()
    {
        Assert.Equal((UInt128)100, ConstantProductMath.GetAmountIn(90, 1000, 1000, SwapFee.UniswapV2));
        Assert.Equal(
            UInt128.Parse("1004013040121365097"),
            ConstantProductMath.GetAmountIn(3000 * Usdc, 1000 * Ether, 3_000_000 * Usdc, SwapFee.UniswapV2));
    }

    [Fact]
    public void Formulas_agree_with_uniswap_v2_near_the_uint112_limit()
    {
        var max = ConstantProductMath.MaxReserve;
        var twoPow100 = UInt128.One << 100;
        Assert.Equal(
            UInt128.Parse("1263848574097887070143094548221"),
            ConstantProductMath.GetAmountOut(twoPow100, max - twoPow100, max, SwapFee.UniswapV2));
        Assert.Equal(
            UInt128.Parse("1241665330424629712149353024"),
            ConstantProductMath.GetAmountIn(UInt128.One << 90, max, max, SwapFee.UniswapV2));
    }

    [Fact]
    public void Basis_point_formulas_equal_the_997_over_1000_formulas_on_random_inputs()
    {
        var random = new RandomStream(31);
        for (var i = 0; i < 5_000; i++)
        {
            var reserveIn = RandomAmount(random);
            var reserveOut = RandomAmount(random) + 2;
            var amountIn = RandomAmount(random);
            BigInteger withFee = (BigInteger)amountIn * 997;
            var expectedOut = withFee * reserveOut / (((BigInteger)reserveIn * 1000) + withFee);
            if (amountIn <= ConstantProductMath.MaxReserve)
            {
                Assert.Equal(expectedOut, (BigInteger)ConstantProductMath.GetAmountOut(amountIn, reserveIn, reserveOut, SwapFee.UniswapV2));
            }

            var amountOut = (UInt128)(random.NextUInt64() % (ulong)Math.Min((ulong)(reserveOut - 1), ulong.MaxValue)) + 1;
            var expectedIn = ((BigInteger)reserveIn * amountOut * 1000 / (((BigInteger)reserveOut - amountOut) * 997)) + 1;
            var fits = ConstantProductMath.TryGetAmountIn(amountOut, reserveIn, reserveOut, SwapFee.UniswapV2, out var actualIn);
            Assert.Equal(expectedIn <= (BigInteger)ConstantProductMath.MaxReserve, fits);
            if (fits)
            {
                Assert.Equal(expectedIn, (BigInteger)actualIn);
            }
        }
    }

    [Fact]
    public void A_swap_adds_the_whole_input_to_the_pool_and_accrues_the_fee()
    {
        var pool = new ConstantProductPool(1000, 1000, SwapFee.UniswapV2);
        var result = pool.SwapExactIn(SwapDirection.ZeroForOne, 100, minAmountOut: 90);

        Assert.Equal(new SwapResult(SwapOutcome.Executed, SwapDirection.ZeroForOne, 100, 90, 0), result);
        Assert.Equal((UInt128)1100, pool.Reserve0);
        Assert.Equal((UInt128)910, pool.Reserve1);
        Assert.Equal((UInt128)0, pool.FeesAccrued0); // ⌊100 · 30 / 10^4⌋ = 0
        Assert.Equal(1, pool.SwapCount);

        var big = pool.SwapExactIn(SwapDirection.OneForZero, 10_000, minAmountOut: 0);
        Assert.True(big.Executed);
        Assert.Equal((UInt128)30, big.Fee);
        Assert.Equal((UInt128)30, pool.FeesAccrued1);
        Assert.Equal((UInt128)10_910, pool.Reserve1);
    }

    [Fact]
    public void A_swap_below_the_minimum_output_is_rejected_and_changes_nothing()
    {
        var pool = new ConstantProductPool(1000, 1000, SwapFee.UniswapV2);
        var result = pool.SwapExactIn(SwapDirection.ZeroForOne, 100, minAmountOut: 91);

        Assert.Equal(SwapOutcome.SlippageExceeded, result.Outcome);
        Assert.False(result.Executed);
        Assert.Equal((UInt128)90, result.AmountOut);
        Assert.Equal("slippage_exceeded", SwapOutcomes.Name(result.Outcome));
        Assert.Equal((UInt128)1000, pool.Reserve0);
        Assert.Equal((UInt128)1000, pool.Reserve1);
        Assert.Equal(0, pool.SwapCount);
    }

    [Fact]
    public void Degenerate_swaps_are_rejected_with_their_reason()
    {
        var pool = new ConstantProductPool(1000, 1000, SwapFee.UniswapV2);
        Assert.Equal(SwapOutcome.InsufficientInputAmount, pool.SwapExactIn(SwapDirection.ZeroForOne, 0, 0).Outcome);
        Assert.Equal(SwapOutcome.InsufficientOutputAmount, pool.SwapExactIn(SwapDirection.ZeroForOne, 1, 0).Outcome);
        Assert.Equal(SwapOutcome.InsufficientLiquidity, pool.SwapExactOut(SwapDirection.ZeroForOne, 1000, UInt128.MaxValue).Outcome);
        Assert.Equal(SwapOutcome.InsufficientOutputAmount, pool.SwapExactOut(SwapDirection.ZeroForOne, 0, UInt128.MaxValue).Outcome);
        Assert.Equal((UInt128)1000, pool.Reserve0);
        Assert.Equal((UInt128)1000, pool.Reserve1);
    }

    [Fact]
    public void Exact_output_swaps_pay_uniswap_v2s_input_and_respect_the_maximum()
    {
        var pool = new ConstantProductPool(1000, 1000, SwapFee.UniswapV2);
        Assert.Equal(SwapOutcome.SlippageExceeded, pool.SwapExactOut(SwapDirection.OneForZero, 90, maxAmountIn: 99).Outcome);
        var result = pool.SwapExactOut(SwapDirection.OneForZero, 90, maxAmountIn: 100);

        Assert.True(result.Executed);
        Assert.Equal((UInt128)100, result.AmountIn);
        Assert.Equal((UInt128)910, pool.Reserve0);
        Assert.Equal((UInt128)1100, pool.Reserve1);
    }

    [Fact]
    public void Reserves_above_uint112_are_rejected_with_a_clear_error()
    {
        var limit = ConstantProductMath.MaxReserve;
        var ctor = Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantProductPool(limit + 1, 1, SwapFee.UniswapV2));
        Assert.Contains("2^112", ctor.Message, StringComparison.Ordinal);
        var math = Assert.Throws<ArgumentOutOfRangeException>(() => ConstantProductMath.GetAmountOut(1, limit + 1, 1000, SwapFee.UniswapV2));
        Assert.Contains("2^112", math.Message, StringComparison.Ordinal);

        var pool = new ConstantProductPool(limit - 10, limit, SwapFee.UniswapV2);
        Assert.Equal(SwapOutcome.ReserveOverflow, pool.SwapExactIn(SwapDirection.ZeroForOne, 11, 0).Outcome);
        Assert.True(pool.SwapExactIn(SwapDirection.ZeroForOne, 10, 0).Executed);
        Assert.Equal(limit, pool.Reserve0);
        Assert.Equal(SwapOutcome.ReserveOverflow, pool.SwapExactOut(SwapDirection.ZeroForOne, 1000, UInt128.MaxValue).Outcome);
    }

    [Fact]
    public void Invalid_math_inputs_throw_argument_errors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ConstantProductMath.GetAmountOut(0, 1000, 1000, SwapFee.UniswapV2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConstantProductMath.GetAmountOut(1, 0, 1000, SwapFee.UniswapV2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConstantProductMath.GetAmountIn(1000, 1000, 1000, SwapFee.UniswapV2));
        Assert.Throws<ArgumentOutOfRangeException>(() => SwapFee.FromBasisPoints(10_000));
        Assert.Equal(9970u, SwapFee.UniswapV2.InputMultiplier);
        Assert.Equal("30 bp", SwapFee.FromBasisPoints(30).ToString());
    }

    [Fact]
    public void K_never_decreases_over_random_swaps()
    {
        var random = new RandomStream(37);
        foreach (var feeBps in new uint[] { 0, 5, 30, 100 })
        {
            var fee = SwapFee.FromBasisPoints(feeBps);
            var pool = new ConstantProductPool(1_000 * Ether, 3_000_000 * Usdc, fee);
            for (var i = 0; i < 5_000; i++)
            {
                var (r0, r1) = (pool.Reserve0, pool.Reserve1);
                var direction = random.NextInt(2) == 0 ? SwapDirection.ZeroForOne : SwapDirection.OneForZero;
                var (reserveIn, reserveOut) = pool.ReservesFor(direction);

                // Sizes from one unit to twice the reserve, log-uniform, so tiny swaps that round to nothing occur too.
                var size = (UInt128)Math.Pow(2, random.NextDouble() * Math.Log2((double)(2 * reserveIn))) + 1;
                var result = random.NextInt(2) == 0
                    ? pool.SwapExactIn(direction, size, 0)
                    : pool.SwapExactOut(direction, size % reserveOut, UInt128.MaxValue);

                Assert.True(FullMath.CompareProducts(pool.Reserve0, pool.Reserve1, r0, r1) >= 0, $"k fell at swap {i} ({result})");
                if (result.Executed)
                {
                    // Uniswap V2's own check: the fee-adjusted balances still cover k.
                    var adjustedIn = ((BigInteger)(reserveIn + result.AmountIn) * SwapFee.Denominator) - ((BigInteger)result.AmountIn * feeBps);
                    var adjustedOut = (BigInteger)(reserveOut - result.AmountOut) * SwapFee.Denominator;
                    Assert.True(adjustedIn * adjustedOut >= (BigInteger)reserveIn * reserveOut * SwapFee.Denominator * SwapFee.Denominator);
                }
                else
                {
                    Assert.Equal((r0, r1), (pool.Reserve0, pool.Reserve1));
                }
            }

            Assert.True(pool.SwapCount > 1_000, $"only {pool.SwapCount} swaps executed");
        }
    }

    [Fact]
    public void GetAmountIn_always_buys_at_least_the_requested_output()
    {
        var random = new RandomStream(41);
        for (var i = 0; i < 5_000; i++)
        {
            var reserveIn = RandomAmount(random) >> 8;
            var reserveOut = (RandomAmount(random) >> 8) + 2;
            var amountOut = (UInt128)(random.NextUInt64() % (ulong)Math.Min((ulong)(reserveOut - 1), ulong.MaxValue)) + 1;
            if (ConstantProductMath.TryGetAmountIn(amountOut, reserveIn, reserveOut, SwapFee.UniswapV2, out var amountIn))
            {
                Assert.True(ConstantProductMath.GetAmountOut(amountIn, reserveIn, reserveOut, SwapFee.UniswapV2) >= amountOut);
            }
        }
    }

    [Fact]
    public void QuoteExactIn_and_Clone_leave_the_original_pool_alone()
    {
        var pool = new ConstantProductPool(1000, 1000, SwapFee.UniswapV2);
        Assert.Equal((UInt128)90, pool.QuoteExactIn(SwapDirection.ZeroForOne, 100));
        var copy = pool.Clone();
        copy.SwapExactIn(SwapDirection.ZeroForOne, 100, 0);
        Assert.Equal((UInt128)1000, pool.Reserve0);
        Assert.Equal((UInt128)1100, copy.Reserve0);
    }

    private static UInt128 RandomAmount(RandomStream random)
    {
        // 1 .. 2^112 − 1 with a random bit width.
        var value = new UInt128(random.NextUInt64() >> 16, random.NextUInt64()) >> random.NextInt(112);
        return value == 0 ? 1 : value;
    }
}
