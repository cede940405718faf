namespace ProtoScript.Language.Model;

/// <summary>What the winner of a top-of-block auction pays.</summary>
public enum AuctionPrice
{
    /// <summary>First price: the winner pays its own bid.</summary>
    First,

    /// <summary>Second price: the winner pays the highest losing bid (nothing when it bid alone).</summary>
    Second,
}

/// <summary>
/// <c>ordering = auction</c>: before each block, the sequencer sells the block's first position
/// in a sealed-bid auction (bids in wei, paid to the sequencer); the rest of the block is ordered
/// by priority fee. Set with <c>auction { price = first | second }</c>.
/// </summary>
/// <param name="Price">What the winner pays.</param>
public sealed record AuctionModel(AuctionPrice Price)
{
    /// <summary>A first-price auction (the default).</summary>
    public static AuctionModel FirstPrice { get; } = new(AuctionPrice.First);
}
