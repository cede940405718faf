using ProtoScript.Engine.Results;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>The <c>sequencer</c> section of a rollup's report (faults, forced inclusion and withholding).</summary>
internal static class SequencingReportSection
{
    public static readonly SectionLayout<SequencingResult> Layout = Sections.Section<SequencingResult>("sequencer", "sequencer", "sequencer")
        .Row("downtime", "downtime", "downtimeMicroseconds", K.Duration, s => V.Duration(s.Downtime))
        .Row("missed_blocks", "missed blocks", "missedBlocks", K.Count, s => V.Count(s.MissedBlocks))
        .Row("censored_skips", "censored skips", "censoredSkips", K.Count, s => V.Count(s.CensoredSkips))
        .Add(Sections.Section<SequencingResult>("forced_inclusion", "forced inclusion", "forcedInclusion")
            .Row("route", "route", "route", K.Text, s => V.Of(s.ForcedInclusion))
            .Row("forced_blocks", "forced blocks", "forcedBlocks", K.Count, s => V.Count(s.ForcedBlocks))
            .Row("sent_via_l1", "sent via L1", "sentViaL1", K.Count, s => V.Count(s.SentViaL1))
            .Row("included_by_sequencer", "included by sequencer", "includedBySequencer", K.Count, s => V.Count(s.IncludedBySequencer))
            .Row("forced", "forced in", "forced", K.Count, s => V.Count(s.Forced))
            .Nest(s => s.Latency, Sections.Latency("latency", "latency (L1 send → L2 block)", "latencyMicroseconds")))
        .Nest(s => s.Withholding, Withholding)
        .Nest(s => s.Equivocation, Equivocation);

    /// <summary>The same rows as withholding's, for the losing blocks of an equivocating set.</summary>
    private static SectionLayout<EquivocationResult> Equivocation => Sections.Section<EquivocationResult>("equivocation", "equivocation (losing blocks)", "equivocation")
        .Row("reorgs", "conflicting commits", "reorgs", K.Count, w => V.Count(w.Reorgs))
        .Row("blocks", "blocks reorged out", "blocksReorged", K.Count, w => V.Count(w.Blocks))
        .Nest(w => new ReorgedOut(w.Transactions, w.Value, w.SoftConfirmations, w.ConfirmedFor, w.MaxConfirmedFor), Reorged);

    /// <summary>Text nests what was reorged out under headings; JSON keeps it flat in one object.</summary>
    private static SectionLayout<WithholdingResult> Withholding => Sections.Section<WithholdingResult>("withholding", "withholding", "withholding")
        .Row("withheld", "withheld", "withheldMicroseconds", K.Duration, w => V.Duration(w.Withheld))
        .Row("reorgs", "reorgs", "reorgs", K.Count, w => V.Count(w.Reorgs))
        .Row("blocks", "blocks reorged out", "blocksReorged", K.Count, w => V.Count(w.Blocks))
        .Nest(w => new ReorgedOut(w.Transactions, w.Value, w.SoftConfirmations, w.ConfirmedFor, w.MaxConfirmedFor), Reorged);

    /// <summary>The soft-confirmed transactions a reorg took back, whichever fault caused it (withholding or equivocation).</summary>
    private static SectionLayout<ReorgedOut> Reorged => new SectionLayout<ReorgedOut>("reorged", _ => "soft-confirmed transactions reorged out", TextShape.Heading, null, JsonShape.Inline)
        .Row("transactions", "transactions", "transactionsReorged", K.Count, w => V.Count(w.Transactions))
        .Row("value", "value", "valueReorgedWei", K.Wei, w => V.Wei(w.Value, TextStyle.Ether))
        .Row("soft_confirmations", "soft confirmations", "softConfirmationsReorged", K.Count, w => V.Count(w.SoftConfirmations))
        .Add(new SectionLayout<ReorgedOut>("confirmed_for", _ => "looked confirmed for (L2 block → reorg)", TextShape.Heading, null, JsonShape.Inline)
            .Nest(w => w.ConfirmedFor, new SectionLayout<LatencySummary>(string.Empty, null, TextShape.Transparent, "confirmedForMicroseconds", JsonShape.Object)
                .Row("samples", null, "samples", K.Count, l => V.Count(l.Samples))
                .Row("p50", "p50", "p50", K.Duration, l => V.Duration(l.P50, TextStyle.Seconds, l.Samples > 0), nullable: true)
                .Row("p95", null, "p95", K.Duration, l => V.Duration(l.P95, TextStyle.Seconds, l.Samples > 0), nullable: true)
                .Row("p99", "p99", "p99", K.Duration, l => V.Duration(l.P99, TextStyle.Seconds, l.Samples > 0), nullable: true))

            // The longest time: n/a in text without samples, but JSON has always written the number.
            .Row("max", "max", null, K.Duration, w => V.Duration(w.MaxConfirmedFor, TextStyle.Seconds, w.ConfirmedFor.Samples > 0))
            .Row("max", null, "maxConfirmedForMicroseconds", K.Duration, w => V.Duration(w.MaxConfirmedFor)));

    /// <summary>What a reorg took back from users, the part withholding and equivocation report alike.</summary>
    private sealed record ReorgedOut(long Transactions, UInt128 Value, long SoftConfirmations, LatencySummary ConfirmedFor, ProtoScript.Language.Model.SimDuration MaxConfirmedFor);
}
