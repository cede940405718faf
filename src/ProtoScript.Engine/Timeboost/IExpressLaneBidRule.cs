using ProtoScript.Engine.Markets;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Timeboost;

/// <summary>
/// What one arbitrageur knows when it bids for a round of a rollup's express lane, a lead before
/// the auction closes: the auction, itself, the arbitrage the rollup yielded over the last round,
/// and the market as it sees it.
/// </summary>
/// <param name="Round">The round being sold.</param>
/// <param name="RoundStart">When that round starts.</param>
/// <param name="Closing">When its auction closes.</param>
/// <param name="RoundLength">The length of a round.</param>
/// <param name="Reserve">The least bid that can win, in wei.</param>
/// <param name="Price">What the winner pays.</param>
/// <param name="Arbitrageur">The bidder: 0 for <c>arb1</c>, 1 for <c>arb2</c>, ...</param>
/// <param name="BaseBalance">Its ether, in wei.</param>
/// <param name="QuoteBalance">Its quote token, in the smallest unit.</param>
/// <param name="BidShareBasisPoints">Its bid share: what it bids of the profit it expects.</param>
/// <param name="ArbitrageMev">The arbitrage profit all arbitrageurs made on the rollup since the previous auction's bids, in quote units.</param>
/// <param name="OwnArbitrageMev">The part of it this arbitrageur made.</param>
/// <param name="Cex">The CEX price it sees.</param>
/// <param name="ReserveBase">The first pool's base reserve, in wei.</param>
/// <param name="ReserveQuote">The first pool's quote reserve, in quote units.</param>
/// <param name="FeeBasisPoints">The first pool's fee.</param>
/// <param name="BaseFee">The rollup's base fee per gas, in wei.</param>
/// <param name="BuiltInBid">What the built-in rule bids for it, in wei.</param>
public readonly record struct ExpressLaneBidSituation(
    long Round,
    SimDuration RoundStart,
    SimDuration Closing,
    SimDuration RoundLength,
    UInt128 Reserve,
    AuctionPrice Price,
    int Arbitrageur,
    UInt128 BaseBalance,
    UInt128 QuoteBalance,
    uint BidShareBasisPoints,
    UInt128 ArbitrageMev,
    UInt128 OwnArbitrageMev,
    FixedPrice Cex,
    UInt128 ReserveBase,
    UInt128 ReserveQuote,
    int FeeBasisPoints,
    UInt128 BaseFee,
    UInt128 BuiltInBid)
{
    /// <summary>Why <paramref name="bid"/> cannot be sent (more ether than the bidder holds), or null when it can.</summary>
    public string? Impossible(UInt128 bid) =>
        bid > BaseBalance ? FormattableString.Invariant($"a bid of {bid} wei while holding {BaseBalance}") : null;
}

/// <summary>
/// The bid rule of a rollup's arbitrageurs for its express lane (<c>express_lane { bid = csharp ... }</c>),
/// replacing the built-in rule of <see cref="ExpressLaneBidders"/>.
/// </summary>
public interface IExpressLaneBidRule
{
    /// <summary>The bid in wei for the round; zero sends no bid.</summary>
    UInt128 Bid(in ExpressLaneBidSituation situation);
}
