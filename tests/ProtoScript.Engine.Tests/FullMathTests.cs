using System.Numerics;
using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Randomness;

namespace ProtoScript.Engine.Tests;

public class FullMathTests
{
    private static UInt128 RandomUInt128(RandomStream random)
    {
        // Random width too, so small, medium and full-size operands all occur.
        var value = new UInt128(random.NextUInt64(), random.NextUInt64());
        return value >> random.NextInt(128);
    }

    [Fact]
    public void MulDiv_agrees_with_big_integer_division_whenever_the_quotient_fits()
    {
        var random = new RandomStream(21);
        var checkedCount = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var a = RandomUInt128(random);
            var b = RandomUInt128(random);
            var d = RandomUInt128(random);
            if (d == 0)
            {
                continue;
            }

            var product = (BigInteger)a * b;
            var floor = BigInteger.DivRem(product, d, out var remainder);
            var ceiling = remainder.IsZero ? floor : floor + 1;
            var fitsFloor = FullMath.TryMulDiv(a, b, d, roundUp: false, out var actualFloor);
            var fitsCeiling = FullMath.TryMulDiv(a, b, d, roundUp: true, out var actualCeiling);

            Assert.Equal(floor <= (BigInteger)UInt128.MaxValue, fitsFloor);
            Assert.Equal(ceiling <= (BigInteger)UInt128.MaxValue, fitsCeiling);
            if (fitsFloor)
            {
                Assert.Equal(floor, (BigInteger)actualFloor);
                checkedCount++;
            }

            if (fitsCeiling)
            {
                Assert.Equal(ceiling, (BigInteger)actualCeiling);
            }
        }

