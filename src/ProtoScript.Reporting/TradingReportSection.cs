using ProtoScript.Engine.Results;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using M = ProtoScript.Language.Model.ReportMetrics;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>The <c>trading</c> section of a rollup's report: swaps, arbitrages, pools, the CEX, MEV and token supplies.</summary>
internal static class TradingReportSection
{
    public static readonly SectionLayout<TradingResult> Layout = Sections.Section<TradingResult>("trading", "trading", "trading")
        .Add(Sections.Section<TradingResult>("swaps", "swaps (users' and searchers')", "swaps")
            .Row(M.SwapsSubmitted, "submitted", "submitted", K.Count, t => V.Count(t.Swaps.Submitted))
            .Row(M.SwapsIncluded, "included", "included", K.Count, t => V.Count(t.Swaps.Included))
            .Row(M.SwapsRejected, "rejected", "rejected", K.Count, t => V.Count(t.Swaps.RejectedTotal)))
        .Nest(t => t.UserSwaps, SwapKind("swaps.user", "user swaps", "userSwaps", M.UserSwapsSubmitted, M.UserSwapsIncluded, M.UserSwapsRejected))

        // A searcher that loses the race for a gap reverts on its price limit: the heading says so.
        .Nest(t => t.ArbitrageSwaps, SwapKind("swaps.arb", "arbitrage swaps (searchers'; a lost race reverts as slippage_exceeded)", "arbitrageSwaps", M.ArbitrageSwapsSubmitted, M.ArbitrageSwapsIncluded, M.ArbitrageSwapsRejected))
        .Add(Sections.Section<TradingResult>("arbitrages", "arbitrages", "arbitrages")
            .Row("submitted", "submitted", "submitted", K.Count, t => V.Count(t.ArbitragesSubmitted))
            .Row(M.Arbitrages, "included", "included", K.Count, t => V.Count(t.ArbitragesIncluded))
            .Row(M.ArbitragesUnprofitable, "unprofitable", "unprofitable", K.Count, t => V.Count(t.ArbitragesUnprofitable))
            .Row(M.ArbitrageLosses, "losses", "lossesQuoteUnits", K.Token, t => V.Token(t.ArbitrageLosses, t.Mev.QuoteDecimals, t.Mev.QuoteToken)))
        .Add(new SectionLayout<TradingResult>("pools", null, TextShape.Transparent, "pools", JsonShape.Array)
            .Each(t => t.Pools, Pool))
        .Add(new SectionLayout<TradingResult>("cex", _ => "cex price", TextShape.Heading, "cex", JsonShape.Object) { When = t => t.Cex is not null, OrNull = true }
            .Row("quote_token", null, "quoteToken", K.Text, t => V.Of(t.Cex!.Value.QuoteToken))
            .Row("start", "start", "startPriceQuoteUnits", K.Token, t => V.Token(t.Cex!.Value.Start, t.Cex.Value.QuoteDecimals, t.Cex.Value.QuoteToken))
            .Row("end", "end", "endPriceQuoteUnits", K.Token, t => V.Token(t.Cex!.Value.End, t.Cex.Value.QuoteDecimals, t.Cex.Value.QuoteToken)))
        .Add(new SectionLayout<TradingResult>("price_gap", _ => "price gap (|pool − cex| / cex)", TextShape.Heading, "priceGapBasisPoints", JsonShape.Object) { When = t => t.Cex is not null, OrNull = true }
            .Row("samples", "blocks", "samples", K.Count, t => V.Count(t.GapBefore.Samples))
            .Row(M.PriceGapMean, "mean before block", "meanBefore", K.BasisPoints, t => V.BasisPoints(t.GapBefore.MeanAbsoluteBasisPoints))
            .Row(M.PriceGapMax, "max before block", "maxBefore", K.BasisPoints, t => V.BasisPoints(t.GapBefore.MaxAbsoluteBasisPoints))
            .Row("mean_after", "mean after block", "meanAfter", K.BasisPoints, t => V.BasisPoints(t.GapAfter.MeanAbsoluteBasisPoints))
            .Row("max_after", "max after block", "maxAfter", K.BasisPoints, t => V.BasisPoints(t.GapAfter.MaxAbsoluteBasisPoints)))

