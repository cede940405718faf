using ProtoScript.Engine.Timeboost;
using ProtoScript.Language.Model;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using M = ProtoScript.Language.Model.ReportMetrics;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>
/// The <c>express_lane</c> section of a rollup's report (Timeboost): the rounds sold and what they
/// brought the sequencer, the delay every other transaction paid, and how much of the
/// arbitrageurs' profit the holders made.
/// </summary>
internal static class ExpressLaneReportSection
{
    public static readonly SectionLayout<ExpressLaneResult> Layout = Sections.Section<ExpressLaneResult>(
            "express_lane",
            e => "express lane (rounds of " + ReportFormat.Seconds(e.Round) + ", auction closes " + ReportFormat.Seconds(e.Closing) + " before, " + e.Price + " price, delay " + e.Delay + ")",
            "expressLane")
        .Row("round", null, "roundMicroseconds", K.Duration, e => V.Duration(e.Round))
        .Row("closing", null, "closingMicroseconds", K.Duration, e => V.Duration(e.Closing))
        .Row("delay", null, "delayMicroseconds", K.Duration, e => V.Duration(e.Delay))
        .Row("price", null, "price", K.Text, e => V.Of(e.Price))
        .Row("reserve", "reserve price", "reserveWei", K.Wei, e => V.Wei(e.Reserve, TextStyle.Ether))
        .Row(M.ExpressLaneRounds, "rounds auctioned", "rounds", K.Count, e => V.Count(e.Auctions))
        .Row(M.ExpressLaneRoundsSold, "rounds sold", "roundsSold", K.Count, e => V.Count(e.RoundsSold))
        .Row("bids", "bids", "bids", K.Count, e => V.Count(e.Bids))
        .Row("late_bids", "late bids (after the closing)", "lateBids", K.Count, e => V.Count(e.LateBids))
        .Row("below_reserve", "bids below the reserve", "belowReserve", K.Count, e => V.Count(e.BelowReserve))
        .Row(M.ExpressLaneRevenue, "revenue (to the sequencer)", "revenueWei", K.Wei, e => V.Wei(e.Revenue, TextStyle.EtherAndGwei))
        .Row("price_p50", "price paid p50", "pricePaidP50Wei", K.Wei, e => V.Wei(e.PriceP50, TextStyle.Ether))
        .Row("price_max", "price paid max", "pricePaidMaxWei", K.Wei, e => V.Wei(e.PriceMax, TextStyle.Ether))
        .Row(M.ExpressLaneDelayed, "transactions delayed", "delayed", K.Count, e => V.Count(e.Delayed))
        .Row("quote_token", null, "quoteToken", K.Text, e => V.Of(e.QuoteToken))
        .Row("holder_profit", "holders' arbitrage profit", "holderProfitQuoteUnits", K.Token, e => V.Token(e.HolderProfit, e.QuoteDecimals, e.QuoteToken))
        .Row("arbitrage_profit", "all arbitrageurs' profit", "arbitrageProfitQuoteUnits", K.Token, e => V.Token(e.ArbitrageProfit, e.QuoteDecimals, e.QuoteToken))
        .Row(M.ExpressLaneHolderShare, "holder's share of it", "holderShareBasisPoints", K.BasisPoints, e => V.BasisPoints(e.HolderShareBasisPoints))
        .Add(new SectionLayout<ExpressLaneResult>("arbitrageurs", _ => "arbitrageurs", TextShape.Heading, "arbitrageurs", JsonShape.Array)
            .Each(e => e.Arbitrageurs, new SectionLayout<ExpressLaneArbitrageur>("arbitrageur", null, TextShape.Transparent, null, JsonShape.Object) { ItemKey = a => a.Name }
                .RowLabelled("summary", a => a.Name, null, K.Text, a => V.Of(
                    ReportFormat.Integer(a.RoundsWon) + " rounds won, paid " + Wei.FormatEther(a.Paid) + "; " + ReportFormat.Integer(a.Arbitrages)
                    + " profitable arbitrages, " + ReportFormat.Ratio(a.ProfitShareBasisPoints, 100) + " % of the profit"))
                .Row("name", null, "name", K.Text, a => V.Of(a.Name))
                .Row("rounds_won", null, "roundsWon", K.Count, a => V.Count(a.RoundsWon))
                .Row("paid", null, "paidWei", K.Wei, a => V.Wei(a.Paid, TextStyle.Ether))
                .Row("arbitrages", null, "arbitrages", K.Count, a => V.Count(a.Arbitrages))
                .Row("profit", null, "profitQuoteUnits", K.Token, a => V.Token(a.Profit, 0, "units"))
                .Row("profit_share", null, "profitShareBasisPoints", K.BasisPoints, a => V.BasisPoints(a.ProfitShareBasisPoints))));
}
