using ProtoScript.Engine.Results;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>
/// The <c>state_growth</c> section of a rollup whose users create accounts: the state at each
/// quarter of the run, its growth per day, and what a node joining at the end downloads from L1
/// and re-executes to sync. Every number is simulated, so the report stays deterministic; the
/// time re-execution takes on a real machine is printed by <c>verify</c> only.
/// </summary>
internal static class StateGrowthReportSection
{
    public static readonly SectionLayout<StateGrowthResult> Layout = Sections.Section<StateGrowthResult>("state_growth", "state growth (accounts and storage users create)", "stateGrowth")
        .Add(new SectionLayout<StateGrowthResult>("samples", null, TextShape.Transparent, "samples", JsonShape.Array)
            .Each(g => g.Samples.Select((sample, i) => (Sample: sample, Index: i)), new SectionLayout<(StateSample Sample, int Index)>("sample", null, TextShape.Transparent, null, JsonShape.Object) { ItemKey = s => ReportFormat.Integer(s.Index) }
                .RowLabelled("summary", s => "after " + ReportFormat.Seconds(s.Sample.Time), null, K.Text, s => V.Of(ReportFormat.Integer(s.Sample.Size.Bytes) + " B (" + ReportFormat.Integer(s.Sample.Size.Accounts) + " accounts, " + ReportFormat.Integer(s.Sample.Size.StorageSlots) + " storage slots)"))
                .Row("time", null, "timeMicroseconds", K.Duration, s => V.Duration(s.Sample.Time))
                .Row("bytes", null, "bytes", K.Bytes, s => V.Bytes(s.Sample.Size.Bytes))
                .Row("accounts", null, "accounts", K.Count, s => V.Count(s.Sample.Size.Accounts))
                .Row("storage_slots", null, "storageSlots", K.Count, s => V.Count(s.Sample.Size.StorageSlots))))
        .Row("accounts_created", "accounts created", "accountsCreated", K.Count, g => V.Count(g.AccountsCreated))
        .Row("accounts_per_day", "accounts per day", "accountsPerDay", K.Count, g => V.Count(g.AccountsPerDay))
        .Row("slots_created", "storage slots created", "storageSlotsCreated", K.Count, g => V.Count(g.SlotsCreated))
        .Row("slots_per_day", "storage slots per day", "storageSlotsPerDay", K.Count, g => V.Count(g.SlotsPerDay))
        .Row("growth_per_day", "growth per day", "growthPerDayBytes", K.Bytes, g => V.Bytes(g.GrowthPerDay, " B"))
        .Nest(g => g.Sync, Sections.Section<SyncCost>("sync", "to sync (a node joining at the end)", "sync")
            .Row("l1_bytes", "L1 bytes to download", "l1Bytes", K.Bytes, s => V.Bytes((long)s.L1Bytes, " B"))
            .Row("blob_bytes", "in blobs", "blobBytes", K.Bytes, s => V.Bytes((long)s.BlobBytes, " B"))
            .Row("calldata_bytes", "in calldata", "calldataBytes", K.Bytes, s => V.Bytes((long)s.CalldataBytes, " B"))
            .Row("blocks", "blocks to re-execute", "blocks", K.Count, s => V.Count(s.Blocks))
            .Row("transactions", "transactions to re-execute", "transactions", K.Count, s => V.Count(s.Transactions))
            .Row("gas", "gas to re-execute", "gas", K.Gas, s => V.Gas(s.Gas)));
}
