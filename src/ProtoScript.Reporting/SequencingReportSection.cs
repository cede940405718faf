using System.Text.Json;
using ProtoScript.Engine.Results;

namespace ProtoScript.Reporting;

/// <summary>The <c>sequencer</c> section of a rollup's report (faults and forced inclusion), in text and JSON.</summary>
internal static class SequencingReportSection
{
    public static void WriteText(AlignedText text, SequencingResult sequencing)
    {
        text.Heading(1, "sequencer");
        text.Row(2, "downtime", sequencing.Downtime.ToString());
        text.Row(2, "missed blocks", ReportFormat.Integer(sequencing.MissedBlocks));
        text.Row(2, "censored skips", ReportFormat.Integer(sequencing.CensoredSkips));
        text.Heading(2, "forced inclusion");
        text.Row(3, "route", sequencing.ForcedInclusion);
        text.Row(3, "forced blocks", ReportFormat.Integer(sequencing.ForcedBlocks));
        text.Row(3, "sent via L1", ReportFormat.Integer(sequencing.SentViaL1));
        text.Row(3, "included by sequencer", ReportFormat.Integer(sequencing.IncludedBySequencer));
        text.Row(3, "forced in", ReportFormat.Integer(sequencing.Forced));
        text.Heading(3, "latency (L1 send → L2 block)");
        var latency = sequencing.Latency;
        text.Row(4, "p50", latency.Samples == 0 ? "n/a" : ReportFormat.Seconds(latency.P50));
        text.Row(4, "p95", latency.Samples == 0 ? "n/a" : ReportFormat.Seconds(latency.P95));
        text.Row(4, "p99", latency.Samples == 0 ? "n/a" : ReportFormat.Seconds(latency.P99));
        if (sequencing.Withholding is { } withholding)
        {
            WriteText(text, withholding);
        }
    }

    private static void WriteText(AlignedText text, WithholdingResult withholding)
    {
        text.Heading(2, "withholding");
        text.Row(3, "withheld", withholding.Withheld.ToString());
        text.Row(3, "reorgs", ReportFormat.Integer(withholding.Reorgs));
        text.Row(3, "blocks reorged out", ReportFormat.Integer(withholding.Blocks));
        text.Heading(3, "soft-confirmed transactions reorged out");
        text.Row(4, "transactions", ReportFormat.Integer(withholding.Transactions));
        text.Row(4, "value", Language.Model.Wei.FormatEther(withholding.Value));
        text.Row(4, "soft confirmations", ReportFormat.Integer(withholding.SoftConfirmations));
        text.Heading(4, "looked confirmed for (L2 block → reorg)");
        var confirmed = withholding.ConfirmedFor;
        text.Row(5, "p50", confirmed.Samples == 0 ? "n/a" : ReportFormat.Seconds(confirmed.P50));
        text.Row(5, "p99", confirmed.Samples == 0 ? "n/a" : ReportFormat.Seconds(confirmed.P99));
        text.Row(5, "max", confirmed.Samples == 0 ? "n/a" : ReportFormat.Seconds(withholding.MaxConfirmedFor));
    }

    public static void WriteJson(Utf8JsonWriter json, SequencingResult sequencing)
    {
        json.WriteStartObject("sequencer");
        json.WriteNumber("downtimeMicroseconds", sequencing.Downtime.Microseconds);
        json.WriteNumber("missedBlocks", sequencing.MissedBlocks);
        json.WriteNumber("censoredSkips", sequencing.CensoredSkips);
        json.WriteStartObject("forcedInclusion");
        json.WriteString("route", sequencing.ForcedInclusion);
        json.WriteNumber("forcedBlocks", sequencing.ForcedBlocks);
        json.WriteNumber("sentViaL1", sequencing.SentViaL1);
        json.WriteNumber("includedBySequencer", sequencing.IncludedBySequencer);
        json.WriteNumber("forced", sequencing.Forced);
        JsonReportWriter.WriteLatency(json, "latencyMicroseconds", sequencing.Latency);
        json.WriteEndObject();
        if (sequencing.Withholding is { } withholding)
        {
            json.WriteStartObject("withholding");
            json.WriteNumber("withheldMicroseconds", withholding.Withheld.Microseconds);
            json.WriteNumber("reorgs", withholding.Reorgs);
            json.WriteNumber("blocksReorged", withholding.Blocks);
            json.WriteNumber("transactionsReorged", withholding.Transactions);
            json.WriteString("valueReorgedWei", ReportFormat.Integer(withholding.Value));
            json.WriteNumber("softConfirmationsReorged", withholding.SoftConfirmations);
            JsonReportWriter.WriteLatency(json, "confirmedForMicroseconds", withholding.ConfirmedFor);
            json.WriteNumber("maxConfirmedForMicroseconds", withholding.MaxConfirmedFor.Microseconds);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
