using System.Numerics;
using ProtoScript.Engine.Amm;

namespace ProtoScript.Engine.Markets;

/// <summary>Which way an arbitrageur trades against the pool.</summary>
public enum ArbitrageDirection
{
    /// <summary>No trade.</summary>
    None,

    /// <summary>The base token is cheap in the pool: pay quote into the pool, take base out, sell it on the CEX.</summary>
    BuyOnPool,

    /// <summary>The base token is dear in the pool: buy base on the CEX, pay it into the pool, take quote out.</summary>
    SellOnPool,
}

/// <summary>Whether the best trade is worth making.</summary>
public enum ArbitrageVerdict
{
    /// <summary>The trade's profit exceeds the gas cost.</summary>
    Trade,

    /// <summary>The pool's price is within the fee band around the CEX price (or rounding eats the gain): no input earns anything.</summary>
    PriceWithinFeeBand,

    /// <summary>The best trade earns something, but no more than the gas cost.</summary>
    ProfitBelowGasCost,
}

/// <summary>
/// The profit-maximising CEX–DEX trade against one pool at one moment. Amounts are in each
/// token's smallest unit; profits and gas in quote units. For <see cref="ArbitrageVerdict.ProfitBelowGasCost"/>
/// the amounts describe the best trade that was not worth making.
/// </summary>
/// <param name="Verdict">Trade, or why not.</param>
/// <param name="Direction">Which way the best trade goes (<see cref="ArbitrageDirection.None"/> within the fee band).</param>
/// <param name="AmountIn">Paid into the pool: quote for <see cref="ArbitrageDirection.BuyOnPool"/>, base for <see cref="ArbitrageDirection.SellOnPool"/>.</param>
/// <param name="AmountOut">Taken out of the pool, by the pool's own integer rule.</param>
/// <param name="CexQuoteAmount">The CEX leg in quote units: proceeds of selling AmountOut (rounded down), or the cost of buying AmountIn (rounded up).</param>
/// <param name="PoolFee">The pool fee paid, in the input token: ⌊AmountIn·fee / 10^4⌋.</param>
/// <param name="GrossProfit">Profit after the pool fee and all rounding, before gas.</param>
/// <param name="GasCost">The arbitrageur's gas cost in quote units.</param>
/// <param name="GapBeforeBasisPoints">(pool price − CEX price) / CEX price, in basis points, before the trade.</param>
/// <param name="GapAfterBasisPoints">The same after the trade; equal to the gap before when there is no trade.</param>
public readonly record struct ArbitrageOpportunity(
    ArbitrageVerdict Verdict,
    ArbitrageDirection Direction,
    UInt128 AmountIn,
    UInt128 AmountOut,
    UInt128 CexQuoteAmount,
    UInt128 PoolFee,
    UInt128 GrossProfit,
    UInt128 GasCost,
    long GapBeforeBasisPoints,
    long GapAfterBasisPoints)
{
    /// <summary>Whether the arbitrageur should trade.</summary>
    public bool ShouldTrade => Verdict == ArbitrageVerdict.Trade;

    /// <summary>Profit after gas when trading; zero otherwise.</summary>
    public UInt128 NetProfit => ShouldTrade ? GrossProfit - GasCost : UInt128.Zero;

    /// <summary>The pool swap that carries out the trade (pool token 0 is the base token).</summary>
    public SwapDirection SwapDirection =>
        Direction == ArbitrageDirection.BuyOnPool ? SwapDirection.OneForZero : SwapDirection.ZeroForOne;
}

