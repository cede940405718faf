using ProtoScript.Engine.Results;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>
/// The <c>mempool</c> section of a rollup's report, shown for a rollup with pool defences or named
/// user populations: the defences in force, then per population what it sent, what the pool
/// refused on arrival or dropped later (by reason), what was included, how long it took and what
/// it cost.
/// </summary>
internal static class MempoolReportSection
{
    public static readonly SectionLayout<MempoolResult> Layout = Sections.Section<MempoolResult>("mempool", Heading, "mempool")
        .Row("public", null, "public", K.Flag, m => V.Flag(m.Public))
        .Add(new SectionLayout<MempoolResult>("defences", null, TextShape.Hidden, "defences", JsonShape.Array)
            .Each(m => m.Defences, ItemLayout.Row<string>(d => d, null, _ => "defence", K.Text, d => V.Of(d))))
        .Add(new SectionLayout<MempoolResult>("populations", null, TextShape.Transparent, "populations", JsonShape.Array)
            .Each(m => m.Populations, Population));

    private static SectionLayout<PopulationResult> Population =>
        new SectionLayout<PopulationResult>("population", p => "population " + p.Name + " (" + ReportFormat.Integer(p.Accounts) + " accounts)", TextShape.Heading, null, JsonShape.Object) { ItemKey = p => "population." + p.Name }
            .Row("name", null, "name", K.Text, p => V.Of(p.Name))
            .Row("accounts", null, "accounts", K.Count, p => V.Count(p.Accounts))
            .Row("sent", "sent", "sent", K.Count, p => V.Count(p.Sent))
            .Row("admitted", "admitted", "admitted", K.Count, p => V.Count(p.Admitted))
            .Row("rejected", "rejected", "rejected", K.Count, p => V.Count(p.RejectedTotal))
            .Nest(p => p.Rejected, RollupReportSection.Rejections)
            .Row("included", "included", "included", K.Count, p => V.Count(p.Included))
            .Row("pending", "pending", "pending", K.Count, p => V.Count(p.Pending))
            .Nest(p => p.Latency, Sections.Latency("latency", "latency (sent to L2 block)", "latencyMicroseconds"))
            .Row("fees_paid", "fees paid", "feesPaidWei", K.Wei, p => V.Wei(p.FeesPaid, TextStyle.EtherAndGwei))
            .Row("fee_per_included", "fee per included tx", "feePerIncludedWei", K.Wei, p => V.Wei(p.FeePerIncluded, TextStyle.Gwei, available: p.Included > 0));

    private static string Heading(MempoolResult m)
    {
        var parts = new List<string> { m.Public ? "public" : "private: users send only to the sequencer" };
        parts.AddRange(m.Defences);
        return "mempool (" + string.Join("; ", parts) + ")";
    }
}
