using System.Text.Json;
using ProtoScript.Engine.Results;

namespace ProtoScript.Reporting;

/// <summary>The <c>trading</c> section of a rollup's report, in text and JSON.</summary>
internal static class TradingReportSection
{
    public static void WriteText(AlignedText text, TradingResult trading)
    {
        text.Heading(1, "trading");
        var swaps = trading.Swaps;
        text.Heading(2, "swaps");
        text.Row(3, "submitted", ReportFormat.Integer(swaps.Submitted));
        text.Row(3, "included", ReportFormat.Integer(swaps.Included));
        text.Row(3, "rejected", ReportFormat.Integer(swaps.RejectedTotal));
        foreach (var r in swaps.Rejected)
        {
            text.Row(4, r.Reason, ReportFormat.Integer(r.Count));
        }

        text.Heading(2, "arbitrages");
        text.Row(3, "submitted", ReportFormat.Integer(trading.ArbitragesSubmitted));
        text.Row(3, "included", ReportFormat.Integer(trading.ArbitragesIncluded));
        text.Row(3, "unprofitable", ReportFormat.Integer(trading.ArbitragesUnprofitable));
        text.Row(3, "losses", TokenFormat.Token(trading.ArbitrageLosses, trading.Mev.QuoteDecimals, trading.Mev.QuoteToken));
        foreach (var pool in trading.Pools)
        {
            text.Heading(2, "pool " + pool.Name);
            text.Row(3, "fee", ReportFormat.Integer((long)pool.FeeBasisPoints) + " bp");
            text.Row(3, "swaps", ReportFormat.Integer(pool.Swaps));
            text.Row(3, "reserve " + pool.BaseToken, TokenFormat.Token(pool.ReserveBase, pool.BaseDecimals, pool.BaseToken));
            text.Row(3, "reserve " + pool.QuoteToken, TokenFormat.Token(pool.ReserveQuote, pool.QuoteDecimals, pool.QuoteToken));
            text.Row(3, "price", TokenFormat.Token(pool.PriceInQuoteUnits, pool.QuoteDecimals, pool.QuoteToken));
        }

        if (trading.Cex is { } cex)
        {
            text.Heading(2, "cex price");
            text.Row(3, "start", TokenFormat.Token(cex.Start, cex.QuoteDecimals, cex.QuoteToken));
            text.Row(3, "end", TokenFormat.Token(cex.End, cex.QuoteDecimals, cex.QuoteToken));
            text.Heading(2, "price gap (|pool − cex| / cex)");
            text.Row(3, "blocks", ReportFormat.Integer(trading.GapBefore.Samples));
            text.Row(3, "mean before block", ReportFormat.Integer(trading.GapBefore.MeanAbsoluteBasisPoints) + " bp");
            text.Row(3, "max before block", ReportFormat.Integer(trading.GapBefore.MaxAbsoluteBasisPoints) + " bp");
            text.Row(3, "mean after block", ReportFormat.Integer(trading.GapAfter.MeanAbsoluteBasisPoints) + " bp");
            text.Row(3, "max after block", ReportFormat.Integer(trading.GapAfter.MaxAbsoluteBasisPoints) + " bp");
        }

        var mev = trading.Mev;
        text.Heading(2, "mev");
        text.Row(3, "total", TokenFormat.Token(mev.Total, mev.QuoteDecimals, mev.QuoteToken));
        text.Row(3, "net of losses", TokenFormat.SignedToken(trading.MevNet, mev.QuoteDecimals, mev.QuoteToken));
        text.Row(3, "blocks with mev", ReportFormat.Integer(mev.BlocksWithMev));
        text.Heading(3, "by kind");
        foreach (var k in mev.ByKind)
        {
            text.Row(4, k.Name, TokenFormat.Token(k.Amount, mev.QuoteDecimals, mev.QuoteToken));
        }

        text.Heading(3, "by captor");
        foreach (var c in mev.ByCaptor)
        {
            text.Row(4, c.Name, TokenFormat.Token(c.Amount, mev.QuoteDecimals, mev.QuoteToken));
        }

        foreach (var t in trading.Tokens)
        {
            text.Heading(2, "supply " + t.Token);
            text.Row(3, "at genesis", TokenFormat.Token(t.Genesis, t.Decimals, t.Token));
            text.Row(3, "at end", TokenFormat.Token(t.End, t.Decimals, t.Token));
            text.Row(3, "conserved", t.Conserved ? "yes" : "NO");
        }
    }

