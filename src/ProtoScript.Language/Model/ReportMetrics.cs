using System.Collections.Immutable;

namespace ProtoScript.Language.Model;

/// <summary>Which part of the report a metric belongs to: what <c>CHAIN</c> in <c>report.CHAIN.METRIC</c> may be.</summary>
public enum MetricScope
{
    /// <summary>The L1 (<c>report.l1.…</c>).</summary>
    L1,

    /// <summary>Each rollup (<c>report.NAME.…</c>).</summary>
    Rollup,

    /// <summary>The messages between rollups (<c>report.cross_chain.…</c>).</summary>
    CrossChain,
}

/// <summary>
/// What a metric reads when the part of the report it lives in is absent from a run, and
/// whether sweeps report it for such a chain.
/// </summary>
public enum MetricPresence
{
    /// <summary>Every run's report has it.</summary>
    Always,

    /// <summary>In the <c>trading</c> section: zero on a rollup without pools, which sweeps leave it out for.</summary>
    Trading,

    /// <summary>In a <c>fees { … }</c> block's settlement: zero on a rollup without one, which sweeps leave it out for.</summary>
    FeeDistribution,

    /// <summary>In the <c>cross_chain</c> section: zero in a run without messages between rollups.</summary>
    CrossChain,

    /// <summary>In the <c>cross_chain</c> section's <c>bundles</c>: zero in a run without bundle streams, which sweeps leave it out for.</summary>
    Bundles,

    /// <summary>In a streamed rollup's <c>flashblocks</c> section: zero on a rollup without <c>flashblocks</c>, which sweeps leave it out for.</summary>
    Flashblocks,

    /// <summary>In the <c>pbs</c> section: zero on a rollup without PBS builders, which sweeps leave it out for.</summary>
    Pbs,

    /// <summary>In the <c>express_lane</c> section: zero on a rollup without an express lane, which sweeps leave it out for.</summary>
    ExpressLane,

    /// <summary>In the <c>base_fee_market</c> section: zero on a rollup whose base fee is fixed, which sweeps leave it out for.</summary>
    BaseFeeMarket,

    /// <summary>In the <c>cross_arbitrage</c> section: zero in a run without cross-rollup arbitrage, which sweeps leave it out for.</summary>
    CrossArbitrage,

    /// <summary>In the <c>proving</c> section: zero on a rollup without provers, which sweeps leave it out for.</summary>
    Proving,
}

/// <summary>
/// One expect-able metric of the report: its stable key, which is the key of the report
/// document's row that carries the value, and the unit the language checks constants against.
/// </summary>
/// <param name="Scope">The chain(s) it belongs to.</param>
/// <param name="Key">The key, e.g. <c>transactions.included</c>; the <c>METRIC</c> of <c>report.CHAIN.METRIC</c>.</param>
/// <param name="Unit">What it is measured in.</param>
/// <param name="Presence">What it reads when its section is absent.</param>
/// <param name="Description">One line, for documentation and editors.</param>
public sealed record MetricDefinition(MetricScope Scope, string Key, MetricUnit Unit, MetricPresence Presence, string Description)
{
    /// <summary>The key of another metric this one is another name for (e.g. <c>latency.p50</c> of <c>latency.soft.p50</c>), or null.</summary>
    public string? SameAs { get; init; }
}

/// <summary>
/// The report's expect-able metrics, each defined once. The language's
/// <see cref="MetricCatalog"/> is derived from this list, and the reporting layer binds each
/// definition to the row of its report document that carries the value; so a new metric is
/// a line here and a row in the report's layout.
/// </summary>
/// <remarks>
/// It lives in the language because the language checks <c>expect</c> blocks without
/// referencing the engine or the reporting layer; it holds only what both sides need (key,
/// unit, presence), not how a renderer labels the value.
/// </remarks>
public static class ReportMetrics
{
#pragma warning disable CS1591 // Each field documents itself through its key and Description, which editors and docs read.
    public static readonly MetricDefinition L1Blocks = L1("blocks", MetricUnit.Count, "L1 blocks produced");
    public static readonly MetricDefinition L1BaseFee = L1("base_fee", MetricUnit.Wei, "the base fee the block after the last one would pay");
    public static readonly MetricDefinition L1BlobBaseFee = L1("blob_base_fee", MetricUnit.Wei, "the blob base fee the block after the last one would pay");
    public static readonly MetricDefinition L1RollupBlobs = L1("blobs.rollups", MetricUnit.Count, "blobs the rollups posted");
    public static readonly MetricDefinition L1BackgroundBlobs = L1("blobs.background", MetricUnit.Count, "blobs of background L1 traffic");
    public static readonly MetricDefinition L1RollupGas = L1("rollup_gas", MetricUnit.Gas, "L1 gas of the rollups' postings");

