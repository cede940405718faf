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
    /// high &lt; divisor, so the quotient fits in 128 bits: short division by a 64-bit
    /// divisor, otherwise Knuth's algorithm D in base 2^64.
    /// </summary>
    private static (UInt128 Quotient, UInt128 Remainder) Divide256By128(UInt128 high, UInt128 low, UInt128 divisor)
    {
        if (divisor <= ulong.MaxValue)
        {
            var d = (ulong)divisor;
            var upper = (high << 64) | (ulong)(low >> 64);
            var q1 = upper / d;
            var lower = ((upper - (q1 * d)) << 64) | (ulong)low;
            var q0 = lower / d;
            return ((q1 << 64) | q0, lower - (q0 * d));
        }

        return DivideKnuth(high, low, divisor);
    }

    /// <summary>Knuth's algorithm D (TAOCP 4.3.1) for a 4-limb dividend and a 2-limb divisor.</summary>
    private static (UInt128 Quotient, UInt128 Remainder) DivideKnuth(UInt128 high, UInt128 low, UInt128 divisor)
    {
        // Normalise so the divisor's top bit is set; a first digit estimate from the top
        // limbs is then at most two too large.
        var shift = (int)ulong.LeadingZeroCount((ulong)(divisor >> 64));
        var v = divisor << shift;
        var v1 = (ulong)(v >> 64);
        var v0 = (ulong)v;

        Span<ulong> u = stackalloc ulong[5];
        u[0] = (ulong)low;
        u[1] = (ulong)(low >> 64);
        u[2] = (ulong)high;
        u[3] = (ulong)(high >> 64);
        if (shift > 0)
        {
            u[4] = u[3] >> (64 - shift);
            u[3] = (u[3] << shift) | (u[2] >> (64 - shift));
            u[2] = (u[2] << shift) | (u[1] >> (64 - shift));
            u[1] = (u[1] << shift) | (u[0] >> (64 - shift));
            u[0] <<= shift;
        }

        Span<ulong> q = stackalloc ulong[3];
        for (var j = 2; j >= 0; j--)
        {
            var top = ((UInt128)u[j + 2] << 64) | u[j + 1];
            var qhat = top / v1;
            var rhat = top - (qhat * v1);
            while (qhat > ulong.MaxValue || (qhat * v0) > ((rhat << 64) | u[j]))
            {
                qhat--;
                rhat += v1;
                if (rhat > ulong.MaxValue)
                {
                    break;
                }
            }

            // With a two-limb divisor the test above compares qhat·v with the top three
            // limbs in full, so qhat is now the exact digit and the subtraction below never
            // goes negative: Knuth's add-back step cannot occur.
            // u[j..j+2] −= qhat·v, tracking the borrow as a signed carry.
            Int128 carry = 0;
            var p = qhat * v0;
            var t = (Int128)u[j] - carry - (Int128)(ulong)p;
            u[j] = (ulong)t;
            carry = (Int128)(ulong)(p >> 64) - (t >> 64);
            p = qhat * v1;
            t = (Int128)u[j + 1] - carry - (Int128)(ulong)p;
            u[j + 1] = (ulong)t;
            carry = (Int128)(ulong)(p >> 64) - (t >> 64);
            t = (Int128)u[j + 2] - carry;
            u[j + 2] = (ulong)t;

            q[j] = (ulong)qhat;
        }

        // The remainder is below the normalised divisor, so it sits in u[0..1].
        var remainder = (((UInt128)u[1] << 64) | u[0]) >> shift;
        return (((UInt128)q[1] << 64) | q[0], remainder);
    }
}