    public static void WriteJson(Utf8JsonWriter json, TradingResult trading)
    {
        json.WriteStartObject("trading");
        var swaps = trading.Swaps;
        json.WriteStartObject("swaps");
        json.WriteNumber("submitted", swaps.Submitted);
        json.WriteNumber("included", swaps.Included);
        json.WriteNumber("rejected", swaps.RejectedTotal);
        json.WriteStartObject("rejectedByReason");
        foreach (var r in swaps.Rejected)
        {
            json.WriteNumber(r.Reason, r.Count);
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("arbitrages");
        json.WriteNumber("submitted", trading.ArbitragesSubmitted);
        json.WriteNumber("included", trading.ArbitragesIncluded);
        json.WriteNumber("unprofitable", trading.ArbitragesUnprofitable);
        json.WriteString("lossesQuoteUnits", ReportFormat.Integer(trading.ArbitrageLosses));
        json.WriteEndObject();

        json.WriteStartArray("pools");
        foreach (var pool in trading.Pools)
        {
            json.WriteStartObject();
            json.WriteString("name", pool.Name);
            json.WriteString("baseToken", pool.BaseToken);
            json.WriteString("quoteToken", pool.QuoteToken);
            json.WriteNumber("feeBasisPoints", pool.FeeBasisPoints);
            json.WriteNumber("swaps", pool.Swaps);
            json.WriteString("reserveBase", ReportFormat.Integer(pool.ReserveBase));
            json.WriteString("reserveQuote", ReportFormat.Integer(pool.ReserveQuote));
            json.WriteString("priceQuoteUnits", ReportFormat.Integer(pool.PriceInQuoteUnits));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (trading.Cex is { } cex)
        {
            json.WriteStartObject("cex");
            json.WriteString("quoteToken", cex.QuoteToken);
            json.WriteString("startPriceQuoteUnits", ReportFormat.Integer(cex.Start));
            json.WriteString("endPriceQuoteUnits", ReportFormat.Integer(cex.End));
            json.WriteEndObject();
            json.WriteStartObject("priceGapBasisPoints");
            json.WriteNumber("samples", trading.GapBefore.Samples);
            json.WriteNumber("meanBefore", trading.GapBefore.MeanAbsoluteBasisPoints);
            json.WriteNumber("maxBefore", trading.GapBefore.MaxAbsoluteBasisPoints);
            json.WriteNumber("meanAfter", trading.GapAfter.MeanAbsoluteBasisPoints);
            json.WriteNumber("maxAfter", trading.GapAfter.MaxAbsoluteBasisPoints);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("cex");
            json.WriteNull("priceGapBasisPoints");
        }

        var mev = trading.Mev;
        json.WriteStartObject("mev");
        json.WriteString("quoteToken", mev.QuoteToken);
        json.WriteString("totalQuoteUnits", ReportFormat.Integer(mev.Total));
        json.WriteString("netQuoteUnits", trading.MevNet.ToString(System.Globalization.CultureInfo.InvariantCulture));
        json.WriteNumber("blocksWithMev", mev.BlocksWithMev);
        json.WriteStartObject("byKindQuoteUnits");
        foreach (var k in mev.ByKind)
        {
            json.WriteString(k.Name, ReportFormat.Integer(k.Amount));
        }

        json.WriteEndObject();
        json.WriteStartObject("byCaptorQuoteUnits");
        foreach (var c in mev.ByCaptor)
        {
            json.WriteString(c.Name, ReportFormat.Integer(c.Amount));
        }

        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartArray("tokenSupply");
        foreach (var t in trading.Tokens)
        {
            json.WriteStartObject();
            json.WriteString("token", t.Token);
            json.WriteNumber("decimals", t.Decimals);
            json.WriteString("genesis", ReportFormat.Integer(t.Genesis));
            json.WriteString("end", ReportFormat.Integer(t.End));
            json.WriteBoolean("conserved", t.Conserved);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