    public static readonly MetricDefinition Blocks = Rollup("blocks", MetricUnit.Count, "L2 blocks sealed");
    public static readonly MetricDefinition TransactionsSubmitted = Rollup("transactions.submitted", MetricUnit.Count, "transactions submitted");
    public static readonly MetricDefinition TransactionsIncluded = Rollup("transactions.included", MetricUnit.Count, "transactions included in a block");
    public static readonly MetricDefinition TransactionsRejected = Rollup("transactions.rejected", MetricUnit.Count, "transactions rejected, for any reason");
    public static readonly MetricDefinition TransactionsPending = Rollup("transactions.pending", MetricUnit.Count, "transactions still pending at the end");
    public static readonly MetricDefinition SoftLatencyP50 = Rollup("latency.soft.p50", MetricUnit.Time, "inclusion latency (soft confirmation), median");
    public static readonly MetricDefinition SoftLatencyP95 = Rollup("latency.soft.p95", MetricUnit.Time, "inclusion latency (soft confirmation), 95th percentile");
    public static readonly MetricDefinition SoftLatencyP99 = Rollup("latency.soft.p99", MetricUnit.Time, "inclusion latency (soft confirmation), 99th percentile");
    public static readonly MetricDefinition LatencyP50 = Rollup("latency.p50", MetricUnit.Time, "the same as latency.soft.p50") with { SameAs = "latency.soft.p50" };
    public static readonly MetricDefinition LatencyP95 = Rollup("latency.p95", MetricUnit.Time, "the same as latency.soft.p95") with { SameAs = "latency.soft.p95" };
    public static readonly MetricDefinition LatencyP99 = Rollup("latency.p99", MetricUnit.Time, "the same as latency.soft.p99") with { SameAs = "latency.soft.p99" };
    public static readonly MetricDefinition FlashblocksSubBlocks = Streaming("flashblocks.sub_blocks", MetricUnit.Count, "sub-blocks filled by a streamed rollup (flashblocks)");
    public static readonly MetricDefinition FlashblocksLatencyP50 = Streaming("flashblocks.latency.p50", MetricUnit.Time, "soft confirmation latency to the sub-block (flashblocks), median");
    public static readonly MetricDefinition FlashblocksLatencyP95 = Streaming("flashblocks.latency.p95", MetricUnit.Time, "soft confirmation latency to the sub-block (flashblocks), 95th percentile");
    public static readonly MetricDefinition FlashblocksLatencyP99 = Streaming("flashblocks.latency.p99", MetricUnit.Time, "soft confirmation latency to the sub-block (flashblocks), 99th percentile");
    public static readonly MetricDefinition HardLatencyP50 = Rollup("latency.hard.p50", MetricUnit.Time, "hard confirmation latency (batch on L1), median");
    public static readonly MetricDefinition HardLatencyP95 = Rollup("latency.hard.p95", MetricUnit.Time, "hard confirmation latency (batch on L1), 95th percentile");
    public static readonly MetricDefinition HardLatencyP99 = Rollup("latency.hard.p99", MetricUnit.Time, "hard confirmation latency (batch on L1), 99th percentile");
    public static readonly MetricDefinition FinalLatencyP50 = Rollup("latency.final.p50", MetricUnit.Time, "final confirmation latency (L1 final), median");
    public static readonly MetricDefinition FinalLatencyP95 = Rollup("latency.final.p95", MetricUnit.Time, "final confirmation latency (L1 final), 95th percentile");
    public static readonly MetricDefinition FinalLatencyP99 = Rollup("latency.final.p99", MetricUnit.Time, "final confirmation latency (L1 final), 99th percentile");
    public static readonly MetricDefinition ProofFinalLatencyP50 = Proving("latency.proof_final.p50", MetricUnit.Time, "proof-final confirmation latency (block's proof verified on L1), median");
    public static readonly MetricDefinition ProofFinalLatencyP95 = Proving("latency.proof_final.p95", MetricUnit.Time, "proof-final confirmation latency (block's proof verified on L1), 95th percentile");
    public static readonly MetricDefinition ProofFinalLatencyP99 = Proving("latency.proof_final.p99", MetricUnit.Time, "proof-final confirmation latency (block's proof verified on L1), 99th percentile");
    public static readonly MetricDefinition DaBatches = Rollup("da.batches", MetricUnit.Count, "batches posted");
    public static readonly MetricDefinition DaBatchesConfirmed = Rollup("da.batches_confirmed", MetricUnit.Count, "batches that landed on L1");
    public static readonly MetricDefinition DaBytes = Rollup("da.bytes", MetricUnit.Count, "encoded L2 bytes batched");
    public static readonly MetricDefinition DaCompressedBytes = Rollup("da.compressed_bytes", MetricUnit.Count, "bytes after compression");
    public static readonly MetricDefinition DaL1Transactions = Rollup("da.l1_transactions", MetricUnit.Count, "L1 transactions of the postings");
    public static readonly MetricDefinition DaBlobs = Rollup("da.blobs", MetricUnit.Count, "blobs posted");
    public static readonly MetricDefinition DaGas = Rollup("da.gas", MetricUnit.Gas, "L1 gas of the postings");
    public static readonly MetricDefinition DaCost = Rollup("da.cost", MetricUnit.Wei, "L1 fees the sequencer paid for data availability");
    public static readonly MetricDefinition GasUsed = Rollup("gas_used", MetricUnit.Gas, "L2 gas used");
    public static readonly MetricDefinition FeesBurned = Rollup("fees.burned", MetricUnit.Wei, "fees burned");
    public static readonly MetricDefinition FeesPriority = Rollup("fees.priority", MetricUnit.Wei, "priority fees to the sequencer");
    public static readonly MetricDefinition FeesTotal = Rollup("fees.total", MetricUnit.Wei, "base and priority fees");
    public static readonly MetricDefinition FeesSequencer = Fees("fees.sequencer", "what the sequencer received (its priority fees without a fees block)");
    public static readonly MetricDefinition FeesBuilder = Fees("fees.builder", "what the builder received");
    public static readonly MetricDefinition FeesProver = Fees("fees.prover", "what the prover received");
    public static readonly MetricDefinition FeesDataAvailability = Fees("fees.data_availability", "what the data-availability role received");
    public static readonly MetricDefinition FeesTreasury = Fees("fees.treasury", "what the treasury received");
    public static readonly MetricDefinition FeesProverDeficit = Fees("fees.deficit.prover", "proving costs the fees did not cover");
    public static readonly MetricDefinition FeesDataAvailabilityDeficit = Fees("fees.deficit.data_availability", "L1 posting costs the fees did not cover");
    public static readonly MetricDefinition FeesL1Data = Fees("fees.l1_data", "L1 data fees users paid");
    public static readonly MetricDefinition FeesIssued = Fees("fees.issued", "ether issued to roles");
    public static readonly MetricDefinition SwapsSubmitted = Trading("swaps.submitted", MetricUnit.Count, "swaps submitted");
    public static readonly MetricDefinition SwapsIncluded = Trading("swaps.included", MetricUnit.Count, "swaps included");
    public static readonly MetricDefinition SwapsRejected = Trading("swaps.rejected", MetricUnit.Count, "swaps rejected");
    public static readonly MetricDefinition UserSwapsSubmitted = Trading("swaps.user.submitted", MetricUnit.Count, "users' swaps submitted");
    public static readonly MetricDefinition UserSwapsIncluded = Trading("swaps.user.included", MetricUnit.Count, "users' swaps included");
    public static readonly MetricDefinition UserSwapsRejected = Trading("swaps.user.rejected", MetricUnit.Count, "users' swaps rejected");
    public static readonly MetricDefinition ArbitrageSwapsSubmitted = Trading("swaps.arb.submitted", MetricUnit.Count, "searchers' (arbitrage and back-run) swaps submitted");
    public static readonly MetricDefinition ArbitrageSwapsIncluded = Trading("swaps.arb.included", MetricUnit.Count, "searchers' swaps included");
    public static readonly MetricDefinition ArbitrageSwapsRejected = Trading("swaps.arb.rejected", MetricUnit.Count, "searchers' swaps rejected (a lost race reverts as slippage exceeded)");
    public static readonly MetricDefinition Arbitrages = Trading("arbitrages", MetricUnit.Count, "arbitrages executed");
    public static readonly MetricDefinition ArbitragesUnprofitable = Trading("arbitrages.unprofitable", MetricUnit.Count, "executed arbitrages that lost money after fees");
    public static readonly MetricDefinition ArbitrageLosses = Trading("arbitrages.losses", MetricUnit.Quote, "what unprofitable arbitrages lost");
    public static readonly MetricDefinition MevTotal = Trading("mev.total", MetricUnit.Quote, "all MEV taken");
    public static readonly MetricDefinition MevNet = Trading("mev.net", MetricUnit.Quote, "MEV net of arbitrage losses");
    public static readonly MetricDefinition MevArbitrage = Trading("mev.arbitrage", MetricUnit.Quote, "MEV of kind arbitrage");
    public static readonly MetricDefinition MevArbitrageurs = Trading("mev.arbitrageurs", MetricUnit.Quote, "MEV taken by arbitrageurs");
    public static readonly MetricDefinition MevSequencer = Trading("mev.sequencer", MetricUnit.Quote, "MEV taken by the sequencer");
    public static readonly MetricDefinition PriceGapMean = Trading("price_gap.mean_bps", MetricUnit.BasisPoints, "mean |pool − CEX| / CEX before each block");
    public static readonly MetricDefinition PriceGapMax = Trading("price_gap.max_bps", MetricUnit.BasisPoints, "largest |pool − CEX| / CEX before a block");
    public static readonly MetricDefinition PbsBuilderBlocks = Pbs("pbs.builder_blocks", MetricUnit.Count, "blocks a PBS builder won");
    public static readonly MetricDefinition PbsFallbackBlocks = Pbs("pbs.fallback_blocks", MetricUnit.Count, "blocks the proposer built itself (no valid bid in time)");
    public static readonly MetricDefinition PbsBidRevenue = Pbs("pbs.bid_revenue", MetricUnit.Wei, "what winning builders paid the proposer");
    public static readonly MetricDefinition PbsFallbackRevenue = Pbs("pbs.fallback_revenue", MetricUnit.Wei, "priority fees of the proposer's own blocks");
    public static readonly MetricDefinition PbsBuilderMargin = Pbs("pbs.builder_margin", MetricUnit.Wei, "what the builders kept: priority fees captured minus bids paid");
    public static readonly MetricDefinition PbsBuilderMev = Pbs("pbs.builder_mev", MetricUnit.Quote, "MEV the builders kept: their share of the arbitrages' bids in the blocks they won");
    public static readonly MetricDefinition PbsHhi = Pbs("pbs.hhi", MetricUnit.BasisPoints, "concentration of building: Herfindahl index of blocks won, 0 … 10_000 bp");
    public static readonly MetricDefinition ExpressLaneRounds = Lane("express_lane.rounds", MetricUnit.Count, "express lane rounds whose auction was held (Timeboost)");
    public static readonly MetricDefinition ExpressLaneRoundsSold = Lane("express_lane.rounds_sold", MetricUnit.Count, "express lane rounds sold to a holder");
    public static readonly MetricDefinition ExpressLaneRevenue = Lane("express_lane.revenue", MetricUnit.Wei, "what the express lane's holders paid for their rounds");
    public static readonly MetricDefinition ExpressLaneHolderShare = Lane("express_lane.holder_share", MetricUnit.BasisPoints, "the arbitrageurs' arbitrage profit the holder of the round made, in basis points");
    public static readonly MetricDefinition BaseFeeStart = Market("base_fee.start", MetricUnit.Wei, "the base fee per gas of the first block (base fee market)");
    public static readonly MetricDefinition BaseFeeEnd = Market("base_fee.end", MetricUnit.Wei, "the base fee per gas of the last block");
    public static readonly MetricDefinition BaseFeeMin = Market("base_fee.min", MetricUnit.Wei, "the lowest base fee per gas of any block");
    public static readonly MetricDefinition BaseFeeMean = Market("base_fee.mean", MetricUnit.Wei, "the mean base fee per gas over the blocks");
    public static readonly MetricDefinition BaseFeeP50 = Market("base_fee.p50", MetricUnit.Wei, "the median base fee per gas over the blocks");
    public static readonly MetricDefinition BaseFeeMax = Market("base_fee.max", MetricUnit.Wei, "the highest base fee per gas of any block");
    public static readonly MetricDefinition BaseFeeBlocksAboveTarget = Market("base_fee.blocks_above_target", MetricUnit.Count, "blocks that pushed the base fee up: above the EIP-1559 target, or priced above the speed limit's minimum");
    public static readonly MetricDefinition BaseFeePricedOut = Market("base_fee.priced_out", MetricUnit.Count, "transactions that waited at least one block because their max fee was below the base fee");
    public static readonly MetricDefinition BaseFeeWaiting = Market("base_fee.waiting", MetricUnit.Count, "transactions still pending at the end whose max fee is below the last base fee");
    public static readonly MetricDefinition ExpressLaneDelayed = Lane("express_lane.delayed", MetricUnit.Count, "transactions that reached the sequencer the delay late");
    public static readonly MetricDefinition ProvingProofs = Proving("proving.proofs", MetricUnit.Count, "blocks whose proof was ready by the end");
    public static readonly MetricDefinition ProvingPending = Proving("proving.pending", MetricUnit.Count, "sealed blocks whose proof was not ready by the end");
    public static readonly MetricDefinition ProvingJobs = Proving("proving.jobs", MetricUnit.Count, "proof jobs assigned: one per block, or one per transaction plus one aggregation per block");
    public static readonly MetricDefinition ProvingLatencyP50 = Proving("proving.latency.p50", MetricUnit.Time, "proof latency (block seal to proof ready), median");
    public static readonly MetricDefinition ProvingLatencyP95 = Proving("proving.latency.p95", MetricUnit.Time, "proof latency (block seal to proof ready), 95th percentile");
    public static readonly MetricDefinition ProvingLatencyP99 = Proving("proving.latency.p99", MetricUnit.Time, "proof latency (block seal to proof ready), 99th percentile");
    public static readonly MetricDefinition ProvingCost = Proving("proving.cost", MetricUnit.Wei, "what proving the sealed blocks cost");
    public static readonly MetricDefinition ProvingCostPerTransaction = Proving("proving.cost_per_transaction", MetricUnit.Wei, "proving cost over the transactions of the sealed blocks, rounded down to a wei");
    public static readonly MetricDefinition ProvingCostPerProof = Proving("proving.cost_per_proof", MetricUnit.Wei, "proving cost over the sealed blocks (proven or pending), rounded down to a wei");
    public static readonly MetricDefinition ProvingWaste = Proving("proving.waste", MetricUnit.BasisPoints, "wasted prover time over all prover time of the rollup's jobs (the wasted share), in basis points");
    public static readonly MetricDefinition ProvingUtilization = Proving("proving.utilization", MetricUnit.BasisPoints, "prover time on the rollup's jobs within the run, won and wasted, over count × duration, in basis points");
    public static readonly MetricDefinition ProvingHhi = Proving("proving.hhi", MetricUnit.BasisPoints, "concentration of proving: Herfindahl index of the rollup's proof jobs won per prover, 0 … 10_000 bp");
    public static readonly MetricDefinition ProvingTopShare = Proving("proving.top_share", MetricUnit.BasisPoints, "the share of the rollup's proof jobs won by the prover that won the most, in basis points");
    public static readonly MetricDefinition ProvingDeadlineMissed = Proving("proving.deadline.missed", MetricUnit.Count, "proving windows missed under a `deadline` (0 without one)");
    public static readonly MetricDefinition ProvingDeadlineSlashed = Proving("proving.deadline.slashed", MetricUnit.Wei, "bonds slashed (burned) for missed windows (0 without a `deadline`)");
    public static readonly MetricDefinition ProvingDeadlinePrunedBlocks = Proving("proving.deadline.pruned_blocks", MetricUnit.Count, "blocks pruned back to the proven tip and re-proposed after missed windows (0 without a `deadline`)");
    public static readonly MetricDefinition StateSize = Rollup("state.size", MetricUnit.Bytes, "bytes of state at the end");
    public static readonly MetricDefinition StateSizeGenesis = Rollup("state.size.genesis", MetricUnit.Bytes, "bytes of state at genesis");
    public static readonly MetricDefinition StateGrowthPerHour = Rollup("state.growth_per_hour", MetricUnit.Bytes, "state growth per simulated hour");
    public static readonly MetricDefinition StateAccounts = Rollup("state.accounts", MetricUnit.Count, "accounts that hold something at the end");

