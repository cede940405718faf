using System.Globalization;
using ProtoScript.Engine.Results;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>The <c>proving</c> section of a rollup's report.</summary>
internal static class ProvingReportSection
{
    // Tree aggregation (`aggregation { ... }`): a heading in the rollup's proving section.
    private static readonly SectionLayout<ProofAggregationResult> Aggregation = Sections.Section<ProofAggregationResult>("aggregation", "aggregation tree", "aggregation")
        .Row("arity", "arity", "arity", K.Count, a => V.Count(a.Arity))
        .Row("leaves", "leaf proofs", "leaves", K.Count, a => V.Count(a.Leaves))
        .Row("depth", "tree depth (deepest block)", "maxDepth", K.Count, a => V.Count(a.MaxDepth))
        .Row("jobs", "aggregation jobs", "jobs", K.Count, a => V.Count(a.Jobs))
        .Row("wraps", "wrap jobs", "wraps", K.Count, a => V.Count(a.Wraps))
        .Nest(a => a.Latency, Sections.Latency("latency", "aggregation latency (last leaf to root)", "latencyMicroseconds"));

    // Verification on L1 (`verification { ... }`): a heading in the rollup's proving section.
    private static readonly SectionLayout<ProofVerificationResult> Verification = Sections.Section<ProofVerificationResult>("verification", "L1 verification", "verification")
        .Row("gas", "gas per verification", "gas", K.Gas, v => V.Gas(v.Gas))
        .Row("every", "every", "everyMicroseconds", K.Duration, v => V.Duration(v.Every, TextStyle.Seconds))
        .Row("shared_by", "rollups per verification (at most)", "sharedBy", K.Count, v => V.Count(v.SharedBy))
        .Row("verifications", "verifications", "verifications", K.Count, v => V.Count(v.Verifications))
        .Row("shared", "shared with other rollups", "shared", K.Count, v => V.Count(v.Shared))
        .Row("blocks", "blocks verified", "verifiedBlocks", K.Count, v => V.Count(v.VerifiedBlocks))
        .Nest(v => v.Latency, Sections.Latency("latency", "latency (seal to verified on L1)", "latencyMicroseconds"))
        .Row("jobs", "aggregation jobs for verification", "aggregationJobs", K.Count, v => V.Count(v.AggregationJobs))
        .Row("gas_used", "gas of its verifications", "gasUsed", K.Gas, v => V.Gas(v.Gas * (ulong)v.Verifications))
        .Row("cost", "cost (its share)", "costWei", K.Wei, v => V.Wei(v.Cost, TextStyle.EtherAndGwei))
        .Row("alone", "cost if verified alone", "aloneWei", K.Wei, v => V.Wei(v.CostAlone, TextStyle.EtherAndGwei));

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
        .Nest(p => p.Aggregation, Aggregation)
        .Nest(p => p.Verification, Verification)
        .Add(new SectionLayout<ProvingResult>("proofs_won", _ => "proofs won", TextShape.Heading, "proofsWon", JsonShape.Array)
            .Each(
                p => p.ProofsWon.Select((won, i) => (Won: won, Prover: i.ToString(CultureInfo.InvariantCulture))),
                ItemLayout.Row<(long Won, string Prover)>(w => "prover_" + w.Prover, w => "prover " + w.Prover, _ => string.Empty, K.Count, w => V.Count(w.Won))));
}
