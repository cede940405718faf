using ProtoScript.Engine.Results;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using M = ProtoScript.Language.Model.ReportMetrics;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>The L1 section of a run's report: its blocks, fee market, blobs and gas.</summary>
internal static class L1ReportSection
{
    public static readonly SectionLayout<L1Result> Layout = new SectionLayout<L1Result>(string.Empty, l1 => "L1 " + l1.Name, TextShape.Heading, "l1", JsonShape.Object)
    {
        Scope = _ => Language.Model.MetricCatalog.L1Section,
    }
        .Row("name", null, "name", K.Text, l1 => V.Of(l1.Name))
        .Row("slot_time", "slot time", "slotTimeMicroseconds", K.Duration, l1 => V.Duration(l1.SlotTime))

        // JSON has always put the block count before the fork, text after it.
        .Row(M.L1Blocks, null, "blocks", K.Count, l1 => V.Count(l1.Blocks))
        .Row("fork", "fork", "fork", K.Text, l1 => V.Of(l1.Fork))
        .Row(M.L1Blocks, "blocks", null, K.Count, l1 => V.Count(l1.Blocks))
        .Row("finality", "finality", "finalityMicroseconds", K.Duration, l1 => V.Duration(l1.Finality))
        .Nest(l1 => l1.BaseFee, FeeRangeSection("base_fee", "base fee", "baseFeeWei", M.L1BaseFee))
        .Nest(l1 => l1.BlobBaseFee, FeeRangeSection("blob_base_fee", "blob base fee", "blobBaseFeeWei", M.L1BlobBaseFee))
        .Add(Sections.Section<L1Result>("blobs", "blobs", "blobs")
            .Row(M.L1RollupBlobs, "rollups", "rollups", K.Count, l1 => V.Count(l1.RollupBlobs))
            .Row(M.L1BackgroundBlobs, "background", "background", K.Count, l1 => V.Count(l1.BackgroundBlobs)))
        .Add(Sections.Section<L1Result>("gas_used", "gas used", "gasUsed")
            .Row(M.L1RollupGas, "rollups", "rollups", K.Gas, l1 => V.Gas(l1.RollupGas))
            .Row("background", "background", "background", K.Gas, l1 => V.Gas(l1.BackgroundGas)))
        .Row("rollup_transactions", "rollup transactions", "rollupTransactions", K.Count, l1 => V.Count(l1.RollupTransactions))
        .Row("rollup_transactions_pending", "rollup transactions pending", "rollupTransactionsPending", K.Count, l1 => V.Count(l1.PendingPostings));

    /// <summary>A fee over the run: start, end (what the metric reads), min and max.</summary>
    private static SectionLayout<FeeRange> FeeRangeSection(string key, string heading, string json, Language.Model.MetricDefinition end) =>
        Sections.Section<FeeRange>(key, heading, json)
            .Row("start", "start", "start", K.Wei, f => V.Wei(f.Start, TextStyle.Gwei))
            .Row(end, "end", "end", K.Wei, f => V.Wei(f.End, TextStyle.Gwei))
            .Row("min", "min", "min", K.Wei, f => V.Wei(f.Min, TextStyle.Gwei))
            .Row("max", "max", "max", K.Wei, f => V.Wei(f.Max, TextStyle.Gwei));
}
