using ProtoScript.Engine.Pbs;
using ProtoScript.Language.Model;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using M = ProtoScript.Language.Model.ReportMetrics;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>The <c>pbs</c> section of a rollup's report: who built its blocks and who earned what.</summary>
internal static class PbsReportSection
{
    public static readonly SectionLayout<PbsResult> Layout = Sections.Section<PbsResult>("pbs", p => "proposer-builder separation (sealed bids, " + p.Price + " price, deadline " + p.Deadline + ")", "pbs")
        .Row("price", null, "price", K.Text, p => V.Of(p.Price))
        .Row("deadline", null, "deadlineMicroseconds", K.Duration, p => V.Duration(p.Deadline))
        .Row(M.PbsBuilderBlocks, "blocks built by builders", "builderBlocks", K.Count, p => V.Count(p.BuilderBlocks))
        .Row(M.PbsFallbackBlocks, "fallback blocks (proposer's own)", "fallbackBlocks", K.Count, p => V.Count(p.FallbackBlocks))
        .Row(M.PbsBidRevenue, "proposer: bid revenue", "bidRevenueWei", K.Wei, p => V.Wei(p.BidRevenue, TextStyle.EtherAndGwei))
        .Row(M.PbsFallbackRevenue, "proposer: own-block revenue", "fallbackRevenueWei", K.Wei, p => V.Wei(p.FallbackRevenue, TextStyle.EtherAndGwei))
        .Row(M.PbsBuilderMargin, "builders' margin", "builderMarginWei", K.Wei, p => V.Wei(Margin(p), TextStyle.EtherAndGwei))
        .Row(M.PbsHhi, "concentration (HHI of blocks won)", "hhiBasisPoints", K.BasisPoints, p => V.BasisPoints(HhiBasisPoints(p)))
        .RowLabelled("bundles_received", _ => "searchers' bundles received", "bundlesReceived", K.Count, p => V.Count(p.BundlesReceived), when: HasMarket)
        .RowLabelled("bundles_landed", _ => "searchers' bundles landed", "bundlesLanded", K.Count, p => V.Count(p.BundlesLanded), when: HasMarket)
        .RowLabelled(M.PbsBuilderMev, _ => "builders' mev", "builderMevQuoteUnits", K.Token, p => V.Token(p.BuilderMev, p.MevDecimals, p.MevToken ?? string.Empty), when: HasMarket)
        .Add(new SectionLayout<PbsResult>("builders", _ => "builders", TextShape.Heading, "builders", JsonShape.Array)
            .Each(p => p.Builders, new SectionLayout<PbsBuilderResult>("builder", null, TextShape.Transparent, null, JsonShape.Object) { ItemKey = b => b.Name }
                .RowLabelled("summary", b => b.Name, null, K.Text, b => V.Of(
                    ReportFormat.Integer(b.Wins) + " blocks won of " + ReportFormat.Integer(b.Bids) + " bids (" + ReportFormat.Integer(b.LateBids) + " late), captured "
                    + Wei.FormatGwei(b.Captured) + ", paid " + Wei.FormatGwei(b.Paid) + ", margin " + Wei.FormatGwei(b.Margin)))
                .Row("name", null, "name", K.Text, b => V.Of(b.Name))
                .Row("wins", null, "wins", K.Count, b => V.Count(b.Wins))
                .Row("bids", null, "bids", K.Count, b => V.Count(b.Bids))
                .Row("late_bids", null, "lateBids", K.Count, b => V.Count(b.LateBids))
                .Row("paid", null, "paidWei", K.Wei, b => V.Wei(b.Paid, TextStyle.Gwei))
                .Row("captured", null, "capturedWei", K.Wei, b => V.Wei(b.Captured, TextStyle.Gwei))
                .Row("margin", null, "marginWei", K.Wei, b => V.Wei(b.Margin, TextStyle.Gwei))))
        .Add(new SectionLayout<PbsResult>("builder_mev", p => "mev by builder (" + p.MevToken + ")", TextShape.Heading, "builderMev", JsonShape.Array) { When = HasMarket }
            .Each(p => p.Builders.Select(b => (Pbs: p, Builder: b)), new SectionLayout<(PbsResult Pbs, PbsBuilderResult Builder)>("builder", null, TextShape.Transparent, null, JsonShape.Object) { ItemKey = m => "builder_mev." + m.Builder.Name }
                .RowLabelled("summary", m => m.Builder.Name, null, K.Text, m => V.Of(
                    TokenFormat.Token(m.Builder.Mev, m.Pbs.MevDecimals, m.Pbs.MevToken!) + ", " + ReportFormat.Integer(m.Builder.Bundles) + " bundles landed"))
                .Row("name", null, "name", K.Text, m => V.Of(m.Builder.Name))
                .Row("mev", null, "mevQuoteUnits", K.Token, m => V.Token(m.Builder.Mev, m.Pbs.MevDecimals, m.Pbs.MevToken!))
                .Row("bundles", null, "bundlesLanded", K.Count, m => V.Count(m.Builder.Bundles))));

    private static bool HasMarket(PbsResult p) => p.MevToken is not null;

    private static UInt128 Margin(PbsResult p)
    {
        UInt128 total = 0;
        foreach (var b in p.Builders)
        {
            total += b.Margin;
        }

        return total;
    }

    private static ulong HhiBasisPoints(PbsResult p) => (ulong)Math.Round(p.Hhi * 10_000, MidpointRounding.ToEven);
}
