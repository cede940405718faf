using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>The <c>auction { ... }</c> settings of a rollup ordered by <c>ordering = auction</c>.</summary>
public sealed partial class ScenarioBinder
{
    private static readonly string[] AuctionFields = ["price"];
    private static readonly string[] AuctionPriceChoices = ["first", "second"];

    /// <summary>The rollup's auction: null unless its ordering is <c>auction</c>; <c>auction { ... }</c> without it is an error.</summary>
    private AuctionModel? BindAuction(Dictionary<string, EntrySyntax> fields, OrderingRule ordering, string rollup)
    {
        fields.TryGetValue("auction", out var entry);
        if (ordering != OrderingRule.Auction)
        {
            if (entry is not null)
            {
                _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, entry.Head.Span, $"rollup `{rollup}` has an `auction` block but is not ordered by auction", "add `ordering = auction`, or remove the block");
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
                _diagnostics.Error(DiagnosticCodes.MissingField, _source, entry.Span, "`auction` needs a block in braces", "write `auction { price = first }` or `auction { price = second }`");
                return AuctionModel.FirstPrice;
            }

            var settings = Entries(entry.Body, AuctionFields, $"in the auction of rollup `{rollup}`");
            return settings.TryGetValue("price", out var price) && ReadChoice(price, AuctionPriceChoices) == "second"
                ? new AuctionModel(AuctionPrice.Second)
                : AuctionModel.FirstPrice;
        });
    }
}
