using ProtoScript.Engine.Results;
using ProtoScript.Engine.Sequencing;
using ProtoScript.Language.Model;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using M = ProtoScript.Language.Model.ReportMetrics;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>The <c>cross_chain</c> section of a run's report (messages between rollups), and one section per shared sequencer or builder.</summary>
internal static class CrossChainReportSection
{
    // One path: its own counters, keyed by its position in the workload (two streams may share a path).
    private static readonly SectionLayout<(BundlePathResult Path, int Index)> Path = new SectionLayout<(BundlePathResult Path, int Index)>("path", x => "path " + x.Path.Path + " (" + ModeName(x.Path.Mode) + ")", TextShape.Heading, null, JsonShape.Object)
    {
        ItemKey = x => "path." + ReportFormat.Integer((long)x.Index),
    }
        .Row("path", null, "path", K.Text, x => V.Of(x.Path.Path))
        .Row("mode", null, "mode", K.Text, x => V.Of(ModeName(x.Path.Mode)))
        .Row("sent", "sent", "sent", K.Count, x => V.Count(x.Path.Sent))
        .Row("included", "included (every leg)", "included", K.Count, x => V.Count(x.Path.Included))
        .Row("dropped", "dropped whole before inclusion", "dropped", K.Count, x => V.Count(x.Path.Dropped))
        .Row("legs_reverted", "legs reverted", "legsReverted", K.Count, x => V.Count(x.Path.LegsReverted))
        .Row("atomic_failures", "atomic failures (a later leg failed)", "atomicFailures", K.Count, x => V.Count(x.Path.AtomicFailures))
        .Row("pending", "pending", "pending", K.Count, x => V.Count(x.Path.Pending))
        .Add(new SectionLayout<(BundlePathResult Path, int Index)>("failures", _ => "failures by reason (drops and legs reverted)", TextShape.Heading, "failures", JsonShape.Object)
            .Row("balance", "payer could not pay", "balance", K.Count, x => V.Count(x.Path.FailedBalance))
            .Row("slippage", "swap slippage", "slippage", K.Count, x => V.Count(x.Path.FailedSlippage))
            .Row("liquidity", "pool liquidity", "liquidity", K.Count, x => V.Count(x.Path.FailedLiquidity)))
        .Row("value_locked", "value locked", "valueLockedWei", K.Wei, x => V.Wei(x.Path.ValueLocked, TextStyle.Ether))
        .Nest(x => x.Path.Latency, Sections.Latency("latency", "latency (submit to last leg)", "latencyMicroseconds"));

    /// <summary>The bundle streams over paths (<c>bundles { ... }</c>): totals, then one heading per path.</summary>
    private static readonly SectionLayout<BundlesResult> Bundles = new SectionLayout<BundlesResult>("bundles", _ => "bundles", TextShape.Heading, "bundles", JsonShape.Object)
        .Row(M.BundlesSent, "sent", "sent", K.Count, b => V.Count(b.Sent))
        .Row(M.BundlesIncluded, "included (every leg)", "included", K.Count, b => V.Count(b.Included))
        .Row(M.BundlesDropped, "dropped whole before inclusion", "dropped", K.Count, b => V.Count(b.Dropped))
        .Row(M.BundlesLegsReverted, "legs reverted", "legsReverted", K.Count, b => V.Count(b.LegsReverted))
        .Row(M.BundlesAtomicFailures, "atomic failures (a later leg failed)", "atomicFailures", K.Count, b => V.Count(b.AtomicFailures))
        .Row(M.BundlesPending, "pending", "pending", K.Count, b => V.Count(b.Pending))
        .Row(M.BundlesValueLocked, "value locked", "valueLockedWei", K.Wei, b => V.Wei(b.ValueLocked, TextStyle.Ether))
        .Nest(b => b.Latency, Sections.Latency("latency", "latency (submit to last leg)", "latencyMicroseconds", M.BundlesLatencyP50, M.BundlesLatencyP95, M.BundlesLatencyP99))
        .Add(new SectionLayout<BundlesResult>("paths", null, TextShape.Transparent, "paths", JsonShape.Array)
            .Each(b => b.Paths.Select((path, i) => (Path: path, Index: i)), Path));

