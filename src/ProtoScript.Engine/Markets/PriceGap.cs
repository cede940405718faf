using System.Numerics;

namespace ProtoScript.Engine.Markets;

/// <summary>The relative difference between a pool's price and a reference (CEX) price.</summary>
public static class PriceGap
{
    /// <summary>
    /// (pool price − CEX price) / CEX price in basis points, truncated toward zero, where the
    /// pool price of the base token (token 0) is <c>reserveQuote / reserveBase</c>. Positive:
    /// the base token is dearer in the pool. Clamped to the range of <see cref="long"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A reserve or the CEX price is zero.</exception>
    public static long BasisPoints(UInt128 reserveBase, UInt128 reserveQuote, FixedPrice cexPrice)
    {
        if (reserveBase == UInt128.Zero || reserveQuote == UInt128.Zero)
        {
            throw new ArgumentOutOfRangeException(
                reserveBase == UInt128.Zero ? nameof(reserveBase) : nameof(reserveQuote),
                "Both reserves must be positive to have a price.");
        }

        if (cexPrice.Scaled == UInt128.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(cexPrice), "The CEX price must be positive.");
        }

        // (y/x − P) / P · 10^4 = (y·S − P_s·x)·10^4 / (P_s·x), with P = P_s / S.
        var cexQuoteValue = (BigInteger)cexPrice.Scaled * (BigInteger)reserveBase;
        var numerator = (((BigInteger)reserveQuote * (BigInteger)FixedPrice.Scale) - cexQuoteValue) * 10_000;
        var gap = BigInteger.Divide(numerator, cexQuoteValue);
        return gap > long.MaxValue ? long.MaxValue : gap < long.MinValue ? long.MinValue : (long)gap;
    }
}
