using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Trading;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Auction;

/// <summary>Turns a rollup's auction counters into its result.</summary>
internal static class AuctionCollector
{
    public static AuctionResult? Collect(RollupChain chain)
    {
        if (chain.Auction is not { } auction)
        {
            return null;
        }

        var market = chain.Market;
        return new AuctionResult(
            auction.Model.Price == AuctionPrice.First ? "first" : "second",
            auction.Bids,
            auction.Auctions,
            auction.Sold,
            auction.Invalid,
            auction.Revenue,
            auction.WinningBids,
            [.. auction.Winners.Select(w => new AuctionWinner(
                market is not null && market.IsArbitrageur(w.Account) ? RollupMarket.ArbitrageurName(w.Account - market.FirstArbitrageur) : "account " + w.Account.ToString(System.Globalization.CultureInfo.InvariantCulture),
                w.Wins,
                w.Paid))]);
    }
}