    /// <summary>What acting on soft confirmations cost (<c>cross_chain_trust = soft</c>): a heading in <c>cross_chain</c>.</summary>
    private static readonly SectionLayout<SoftTrustResult> SoftTrust = new SectionLayout<SoftTrustResult>("soft_trust", _ => "soft trust (source block reorged)", TextShape.Heading, "softTrust", JsonShape.Object)
        .Row("source_reorged", "reorged at source", "sourceReorged", K.Count, t => V.Count(t.SourceReorged))
        .Add(new SectionLayout<SoftTrustResult>("by_cause", _ => "by cause", TextShape.Heading, "sourceReorgedBy", JsonShape.Object)
            .Row("withholding", "withholding sequencer", "withholding", K.Count, t => V.Count(t.ByWithholding))
            .Row("equivocation", "equivocating proposer (losing block)", "equivocation", K.Count, t => V.Count(t.ByEquivocation))
            .Row("dependent_rollback", "destination's rolled-back block", "dependentRollback", K.Count, t => V.Count(t.ByDependentRollback)))
        .Add(new SectionLayout<SoftTrustResult>("rolled_back", _ => "destinations' dependent blocks rolled back", TextShape.Heading, "rolledBack", JsonShape.Object)
            .Row("credits_undone", "credits undone", "creditsUndone", K.Count, t => V.Count(t.CreditsUndone))
            .Row("blocks", "blocks rolled back", "blocks", K.Count, t => V.Count(t.BlocksRolledBack))
            .Row("reincluded", "transactions re-included", "transactionsReincluded", K.Count, t => V.Count(t.TransactionsReincluded)))
        .Row("failed", "failed (already credited)", "failed", K.Count, t => V.Count(t.Failed))
        .Row("value_failed", "value of the failed", "valueFailedWei", K.Wei, t => V.Wei(t.ValueFailed, TextStyle.Ether));

    /// <summary>The <c>cross_chain</c> section, with the bundles when the workload has any.</summary>
    public static readonly SectionLayout<CrossChainResult> Layout = new SectionLayout<CrossChainResult>(string.Empty, _ => "cross_chain", TextShape.Heading, "crossChain", JsonShape.Object)
    {
        Scope = _ => MetricCatalog.CrossChainSection,
    }
        .Row(M.CrossChainSent, "sent", "sent", K.Count, c => V.Count(c.Sent))
        .Row(M.CrossChainDelivered, "delivered", "delivered", K.Count, c => V.Count(c.Delivered))
        .Row(M.CrossChainFailed, "failed", "failed", K.Count, c => V.Count(c.Failed))
        .Row(M.CrossChainPending, "pending", "pending", K.Count, c => V.Count(c.Pending))
        .Row(M.CrossChainAtomicFailures, "atomic failures", "atomicFailures", K.Count, c => V.Count(c.AtomicFailures))
        .Row(M.CrossChainDropped, "dropped before inclusion", "dropped", K.Count, c => V.Count(c.Dropped))
        .Nest(c => c.Latency, Sections.Latency("latency", "latency (source submit to destination credit)", "latencyMicroseconds", M.CrossChainLatencyP50, M.CrossChainLatencyP95, M.CrossChainLatencyP99))
        .Add(new SectionLayout<CrossChainResult>("value", _ => "value", TextShape.Heading, null, JsonShape.Inline)
            .Row(M.CrossChainValueSent, "sent", "valueSentWei", K.Wei, c => V.Wei(c.ValueSent, TextStyle.Ether))
            .Row(M.CrossChainValueDelivered, "delivered", "valueDeliveredWei", K.Wei, c => V.Wei(c.ValueDelivered, TextStyle.Ether))
            .Row(M.CrossChainValueInFlight, "in flight", "valueInFlightWei", K.Wei, c => V.Wei(c.ValueInFlight, TextStyle.Ether))
            .Row("failed", "locked by failures", "valueFailedWei", K.Wei, c => V.Wei(c.ValueFailed, TextStyle.Ether))
            .Row("conserved", "conserved", "conserved", K.Flag, c => V.Flag(c.Conserved)))
        .Nest(c => c.SoftTrust, SoftTrust)
        .Nest(c => c.Bundles, Bundles);

    /// <summary>An external network's fee, by rollup (<c>fee = ...</c>): a heading in the sequencer's section.</summary>
    private static readonly SectionLayout<SharedLayerFeesResult> LayerFee = new SectionLayout<SharedLayerFeesResult>("layer_fee", _ => "fee to the external network", TextShape.Heading, "layerFee", JsonShape.Object)
        .RowLabelled("per_gas", _ => "per gas", "perGasWei", K.Wei, f => V.Wei(f.FeePerGas, TextStyle.Gwei), when: f => !f.Hooked)
        .RowLabelled("rule", _ => "rule", "rule", K.Text, _ => V.Of("csharp (per block)"), when: f => f.Hooked)
        .Add(new SectionLayout<SharedLayerFeesResult>("rollups", null, TextShape.Transparent, "rollupsWei", JsonShape.Object)
            .Each(f => f.Rollups, ItemLayout.Row<SharedLayerFee>(r => "layer_fee." + r.Rollup, r => r.Rollup, r => r.Rollup, K.Wei, r => V.Wei(r.Fee, TextStyle.EtherAndGwei))))
        .Row("total", "total", "totalWei", K.Wei, f => V.Wei(f.Total, TextStyle.EtherAndGwei));

    // One rollup's part of the shared blobs.
    private static readonly SectionLayout<AggregatedRollupDa> AggregatedRollup = new SectionLayout<AggregatedRollupDa>("rollup", r => r.Rollup, TextShape.Heading, null, JsonShape.Object)
    {
        ItemKey = r => "aggregation." + r.Rollup,
    }
        .Row("rollup", null, "rollup", K.Text, r => V.Of(r.Rollup))
        .Row("bytes", "frame bytes", "bytes", K.Bytes, r => V.Bytes((long)r.Bytes))
        .RowLabelled("paid", r => "cost (" + SplitName(r.Split) + ")", "paidWei", K.Wei, r => V.Wei(r.Paid, TextStyle.EtherAndGwei))
        .Row("alone", "cost if posted alone", "aloneWei", K.Wei, r => V.Wei(r.Alone, TextStyle.EtherAndGwei));

