using System.Collections.Immutable;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mev;
using ProtoScript.Engine.Trading;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Timeboost;

/// <summary>What a rollup's express lane sold and whom it favoured (<see cref="RollupModel.ExpressLane"/>).</summary>
/// <param name="Round">The length of a round.</param>
/// <param name="Closing">How long before its round an auction closed.</param>
/// <param name="Delay">How much later every transaction but the holder's reached the sequencer.</param>
/// <param name="Reserve">The least winning bid, in wei.</param>
/// <param name="Price">The price rule: <c>first</c> or <c>second</c>.</param>
/// <param name="Auctions">Auctions held (closing times the rollup's blocks reached).</param>
/// <param name="RoundsSold">Rounds sold to a holder.</param>
/// <param name="Bids">Bids that counted (sent before the closing).</param>
/// <param name="LateBids">Bids sent at or after the closing, which did not count.</param>
/// <param name="BelowReserve">Counted bids below the reserve.</param>
/// <param name="Revenue">What the holders paid the sequencer, in wei.</param>
/// <param name="PriceP50">The median price paid for a sold round (nearest rank), in wei; 0 when none was sold.</param>
/// <param name="PriceMax">The highest price paid for a round, in wei.</param>
/// <param name="Delayed">Transactions that reached the sequencer the delay late.</param>
/// <param name="QuoteToken">The quote token arbitrage profit is counted in (<c>eth</c> on a rollup without pools).</param>
/// <param name="QuoteDecimals">The quote token's decimals.</param>
/// <param name="HolderProfit">The arbitrageurs' profit made by the holder of the round it was made in, in the quote token's smallest unit.</param>
/// <param name="ArbitrageProfit">All the arbitrageurs' profit (MEV of kind arbitrage they kept), in the quote token's smallest unit.</param>
/// <param name="Arbitrageurs">Each arbitrageur's rounds and arbitrage, in order.</param>
public sealed record ExpressLaneResult(
    SimDuration Round,
    SimDuration Closing,
    SimDuration Delay,
    UInt128 Reserve,
    string Price,
    long Auctions,
    long RoundsSold,
    long Bids,
    long LateBids,
    long BelowReserve,
    UInt128 Revenue,
    UInt128 PriceP50,
    UInt128 PriceMax,
    long Delayed,
    string QuoteToken,
    int QuoteDecimals,
    UInt128 HolderProfit,
    UInt128 ArbitrageProfit,
    ImmutableArray<ExpressLaneArbitrageur> Arbitrageurs)
{
    /// <summary>The holder's share of the arbitrageurs' profit, in basis points (rounded down); 0 when they made none.</summary>
    public ulong HolderShareBasisPoints => ArbitrageProfit == UInt128.Zero ? 0 : (ulong)(HolderProfit * 10_000 / ArbitrageProfit);

    /// <inheritdoc />
    public bool Equals(ExpressLaneResult? other) =>
        other is not null
        && Round == other.Round && Closing == other.Closing && Delay == other.Delay && Reserve == other.Reserve && Price == other.Price
        && Auctions == other.Auctions && RoundsSold == other.RoundsSold && Bids == other.Bids && LateBids == other.LateBids
        && BelowReserve == other.BelowReserve && Revenue == other.Revenue && PriceP50 == other.PriceP50 && PriceMax == other.PriceMax
        && Delayed == other.Delayed && QuoteToken == other.QuoteToken && QuoteDecimals == other.QuoteDecimals && HolderProfit == other.HolderProfit && ArbitrageProfit == other.ArbitrageProfit
        && Arbitrageurs.AsSpan().SequenceEqual(other.Arbitrageurs.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Auctions, RoundsSold, Revenue, Delayed);
}

/// <summary>One arbitrageur's part in the express lane.</summary>
/// <param name="Name">The arbitrageur (e.g. <c>arb2</c>).</param>
/// <param name="RoundsWon">Rounds it held.</param>
/// <param name="Paid">What it paid for them, in wei.</param>
/// <param name="Arbitrages">Its profitable arbitrages.</param>
/// <param name="Profit">The arbitrage profit it kept, in the quote token's smallest unit.</param>
/// <param name="ProfitShareBasisPoints">Its share of all the arbitrageurs' profit, in basis points (rounded down).</param>
public readonly record struct ExpressLaneArbitrageur(string Name, long RoundsWon, UInt128 Paid, long Arbitrages, UInt128 Profit, ulong ProfitShareBasisPoints);

/// <summary>Turns a rollup's express lane into its result.</summary>
internal static class ExpressLaneCollector
{
    public static ExpressLaneResult? Collect(RollupChain chain)
    {
        if (chain.ExpressLane is not { } lane)
        {
            return null;
        }

        var prices = lane.Prices.Order().ToList();
        var (holder, all) = lane.ArbitrageProfit();
        var market = chain.Market;
        var arbitrageurs = ImmutableArray.CreateBuilder<ExpressLaneArbitrageur>();
        var winners = lane.Winners.ToDictionary(w => w.Account, w => (w.Rounds, w.Paid));
        for (var a = 0; a < (market?.Arbitrageurs ?? 0); a++)
        {
            var name = RollupMarket.ArbitrageurName(a);
            var captor = new MevCaptor(MevCaptorRole.Arbitrageur, name);
            var total = market!.Mev.ByCaptor().FirstOrDefault(c => c.Captor == captor);
            var (rounds, paid) = winners.GetValueOrDefault(market.FirstArbitrageur + a);
            arbitrageurs.Add(new ExpressLaneArbitrageur(
                name,
                rounds,
                paid,
                total.Events,
                total.Amount,
                all == UInt128.Zero ? 0 : (ulong)(total.Amount * 10_000 / all)));
        }

        return new ExpressLaneResult(
            lane.Model.Round,
            lane.Model.Closing,
            lane.Model.Delay,
            lane.Model.Reserve,
            lane.Model.Price == AuctionPrice.First ? "first" : "second",
            lane.Auctions,
            prices.Count,
            lane.Auction.Bids,
            lane.Auction.LateBids,
            lane.Auction.BelowReserve,
            lane.Revenue,
            prices.Count == 0 ? UInt128.Zero : prices[((prices.Count + 1) / 2) - 1],
            prices.Count == 0 ? UInt128.Zero : prices[^1],
            lane.Delayed,
            market is not null ? market.Setup.NameOf(QuoteAsset(market)) : "eth",
            market is not null ? market.Setup.DecimalsOf(QuoteAsset(market)) : 18,
            holder,
            all,
            arbitrageurs.ToImmutable());
    }

    private static int QuoteAsset(RollupMarket market) => market.Pools.Count > 0 ? market.QuoteAsset(0) : MarketSetup.Ether;
}
