using System.Text.Json;
using ProtoScript.Engine.Auction;
using ProtoScript.Language.Model;

namespace ProtoScript.Reporting;

/// <summary>The <c>auction</c> section of a rollup's report (<c>ordering = auction</c>), in text and JSON.</summary>
internal static class AuctionReportSection
{
    public static void WriteText(AlignedText text, AuctionResult auction)
    {
        text.Heading(1, "auction (sealed bids for the first position of each block, " + auction.Price + " price)");
        text.Row(2, "bids", ReportFormat.Integer(auction.Bids));
        text.Row(2, "blocks with bids", ReportFormat.Integer(auction.Auctions));
        text.Row(2, "positions sold", ReportFormat.Integer(auction.Sold));
        text.Row(2, "bids passed over", ReportFormat.Integer(auction.Invalid));
        text.Row(2, "winning bids", ReportFormat.EtherAndGwei(auction.WinningBids));
        text.Row(2, "revenue to sequencer", ReportFormat.EtherAndGwei(auction.Revenue));
        text.Heading(2, "winners");
        foreach (var w in auction.Winners)
        {
            text.Row(3, w.Name, ReportFormat.Integer(w.Wins) + " wins, paid " + Wei.FormatGwei(w.Paid));
        }
    }

    public static void WriteJson(Utf8JsonWriter json, AuctionResult auction)
    {
        json.WriteStartObject("auction");
        json.WriteString("price", auction.Price);
        json.WriteNumber("bids", auction.Bids);
        json.WriteNumber("blocksWithBids", auction.Auctions);
        json.WriteNumber("positionsSold", auction.Sold);
        json.WriteNumber("bidsPassedOver", auction.Invalid);
        json.WriteString("winningBidsWei", ReportFormat.Integer(auction.WinningBids));
        json.WriteString("revenueWei", ReportFormat.Integer(auction.Revenue));
        json.WriteStartArray("winners");
        foreach (var w in auction.Winners)
        {
            json.WriteStartObject();
            json.WriteString("name", w.Name);
            json.WriteNumber("wins", w.Wins);
            json.WriteString("paidWei", ReportFormat.Integer(w.Paid));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
