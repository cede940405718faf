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
            situation.Auction);
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

    private static ArbitrageOrder ToOrder(in ArbitrageTrade trade) => trade.IsNone
        ? default
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
