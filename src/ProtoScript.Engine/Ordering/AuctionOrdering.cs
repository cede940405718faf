using ProtoScript.Engine.Mempool;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Ordering;

/// <summary>
/// The mempool order of a rollup whose first block position is auctioned
/// (<c>ordering = auction</c>): the auction's winner goes first
/// (<see cref="Auction.TopOfBlockAuction"/>); everything after it is ordered like
/// <see cref="PriorityFeeOrdering"/>.
/// </summary>
public sealed class AuctionOrdering : IOrderingRule
{
    /// <summary>The key this rule is registered under.</summary>
    public const string Key = "auction";

    private static readonly PriorityFeeOrdering Rest = new();

    /// <inheritdoc />
    public string Name => Key;

    /// <inheritdoc />
    public int Compare(in Transaction x, in Transaction y) => Rest.Compare(in x, in y);
}

/// <content>Registers <see cref="AuctionOrdering"/> as the built-in <see cref="OrderingRule.Auction"/> rule.</content>
public static partial class BuiltInOrderings
{
    private static readonly bool AuctionRegistered = Register(new(OrderingRule.Auction, AuctionOrdering.Key, _ => new AuctionOrdering()));
}
