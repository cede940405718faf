using ProtoScript.Engine.Results;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using M = ProtoScript.Language.Model.ReportMetrics;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>
/// The <c>flashblocks</c> section of a streamed rollup's report: the sub-block interval, the
/// sub-blocks filled, and the soft-confirmation latency to the sub-block, beside the block-level
/// inclusion latency above it.
/// </summary>
internal static class FlashblocksReportSection
{
    public static readonly SectionLayout<FlashblocksResult> Layout = Sections.Section<FlashblocksResult>("flashblocks", f => "flashblocks (" + ReportFormat.Integer(f.PerBlock) + " sub-blocks per block)", "flashblocks")
        .Row("interval", "interval", "intervalMicroseconds", K.Duration, f => V.Duration(f.Interval))
        .Row("per_block", null, "perBlock", K.Count, f => V.Count(f.PerBlock))
        .Row(M.FlashblocksSubBlocks, "sub-blocks", "subBlocks", K.Count, f => V.Count(f.SubBlocks))
        .Nest(f => f.SoftLatency, Sections.Latency("latency", "soft confirmation latency (sub-block)", "softConfirmationLatencyMicroseconds", M.FlashblocksLatencyP50, M.FlashblocksLatencyP95, M.FlashblocksLatencyP99));
}