    public static readonly MetricDefinition CrossChainSent = CrossChain("sent", MetricUnit.Count, "messages sent");
    public static readonly MetricDefinition CrossChainDelivered = CrossChain("delivered", MetricUnit.Count, "messages delivered");
    public static readonly MetricDefinition CrossChainFailed = CrossChain("failed", MetricUnit.Count, "messages that failed");
    public static readonly MetricDefinition CrossChainPending = CrossChain("pending", MetricUnit.Count, "messages still in flight");
    public static readonly MetricDefinition CrossChainAtomicFailures = CrossChain("atomic_failures", MetricUnit.Count, "atomic bundles that failed");
    public static readonly MetricDefinition CrossChainDropped = CrossChain("dropped", MetricUnit.Count, "bundles refused whole before inclusion");
    public static readonly MetricDefinition CrossChainLatencyP50 = CrossChain("latency.p50", MetricUnit.Time, "source submit to destination credit, median");
    public static readonly MetricDefinition CrossChainLatencyP95 = CrossChain("latency.p95", MetricUnit.Time, "source submit to destination credit, 95th percentile");
    public static readonly MetricDefinition CrossChainLatencyP99 = CrossChain("latency.p99", MetricUnit.Time, "source submit to destination credit, 99th percentile");
    public static readonly MetricDefinition CrossChainValueSent = CrossChain("value.sent", MetricUnit.Wei, "value sent between rollups");
    public static readonly MetricDefinition CrossChainValueDelivered = CrossChain("value.delivered", MetricUnit.Wei, "value delivered");
    public static readonly MetricDefinition CrossChainValueInFlight = CrossChain("value.in_flight", MetricUnit.Wei, "value in flight at the end");
    public static readonly MetricDefinition BundlesSent = Bundles("bundles.sent", MetricUnit.Count, "path bundles sent, over every path");
    public static readonly MetricDefinition BundlesIncluded = Bundles("bundles.included", MetricUnit.Count, "path bundles whose every leg executed");
    public static readonly MetricDefinition BundlesDropped = Bundles("bundles.dropped", MetricUnit.Count, "path bundles a simulating producer refused whole");
    public static readonly MetricDefinition BundlesLegsReverted = Bundles("bundles.legs_reverted", MetricUnit.Count, "bundle legs that ran and failed");
    public static readonly MetricDefinition BundlesAtomicFailures = Bundles("bundles.atomic_failures", MetricUnit.Count, "path bundles that failed after a leg executed");
    public static readonly MetricDefinition BundlesPending = Bundles("bundles.pending", MetricUnit.Count, "path bundles still under way at the end");
    public static readonly MetricDefinition BundlesValueLocked = Bundles("bundles.value_locked", MetricUnit.Wei, "value that left a rollup in a bundle and arrived nowhere");
    public static readonly MetricDefinition BundlesLatencyP50 = Bundles("bundles.latency.p50", MetricUnit.Time, "bundle submit to its last leg's block, median");
    public static readonly MetricDefinition BundlesLatencyP95 = Bundles("bundles.latency.p95", MetricUnit.Time, "bundle submit to its last leg's block, 95th percentile");
    public static readonly MetricDefinition BundlesLatencyP99 = Bundles("bundles.latency.p99", MetricUnit.Time, "bundle submit to its last leg's block, 99th percentile");
    public static readonly MetricDefinition CrossArbitrageOpportunities = CrossArbitrageMetric("opportunities", MetricUnit.Count, "looks at which two pools' gap paid for both legs' gas, over every path");
    public static readonly MetricDefinition CrossArbitrageSent = CrossArbitrageMetric("sent", MetricUnit.Count, "cross-rollup arbitrage trades sent");
    public static readonly MetricDefinition CrossArbitrageCompleted = CrossArbitrageMetric("completed", MetricUnit.Count, "trades whose two legs both executed");
    public static readonly MetricDefinition CrossArbitrageOneLegged = CrossArbitrageMetric("one_legged", MetricUnit.Count, "trades with exactly one leg executed (inventory left)");
    public static readonly MetricDefinition CrossArbitrageNoLeg = CrossArbitrageMetric("no_leg", MetricUnit.Count, "trades with no leg executed (reverted or dropped)");
    public static readonly MetricDefinition CrossArbitrageDropped = CrossArbitrageMetric("dropped", MetricUnit.Count, "atomic trades a simulating producer dropped whole");
    public static readonly MetricDefinition CrossArbitrageProfit = CrossArbitrageMetric("profit", MetricUnit.Quote, "realised profit net of gas at the reference price, in the quote token");
    public static readonly MetricDefinition CrossArbitrageMev = CrossArbitrageMetric("mev", MetricUnit.Quote, "gains of the profitable trades, booked as arbitrage MEV");
    public static readonly MetricDefinition CrossArbitrageLosses = CrossArbitrageMetric("losses", MetricUnit.Quote, "what the losing trades lost, in the quote token");
#pragma warning restore CS1591

