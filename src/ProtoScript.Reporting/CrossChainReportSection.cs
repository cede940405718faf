using System.Text.Json;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Sequencing;
using ProtoScript.Language.Model;

namespace ProtoScript.Reporting;

/// <summary>The <c>cross_chain</c> section of a run's report (messages between rollups), in text and JSON.</summary>
internal static class CrossChainReportSection
{
    public static void WriteText(AlignedText text, CrossChainResult crossChain)
    {
        text.Heading(0, "cross_chain");
        text.Row(1, "sent", ReportFormat.Integer(crossChain.Sent));
        text.Row(1, "delivered", ReportFormat.Integer(crossChain.Delivered));
        text.Row(1, "failed", ReportFormat.Integer(crossChain.Failed));
        text.Row(1, "pending", ReportFormat.Integer(crossChain.Pending));
        text.Row(1, "atomic failures", ReportFormat.Integer(crossChain.AtomicFailures));
        text.Row(1, "dropped before inclusion", ReportFormat.Integer(crossChain.Dropped));
        text.Heading(1, "latency (source submit to destination credit)");
        var latency = crossChain.Latency;
        text.Row(2, "p50", latency.Samples == 0 ? "n/a" : ReportFormat.Seconds(latency.P50));
        text.Row(2, "p95", latency.Samples == 0 ? "n/a" : ReportFormat.Seconds(latency.P95));
        text.Row(2, "p99", latency.Samples == 0 ? "n/a" : ReportFormat.Seconds(latency.P99));
        text.Heading(1, "value");
        text.Row(2, "sent", Wei.FormatEther(crossChain.ValueSent));
        text.Row(2, "delivered", Wei.FormatEther(crossChain.ValueDelivered));
        text.Row(2, "in flight", Wei.FormatEther(crossChain.ValueInFlight));
        text.Row(2, "locked by failures", Wei.FormatEther(crossChain.ValueFailed));
        text.Row(2, "conserved", crossChain.Conserved ? "yes" : "NO");
    }

    public static void WriteJson(Utf8JsonWriter json, CrossChainResult crossChain)
    {
        json.WriteStartObject("crossChain");
        json.WriteNumber("sent", crossChain.Sent);
        json.WriteNumber("delivered", crossChain.Delivered);
        json.WriteNumber("failed", crossChain.Failed);
        json.WriteNumber("pending", crossChain.Pending);
        json.WriteNumber("atomicFailures", crossChain.AtomicFailures);
        json.WriteNumber("dropped", crossChain.Dropped);
        JsonReportWriter.WriteLatency(json, "latencyMicroseconds", crossChain.Latency);
        json.WriteString("valueSentWei", ReportFormat.Integer(crossChain.ValueSent));
        json.WriteString("valueDeliveredWei", ReportFormat.Integer(crossChain.ValueDelivered));
        json.WriteString("valueInFlightWei", ReportFormat.Integer(crossChain.ValueInFlight));
        json.WriteString("valueFailedWei", ReportFormat.Integer(crossChain.ValueFailed));
        json.WriteBoolean("conserved", crossChain.Conserved);
        json.WriteEndObject();
    }

    /// <summary>Reads a <c>report.cross_chain.*</c> metric; a run without messages reads zero.</summary>
    public static decimal Read(string name, CrossChainResult? crossChain)
    {
        if (crossChain is null)
        {
            return MetricCatalog.CrossChain.ContainsKey(name) ? 0 : throw new ArgumentException($"unknown cross-chain metric {name}", nameof(name));
        }

        return name switch
        {
            "sent" => crossChain.Sent,
            "delivered" => crossChain.Delivered,
            "failed" => crossChain.Failed,
            "pending" => crossChain.Pending,
            "atomic_failures" => crossChain.AtomicFailures,
            "dropped" => crossChain.Dropped,
            "latency.p50" => crossChain.Latency.P50.Microseconds,
            "latency.p95" => crossChain.Latency.P95.Microseconds,
            "latency.p99" => crossChain.Latency.P99.Microseconds,
            "value.sent" => (decimal)crossChain.ValueSent,
            "value.delivered" => (decimal)crossChain.ValueDelivered,
            "value.in_flight" => (decimal)crossChain.ValueInFlight,
            _ => throw new ArgumentException($"unknown cross-chain metric {name}", nameof(name)),
        };
    }

    public static void WriteText(AlignedText text, SequencerResult sequencer)
    {
        text.Heading(0, KindName(sequencer.Kind) + " " + sequencer.Name);
        text.Row(1, "rollups", string.Join(", ", sequencer.Rollups));
        text.Row(1, "slots", ReportFormat.Integer(sequencer.Slots));
        text.Row(1, "extra rounds (faulty proposer)", ReportFormat.Integer(sequencer.ExtraRounds));
        text.Row(1, "mean delay to seal", ReportFormat.Seconds(sequencer.MeanDelay));
        text.Row(1, "bundles included", ReportFormat.Integer(sequencer.BundlesIncluded));
        text.Row(1, "bundles dropped", ReportFormat.Integer(sequencer.BundlesDropped));
        text.Row(1, "bundle tips", ReportFormat.EtherAndGwei(sequencer.BundleTips));
    }

    public static void WriteJson(Utf8JsonWriter json, SequencerResult sequencer)
    {
        json.WriteStartObject();
        json.WriteString("name", sequencer.Name);
        json.WriteString("kind", KindName(sequencer.Kind));
        json.WriteStartArray("rollups");
        foreach (var rollup in sequencer.Rollups)
        {
            json.WriteStringValue(rollup);
        }

        json.WriteEndArray();
        json.WriteNumber("slots", sequencer.Slots);
        json.WriteNumber("extraRounds", sequencer.ExtraRounds);
        json.WriteNumber("meanDelayMicroseconds", sequencer.MeanDelay.Microseconds);
        json.WriteNumber("bundlesIncluded", sequencer.BundlesIncluded);
        json.WriteNumber("bundlesDropped", sequencer.BundlesDropped);
        json.WriteString("bundleTipsWei", ReportFormat.Integer(sequencer.BundleTips));
        json.WriteEndObject();
    }

    // The names reports have always given the coordinator's kind.
    private static string KindName(CoordinatorKind kind) => kind switch
    {
        CoordinatorKind.EnshrinedSharedSequencer => "shared sequencer (enshrined)",
        CoordinatorKind.ExternalSharedSequencer => "shared sequencer (external)",
        CoordinatorKind.Builder => "builder",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
