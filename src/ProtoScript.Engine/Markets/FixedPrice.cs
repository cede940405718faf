using System.Globalization;
using ProtoScript.Engine.Amm;

namespace ProtoScript.Engine.Markets;

/// <summary>
/// A price as a fixed-point integer: quote-token smallest units per base-token smallest
/// unit, times 10^18. For ETH (18 decimals) in USDC (6 decimals) at 3 000 USDC/ETH that is
/// 3_000·10^6 / 10^18 · 10^18 = 3·10^9. Prices cross component boundaries (reports, pools,
/// arbitrage) only in this form, never as floating point.
/// </summary>
/// <param name="Scaled">The price times <see cref="Scale"/>.</param>
public readonly record struct FixedPrice(UInt128 Scaled) : IComparable<FixedPrice>
{
    /// <summary>The fixed-point scale, 10^18.</summary>
    public static readonly UInt128 Scale = 1_000_000_000_000_000_000UL;

    /// <summary>The price of <paramref name="baseAmount"/> base units bought with <paramref name="quoteAmount"/> quote units, rounded down.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="baseAmount"/> is zero.</exception>
    /// <exception cref="OverflowException">The price does not fit in 128 bits.</exception>
    public static FixedPrice FromRatio(UInt128 quoteAmount, UInt128 baseAmount)
    {
        if (baseAmount == UInt128.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(baseAmount), "A price needs a positive base amount.");
        }

        return new FixedPrice(FullMath.MulDivFloor(quoteAmount, Scale, baseAmount));
    }

    /// <summary>
    /// The price of one whole base token in whole quote tokens (e.g. 3000 USDC per ETH),
    /// given each token's decimals: <c>wholePrice·10^quoteDecimals / 10^baseDecimals</c>, scaled.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Decimals above 38, or the result does not fit.</exception>
    public static FixedPrice FromWholeUnits(UInt128 wholePrice, int baseDecimals, int quoteDecimals)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(baseDecimals, 38);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quoteDecimals, 38);
        ArgumentOutOfRangeException.ThrowIfNegative(baseDecimals);
        ArgumentOutOfRangeException.ThrowIfNegative(quoteDecimals);
        var numerator = FullMath.MulDivFloor(wholePrice, Pow10(quoteDecimals), 1);
        return new FixedPrice(FullMath.MulDivFloor(numerator, Scale, Pow10(baseDecimals)));
    }

    /// <summary>The price as a double, for statistics only (never for amounts).</summary>
    public double ToDouble() => (double)Scaled / 1e18;

    /// <inheritdoc />
    public int CompareTo(FixedPrice other) => Scaled.CompareTo(other.Scaled);

    /// <summary>Compares two prices.</summary>
    public static bool operator <(FixedPrice a, FixedPrice b) => a.Scaled < b.Scaled;

    /// <summary>Compares two prices.</summary>
    public static bool operator >(FixedPrice a, FixedPrice b) => a.Scaled > b.Scaled;

    /// <summary>Compares two prices.</summary>
    public static bool operator <=(FixedPrice a, FixedPrice b) => a.Scaled <= b.Scaled;

    /// <summary>Compares two prices.</summary>
    public static bool operator >=(FixedPrice a, FixedPrice b) => a.Scaled >= b.Scaled;

    /// <summary>The exact decimal value with 18 fractional digits, trailing zeros removed (e.g. <c>3000.5</c>).</summary>
    public override string ToString()
    {
        var (whole, fraction) = UInt128.DivRem(Scaled, Scale);
        var text = whole.ToString(CultureInfo.InvariantCulture);
        if (fraction == UInt128.Zero)
        {
            return text;
        }

        return text + "." + fraction.ToString("D18", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    /// <summary>10 to the power <paramref name="exponent"/>, exactly (token decimals go up to 24).</summary>
    internal static UInt128 Pow10(int exponent)
    {
        UInt128 result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
