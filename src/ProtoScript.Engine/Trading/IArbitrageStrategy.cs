using System.Collections.Immutable;
using System.Globalization;
using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Chains;
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
public readonly record struct ArbitrageOrder(bool Trade, SwapDirection Direction, UInt128 AmountIn, UInt128 MinAmountOut, UInt128 TipPerGas, UInt128 Bid)
{
    /// <summary>More swaps sent with this one (a multi-leg trade), each an ordinary transaction on its rollup; empty for one swap.</summary>
    public ImmutableArray<ArbitrageLeg> Legs { get; init; } = [];

    /// <summary>Whether anything is sent: this swap or another leg.</summary>
    public bool SendsAnything => Trade || !Legs.IsDefaultOrEmpty;
}

/// <summary>One more swap of a multi-leg arbitrage trade.</summary>
/// <param name="Venue">The rollup it trades on, as an index into <see cref="ArbitrageSituation.Venues"/>.</param>
/// <param name="Pool">The pool's index on that rollup.</param>
/// <param name="Direction">Which way.</param>
/// <param name="AmountIn">The exact input.</param>
/// <param name="MinAmountOut">The least output accepted.</param>
public readonly record struct ArbitrageLeg(int Venue, int Pool, SwapDirection Direction, UInt128 AmountIn, UInt128 MinAmountOut);

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
public readonly partial record struct ArbitrageSituation(
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
    /// Every rollup the arbitrageurs trade on (those whose first pool is ether against the CEX's
    /// quote token), in scenario order; a multi-leg trade's legs name one of them. Empty when the
    /// strategy is asked about this rollup alone.
    /// </summary>
    public ImmutableArray<RollupChain> Venues { get; init; } = [];

    /// <summary>The name of the rollup whose first pool <see cref="Pool"/> is (empty when not known).</summary>
    public string Rollup { get; init; } = string.Empty;
    /// <summary>
    /// Why <paramref name="order"/> cannot be sent, or null when it can: no input, more input
    /// than the arbitrageur holds, or more ether than it holds for gas, fee, bid and input.
    /// </summary>
    public string? Impossible(in ArbitrageOrder order)
    {
        if (!order.Legs.IsDefaultOrEmpty && ImpossibleLegs(in order) is { } legs)
        {
            return legs;
        }

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

/// <summary>The checks of a multi-leg trade's extra legs.</summary>
public readonly partial record struct ArbitrageSituation
{
    /// <summary>
    /// Why one of <paramref name="order"/>'s legs cannot be sent: an unknown rollup or pool, a
    /// pool not of ether against the CEX's quote token, no input, or more input or ether than
    /// the arbitrageur holds on that rollup (each leg checked alone against its balances, the
    /// leg on this rollup's first pool included with the main swap's needs).
    /// </summary>
    private string? ImpossibleLegs(in ArbitrageOrder order)
    {
        for (var i = 0; i < order.Legs.Length; i++)
        {
            var leg = order.Legs[i];
            if (leg.Venue < 0 || leg.Venue >= Venues.Length)
            {
                return string.Create(CultureInfo.InvariantCulture, $"leg {i + 1} names a rollup the arbitrageurs do not trade on");
            }

            var chain = Venues[leg.Venue];
            var market = chain.Market!;
            if (leg.Pool < 0 || leg.Pool >= market.Pools.Count)
            {
                return string.Create(CultureInfo.InvariantCulture, $"leg {i + 1} names pool {leg.Pool} of {chain.Model.Name}, which has {market.Pools.Count}");
            }

            if (!Tradable(market, leg.Pool))
            {
                return string.Create(CultureInfo.InvariantCulture, $"leg {i + 1} trades pool {leg.Pool} of {chain.Model.Name}, which is not ether against the CEX's quote token");
            }

            if (leg.AmountIn == UInt128.Zero)
            {
                return string.Create(CultureInfo.InvariantCulture, $"leg {i + 1} trades nothing");
            }

            var account = market.FirstArbitrageur + Arbitrageur;
            var sellsBase = leg.Direction == SwapDirection.ZeroForOne;
            var ether = RollupMarket.BalanceOf(chain.State, MarketSetup.Ether, account);
            var quote = RollupMarket.BalanceOf(chain.State, market.QuoteAsset(leg.Pool), account);
            var gas = (System.Numerics.BigInteger)Mempool.Transaction.SwapGas * ((System.Numerics.BigInteger)chain.BaseFee + order.TipPerGas);
            var needs = gas + (sellsBase ? (System.Numerics.BigInteger)leg.AmountIn : 0);
            if ((!sellsBase && leg.AmountIn > quote) || needs > ether)
            {
                return string.Create(CultureInfo.InvariantCulture, $"leg {i + 1} needs more than the arbitrageur holds on {chain.Model.Name}");
            }
        }

        return null;
    }

    /// <summary>Whether a leg may trade pool <paramref name="pool"/> of <paramref name="market"/>: ether against the CEX's quote token, the tokens the arbitrageurs hold.</summary>
    public static bool Tradable(RollupMarket market, int pool)
    {
        ArgumentNullException.ThrowIfNull(market);
        return market.Cex is { } cex && market.BaseAsset(pool) == MarketSetup.Ether && market.QuoteAsset(pool) == market.Setup.AssetOf(cex.Model.QuoteToken);
    }
}

/// <summary>How an arbitrageur decides its trade (the built-in rule is the closed-form optimum of <see cref="CexDexArbitrage"/>).</summary>
public interface IArbitrageStrategy
{
    /// <summary>The trade to send, or one with <see cref="ArbitrageOrder.Trade"/> false.</summary>
    ArbitrageOrder Decide(in ArbitrageSituation situation);
}
