using ProtoScript.Engine.Results;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using M = ProtoScript.Language.Model.ReportMetrics;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>
/// A rollup's section of a run's report: blocks, transactions, latencies, fees, data
/// availability, supply and state, with the optional sections of the features it uses.
/// </summary>
internal static class RollupReportSection
{
    public static readonly SectionLayout<RollupResult> Layout = new SectionLayout<RollupResult>(string.Empty, r => "rollup " + r.Name, TextShape.Heading, null, JsonShape.Object)
    {
        Scope = r => r.Name,
    }
        .Row("name", null, "name", K.Text, r => V.Of(r.Name))
        .Row("ordering", "ordering", "ordering", K.Text, r => V.Of(r.Ordering))
        .Row("block_time", "block time", "blockTimeMicroseconds", K.Duration, r => V.Duration(r.BlockTime))
        .Row("gas_limit", "gas limit", "gasLimit", K.Gas, r => V.Gas(r.GasLimit))
        .Row("base_fee", "base fee", "baseFeeWei", K.Wei, r => V.Wei(r.BaseFee, TextStyle.Gwei))
        .Row("accounts", "accounts", "accounts", K.Count, r => V.Count(r.Accounts), inText: r => r.AccountGroups.IsEmpty)

        // More accounts than the scenario's `accounts N`: the text says whose they are.
        .Row("accounts_by_role", "accounts", null, K.Text, r => V.Of(AccountsByRole(r)), inText: r => !r.AccountGroups.IsEmpty)
        .Row(M.Blocks, "blocks", "blocks", K.Count, r => V.Count(r.Blocks))
        .Nest(r => r.Transactions, Sections.Section<TransactionCounts>("transactions", "transactions", "transactions")
            .Row(M.TransactionsSubmitted, "submitted", "submitted", K.Count, t => V.Count(t.Submitted))
            .Row(M.TransactionsIncluded, "included", "included", K.Count, t => V.Count(t.Included))
            .Row(M.TransactionsRejected, "rejected", "rejected", K.Count, t => V.Count(t.RejectedTotal))
            .Nest(t => t.Rejected, Rejections)
            .Row(M.TransactionsPending, "pending", "pending", K.Count, t => V.Count(t.Pending)))
        .Nest(r => r.InclusionLatency, Sections.Latency("latency.soft", "inclusion latency (soft: L2 block)", "inclusionLatencyMicroseconds", M.SoftLatencyP50, M.SoftLatencyP95, M.SoftLatencyP99))
        .Nest(r => r.Flashblocks, FlashblocksReportSection.Layout)
        .Nest(r => r.HardLatency, Sections.Latency("latency.hard", "hard confirmation latency (batch on L1)", "hardConfirmationLatencyMicroseconds", M.HardLatencyP50, M.HardLatencyP95, M.HardLatencyP99)
            .Row("confirmed", "confirmed", null, K.Count, l => V.Count(l.Samples)))
        .Nest(r => r.FinalLatency, Sections.Latency("latency.final", "final confirmation latency (L1 final)", "finalConfirmationLatencyMicroseconds", M.FinalLatencyP50, M.FinalLatencyP95, M.FinalLatencyP99))
        .Nest(r => r.ProofFinalLatency, Sections.Latency("latency.proof_final", "proof-final confirmation latency (proof verified on L1)", "proofFinalConfirmationLatencyMicroseconds", M.ProofFinalLatencyP50, M.ProofFinalLatencyP95, M.ProofFinalLatencyP99)
            .Row("verified", "verified", null, K.Count, l => V.Count(l.Samples)))
        .Row(M.GasUsed, "gas used", "gasUsed", K.Gas, r => V.Gas(r.GasUsed))
        .Add(ValueFlowRows.Add(Sections.Section<RollupResult>("fees", "fees", "fees")
            .Row("base_fee_burned", "base fee burned", "baseFeeBurnedWei", K.Wei, r => V.Wei(r.Fees.BaseFeeBurned, TextStyle.EtherAndGwei))
            .Row(M.FeesPriority, "priority fee to sequencer", "priorityFeeToSequencerWei", K.Wei, r => V.Wei(r.Fees.PriorityFeeToSequencer, TextStyle.EtherAndGwei))
            .Row(M.FeesTotal, "total", "totalWei", K.Wei, r => V.Wei(r.Fees.Total, TextStyle.EtherAndGwei)))

            // With a fees block, what the rule burned; without one, the base fee.
            .Metric(M.FeesBurned, K.Wei, r => V.Wei(r.FeeDistribution?.ReceivedBy("burned") ?? r.Fees.BaseFeeBurned, TextStyle.Gwei))

            // Without a fees block the built-in rule applies: priority fees to the sequencer, nothing else.
            .Metric(M.FeesSequencer, K.Wei, r => V.Wei(r.Fees.PriorityFeeToSequencer, TextStyle.Gwei), when: r => r.FeeDistribution is null))
        .Nest(r => r.FeeDistribution, FeeReportSection.Layout)
        .Nest(r => r.BaseFeeMarket, BaseFeeMarketReportSection.Layout)
        .Add(DataAvailability)
        .Nest(r => r.Proving, ProvingReportSection.Layout)
        .Nest(r => r.Supply, Supply)
        .Nest(r => r.Bridge, BridgeReportSection.Layout)
        .Nest(r => r.Sequencing, SequencingReportSection.Layout)
        .Nest(r => r.Trading, TradingReportSection.Layout)
        .Nest(r => r.Auction, AuctionReportSection.Layout)
        .Nest(r => r.Pbs, PbsReportSection.Layout)
        .Nest(r => r.ExpressLane, ExpressLaneReportSection.Layout)
        .Nest(r => r.ValueFlow, ValueFlowReportSection.Layout)
        .Nest(r => r.Mempool, MempoolReportSection.Layout)
        .Nest(r => r.StateSize, StateSize)
        .Nest(r => r.StateGrowth, StateGrowthReportSection.Layout)
        .Row("state_root", "state root", "stateRoot", K.Hash, r => V.Hash(r.StateRoot))
        .Nest(r => r.Series, SeriesReportSection.Layout);

