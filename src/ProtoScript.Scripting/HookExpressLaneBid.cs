using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Timeboost;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>An express-lane bid rule written as a C# hook: it sees read-only views of the auction, the bidder and the market, and returns the bid in wei.</summary>
public sealed class HookExpressLaneBid : IExpressLaneBidRule
{
    private readonly Func<ExpressLaneAuctionView, ExpressLaneBidderView, MarketView, UInt128> _bid;
    private readonly HookOptions _options;

    internal HookExpressLaneBid(HookModel hook, Func<ExpressLaneAuctionView, ExpressLaneBidderView, MarketView, UInt128> bid, HookOptions options)
    {
        Hook = hook;
        _bid = bid;
        _options = options;
    }

    /// <summary>The hook this rule runs.</summary>
    public HookModel Hook { get; }

    /// <inheritdoc />
    /// <exception cref="HookException">The hook threw, exceeded its budget, or bid more ether than the bidder holds.</exception>
    public UInt128 Bid(in ExpressLaneBidSituation situation) => Run(Hook, _options, in situation, new Call(_bid));

    /// <summary>
    /// Runs <paramref name="hook"/> for one bidder inside its budget and checks the bid it returns:
    /// the scripted rule and the compiled engine's emitted ones both bid through here.
    /// </summary>
    /// <exception cref="HookException">The hook threw, exceeded its budget, or bid more ether than the bidder holds.</exception>
    public static UInt128 Run<TCall>(HookModel hook, HookOptions options, in ExpressLaneBidSituation situation, TCall call)
        where TCall : struct, IExpressLaneBidHookCall
    {
        ArgumentNullException.ThrowIfNull(options);
        var auction = new ExpressLaneAuctionView(
            situation.Round,
            TimeSpan.FromMicroseconds(situation.RoundStart.Microseconds),
            TimeSpan.FromMicroseconds(situation.Closing.Microseconds),
            TimeSpan.FromMicroseconds(situation.RoundLength.Microseconds),
            situation.Reserve,
            situation.Price == AuctionPrice.Second,
            situation.ArbitrageMev);
        var me = new ExpressLaneBidderView(
            situation.Arbitrageur,
            situation.BaseBalance,
            situation.QuoteBalance,
            (int)situation.BidShareBasisPoints,
            situation.OwnArbitrageMev,
            situation.BuiltInBid);
        var market = new MarketView(situation.Cex.Scaled, situation.ReserveBase, situation.ReserveQuote, situation.FeeBasisPoints, situation.BaseFee, Transaction.SwapGas, false);
        HookCall.Begin(options);
        UInt128 bid;
        try
        {
            bid = call.Invoke(auction, me, market);
        }
        catch (Exception e)
        {
            throw HookCall.Fail(hook, e);
        }

        HookCall.End(hook);
        return situation.Impossible(bid) is { } why
            ? throw new HookException(hook, false, "returned an impossible bid: " + why)
            {
                Hint = "return at most `me.BaseBalance` wei (the bidder's ether), or 0 for no bid",
            }
            : bid;
    }

    private readonly struct Call(Func<ExpressLaneAuctionView, ExpressLaneBidderView, MarketView, UInt128> bid) : IExpressLaneBidHookCall
    {
        public UInt128 Invoke(ExpressLaneAuctionView auction, ExpressLaneBidderView me, MarketView market) => bid(auction, me, market);
    }
}

/// <summary>Calls an express-lane bid hook.</summary>
public interface IExpressLaneBidHookCall
{
    /// <summary>The bid in wei.</summary>
    UInt128 Invoke(ExpressLaneAuctionView auction, ExpressLaneBidderView me, MarketView market);
}
