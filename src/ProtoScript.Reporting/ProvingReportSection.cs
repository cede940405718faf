using System.Globalization;
using System.Text.Json;
using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;

namespace ProtoScript.Reporting;

/// <summary>The <c>proving</c> section of a rollup's report, in text and JSON.</summary>
internal static class ProvingReportSection
{
    public static void WriteText(AlignedText text, ProvingResult proving)
    {
        text.Heading(1, "proving");
        text.Row(2, "selection", proving.Selection);
        text.Row(2, "pipeline", proving.Pipeline);
        text.Row(2, "provers", ReportFormat.Integer(proving.Provers));
        text.Row(2, "proofs", ReportFormat.Integer(proving.Proofs));
        text.Row(2, "pending at end", ReportFormat.Integer(proving.Pending));
        text.Heading(2, "proof latency (seal to proof ready)");
        var latency = proving.Latency;
        text.Row(3, "p50", latency.Samples == 0 ? "n/a" : ReportFormat.Seconds(latency.P50));
        text.Row(3, "p95", latency.Samples == 0 ? "n/a" : ReportFormat.Seconds(latency.P95));
        text.Row(3, "p99", latency.Samples == 0 ? "n/a" : ReportFormat.Seconds(latency.P99));
        text.Row(2, "jobs", ReportFormat.Integer(proving.Jobs));
        text.Row(2, "prover time", ReportFormat.Seconds(proving.Work));
        text.Row(2, "wasted prover time", ReportFormat.Seconds(proving.Wasted));
        text.Row(2, "wasted share", ReportFormat.Ratio((ulong)proving.Wasted.Microseconds * 100UL, (ulong)(proving.Wasted.Microseconds + proving.Work.Microseconds), 1) + " %");
        text.Row(2, "nonce attempts", ReportFormat.Integer(proving.Attempts));
        text.Row(2, "cost", ReportFormat.EtherAndGwei(proving.Cost));
        text.Heading(2, "proofs won");
        for (var i = 0; i < proving.ProofsWon.Length; i++)
        {
            text.Row(3, "prover " + i.ToString(CultureInfo.InvariantCulture), ReportFormat.Integer(proving.ProofsWon[i]));
        }
    }

    public static void WriteJson(Utf8JsonWriter json, ProvingResult proving)
    {
        json.WriteStartObject("proving");
        json.WriteString("selection", proving.Selection);
        json.WriteString("pipeline", proving.Pipeline);
        json.WriteNumber("provers", proving.Provers);
        json.WriteNumber("proofs", proving.Proofs);
        json.WriteNumber("pending", proving.Pending);
        json.WriteStartObject("proofLatencyMicroseconds");
        json.WriteNumber("samples", proving.Latency.Samples);
        WriteMicroseconds(json, "p50", proving.Latency, proving.Latency.P50);
        WriteMicroseconds(json, "p95", proving.Latency, proving.Latency.P95);
        WriteMicroseconds(json, "p99", proving.Latency, proving.Latency.P99);
        json.WriteEndObject();
        json.WriteNumber("jobs", proving.Jobs);
        json.WriteNumber("proverMicroseconds", proving.Work.Microseconds);
        json.WriteNumber("wastedProverMicroseconds", proving.Wasted.Microseconds);
        json.WriteString("nonceAttempts", ReportFormat.Integer(proving.Attempts));
        json.WriteString("costWei", ReportFormat.Integer(proving.Cost));
        json.WriteStartArray("proofsWon");
        foreach (var won in proving.ProofsWon)
        {
            json.WriteNumberValue(won);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteMicroseconds(Utf8JsonWriter json, string name, LatencySummary latency, SimDuration value)
    {
        if (latency.Samples == 0)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteNumber(name, value.Microseconds);
        }
    }
}