        // Without a CEX the gap has no section, but the metrics still read what the run measured.
        .Metric(M.PriceGapMean, K.BasisPoints, t => V.BasisPoints(t.GapBefore.MeanAbsoluteBasisPoints), when: t => t.Cex is null)
        .Metric(M.PriceGapMax, K.BasisPoints, t => V.BasisPoints(t.GapBefore.MaxAbsoluteBasisPoints), when: t => t.Cex is null)
        .Add(Sections.Section<TradingResult>("mev", "mev", "mev")
            .Row("quote_token", null, "quoteToken", K.Text, t => V.Of(t.Mev.QuoteToken))
            .Row(M.MevTotal, "total", "totalQuoteUnits", K.Token, t => Quote(t, t.Mev.Total))
            .Row(M.MevNet, "net of losses", "netQuoteUnits", K.Token, t => V.SignedToken(t.MevNet, t.Mev.QuoteDecimals, t.Mev.QuoteToken))
            .Row("blocks_with_mev", "blocks with mev", "blocksWithMev", K.Count, t => V.Count(t.Mev.BlocksWithMev))
            .Add(new SectionLayout<TradingResult>("by_kind", _ => "by kind", TextShape.Heading, "byKindQuoteUnits", JsonShape.Object)
                .Each(t => t.Mev.ByKind.Select(k => (Trading: t, Amount: k)), MevAmount))
            .Add(new SectionLayout<TradingResult>("by_captor", _ => "by captor", TextShape.Heading, "byCaptorQuoteUnits", JsonShape.Object)
                .Each(t => t.Mev.ByCaptor.Select(c => (Trading: t, Amount: c)), MevAmount))

            // Sums over kinds and captors that the report does not show as rows of their own.
            .Metric(M.MevArbitrage, K.Token, t => Quote(t, t.Mev.OfKind("arbitrage")))
            .Metric(M.MevArbitrageurs, K.Token, t => Quote(t, t.Mev.OfRole("arbitrageur")))
            .Metric(M.MevSequencer, K.Token, t => Quote(t, t.Mev.OfRole("sequencer"))))
        .Add(new SectionLayout<TradingResult>("token_supply", null, TextShape.Transparent, "tokenSupply", JsonShape.Array)
            .Each(t => t.Tokens, TokenSupplyLayout));

    private static SectionLayout<SwapCounts> SwapKind(string key, string heading, string json, Language.Model.MetricDefinition submitted, Language.Model.MetricDefinition included, Language.Model.MetricDefinition rejected) =>
        Sections.Section<SwapCounts>(key, heading, json)
            .Row(submitted, "submitted", "submitted", K.Count, s => V.Count(s.Submitted))
            .Row(included, "included", "included", K.Count, s => V.Count(s.Included))
            .Row(rejected, "rejected", "rejected", K.Count, s => V.Count(s.RejectedTotal))
            .Nest(s => s.Rejected, RollupReportSection.Rejections);

    private static SectionLayout<PoolResult> Pool => new SectionLayout<PoolResult>("pool", p => "pool " + p.Name, TextShape.Heading, null, JsonShape.Object) { ItemKey = p => "pools." + p.Name }
        .Row("name", null, "name", K.Text, p => V.Of(p.Name))
        .Row("base_token", null, "baseToken", K.Text, p => V.Of(p.BaseToken))
        .Row("quote_token", null, "quoteToken", K.Text, p => V.Of(p.QuoteToken))
        .Row("fee", "fee", "feeBasisPoints", K.BasisPoints, p => V.BasisPoints(p.FeeBasisPoints))
        .Row("swaps", "swaps", "swaps", K.Count, p => V.Count(p.Swaps))
        .RowLabelled("reserve_base", p => "reserve " + p.BaseToken, "reserveBase", K.Token, p => V.Token(p.ReserveBase, p.BaseDecimals, p.BaseToken))
        .RowLabelled("reserve_quote", p => "reserve " + p.QuoteToken, "reserveQuote", K.Token, p => V.Token(p.ReserveQuote, p.QuoteDecimals, p.QuoteToken))
        .Row("price", "price", "priceQuoteUnits", K.Token, p => V.Token(p.PriceInQuoteUnits, p.QuoteDecimals, p.QuoteToken));

    private static RowLayout<(TradingResult Trading, Engine.Results.MevAmount Amount)> MevAmount =>
        ItemLayout.Row<(TradingResult Trading, Engine.Results.MevAmount Amount)>(m => m.Amount.Name, m => m.Amount.Name, m => m.Amount.Name, K.Token, m => Quote(m.Trading, m.Amount.Amount));

    private static SectionLayout<TokenSupply> TokenSupplyLayout => new SectionLayout<TokenSupply>("supply", t => "supply " + t.Token, TextShape.Heading, null, JsonShape.Object) { ItemKey = t => "token_supply." + t.Token }
        .Row("token", null, "token", K.Text, t => V.Of(t.Token))
        .Row("decimals", null, "decimals", K.Count, t => V.Count(t.Decimals))
        .Row("genesis", "at genesis", "genesis", K.Token, t => V.Token(t.Genesis, t.Decimals, t.Token))
        .Row("end", "at end", "end", K.Token, t => V.Token(t.End, t.Decimals, t.Token))
        .Row("conserved", "conserved", "conserved", K.Flag, t => V.Flag(t.Conserved));

    private static V Quote(TradingResult t, UInt128 amount) => V.Token(amount, t.Mev.QuoteDecimals, t.Mev.QuoteToken);
}
