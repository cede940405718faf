using System.Collections.Immutable;
using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using M = ProtoScript.Language.Model.ReportMetrics;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>
/// The <c>cross_arbitrage</c> section: totals over every path (the expect-able
/// <c>report.cross_chain.cross_arbitrage.…</c> metrics), then one heading per path.
/// </summary>
internal static class CrossArbitrageReportSection
{
    // One path, keyed by its position in the workload (two entries may name the same rollups).
    private static readonly SectionLayout<(CrossArbitrageResult Path, int Index)> Path = new SectionLayout<(CrossArbitrageResult Path, int Index)>("path", x => "path " + x.Path.Path + " (" + ModeName(x.Path) + ")", TextShape.Heading, null, JsonShape.Object)
    {
        ItemKey = x => "path." + ReportFormat.Integer((long)x.Index),
    }
        .Row("path", null, "path", K.Text, x => V.Of(x.Path.Path))
        .Row("mode", null, "mode", K.Text, x => V.Of(x.Path.Mode == CrossArbitrageMode.Atomic ? "atomic" : "independent"))
        .Row("via", null, "via", K.Text, x => V.Of(x.Path.Via))
        .Row("searchers", "searchers", "searchers", K.Count, x => V.Count(x.Path.Searchers))
        .Row("opportunities", "opportunities (gap pays both legs' gas)", "opportunities", K.Count, x => V.Count(x.Path.Opportunities))
        .Row("sent", "trades sent", "sent", K.Count, x => V.Count(x.Path.Sent))
        .Row("skipped", "skipped (trade under way, or inventory short)", "skipped", K.Count, x => V.Count(x.Path.Skipped))
        .Row("completed", "completed (both legs)", "completed", K.Count, x => V.Count(x.Path.Completed))
        .Row("one_legged", "one leg only (inventory left)", "oneLegged", K.Count, x => V.Count(x.Path.OneLegged))
        .Row("no_leg", "no leg executed", "noLeg", K.Count, x => V.Count(x.Path.NoLeg))
        .Row("dropped", "of which dropped whole", "dropped", K.Count, x => V.Count(x.Path.Dropped))
        .Row("pending", "pending", "pending", K.Count, x => V.Count(x.Path.Pending))
        .Add(new SectionLayout<(CrossArbitrageResult Path, int Index)>("failures", _ => "failed legs by reason (drops and reverts)", TextShape.Heading, "failures", JsonShape.Object)
            .Row("slippage", "swap slippage", "slippage", K.Count, x => V.Count(x.Path.FailedSlippage))
            .Row("liquidity", "pool liquidity", "liquidity", K.Count, x => V.Count(x.Path.FailedLiquidity))
            .Row("balance", "searcher could not pay", "balance", K.Count, x => V.Count(x.Path.FailedBalance)))
        .Row("profit", "profit (net of gas, at the reference price)", "profitQuoteUnits", K.Token, x => V.SignedToken(x.Path.Profit, x.Path.QuoteDecimals, x.Path.QuoteToken))
        .Row("mev", "MEV (gains of profitable trades)", "mevQuoteUnits", K.Token, x => V.Token(x.Path.Mev, x.Path.QuoteDecimals, x.Path.QuoteToken))
        .Row("losses", "losses", "lossesQuoteUnits", K.Token, x => V.Token(x.Path.Losses, x.Path.QuoteDecimals, x.Path.QuoteToken))
        .Row("inventory", "inventory left by one-legged trades", "inventoryWei", K.Token, x => V.SignedToken(x.Path.Inventory, 18, "eth"));

    /// <summary>The section, present when the workload has a <c>cross_arbitrage</c> path.</summary>
    public static readonly SectionLayout<ImmutableArray<CrossArbitrageResult>> Layout = new SectionLayout<ImmutableArray<CrossArbitrageResult>>(string.Empty, _ => "cross_arbitrage", TextShape.Heading, "crossArbitrage", JsonShape.Object)
    {
        Scope = _ => MetricCatalog.CrossChainSection,
        When = p => p.Length > 0,
    }
        .Row(M.CrossArbitrageOpportunities, "opportunities", "opportunities", K.Count, p => V.Count(p.Sum(x => x.Opportunities)))
        .Row(M.CrossArbitrageSent, "trades sent", "sent", K.Count, p => V.Count(p.Sum(x => x.Sent)))
        .Row(M.CrossArbitrageCompleted, "completed (both legs)", "completed", K.Count, p => V.Count(p.Sum(x => x.Completed)))
        .Row(M.CrossArbitrageOneLegged, "one leg only (inventory left)", "oneLegged", K.Count, p => V.Count(p.Sum(x => x.OneLegged)))
        .Row(M.CrossArbitrageNoLeg, "no leg executed", "noLeg", K.Count, p => V.Count(p.Sum(x => x.NoLeg)))
        .Row(M.CrossArbitrageDropped, "of which dropped whole", "dropped", K.Count, p => V.Count(p.Sum(x => x.Dropped)))
        .Row(M.CrossArbitrageProfit, "profit (net of gas)", "profitQuoteUnits", K.Token, p => V.SignedToken(SameQuote(p).Aggregate(Int128.Zero, (a, x) => a + x.Profit), p[0].QuoteDecimals, p[0].QuoteToken))
        .Row(M.CrossArbitrageMev, "MEV", "mevQuoteUnits", K.Token, p => V.Token(SameQuote(p).Aggregate(UInt128.Zero, (a, x) => a + x.Mev), p[0].QuoteDecimals, p[0].QuoteToken))
        .Row(M.CrossArbitrageLosses, "losses", "lossesQuoteUnits", K.Token, p => V.Token(SameQuote(p).Aggregate(UInt128.Zero, (a, x) => a + x.Losses), p[0].QuoteDecimals, p[0].QuoteToken))
        .Add(new SectionLayout<ImmutableArray<CrossArbitrageResult>>("paths", null, TextShape.Transparent, "paths", JsonShape.Array)
            .Each(p => p.Select((path, i) => (Path: path, Index: i)), Path));

    // Amounts add up only in one token: the totals are in the first path's quote token.
    private static IEnumerable<CrossArbitrageResult> SameQuote(ImmutableArray<CrossArbitrageResult> paths) =>
        paths.Where(p => p.QuoteToken == paths[0].QuoteToken);

    private static string ModeName(CrossArbitrageResult path) =>
        path.Mode == CrossArbitrageMode.Independent ? "independent" : "atomic via " + path.Via;
}