    /// <summary>The rollups' data in shared blobs (<c>aggregate_data = true</c>): a heading in the sequencer's section.</summary>
    private static readonly SectionLayout<DataAggregationResult> Aggregation = new SectionLayout<DataAggregationResult>("aggregation", _ => "data aggregation (shared blobs)", TextShape.Heading, "aggregation", JsonShape.Object)
        .RowLabelled("split", _ => "cost split", "split", K.Text, a => V.Of(a.Split == DaCostSplitRule.Equal ? "equal" : "csharp"), when: a => a.Split != DaCostSplitRule.ByBytes)
        .Row("postings", "shared L1 transactions", "postings", K.Count, a => V.Count(a.Postings))
        .Row("blobs", "blobs", "blobs", K.Count, a => V.Count(a.Blobs))
        .Row("paid", "cost (shared postings)", "paidWei", K.Wei, a => V.Wei(a.Paid, TextStyle.EtherAndGwei))
        .Row("alone", "cost if posted alone", "aloneWei", K.Wei, a => V.Wei(a.Alone, TextStyle.EtherAndGwei))
        .Add(new SectionLayout<DataAggregationResult>("rollups", null, TextShape.Transparent, "rollups", JsonShape.Array)
            .Each(a => a.Rollups, AggregatedRollup));

    // A rollup's own sequencer set produces one rollup's blocks, where no bundle has legs to hold
    // together: its text shows the bundle rows only if one ever landed (JSON keeps them).
    private static readonly Func<SequencerResult, bool> TakesBundles = s =>
        s.Kind is not (CoordinatorKind.BftSequencerSet or CoordinatorKind.RaftSequencerSet) || s.BundlesIncluded + s.BundlesDropped > 0;

    /// <summary>A shared sequencer or builder: a top-level text section, an element of JSON's <c>sequencers</c>.</summary>
    public static readonly SectionLayout<SequencerResult> Sequencer = new SectionLayout<SequencerResult>("sequencer", s => KindName(s.Kind) + " " + s.Name, TextShape.Heading, null, JsonShape.Object)
    {
        ItemKey = s => "sequencers." + s.Name,
    }
        .Row("name", null, "name", K.Text, s => V.Of(s.Name))
        .Row("kind", null, "kind", K.Text, s => V.Of(KindName(s.Kind)))
        .Row("rollups", "rollups", null, K.Text, s => V.Of(string.Join(", ", s.Rollups)))
        .Add(new SectionLayout<SequencerResult>("rollups", null, TextShape.Hidden, "rollups", JsonShape.Array)
            .Each(s => s.Rollups, ItemLayout.Row<string>(r => r, null, _ => string.Empty, K.Text, r => V.Of(r))))
        .Row("slots", "slots", "slots", K.Count, s => V.Count(s.Slots))
        .Row("extra_rounds", "extra rounds (faulty proposer)", "extraRounds", K.Count, s => V.Count(s.ExtraRounds), s => s.Consensus?.Protocol != "raft")
        .Row("mean_delay", "mean delay to seal", "meanDelayMicroseconds", K.Duration, s => V.Duration(s.MeanDelay, TextStyle.Seconds))
        .Row("bundles_included", "bundles included", "bundlesIncluded", K.Count, s => V.Count(s.BundlesIncluded), TakesBundles)
        .Row("bundles_dropped", "bundles dropped", "bundlesDropped", K.Count, s => V.Count(s.BundlesDropped), TakesBundles)
        .Row("bundle_tips", "bundle tips", "bundleTipsWei", K.Wei, s => V.Wei(s.BundleTips, TextStyle.EtherAndGwei), TakesBundles)
        .Nest(s => s.Layer, LayerFee)
        .Nest(s => s.Aggregation, Aggregation)

        .Nest(s => s.Consensus, ConsensusReportSection.Layout);

    private static string SplitName(DaCostSplitRule split) => split switch
    {
        DaCostSplitRule.Equal => "split equally",
        DaCostSplitRule.Hooked => "split by the hook",
        _ => "split by bytes",
    };

    private static string ModeName(BundleMode mode) => mode switch
    {
        BundleMode.AtomicExecution => "atomic execution",
        BundleMode.AtomicInclusion => "atomic inclusion",
        BundleMode.Asynchronous => "asynchronous",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    // The names reports have always given the coordinator's kind.
    private static string KindName(CoordinatorKind kind) => kind switch
    {
        CoordinatorKind.EnshrinedSharedSequencer => "shared sequencer (enshrined)",
        CoordinatorKind.ExternalSharedSequencer => "shared sequencer (external)",
        CoordinatorKind.Builder => "builder",
        CoordinatorKind.BftSequencerSet => "BFT sequencer set",
        CoordinatorKind.RaftSequencerSet => "Raft sequencer set",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