    /// <summary>Rejections per reason, under the row of their total (zero counts included, in the engine's reason order).</summary>
    public static SectionLayout<System.Collections.Immutable.ImmutableArray<RejectionCount>> Rejections =>
        new SectionLayout<System.Collections.Immutable.ImmutableArray<RejectionCount>>("rejected_by_reason", null, TextShape.Indented, "rejectedByReason", JsonShape.Object)
            .Each(r => r, ItemLayout.Row<RejectionCount>(r => r.Reason, r => r.Reason, r => r.Reason, K.Count, r => V.Count(r.Count)));

    private static SectionLayout<RollupResult> DataAvailability => Sections.Section<RollupResult>("da", "data availability", "dataAvailability")
        .Row("target", "target", "target", K.Text, r => V.Of(r.DataAvailability.Target))
        .Row("compression", "compression", "compression", K.Text, r => V.Of(r.DataAvailability.Compression))
        .Row(M.DaBatches, "batches", "batches", K.Count, r => V.Count(r.DataAvailability.Batches))
        .Row(M.DaBatchesConfirmed, "batches on L1", "batchesConfirmed", K.Count, r => V.Count(r.DataAvailability.BatchesConfirmed))
        .Row("transactions_batched", "transactions batched", "transactionsBatched", K.Count, r => V.Count(r.DataAvailability.TransactionsBatched))
        .Row(M.DaBytes, "L2 bytes", "l2Bytes", K.Bytes, r => V.Bytes((long)r.DataAvailability.L2Bytes))
        .Row("bytes_per_transaction", "L2 bytes per transaction", null, K.Ratio, r => V.Ratio(r.DataAvailability.L2Bytes, (ulong)r.DataAvailability.TransactionsBatched))
        .Row(M.DaCompressedBytes, "compressed bytes", "compressedBytes", K.Bytes, r => V.Bytes((long)r.DataAvailability.CompressedBytes))
        .Row("compression_ratio", "compression ratio", null, K.Ratio, r => V.Ratio(r.DataAvailability.L2Bytes, r.DataAvailability.CompressedBytes))
        .Row("posted_bytes", "posted bytes", "postedBytes", K.Bytes, r => V.Bytes((long)r.DataAvailability.PostedBytes))
        .Row(M.DaL1Transactions, "L1 transactions", "l1Transactions", K.Count, r => V.Count(r.DataAvailability.L1Transactions))
        .Row(M.DaBlobs, "blobs", "blobs", K.Count, r => V.Count(r.DataAvailability.Blobs))
        .Row(M.DaGas, "L1 gas", "l1Gas", K.Gas, r => V.Gas(r.DataAvailability.ExecutionGas))
        .Row("blob_fee", "blob fee", "blobFeeWei", K.Wei, r => V.Wei(r.DataAvailability.BlobFee, TextStyle.EtherAndGwei))
        .Row("execution_fee", "execution fee", "executionFeeWei", K.Wei, r => V.Wei(r.DataAvailability.ExecutionFee, TextStyle.EtherAndGwei))
        .Row(M.DaCost, "cost", "costWei", K.Wei, r => V.Wei(r.DataAvailability.Cost, TextStyle.EtherAndGwei))
        .Row("cost_per_included_transaction", "cost per included tx", null, K.Wei, r => CostPerIncluded(r))
        .Nest(r => r.DataAvailability.Auto, AutoDa);

