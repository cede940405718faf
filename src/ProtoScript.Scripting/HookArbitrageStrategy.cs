using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Trading;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>An arbitrage strategy written as a C# hook: it sees read-only views of the market and of the arbitrageur, and returns a trade.</summary>
public sealed class HookArbitrageStrategy : IArbitrageStrategy
{
    private readonly Func<MarketView, ArbitrageurView, ArbitrageTrade, TimeSpan, ArbitrageTrade> _decide;
    private readonly HookOptions _options;

    internal HookArbitrageStrategy(HookModel hook, Func<MarketView, ArbitrageurView, ArbitrageTrade, TimeSpan, ArbitrageTrade> decide, HookOptions options)
    {
        Hook = hook;
        _decide = decide;
        _options = options;
    }

    /// <summary>The hook this strategy runs.</summary>
    public HookModel Hook { get; }

    /// <inheritdoc />
    /// <exception cref="HookException">The hook threw, exceeded its budget, or returned a trade the arbitrageur cannot make.</exception>
    public ArbitrageOrder Decide(in ArbitrageSituation situation) => Run(Hook, _options, in situation, new Call(_decide));

    /// <summary>
    /// Runs <paramref name="hook"/> for one arbitrageur inside its budget and checks the trade it
    /// returns: the scripted strategy and the compiled engine's emitted ones both decide through here.
    /// </summary>
    /// <exception cref="HookException">The hook threw, exceeded its budget, or returned a trade the arbitrageur cannot make.</exception>
    public static ArbitrageOrder Run<TCall>(HookModel hook, HookOptions options, in ArbitrageSituation situation, TCall call)
        where TCall : struct, IStrategyHookCall
    {
        ArgumentNullException.ThrowIfNull(options);
        var market = new MarketView(
            situation.Cex.Scaled,
            situation.Pool.Reserve0,
            situation.Pool.Reserve1,
            (int)situation.Pool.Fee.BasisPoints,
            situation.BaseFee,
            Transaction.SwapGas,
            situation.Auction)
        {
            Pools = Pools(in situation),
            Rollup = situation.Rollup,
        };
        var me = new ArbitrageurView(situation.Arbitrageur, situation.BaseBalance, situation.QuoteBalance);
        var now = TimeSpan.FromMicroseconds(situation.Now.Microseconds);
        HookCall.Begin(options);
        ArbitrageTrade trade;
        try
        {
            trade = call.Invoke(market, me, ToTrade(situation.Best), now);
        }
        catch (Exception e)
        {
            throw HookCall.Fail(hook, e);
        }

        HookCall.End(hook);
        if (trade.Direction is not (TradeDirection.None or TradeDirection.SellBase or TradeDirection.BuyBase))
        {
            throw Impossible(hook, $"a trade in direction {(int)trade.Direction}, which is neither None, SellBase nor BuyBase");
        }

        var order = ToOrder(trade);
        if (trade.Legs.Count > 0)
        {
            order = order with { Legs = ToLegs(hook, trade.Legs, in situation) };
        }

        return situation.Impossible(in order) is { } why ? throw Impossible(hook, why) : order;
    }

    /// <summary>The view of the built-in trade that a strategy hook sees as <c>best</c>.</summary>
    public static ArbitrageTrade ToTrade(in ArbitrageOrder order) => order.Trade
        ? new ArbitrageTrade(
            order.Direction == SwapDirection.ZeroForOne ? TradeDirection.SellBase : TradeDirection.BuyBase,
            order.AmountIn,
            order.MinAmountOut,
            order.TipPerGas,
            order.Bid)
        : ArbitrageTrade.None;

    // Every pool of every venue, as of the last sealed blocks; none when the strategy sees one rollup alone.
    private static IReadOnlyList<PoolView> Pools(in ArbitrageSituation situation)
    {
        if (situation.Venues.IsDefaultOrEmpty)
        {
            return [];
        }

        var pools = new List<PoolView>();
        foreach (var chain in situation.Venues)
        {
            var market = chain.Market!;
            for (var p = 0; p < market.Pools.Count; p++)
            {
                var pool = market.Pools[p];
                pools.Add(new PoolView(
                    chain.Model.Name,
                    p,
                    market.Setup.NameOf(market.BaseAsset(p)),
                    market.Setup.NameOf(market.QuoteAsset(p)),
                    pool.Reserve0,
                    pool.Reserve1,
                    (int)pool.Fee.BasisPoints,
                    ArbitrageSituation.Tradable(market, p)));
            }
        }

        return pools.AsReadOnly();
    }

    private static System.Collections.Immutable.ImmutableArray<ArbitrageLeg> ToLegs(HookModel hook, IReadOnlyList<TradeLeg> legs, in ArbitrageSituation situation)
    {
        var result = System.Collections.Immutable.ImmutableArray.CreateBuilder<ArbitrageLeg>(legs.Count);
        for (var i = 0; i < legs.Count; i++)
        {
            var leg = legs[i];
            var venue = -1;
            for (var v = 0; v < situation.Venues.Length; v++)
            {
                if (string.Equals(situation.Venues[v].Model.Name, leg.Rollup, StringComparison.Ordinal))
                {
                    venue = v;
                }
            }

            if (venue < 0)
            {
                throw Impossible(hook, $"leg {i + 1} names rollup `{leg.Rollup}`, on which the arbitrageurs do not trade");
            }

            if (leg.Direction is not (TradeDirection.SellBase or TradeDirection.BuyBase))
            {
                throw Impossible(hook, $"leg {i + 1} has direction {leg.Direction}: a leg sells or buys base");
            }

            result.Add(new ArbitrageLeg(venue, leg.Pool, leg.Direction == TradeDirection.SellBase ? SwapDirection.ZeroForOne : SwapDirection.OneForZero, leg.AmountIn, leg.MinAmountOut));
        }

        return result.MoveToImmutable();
    }

    private static ArbitrageOrder ToOrder(in ArbitrageTrade trade) => trade.Direction == TradeDirection.None
        ? default(ArbitrageOrder) with { TipPerGas = trade.PriorityFeePerGas }
        : new ArbitrageOrder(
            true,
            trade.Direction == TradeDirection.SellBase ? SwapDirection.ZeroForOne : SwapDirection.OneForZero,
            trade.AmountIn,
            trade.MinAmountOut,
            trade.PriorityFeePerGas,
            trade.Bid);

    private static HookException Impossible(HookModel hook, string why) => new(hook, false, "returned an impossible trade: " + why)
    {
        Hint = "return a trade the arbitrageur can pay for from `me`'s balances (input, gas at `market.BaseFeePerGas` plus the tip, and the bid), or `ArbitrageTrade.None`",
    };

    private readonly struct Call(Func<MarketView, ArbitrageurView, ArbitrageTrade, TimeSpan, ArbitrageTrade> decide) : IStrategyHookCall
    {
        public ArbitrageTrade Invoke(MarketView market, ArbitrageurView me, ArbitrageTrade best, TimeSpan now) => decide(market, me, best, now);
    }
}

/// <summary>Calls an arbitrage-strategy hook.</summary>
public interface IStrategyHookCall
{
    /// <summary>The trade to send.</summary>
    ArbitrageTrade Invoke(MarketView market, ArbitrageurView me, ArbitrageTrade best, TimeSpan now);
}
