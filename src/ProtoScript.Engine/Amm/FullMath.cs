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
            quotient = DivRem(low, denominator, out remainder);
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
            // high < divisor < 2^64: two 128-by-64 steps, each with a quotient below 2^64.
            var d = (ulong)divisor;
            var q1 = DivRem128By64((ulong)high, (ulong)(low >> 64), d, out var r1);
            var q0 = DivRem128By64(r1, (ulong)low, d, out var r0);
            return (((UInt128)q1 << 64) | q0, r0);
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
            var qhat = DivRem(top, v1, out var rhat);
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

    /// <summary>
    /// n / d for 128-bit operands using only 64-bit hardware division (the runtime's
    /// <see cref="UInt128"/> division works in 32-bit digits and is several times slower).
    /// </summary>
    private static UInt128 DivRem(UInt128 n, UInt128 d, out UInt128 remainder)
    {
        var dHigh = (ulong)(d >> 64);
        var nHigh = (ulong)(n >> 64);
        if (dHigh == 0)
        {
            var dLow = (ulong)d;
            if (nHigh < dLow)
            {
                var q = DivRem128By64(nHigh, (ulong)n, dLow, out var r);
                remainder = r;
                return q;
            }

            var qHigh = nHigh / dLow;
            var qLow = DivRem128By64(nHigh - (qHigh * dLow), (ulong)n, dLow, out var rLow);
            remainder = rLow;
            return ((UInt128)qHigh << 64) | qLow;
        }

        // The quotient is below 2^64. Estimate it from the divisor's top 64 bits after
        // normalisation (Hacker's Delight, 9-5): the estimate is the quotient or one more.
        var shift = (int)ulong.LeadingZeroCount(dHigh);
        var v1 = (ulong)((d << shift) >> 64);
        var halved = n >> 1;
        var q1 = DivRem128By64((ulong)(halved >> 64), (ulong)halved, v1, out _);
        var q0 = (ulong)(((UInt128)q1 << shift) >> 63);
        if (q0 != 0)
        {
            q0--;
        }

        var rest = n - (q0 * d);
        if (rest >= d)
        {
            q0++;
            rest -= d;
        }

        remainder = rest;
        return q0;
    }

    /// <summary>
    /// (high·2^64 + low) / d when high &lt; d, with two 64-by-32-bit-digit steps
    /// (Hacker's Delight's divlu in 64-bit words).
    /// </summary>
    private static ulong DivRem128By64(ulong high, ulong low, ulong d, out ulong remainder)
    {
        const ulong Base = 1UL << 32;
        var shift = BitOperations.LeadingZeroCount(d);
        d <<= shift;
        var vn1 = d >> 32;
        var vn0 = d & 0xFFFF_FFFFUL;
        var un32 = shift == 0 ? high : (high << shift) | (low >> (64 - shift));
        var un10 = low << shift;
        var un1 = un10 >> 32;
        var un0 = un10 & 0xFFFF_FFFFUL;

        var q1 = un32 / vn1;
        var rhat = un32 - (q1 * vn1);
        while (q1 >= Base || (q1 * vn0) > ((rhat << 32) | un1))
        {
            q1--;
            rhat += vn1;
            if (rhat >= Base)
            {
                break;
            }
        }

        // Wrapping arithmetic: the true value is below d, so the discarded bits are zero.
        var un21 = unchecked((un32 << 32) + un1 - (q1 * d));
        var q0 = un21 / vn1;
        rhat = un21 - (q0 * vn1);
        while (q0 >= Base || (q0 * vn0) > ((rhat << 32) | un0))
        {
            q0--;
            rhat += vn1;
            if (rhat >= Base)
            {
                break;
            }
        }

        remainder = unchecked((un21 << 32) + un0 - (q0 * d)) >> shift;
        return (q1 << 32) | q0;
    }
}
