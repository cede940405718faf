using System.Numerics;

namespace ProtoScript.Engine.Amm;

/// <summary>
/// Unsigned integer arithmetic whose intermediate products need 256 bits: the product of
/// two reserves of up to 2^112 each does not fit in <see cref="UInt128"/>, but the
/// quotients the AMM needs do. No floating point and no allocation.
/// </summary>
public static class FullMath
{
    /// <summary>⌊a·b / denominator⌋, with the product computed in 256 bits.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="denominator"/> is zero.</exception>
    /// <exception cref="OverflowException">The quotient does not fit in 128 bits.</exception>
    public static UInt128 MulDivFloor(UInt128 a, UInt128 b, UInt128 denominator) =>
        TryMulDiv(a, b, denominator, roundUp: false, out var result)
            ? result
            : throw new OverflowException("a·b / denominator does not fit in 128 bits.");

    /// <summary>⌈a·b / denominator⌉, with the product computed in 256 bits.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="denominator"/> is zero.</exception>
    /// <exception cref="OverflowException">The quotient does not fit in 128 bits.</exception>
    public static UInt128 MulDivCeiling(UInt128 a, UInt128 b, UInt128 denominator) =>
        TryMulDiv(a, b, denominator, roundUp: true, out var result)
            ? result
            : throw new OverflowException("a·b / denominator does not fit in 128 bits.");

    /// <summary>
    /// a·b / denominator rounded down (or up when <paramref name="roundUp"/>); false when
    /// the quotient does not fit in 128 bits.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="denominator"/> is zero.</exception>
    public static bool TryMulDiv(UInt128 a, UInt128 b, UInt128 denominator, bool roundUp, out UInt128 result)
    {
        if (denominator == UInt128.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), "The denominator must not be zero.");
        }

        var high = UInt128.BigMul(a, b, out var low);
        UInt128 quotient, remainder;
        if (high == UInt128.Zero)
        {
            (quotient, remainder) = UInt128.DivRem(low, denominator);
        }
        else if (high >= denominator)
        {
            result = default;
            return false;
        }
        else
        {
            (quotient, remainder) = Divide256By128(high, low, denominator);
        }

        if (roundUp && remainder != UInt128.Zero)
        {
            if (quotient == UInt128.MaxValue)
            {
                result = default;
                return false;
            }

            quotient++;
        }

        result = quotient;
        return true;
    }

    /// <summary>The sign of a·b − c·d, with both products exact in 256 bits.</summary>
    public static int CompareProducts(UInt128 a, UInt128 b, UInt128 c, UInt128 d)
    {
        var leftHigh = UInt128.BigMul(a, b, out var leftLow);
        var rightHigh = UInt128.BigMul(c, d, out var rightLow);
        var byHigh = leftHigh.CompareTo(rightHigh);
        return byHigh != 0 ? byHigh : leftLow.CompareTo(rightLow);
    }

    /// <summary>⌊√value⌋, exactly.</summary>
    public static UInt128 Sqrt(UInt128 value)
    {
        if (value < 2)
        {
            return value;
        }

        // Newton's iteration from a power of two at or above the root decreases
        // monotonically to ⌊√value⌋ and stops there.
        var bits = 128 - (int)UInt128.LeadingZeroCount(value);
        var x = UInt128.One << ((bits + 1) / 2);
        while (true)
        {
            var next = (x + (value / x)) >> 1;
            if (next >= x)
            {
                return x;
            }

            x = next;
        }
    }

    /// <summary>⌊√value⌋ of a non-negative big integer, exactly (same iteration as for <see cref="UInt128"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    public static BigInteger Sqrt(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "Cannot take the square root of a negative number.");
        }

        if (value < 2)
        {
            return value;
        }

        var x = BigInteger.One << (int)((value.GetBitLength() + 1) / 2);
        while (true)
        {
            var next = (x + (value / x)) >> 1;
            if (next >= x)
            {
                return x;
            }

            x = next;
        }
    }

    /// <summary>
    /// Divides the 256-bit number high·2^128 + low by <paramref name="divisor"/> when
    /// high &lt; divisor (so the quotient fits in 128 bits), by binary long division.
    /// </summary>
    private static (UInt128 Quotient, UInt128 Remainder) Divide256By128(UInt128 high, UInt128 low, UInt128 divisor)
    {
        var remainder = high;
        UInt128 quotient = 0;
        for (var i = 127; i >= 0; i--)
        {
            // remainder < divisor, so 2·remainder + bit < 2·divisor; the bit shifted out of
            // the top is the carry that the wrapping subtraction below accounts for.
            var carry = remainder >> 127 != UInt128.Zero;
            remainder = (remainder << 1) | ((low >> i) & UInt128.One);
            quotient <<= 1;
            if (carry || remainder >= divisor)
            {
                remainder = unchecked(remainder - divisor);
                quotient |= UInt128.One;
            }
        }

        return (quotient, remainder);
    }
}
