using System.Text.Json;
using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;

namespace ProtoScript.Reporting;

/// <summary>The <c>bridge</c> section of a rollup's report (deposits and withdrawals), in text and JSON.</summary>
internal static class BridgeReportSection
{
    public static void WriteText(AlignedText text, BridgeResult bridge)
    {
        text.Heading(1, "bridge");
        text.Heading(2, "deposits (L1 → L2)");
        text.Row(3, "sent on L1", ReportFormat.Integer(bridge.DepositsSubmitted));
        text.Row(3, "minted on L2", ReportFormat.Integer(bridge.DepositsIncluded));
        text.Row(3, "value", Wei.FormatEther(bridge.Deposited));
        WriteLatency(text, "latency (L1 send → L2 block)", bridge.DepositLatency);
        text.Heading(2, "withdrawals (L2 → L1)");
        text.Row(3, "initiated on L2", ReportFormat.Integer(bridge.WithdrawalsInitiated));
        text.Row(3, "value", Wei.FormatEther(bridge.Withdrawn));
        text.Row(3, "batch on L1", ReportFormat.Integer(bridge.WithdrawalsOnL1));
        text.Row(3, "delay", bridge.WithdrawalDelay.ToString());
        text.Row(3, "finalized on L1", ReportFormat.Integer(bridge.WithdrawalsFinalized));
        WriteLatency(text, "latency (L2 send → L1 finalized)", bridge.WithdrawalLatency);
    }

    public static void WriteJson(Utf8JsonWriter json, BridgeResult bridge)
    {
        json.WriteStartObject("bridge");
        json.WriteStartObject("deposits");
        json.WriteNumber("submitted", bridge.DepositsSubmitted);
        json.WriteNumber("included", bridge.DepositsIncluded);
        json.WriteString("valueWei", ReportFormat.Integer(bridge.Deposited));
        JsonReportWriter.WriteLatency(json, "latencyMicroseconds", bridge.DepositLatency);
        json.WriteEndObject();
        json.WriteStartObject("withdrawals");
        json.WriteNumber("initiated", bridge.WithdrawalsInitiated);
        json.WriteString("valueWei", ReportFormat.Integer(bridge.Withdrawn));
        json.WriteNumber("onL1", bridge.WithdrawalsOnL1);
        json.WriteNumber("delayMicroseconds", bridge.WithdrawalDelay.Microseconds);
        json.WriteNumber("finalized", bridge.WithdrawalsFinalized);
        JsonReportWriter.WriteLatency(json, "latencyMicroseconds", bridge.WithdrawalLatency);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteLatency(AlignedText text, string heading, LatencySummary latency)
    {
        text.Heading(3, heading);
        text.Row(4, "p50", latency.Samples == 0 ? "n/a" : ReportFormat.Seconds(latency.P50));
        text.Row(4, "p95", latency.Samples == 0 ? "n/a" : ReportFormat.Seconds(latency.P95));
        text.Row(4, "p99", latency.Samples == 0 ? "n/a" : ReportFormat.Seconds(latency.P99));
    }
}