    /// <summary>A batcher choosing blobs or calldata per batch: its choices, and both fixed choices at the same posting-time fees.</summary>
    private static SectionLayout<AutoDaSummary> AutoDa => Sections.Section<AutoDaSummary>("auto", a => a.Hooked ? "auto (blobs or calldata per batch as the `choose` hook decided)" : "auto (cheaper of blobs and calldata per batch, at posting-time fees)", "auto")
        .RowLabelled("rule", null, "rule", K.Text, _ => V.Of("csharp"), when: a => a.Hooked)
        .Row("blob_batches", "batches to blobs", "blobBatches", K.Count, a => V.Count(a.BlobBatches))
        .Row("calldata_batches", "batches to calldata", "calldataBatches", K.Count, a => V.Count(a.CalldataBatches))
        .Row("chosen_cost", "cost as chosen", "chosenCostWei", K.Wei, a => V.Wei(a.ChosenCost, TextStyle.EtherAndGwei))
        .Row("blobs_only_cost", "cost if blobs only", "blobsOnlyCostWei", K.Wei, a => V.Wei(a.BlobsOnlyCost, TextStyle.EtherAndGwei))
        .Row("calldata_only_cost", "cost if calldata only", "calldataOnlyCostWei", K.Wei, a => V.Wei(a.CalldataOnlyCost, TextStyle.EtherAndGwei));