        Assert.True(checkedCount > 5_000, $"only {checkedCount} cases had a quotient that fits");
    }

    [Fact]
    public void MulDiv_by_one_is_exact_128_bit_division_for_every_operand_width()
    {
        var random = new RandomStream(25);
        for (var i = 0; i < 50_000; i++)
        {
            var n = RandomUInt128(random);
            var d = RandomUInt128(random);
            if (d == 0)
            {
                continue;
            }

            var (quotient, remainder) = UInt128.DivRem(n, d);
            Assert.Equal(quotient, FullMath.MulDivFloor(n, 1, d));
            Assert.Equal(remainder == 0 ? quotient : quotient + 1, FullMath.MulDivCeiling(n, 1, d));
        }

        // Normalisation edges: divisors with their top bit set, just above 2^64, and dividends at the maximum.
        foreach (var d in new[] { UInt128.MaxValue, UInt128.One << 127, (UInt128.One << 64) + 1, (UInt128)ulong.MaxValue, (UInt128)1 })
        {
            Assert.Equal(UInt128.MaxValue / d, FullMath.MulDivFloor(UInt128.MaxValue, 1, d));
            Assert.Equal((UInt128.MaxValue - 1) / d, FullMath.MulDivFloor(UInt128.MaxValue - 1, 1, d));
        }
    }

    [Fact]
    public void MulDiv_uses_the_full_256_bit_product()
    {
        // (2^127 · 6) / 3 = 2^128 does not fit; (2^127 · 6) / 4 = 3·2^126 does, though the product needs 130 bits.
        var twoPow127 = UInt128.One << 127;
        Assert.False(FullMath.TryMulDiv(twoPow127, 6, 3, roundUp: false, out _));
        Assert.Equal(3 * (UInt128.One << 126), FullMath.MulDivFloor(twoPow127, 6, 4));
        Assert.Equal(UInt128.MaxValue, FullMath.MulDivFloor(UInt128.MaxValue, UInt128.MaxValue, UInt128.MaxValue));
        Assert.Throws<OverflowException>(() => FullMath.MulDivFloor(UInt128.MaxValue, 2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => FullMath.MulDivFloor(1, 1, 0));
    }

    [Fact]
    public void MulDiv_divides_wide_products_by_short_and_long_divisors_exactly()
    {
        var one = UInt128.One;
        UInt128[] divisors =
        [
            3, ulong.MaxValue, (UInt128)ulong.MaxValue + 1, (one << 64) + 1, (one << 100) - 1,
            one << 127, (one << 127) + 12345, UInt128.MaxValue - 1, UInt128.MaxValue,
        ];
        var random = new RandomStream(24);
        var wide = 0;
        foreach (var d in divisors)
        {
            for (var i = 0; i < 2_000; i++)
            {
                // Products just below d·2^128, so the 256-bit path runs with the largest quotients.
                var a = new UInt128(random.NextUInt64(), random.NextUInt64()) | (one << 127);
                if (!FullMath.TryMulDiv(d, UInt128.MaxValue, a, roundUp: false, out var top))
                {
                    continue; // no b below 2^128 reaches the limit
                }

                var b = top - UInt128.Min(top, random.NextUInt64(1000));
                if (b == 0)
                {
                    continue;
                }

                var product = (BigInteger)a * b;
                Assert.True(FullMath.TryMulDiv(a, b, d, roundUp: false, out var quotient));
                Assert.Equal(product / d, (BigInteger)quotient);
                Assert.True(FullMath.TryMulDiv(a, b, d, roundUp: true, out var ceiling));
                Assert.Equal((product + d - 1) / d, (BigInteger)ceiling);
                if (product >> 128 != 0)
                {
                    wide++;
                }
            }
        }

        Assert.True(wide > 10_000, $"only {wide} products needed more than 128 bits");
    }

    [Fact]
    public void MulDivCeiling_rounds_up_only_with_a_remainder()
    {
        Assert.Equal((UInt128)4, FullMath.MulDivCeiling(10, 1, 3));
        Assert.Equal((UInt128)3, FullMath.MulDivFloor(10, 1, 3));
        Assert.Equal((UInt128)5, FullMath.MulDivCeiling(10, 1, 2));
    }

    [Fact]
    public void Sqrt_is_the_exact_integer_floor_root()
    {
        foreach (var value in new UInt128[] { 0, 1, 2, 3, 4, 15, 16, 17, UInt128.MaxValue, (UInt128)ulong.MaxValue * ulong.MaxValue })
        {
            AssertFloorRoot(value, FullMath.Sqrt(value));
        }

        var random = new RandomStream(22);
        for (var i = 0; i < 20_000; i++)
        {
            var value = RandomUInt128(random);
            AssertFloorRoot(value, FullMath.Sqrt(value));
        }

        Assert.Equal((UInt128)ulong.MaxValue, FullMath.Sqrt(UInt128.MaxValue));
    }

    [Fact]
    public void Sqrt_of_big_integers_is_the_exact_floor_root()
    {
        var random = new RandomStream(23);
        for (var i = 0; i < 2_000; i++)
        {
            var value = (BigInteger)RandomUInt128(random) * RandomUInt128(random) * RandomUInt128(random);
            var root = FullMath.Sqrt(value);
            Assert.True(root * root <= value && (root + 1) * (root + 1) > value, $"sqrt({value}) = {root}");
        }

        Assert.Equal(BigInteger.One << 150, FullMath.Sqrt(BigInteger.One << 300));
        Assert.Throws<ArgumentOutOfRangeException>(() => FullMath.Sqrt(BigInteger.MinusOne));
    }

    [Fact]
    public void CompareProducts_compares_exact_256_bit_products()
    {
        var big = ConstantProductMath.MaxReserve;
        Assert.Equal(0, FullMath.CompareProducts(big, 6, 2 * big, 3));
        Assert.Equal(1, Math.Sign(FullMath.CompareProducts(big, big, big - 1, big)));
        Assert.Equal(-1, Math.Sign(FullMath.CompareProducts(UInt128.MaxValue - 1, UInt128.MaxValue, UInt128.MaxValue, UInt128.MaxValue)));
    }

    private static void AssertFloorRoot(UInt128 value, UInt128 root)
    {
        var v = (BigInteger)value;
        var r = (BigInteger)root;
        Assert.True(r * r <= v && (r + 1) * (r + 1) > v, $"sqrt({value}) = {root}");
    }
}
