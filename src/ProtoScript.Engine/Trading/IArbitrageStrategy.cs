using System.Globalization;
using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Markets;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Trading;

/// <summary>A trade an arbitrageur decided on; <see cref="Trade"/> false is no trade.</summary>
/// <param name="Trade">Whether to trade.</param>
/// <param name="Direction">Which way through the pool.</param>
/// <param name="AmountIn">The exact input.</param>
/// <param name="MinAmountOut">The least output accepted.</param>
/// <param name="TipPerGas">Priority fee per gas, in wei.</param>
/// <param name="Bid">Sealed bid in wei (only under <c>ordering = auction</c>).</param>
public readonly record struct ArbitrageOrder(bool Trade, SwapDirection Direction, UInt128 AmountIn, UInt128 MinAmountOut, UInt128 TipPerGas, UInt128 Bid);

/// <summary>What one arbitrageur knows when it decides.</summary>
/// <param name="Cex">The CEX price it sees (after its sync delay).</param>
/// <param name="Pool">The pool as of the last sealed block.</param>
/// <param name="BaseFee">The rollup's base fee per gas.</param>
/// <param name="Auction">Whether the rollup auctions its first position.</param>
/// <param name="Arbitrageur">Its index.</param>
/// <param name="BaseBalance">Its ether.</param>
/// <param name="QuoteBalance">Its quote token.</param>
/// <param name="Best">The built-in closed-form optimum with the arbitrageur's own bid (no trade when it does not pay).</param>
/// <param name="Now">The simulated time.</param>
public readonly record struct ArbitrageSituation(
    FixedPrice Cex,
    ConstantProductPool Pool,
    UInt128 BaseFee,
    bool Auction,
    int Arbitrageur,
    UInt128 BaseBalance,
    UInt128 QuoteBalance,
    ArbitrageOrder Best,
    SimDuration Now)
{
    /// <summary>
    /// Why <paramref name="order"/> cannot be sent, or null when it can: no input, more input
    /// than the arbitrageur holds, or more ether than it holds for gas, fee, bid and input.
    /// </summary>
    public string? Impossible(in ArbitrageOrder order)
    {
        if (!order.Trade)
        {
            return null;
        }

        var sellsBase = order.Direction == SwapDirection.ZeroForOne;
        var unit = sellsBase ? "wei" : "quote units";
        if (order.AmountIn == UInt128.Zero)
        {
            return "a trade of 0 " + unit;
        }

        var holds = sellsBase ? BaseBalance : QuoteBalance;
        if (order.AmountIn > holds)
        {
            return string.Create(CultureInfo.InvariantCulture, $"a trade of {order.AmountIn} {unit} while holding {holds}");
        }

        var gas = (System.Numerics.BigInteger)Mempool.Transaction.SwapGas * ((System.Numerics.BigInteger)BaseFee + order.TipPerGas);
        var ether = gas + (Auction ? (System.Numerics.BigInteger)order.Bid : 0) + (sellsBase ? (System.Numerics.BigInteger)order.AmountIn : 0);
        return ether > BaseBalance
            ? string.Create(CultureInfo.InvariantCulture, $"a trade needing {ether} wei for input, gas and bid while holding {BaseBalance}")
            : null;
    }
}

/// <summary>How an arbitrageur decides its trade (the built-in rule is the closed-form optimum of <see cref="CexDexArbitrage"/>).</summary>
public interface IArbitrageStrategy
{
    /// <summary>The trade to send, or one with <see cref="ArbitrageOrder.Trade"/> false.</summary>
    ArbitrageOrder Decide(in ArbitrageSituation situation);
}
