using System.Numerics;
using ProtoScript.Engine.Amm;

namespace ProtoScript.Engine.Markets;

/// <summary>
/// The best trade between two constant-product pools of the same pair: buy base token on the
/// cheaper pool with quote token, sell exactly what it paid out on the dearer one.
/// </summary>
/// <param name="BuyOnFirst">Whether the first pool is the cheaper one (buy there, sell on the second).</param>
/// <param name="QuoteIn">The quote token paid into the cheaper pool.</param>
/// <param name="BaseBought">The base token the cheaper pool pays out, and the dearer one is sold.</param>
/// <param name="QuoteOut">The quote token the dearer pool pays for it.</param>
public readonly record struct CrossPoolTrade(bool BuyOnFirst, UInt128 QuoteIn, UInt128 BaseBought, UInt128 QuoteOut)
{
    /// <summary>Whether there is a trade at all (a gap wider than both fees).</summary>
    public bool Exists => QuoteIn > UInt128.Zero && BaseBought > UInt128.Zero && QuoteOut > QuoteIn;

    /// <summary>What the two legs earn together before gas, in quote units (zero when there is no trade).</summary>
    public UInt128 GrossProfit => Exists ? QuoteOut - QuoteIn : UInt128.Zero;
}

/// <summary>
/// Closed-form arbitrage between two constant-product pools with fees, in integers.
/// </summary>
/// <remarks>
/// <para>Buying base on pool 1 (reserves x₁ base, y₁ quote, fee multiplier γ₁) with Δy quote and
/// selling the output on pool 2 pays out</para>
/// <code>
/// out(Δy) = γ₁γ₂·x₁·y₂·Δy / (x₂·y₁ + γ₁(x₂ + γ₂·x₁)·Δy)
/// </code>
/// <para>— the composition of two constant-product curves is one again — so the profit out − Δy is
/// largest where its slope is 1:</para>
/// <code>
/// Δy* = (√(K·M) − M) / N,  K = g₁g₂·x₁·y₂,  M = D²·x₂·y₁,  N = g₁(D·x₂ + g₂·x₁)
/// </code>
/// <para>with the fee multipliers in basis points (g = 10⁴ − fee, D = 10⁴). It is positive only
/// when K &gt; M, i.e. pool 2's price times both fee multipliers exceeds pool 1's price: a gap
/// inside the two fees is not worth trading. The root is the exact integer root of an exact
/// product, and the chosen input is then priced by each pool's own integer rule, so the profit
/// reported is exactly what the two swaps pay.</para>
/// </remarks>
public static class CrossPoolArbitrage
{
    /// <summary>The best trade between <paramref name="first"/> and <paramref name="second"/> (token 0 base, token 1 quote on both).</summary>
    public static CrossPoolTrade Find(ConstantProductPool first, ConstantProductPool second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (OptimalInput(first, second) is { } buyFirst && buyFirst > UInt128.Zero)
        {
            return Price(first, second, buyFirst, buyOnFirst: true);
        }

        if (OptimalInput(second, first) is { } buySecond && buySecond > UInt128.Zero)
        {
            return Price(second, first, buySecond, buyOnFirst: false);
        }

        return default;
    }

    /// <summary>The quote input that maximises buying on <paramref name="cheap"/> and selling on <paramref name="dear"/>, or null when no input earns anything.</summary>
    public static UInt128? OptimalInput(ConstantProductPool cheap, ConstantProductPool dear)
    {
        ArgumentNullException.ThrowIfNull(cheap);
        ArgumentNullException.ThrowIfNull(dear);
        BigInteger d = SwapFee.Denominator, g1 = cheap.Fee.InputMultiplier, g2 = dear.Fee.InputMultiplier;
        BigInteger x1 = (BigInteger)cheap.Reserve0, y1 = (BigInteger)cheap.Reserve1;
        BigInteger x2 = (BigInteger)dear.Reserve0, y2 = (BigInteger)dear.Reserve1;
        var k = g1 * g2 * x1 * y2;
        var m = d * d * x2 * y1;
        if (k <= m || m.IsZero)
        {
            return null;
        }

        var n = g1 * ((d * x2) + (g2 * x1));
        var input = (FullMath.Sqrt(k * m) - m) / n;
        return input <= BigInteger.Zero ? null : input > (BigInteger)Amm.ConstantProductMath.MaxReserve ? Amm.ConstantProductMath.MaxReserve : (UInt128)input;
    }

    private static CrossPoolTrade Price(ConstantProductPool cheap, ConstantProductPool dear, UInt128 quoteIn, bool buyOnFirst)
    {
        var baseBought = cheap.QuoteExactIn(SwapDirection.OneForZero, quoteIn);
        var quoteOut = baseBought == UInt128.Zero ? UInt128.Zero : dear.QuoteExactIn(SwapDirection.ZeroForOne, baseBought);
        var trade = new CrossPoolTrade(buyOnFirst, quoteIn, baseBought, quoteOut);
        return trade.Exists ? trade : default;
    }
}
