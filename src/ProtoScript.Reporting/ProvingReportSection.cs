using System.Globalization;
using ProtoScript.Engine.Results;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>The <c>proving</c> section of a rollup's report.</summary>
internal static class ProvingReportSection
{
    public static readonly SectionLayout<ProvingResult> Layout = Sections.Section<ProvingResult>("proving", "proving", "proving")
        .Row("selection", "selection", "selection", K.Text, p => V.Of(p.Selection))
        .Row("pipeline", "pipeline", "pipeline", K.Text, p => V.Of(p.Pipeline))
        .Row("provers", "provers", "provers", K.Count, p => V.Count(p.Provers))
        .Row("proofs", "proofs", "proofs", K.Count, p => V.Count(p.Proofs))
        .Row("pending", "pending at end", "pending", K.Count, p => V.Count(p.Pending))
        .Nest(p => p.Latency, Sections.Latency("latency", "proof latency (seal to proof ready)", "proofLatencyMicroseconds"))
        .Row("jobs", "jobs", "jobs", K.Count, p => V.Count(p.Jobs))
        .Row("work", "prover time", "proverMicroseconds", K.Duration, p => V.Duration(p.Work, TextStyle.Seconds))
        .Row("wasted", "wasted prover time", "wastedProverMicroseconds", K.Duration, p => V.Duration(p.Wasted, TextStyle.Seconds))
        .Row("wasted_share", "wasted share", null, K.Ratio, p => V.Ratio((ulong)p.Wasted.Microseconds * 100UL, (ulong)(p.Wasted.Microseconds + p.Work.Microseconds), 1, " %"))
        .Row("nonce_attempts", "nonce attempts", "nonceAttempts", K.BigCount, p => V.BigCount(p.Attempts))
        .Row("cost", "cost", "costWei", K.Wei, p => V.Wei(p.Cost, TextStyle.EtherAndGwei))
        .Add(new SectionLayout<ProvingResult>("proofs_won", _ => "proofs won", TextShape.Heading, "proofsWon", JsonShape.Array)
            .Each(
                p => p.ProofsWon.Select((won, i) => (Won: won, Prover: i.ToString(CultureInfo.InvariantCulture))),
                ItemLayout.Row<(long Won, string Prover)>(w => "prover_" + w.Prover, w => "prover " + w.Prover, _ => string.Empty, K.Count, w => V.Count(w.Won))));
}
