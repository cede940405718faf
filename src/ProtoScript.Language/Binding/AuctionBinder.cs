using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>The <c>auction { ... }</c> settings of a rollup ordered by <c>ordering = auction</c>.</summary>
internal sealed class AuctionBinder(BindingState state) : ConstructBinder(state)
{
    /// <summary>The rollup's auction: null unless its ordering is <c>auction</c>; <c>auction { ... }</c> without it is an error.</summary>
    internal AuctionModel? BindAuction(Dictionary<string, EntrySyntax> fields, OrderingRule ordering, string rollup)
    {
        fields.TryGetValue("auction", out var entry);
        if (ordering != OrderingRule.Auction)
        {
            if (entry is not null)
            {
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Head.Span, $"rollup `{rollup}` has an `auction` block but is not ordered by auction", "add `ordering = auction`, or remove the block");
            }

            return null;
        }

        if (entry is null)
        {
            return AuctionModel.FirstPrice;
        }

        return In(entry, () =>
        {
            ExtraArgs(entry, 0, "`auction` takes a block, e.g. `auction { price = second }`");
            if (entry.Body is null)
            {
                Diagnostics.Error(DiagnosticCodes.MissingField, Source, entry.Span, "`auction` needs a block in braces", "write `auction { price = first }` or `auction { price = second }`");
                return AuctionModel.FirstPrice;
            }

            var settings = Entries(entry.Body, SchemaCatalog.Auction, $"in the auction of rollup `{rollup}`");
            if (settings.TryGetValue("price", out var price))
            {
                ReadChoice(price, SchemaCatalog.Auction["price"].Choices);
            }

            return Construct(entry.Body)!.Choice("price") == "second" ? new AuctionModel(AuctionPrice.Second) : AuctionModel.FirstPrice;
        });
    }
}