/// <summary>
/// CEX–DEX arbitrage against a constant-product pool whose token 0 is the base token and
/// token 1 the quote token, with the CEX assumed infinitely deep at its price P and free of
/// fees. With reserves x (base), y (quote) and γ = 1 − fee:
/// <list type="bullet">
/// <item>if P·γ &gt; y/x, buying base in the pool pays; the profit P·γΔy·x/(y+γΔy) − Δy is
/// maximal at <c>Δy* = (√(P·γ·x·y) − y) / γ</c>;</item>
/// <item>if γ·y/x &gt; P, selling base to the pool pays; γΔx·y/(x+γΔx) − P·Δx is maximal at
/// <c>Δx* = (√(γ·x·y / P) − x) / γ</c>;</item>
/// <item>otherwise the pool is within the fee band and no trade earns anything.</item>
/// </list>
/// The square roots are exact integer roots of exact integer products (big integers, as
/// x·y·P exceeds 256 bits); the result is then priced by the pool's own rounding.
/// </summary>
public static class CexDexArbitrage
{
    /// <summary>Finds the best trade against <paramref name="pool"/> (token 0 base, token 1 quote).</summary>
    public static ArbitrageOpportunity Find(ConstantProductPool pool, FixedPrice cexPrice, UInt128 gasCost)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return Find(pool.Reserve0, pool.Reserve1, pool.Fee, cexPrice, gasCost);
    }

    /// <summary>Finds the best trade against a pool with the given reserves and fee.</summary>
    /// <param name="reserveBase">The pool's base-token reserve (x).</param>
    /// <param name="reserveQuote">The pool's quote-token reserve (y).</param>
    /// <param name="fee">The pool's swap fee.</param>
    /// <param name="cexPrice">The CEX price of the base token in quote.</param>
    /// <param name="gasCost">What the arbitrage transaction costs in gas, converted to quote units.</param>
    /// <exception cref="ArgumentOutOfRangeException">A reserve or the price is zero, or a reserve is above 2^112 − 1.</exception>
    public static ArbitrageOpportunity Find(UInt128 reserveBase, UInt128 reserveQuote, SwapFee fee, FixedPrice cexPrice, UInt128 gasCost)
    {
        CheckReserve(reserveBase, nameof(reserveBase));
        CheckReserve(reserveQuote, nameof(reserveQuote));
        var gapBefore = PriceGap.BasisPoints(reserveBase, reserveQuote, cexPrice);
        var direction = DirectionOf(reserveBase, reserveQuote, fee, cexPrice);
        var amountIn = direction == ArbitrageDirection.None
            ? UInt128.Zero
            : OptimalInput(direction, reserveBase, reserveQuote, fee, cexPrice);
        if (amountIn == UInt128.Zero)
        {
            return NoTrade(gasCost, gapBefore);
        }

        var trade = Evaluate(direction, amountIn, reserveBase, reserveQuote, fee, cexPrice);
        if (trade.Profit <= 0)
        {
            return NoTrade(gasCost, gapBefore);
        }

        var gross = (UInt128)trade.Profit;
        if (gross <= gasCost)
        {
            return new ArbitrageOpportunity(
                ArbitrageVerdict.ProfitBelowGasCost, direction, amountIn, trade.AmountOut, trade.CexQuote,
                ConstantProductMath.FeeOf(amountIn, fee), gross, gasCost, gapBefore, gapBefore);
        }

        var (baseAfter, quoteAfter) = direction == ArbitrageDirection.BuyOnPool
            ? (reserveBase - trade.AmountOut, reserveQuote + amountIn)
            : (reserveBase + amountIn, reserveQuote - trade.AmountOut);
        return new ArbitrageOpportunity(
            ArbitrageVerdict.Trade, direction, amountIn, trade.AmountOut, trade.CexQuote,
            ConstantProductMath.FeeOf(amountIn, fee), gross, gasCost, gapBefore,
            PriceGap.BasisPoints(baseAfter, quoteAfter, cexPrice));
    }

    /// <summary>
    /// Which trade can earn anything: <see cref="ArbitrageDirection.BuyOnPool"/> when
    /// P·γ &gt; y/x, <see cref="ArbitrageDirection.SellOnPool"/> when γ·y/x &gt; P, else none.
    /// </summary>
    public static ArbitrageDirection DirectionOf(UInt128 reserveBase, UInt128 reserveQuote, SwapFee fee, FixedPrice cexPrice)
    {
        BigInteger x = reserveBase, y = reserveQuote, p = cexPrice.Scaled, g = fee.InputMultiplier;
        BigInteger scale = FixedPrice.Scale, d = SwapFee.Denominator;
        if (p * g * x > y * scale * d)
        {
            return ArbitrageDirection.BuyOnPool;
        }

        return g * y * scale > p * x * d ? ArbitrageDirection.SellOnPool : ArbitrageDirection.None;
    }

    /// <summary>
    /// The closed-form optimal pool input for <paramref name="direction"/>, rounded down and
    /// capped so the pool's reserve stays within 2^112 − 1; zero when nothing is to be gained.
    /// </summary>
    public static UInt128 OptimalInput(ArbitrageDirection direction, UInt128 reserveBase, UInt128 reserveQuote, SwapFee fee, FixedPrice cexPrice)
    {
        BigInteger x = reserveBase, y = reserveQuote, p = cexPrice.Scaled, g = fee.InputMultiplier;
        BigInteger scale = FixedPrice.Scale, d = SwapFee.Denominator;
        BigInteger input, reserveIn;
        switch (direction)
        {
            case ArbitrageDirection.BuyOnPool:
                // Δy* = (√(P·γ·x·y) − y) / γ with P = p/scale, γ = g/d; ⌊√⌊v⌋⌋ = ⌊√v⌋.
                input = (FullMath.Sqrt(p * g * x * y / (scale * d)) - y) * d / g;
                reserveIn = y;
                break;
            case ArbitrageDirection.SellOnPool:
                // Δx* = (√(γ·x·y / P) − x) / γ.
                input = (FullMath.Sqrt(g * x * y * scale / (p * d)) - x) * d / g;
                reserveIn = x;
                break;
            default:
                return UInt128.Zero;
        }

        if (input.Sign <= 0)
        {
            return UInt128.Zero;
        }

        var room = (BigInteger)ConstantProductMath.MaxReserve - reserveIn;
        return (UInt128)BigInteger.Min(input, room);
    }

    /// <summary>
    /// The exact profit in quote units (negative for a loss, before gas) of paying
    /// <paramref name="amountIn"/> into the pool in <paramref name="direction"/> and closing
    /// the position on the CEX: the pool leg by <see cref="ConstantProductMath.GetAmountOut"/>,
    /// the CEX leg rounded against the arbitrageur.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="direction"/> is none, or the amounts are out of the pool's range.</exception>
    public static BigInteger Profit(ArbitrageDirection direction, UInt128 amountIn, UInt128 reserveBase, UInt128 reserveQuote, SwapFee fee, FixedPrice cexPrice) =>
        Evaluate(direction, amountIn, reserveBase, reserveQuote, fee, cexPrice).Profit;

    private static (BigInteger Profit, UInt128 AmountOut, UInt128 CexQuote) Evaluate(
        ArbitrageDirection direction, UInt128 amountIn, UInt128 reserveBase, UInt128 reserveQuote, SwapFee fee, FixedPrice cexPrice)
    {
        BigInteger p = cexPrice.Scaled, scale = FixedPrice.Scale;
        switch (direction)
        {
            case ArbitrageDirection.BuyOnPool:
                {
                    var baseOut = ConstantProductMath.GetAmountOut(amountIn, reserveQuote, reserveBase, fee);
                    var proceeds = baseOut * p / scale;
                    return (proceeds - amountIn, baseOut, ToUInt128(proceeds));
                }

            case ArbitrageDirection.SellOnPool:
                {
                    var quoteOut = ConstantProductMath.GetAmountOut(amountIn, reserveBase, reserveQuote, fee);
                    var cost = ((amountIn * p) + scale - 1) / scale;
                    return (quoteOut - cost, quoteOut, ToUInt128(cost));
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(direction), direction, "A trade needs a direction.");
        }
    }

    private static UInt128 ToUInt128(BigInteger value) =>
        value <= (BigInteger)UInt128.MaxValue
            ? (UInt128)value
            : throw new OverflowException("The CEX value of the trade exceeds 2^128 quote units; the price or reserves are out of range.");

    private static ArbitrageOpportunity NoTrade(UInt128 gasCost, long gap) =>
        new(ArbitrageVerdict.PriceWithinFeeBand, ArbitrageDirection.None, 0, 0, 0, 0, 0, gasCost, gap, gap);

    private static void CheckReserve(UInt128 reserve, string name)
    {
        if (reserve == UInt128.Zero || reserve > ConstantProductMath.MaxReserve)
        {
            throw new ArgumentOutOfRangeException(name, reserve, "A pool reserve must be between 1 and 2^112 − 1 smallest units.");
        }
    }
}
