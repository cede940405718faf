using System.Collections.Immutable;

namespace ProtoScript.Engine.Auction;

/// <summary>What one rollup's top-of-block auction sold (<c>ordering = auction</c>).</summary>
/// <param name="Price">The pricing rule: <c>first</c> or <c>second</c>.</param>
/// <param name="Bids">Sealed bids received.</param>
/// <param name="Auctions">Blocks with at least one bid.</param>
/// <param name="Sold">Blocks whose first position was sold.</param>
/// <param name="Invalid">Top bids passed over because their sender could not pay or the block had no room.</param>
/// <param name="Revenue">What winners paid the sequencer, in wei.</param>
/// <param name="WinningBids">The sum of the winning bids, in wei (equal to <paramref name="Revenue"/> in a first-price auction).</param>
/// <param name="Winners">Who won, by name, in account order.</param>
public sealed record AuctionResult(
    string Price,
    long Bids,
    long Auctions,
    long Sold,
    long Invalid,
    UInt128 Revenue,
    UInt128 WinningBids,
    ImmutableArray<AuctionWinner> Winners)
{
    /// <inheritdoc />
    public bool Equals(AuctionResult? other) =>
        other is not null
        && Price == other.Price
        && Bids == other.Bids
        && Auctions == other.Auctions
        && Sold == other.Sold
        && Invalid == other.Invalid
        && Revenue == other.Revenue
        && WinningBids == other.WinningBids
        && Winners.AsSpan().SequenceEqual(other.Winners.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Price, Bids, Sold, Revenue);
}

/// <summary>One searcher's wins in an auction.</summary>
/// <param name="Name">The searcher (e.g. <c>arb2</c>).</param>
/// <param name="Wins">Positions it bought.</param>
/// <param name="Paid">What it paid for them, in wei.</param>
public readonly record struct AuctionWinner(string Name, long Wins, UInt128 Paid);