    /// <summary>
    /// Every term of the supply identities in JSON, always present (zero when unused), so a reader
    /// can recompute both from the JSON alone: per rollup, genesis + issued + deposited + received =
    /// in accounts + burned + withdrawn + sent; over all rollups, Σ (genesis + issued + deposited)
    /// = Σ (in accounts + burned + withdrawn + in flight out + locked in). Text shows the terms in use.
    /// </summary>
    private static SectionLayout<SupplySummary> Supply => Sections.Section<SupplySummary>("supply", "supply", "supply")
        .Row("genesis", "at genesis", "genesisWei", K.Wei, s => V.Wei(s.Genesis, TextStyle.Ether))
        .Row("in_accounts", "in accounts", "inAccountsWei", K.Wei, s => V.Wei(s.InAccounts, TextStyle.Ether))
        .Row("burned", "burned", "burnedWei", K.Wei, s => V.Wei(s.Burned, TextStyle.Ether))
        .Row("issued", "issued", "issuedWei", K.Wei, s => V.Wei(s.Issued, TextStyle.Ether), inText: s => s.Issued > 0)
        .Row("deposited", null, "depositedWei", K.Wei, s => V.Wei(s.Deposited, TextStyle.Ether))
        .Row("withdrawn", null, "withdrawnWei", K.Wei, s => V.Wei(s.Withdrawn, TextStyle.Ether))
        .Row("sent_cross_chain", "sent cross-chain", "sentCrossChainWei", K.Wei, s => V.Wei(s.SentCrossChain, TextStyle.Ether), inText: CrossesChains)
        .Row("received_cross_chain", "received cross-chain", "receivedCrossChainWei", K.Wei, s => V.Wei(s.ReceivedCrossChain, TextStyle.Ether), inText: CrossesChains)
        .Row("in_flight_out", null, "inFlightOutWei", K.Wei, s => V.Wei(s.InFlightOut, TextStyle.Ether))
        .Row("in_flight_in", null, "inFlightInWei", K.Wei, s => V.Wei(s.InFlightIn, TextStyle.Ether))
        .Row("locked_in", null, "lockedInWei", K.Wei, s => V.Wei(s.LockedIn, TextStyle.Ether))
        .Row("conserved", "conserved", "conserved", K.Flag, s => V.Flag(s.Conserved));

    private static SectionLayout<StateSizeSummary> StateSize => Sections.Section<StateSizeSummary>("state", "state size", "stateSize")
        .Row("genesis", "at genesis", null, K.Text, s => V.Of(StateSizeText(s.Genesis)))
        .Row("end", "at end", null, K.Text, s => V.Of(StateSizeText(s.End)))
        .Nest(s => s.Genesis, StateSizeObject("genesis", M.StateSizeGenesis, null))
        .Nest(s => s.End, StateSizeObject("end", M.StateSize, M.StateAccounts))
        .Row(M.StateGrowthPerHour, "growth per hour", "growthPerHourBytes", K.Bytes, s => V.Bytes(s.GrowthPerHour, " B"));

    private static bool CrossesChains(SupplySummary s) => s.SentCrossChain != 0 || s.ReceivedCrossChain != 0;

    private static V CostPerIncluded(RollupResult r)
    {
        var included = r.Transactions.Included;
        return included == 0
            ? V.Wei(0, TextStyle.Gwei, available: false)
            : V.Wei(r.DataAvailability.Cost / (UInt128)(ulong)included, TextStyle.Gwei);
    }

    private static SectionLayout<Engine.State.StateSize> StateSizeObject(string key, Language.Model.MetricDefinition bytes, Language.Model.MetricDefinition? accounts) =>
        new SectionLayout<Engine.State.StateSize>(key, null, TextShape.Hidden, key, JsonShape.Object)
            .Row(bytes, null, "bytes", K.Bytes, s => V.Bytes(s.Bytes))
            .Row(accounts is null ? "accounts" : accounts, null, "accounts", K.Count, s => V.Count(s.Accounts))
            .Row("token_balances", null, "tokenBalances", K.Count, s => V.Count(s.TokenBalances))
            .Row("pools", null, "pools", K.Count, s => V.Count(s.Pools))

            // Only a rollup whose users write contract storage has slots; every other report stays as it was.
            .RowLabelled("storage_slots", null, "storageSlots", K.Count, s => V.Count(s.StorageSlots), when: s => s.StorageSlots > 0);

    private static string StateSizeText(Engine.State.StateSize size) =>
        ReportFormat.Integer(size.Bytes) + " B (" + ReportFormat.Integer(size.Accounts) + " accounts, "
        + ReportFormat.Integer(size.TokenBalances) + " token balances, " + ReportFormat.Integer(size.Pools) + " pools"
        + (size.StorageSlots > 0 ? ", " + ReportFormat.Integer(size.StorageSlots) + " storage slots)" : ")");

    private static string AccountsByRole(RollupResult r) =>
        r.Accounts.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ("
        + string.Join(", ", r.AccountGroups.Groups.Select(g => g.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + g.Role)) + ")";
}
