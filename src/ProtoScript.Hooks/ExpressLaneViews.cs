namespace ProtoScript.Hooks;

/// <summary>
/// The express-lane auction an arbitrageur bids in, as its bid rule sees it a lead (50 ms)
/// before the auction closes.
/// </summary>
/// <param name="Round">The number of the round being sold (round 0 starts with the run and is never sold).</param>
/// <param name="RoundStart">When that round starts.</param>
/// <param name="Closing">When its auction closes; a bid is sent a lead before.</param>
/// <param name="RoundLength">The length of a round.</param>
/// <param name="Reserve">The least bid that can win, in wei.</param>
/// <param name="SecondPrice">True when the winner pays the highest losing bid (at least the reserve), false when it pays its own bid.</param>
/// <param name="ArbitrageMev">The arbitrage profit all arbitrageurs made on the rollup since the previous auction's bids (one round; since the start for the first), in quote units.</param>
public readonly record struct ExpressLaneAuctionView(
    long Round,
    TimeSpan RoundStart,
    TimeSpan Closing,
    TimeSpan RoundLength,
    UInt128 Reserve,
    bool SecondPrice,
    UInt128 ArbitrageMev);

/// <summary>The bidding arbitrageur.</summary>
/// <param name="Index">0 for <c>arb1</c>, 1 for <c>arb2</c>, ...</param>
/// <param name="BaseBalance">Its ether, in wei: it cannot bid more.</param>
/// <param name="QuoteBalance">Its quote token, in the smallest unit.</param>
/// <param name="BidShareBasisPoints">Its bid share: what it bids of the profit it expects, in basis points.</param>
/// <param name="ArbitrageMev">The part of the auction's <c>ArbitrageMev</c> it made itself, in quote units.</param>
/// <param name="BuiltInBid">What the built-in rule bids for it, in wei: its bid share of the auction's <c>ArbitrageMev</c> at the CEX price it sees.</param>
public readonly record struct ExpressLaneBidderView(
    int Index,
    UInt128 BaseBalance,
    UInt128 QuoteBalance,
    int BidShareBasisPoints,
    UInt128 ArbitrageMev,
    UInt128 BuiltInBid);
