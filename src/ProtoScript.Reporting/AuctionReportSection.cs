using ProtoScript.Engine.Auction;
using ProtoScript.Language.Model;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>The <c>auction</c> section of a rollup's report (<c>ordering = auction</c>).</summary>
internal static class AuctionReportSection
{
    public static readonly SectionLayout<AuctionResult> Layout = Sections.Section<AuctionResult>("auction", a => "auction (sealed bids for the first position of each block, " + a.Price + " price)", "auction")
        .Row("price", null, "price", K.Text, a => V.Of(a.Price))
        .Row("bids", "bids", "bids", K.Count, a => V.Count(a.Bids))
        .Row("blocks_with_bids", "blocks with bids", "blocksWithBids", K.Count, a => V.Count(a.Auctions))
        .Row("positions_sold", "positions sold", "positionsSold", K.Count, a => V.Count(a.Sold))
        .Row("bids_passed_over", "bids passed over", "bidsPassedOver", K.Count, a => V.Count(a.Invalid))
        .Row("winning_bids", "winning bids", "winningBidsWei", K.Wei, a => V.Wei(a.WinningBids, TextStyle.EtherAndGwei))
        .Row("revenue", "revenue to sequencer", "revenueWei", K.Wei, a => V.Wei(a.Revenue, TextStyle.EtherAndGwei))
        .Add(new SectionLayout<AuctionResult>("winners", _ => "winners", TextShape.Heading, "winners", JsonShape.Array)
            .Each(a => a.Winners, new SectionLayout<AuctionWinner>("winner", null, TextShape.Transparent, null, JsonShape.Object) { ItemKey = w => w.Name }
                .RowLabelled("summary", w => w.Name, null, K.Text, w => V.Of(ReportFormat.Integer(w.Wins) + " wins, paid " + Wei.FormatGwei(w.Paid)))
                .Row("name", null, "name", K.Text, w => V.Of(w.Name))
                .Row("wins", null, "wins", K.Count, w => V.Count(w.Wins))
                .Row("paid", null, "paidWei", K.Wei, w => V.Wei(w.Paid, TextStyle.Gwei))));
}