    /// <summary>Every metric, in definition order.</summary>
    public static readonly ImmutableArray<MetricDefinition> All =
    [
        L1Blocks, L1BaseFee, L1BlobBaseFee, L1RollupBlobs, L1BackgroundBlobs, L1RollupGas,
        Blocks, TransactionsSubmitted, TransactionsIncluded, TransactionsRejected, TransactionsPending,
        SoftLatencyP50, SoftLatencyP95, SoftLatencyP99, LatencyP50, LatencyP95, LatencyP99,
        FlashblocksSubBlocks, FlashblocksLatencyP50, FlashblocksLatencyP95, FlashblocksLatencyP99,
        HardLatencyP50, HardLatencyP95, HardLatencyP99, FinalLatencyP50, FinalLatencyP95, FinalLatencyP99,
        ProofFinalLatencyP50, ProofFinalLatencyP95, ProofFinalLatencyP99,
        DaBatches, DaBatchesConfirmed, DaBytes, DaCompressedBytes, DaL1Transactions, DaBlobs, DaGas, DaCost,
        GasUsed, FeesBurned, FeesPriority, FeesTotal,
        FeesSequencer, FeesBuilder, FeesProver, FeesDataAvailability, FeesTreasury, FeesProverDeficit, FeesDataAvailabilityDeficit, FeesL1Data, FeesIssued,
        SwapsSubmitted, SwapsIncluded, SwapsRejected,
        UserSwapsSubmitted, UserSwapsIncluded, UserSwapsRejected, ArbitrageSwapsSubmitted, ArbitrageSwapsIncluded, ArbitrageSwapsRejected,
        Arbitrages, ArbitragesUnprofitable, ArbitrageLosses,
        MevTotal, MevNet, MevArbitrage, MevArbitrageurs, MevSequencer, PriceGapMean, PriceGapMax,
        PbsBuilderBlocks, PbsFallbackBlocks, PbsBidRevenue, PbsFallbackRevenue, PbsBuilderMargin, PbsBuilderMev, PbsHhi,
        ExpressLaneRounds, ExpressLaneRoundsSold, ExpressLaneRevenue, ExpressLaneHolderShare, ExpressLaneDelayed,
        BaseFeeStart, BaseFeeEnd, BaseFeeMin, BaseFeeMean, BaseFeeP50, BaseFeeMax, BaseFeeBlocksAboveTarget, BaseFeePricedOut, BaseFeeWaiting,
        ProvingProofs, ProvingPending, ProvingJobs, ProvingLatencyP50, ProvingLatencyP95, ProvingLatencyP99,
        ProvingCost, ProvingCostPerTransaction, ProvingCostPerProof, ProvingWaste, ProvingUtilization, ProvingHhi, ProvingTopShare,
        ProvingDeadlineMissed, ProvingDeadlineSlashed, ProvingDeadlinePrunedBlocks,
        StateSize, StateSizeGenesis, StateGrowthPerHour, StateAccounts,
        CrossChainSent, CrossChainDelivered, CrossChainFailed, CrossChainPending, CrossChainAtomicFailures, CrossChainDropped,
        CrossChainLatencyP50, CrossChainLatencyP95, CrossChainLatencyP99, CrossChainValueSent, CrossChainValueDelivered, CrossChainValueInFlight,
        BundlesSent, BundlesIncluded, BundlesDropped, BundlesLegsReverted, BundlesAtomicFailures, BundlesPending, BundlesValueLocked,
        BundlesLatencyP50, BundlesLatencyP95, BundlesLatencyP99,
        CrossArbitrageOpportunities, CrossArbitrageSent, CrossArbitrageCompleted, CrossArbitrageOneLegged, CrossArbitrageNoLeg, CrossArbitrageDropped,
        CrossArbitrageProfit, CrossArbitrageMev, CrossArbitrageLosses,
    ];

    /// <summary>The metrics of one scope, in definition order.</summary>
    public static IEnumerable<MetricDefinition> Of(MetricScope scope) => All.Where(m => m.Scope == scope);

    private static MetricDefinition L1(string key, MetricUnit unit, string description) => new(MetricScope.L1, key, unit, MetricPresence.Always, description);

    private static MetricDefinition Rollup(string key, MetricUnit unit, string description) => new(MetricScope.Rollup, key, unit, MetricPresence.Always, description);

    private static MetricDefinition Fees(string key, string description) => new(MetricScope.Rollup, key, MetricUnit.Wei, MetricPresence.FeeDistribution, description);

    private static MetricDefinition Trading(string key, MetricUnit unit, string description) => new(MetricScope.Rollup, key, unit, MetricPresence.Trading, description);

    private static MetricDefinition Streaming(string key, MetricUnit unit, string description) => new(MetricScope.Rollup, key, unit, MetricPresence.Flashblocks, description);

    private static MetricDefinition Lane(string key, MetricUnit unit, string description) => new(MetricScope.Rollup, key, unit, MetricPresence.ExpressLane, description);

    private static MetricDefinition Market(string key, MetricUnit unit, string description) => new(MetricScope.Rollup, key, unit, MetricPresence.BaseFeeMarket, description);

    private static MetricDefinition Proving(string key, MetricUnit unit, string description) => new(MetricScope.Rollup, key, unit, MetricPresence.Proving, description);

    private static MetricDefinition Pbs(string key, MetricUnit unit, string description) => new(MetricScope.Rollup, key, unit, MetricPresence.Pbs, description);

    private static MetricDefinition CrossChain(string key, MetricUnit unit, string description) => new(MetricScope.CrossChain, key, unit, MetricPresence.CrossChain, description);

    private static MetricDefinition Bundles(string key, MetricUnit unit, string description) => new(MetricScope.CrossChain, key, unit, MetricPresence.Bundles, description);

    private static MetricDefinition CrossArbitrageMetric(string key, MetricUnit unit, string description) => new(MetricScope.CrossChain, "cross_arbitrage." + key, unit, MetricPresence.CrossArbitrage, description);
}
