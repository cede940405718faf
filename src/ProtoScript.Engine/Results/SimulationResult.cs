using System.Collections.Immutable;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Results;

/// <summary>
/// Everything a run measured, immutable and free of engine internals; reports are
/// rendered from this alone. Two results are equal when every number is equal.
/// </summary>
/// <param name="ScenarioName">The scenario's name.</param>
/// <param name="Seed">The root seed of the run.</param>
/// <param name="Duration">The simulated time covered.</param>
/// <param name="L1">The settlement chain.</param>
/// <param name="Rollups">The rollups, in declaration order.</param>
public sealed record SimulationResult(
    string ScenarioName,
    ulong Seed,
    SimDuration Duration,
    L1Result L1,
    ImmutableArray<RollupResult> Rollups)
{
    /// <summary>
    /// Every L1 block and every byte the rollups posted, when the run was asked to keep them
    /// (<see cref="Simulation.SimulationOptions.RetainL1Data"/>); otherwise null. Not part of equality.
    /// </summary>
    public L1DataLog? L1Data { get; init; }

    /// <summary>
    /// The sequencer's state root after every block, one list per rollup in declaration order,
    /// kept together with <see cref="L1Data"/> so a verifier can compare derived roots; otherwise
    /// null. Not part of equality.
    /// </summary>
    public ImmutableArray<IReadOnlyList<BlockStateRoot>>? SequencerRoots { get; init; }

    /// <summary>Messages between rollups, or null when the scenario sends none.</summary>
    public CrossChainResult? CrossChain { get; init; }

    /// <summary>Shared sequencers, then cross-chain builders, in declaration order.</summary>
    public ImmutableArray<SequencerResult> Sequencers { get; init; } = [];

    /// <summary>The cross-rollup arbitrage paths, in workload order; empty when the scenario has none.</summary>
    public ImmutableArray<CrossArbitrageResult> CrossArbitrage { get; init; } = [];

    /// <inheritdoc />
    public bool Equals(SimulationResult? other) =>
        other is not null
        && ScenarioName == other.ScenarioName
        && Seed == other.Seed
        && Duration == other.Duration
        && L1 == other.L1
        && Rollups.AsSpan().SequenceEqual(other.Rollups.AsSpan())
        && Equals(CrossChain, other.CrossChain)
        && Sequencers.AsSpan().SequenceEqual(other.Sequencers.AsSpan())
        && CrossArbitrage.AsSpan().SequenceEqual(other.CrossArbitrage.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ScenarioName, Seed, Duration, L1, Rollups.Length);
}

/// <summary>What the L1 did.</summary>
/// <param name="Name">The chain's name.</param>
/// <param name="SlotTime">Time between blocks.</param>
/// <param name="Blocks">Blocks produced (genesis not counted).</param>
public sealed record L1Result(string Name, SimDuration SlotTime, long Blocks)
{
    /// <summary>The fork whose rules priced the blocks, e.g. <c>prague</c>.</summary>
    public string Fork { get; init; } = string.Empty;

    /// <summary>Time from a block to its finality.</summary>
    public SimDuration Finality { get; init; }

    /// <summary>The base fee per gas over the run, in wei.</summary>
    public FeeRange BaseFee { get; init; }

    /// <summary>The blob base fee per blob gas over the run, in wei.</summary>
    public FeeRange BlobBaseFee { get; init; }

    /// <summary>Blobs the rollups' batches used.</summary>
    public ulong RollupBlobs { get; init; }

    /// <summary>Blobs other L1 users posted.</summary>
    public ulong BackgroundBlobs { get; init; }

    /// <summary>Execution gas the rollups' batch postings used.</summary>
    public ulong RollupGas { get; init; }

    /// <summary>Execution gas other L1 users used.</summary>
    public ulong BackgroundGas { get; init; }

    /// <summary>L1 transactions that carried rollup data.</summary>
    public long RollupTransactions { get; init; }

    /// <summary>Rollup postings submitted but not yet included when the run ended.</summary>
    public long PendingPostings { get; init; }
}

/// <summary>How a fee moved over a run, in wei.</summary>
/// <param name="Start">The first block's fee.</param>
/// <param name="End">The fee the block after the last one would pay.</param>
/// <param name="Min">The lowest, over every block and the next one.</param>
/// <param name="Max">The highest, over every block and the next one.</param>
public readonly record struct FeeRange(UInt128 Start, UInt128 End, UInt128 Min, UInt128 Max);

/// <summary>What one rollup did.</summary>
/// <param name="Name">The rollup's name.</param>
/// <param name="Ordering">The ordering rule's name (e.g. <c>priority_fee</c>).</param>
/// <param name="BlockTime">Time between blocks.</param>
/// <param name="GasLimit">Gas available per block.</param>
/// <param name="BaseFee">Base fee per gas, in wei.</param>
/// <param name="Accounts">Accounts in the state, the sequencer's included.</param>
/// <param name="Blocks">Blocks produced (genesis not counted).</param>
/// <param name="Transactions">What became of the transactions users sent.</param>
/// <param name="InclusionLatency">Time from submission to inclusion.</param>
/// <param name="GasUsed">Gas used by all blocks.</param>
/// <param name="Fees">Fees paid, by recipient.</param>
/// <param name="Supply">Where the ether is at the end, to check that none was created or lost.</param>
/// <param name="StateRoot">The final state root, <c>0x</c> and 64 lowercase hex digits.</param>
public sealed record RollupResult(
    string Name,
    string Ordering,
    SimDuration BlockTime,
    ulong GasLimit,
    UInt128 BaseFee,
    int Accounts,
    long Blocks,
    TransactionCounts Transactions,
    LatencySummary InclusionLatency,
    ulong GasUsed,
    FeeSummary Fees,
    SupplySummary Supply,
    string StateRoot)
{
    /// <summary>
    /// Who holds the <see cref="Accounts"/> at genesis, by role, in state order (users, the sequencer,
    /// arbitrageurs, pools, searchers, back-runners, fee roles, builders; roles with none left out),
    /// so that <c>accounts 505</c> for <c>accounts 500</c> is explained in the report.
    /// </summary>
    public AccountGroups AccountGroups { get; init; } = new([]);

    /// <summary>Swaps, pools, the CEX and MEV; null for a rollup without pools or tokens.</summary>
    public TradingResult? Trading { get; init; }

    /// <summary>Where the fees went, by role; null for a rollup without a <c>fees</c> block.</summary>
    public FeeDistributionResult? FeeDistribution { get; init; }

    /// <summary>The top-of-block auction, for a rollup with <c>ordering = auction</c>; else null.</summary>
    public Auction.AuctionResult? Auction { get; init; }

    /// <summary>Proposer–builder separation, for a rollup with PBS builders; else null.</summary>
    public Pbs.PbsResult? Pbs { get; init; }

    /// <summary>How the rollup's base fee followed demand, or null for a fixed base fee.</summary>
    public FeeMarket.BaseFeeMarketResult? BaseFeeMarket { get; init; }

    /// <summary>What the rollup's express lane sold and whom it favoured, or null without <c>express_lane</c>.</summary>
    public Timeboost.ExpressLaneResult? ExpressLane { get; init; }

    /// <summary>What the rollup's batcher posted to L1 and paid.</summary>
    public DataAvailabilitySummary DataAvailability { get; init; } = DataAvailabilitySummary.Empty;

    /// <summary>
    /// Time from submission to the L1 block that completed the transaction's batch (hard
    /// confirmation), over the transactions whose batch landed. <see cref="InclusionLatency"/>
    /// is the soft confirmation.
    /// </summary>
    public LatencySummary HardLatency { get; init; } = LatencySummary.Empty;

    /// <summary>Time from submission to the finality of that L1 block: hard confirmation plus the L1's finality.</summary>
    public LatencySummary FinalLatency { get; init; } = LatencySummary.Empty;

    /// <summary>
    /// For a proven rollup, time from submission to the L1 slot that verified the proof of the
    /// transaction's block (its batch landed and its proof ready), over the batched transactions
    /// whose proof was verified by the end of the run; null for a rollup without provers.
    /// </summary>
    public LatencySummary? ProofFinalLatency { get; init; }

    /// <summary>The state's size at genesis and at the end, and its growth per hour.</summary>
    public StateSizeSummary StateSize { get; init; } = StateSizeSummary.Empty;

    /// <summary>The state over the run and what a new node must do to sync, when users create accounts (<c>new_accounts</c>); otherwise null.</summary>
    public StateGrowthResult? StateGrowth { get; init; }

    /// <summary>What the rollup's provers did; null when no <c>provers</c> block proves it.</summary>
    public ProvingResult? Proving { get; init; }

    /// <summary>Deposits and withdrawals; null for a rollup the scenario neither deposits to nor withdraws from.</summary>
    public BridgeResult? Bridge { get; init; }

    /// <summary>Sequencer faults and forced inclusion; null for a rollup with neither.</summary>
    public SequencingResult? Sequencing { get; init; }

    /// <summary>The streaming of the rollup's blocks as sub-blocks; null for a rollup without <c>flashblocks</c>.</summary>
    public FlashblocksResult? Flashblocks { get; init; }

    /// <summary>Where the rollup's value went, per role; null unless the rollup has more than one source of value (<see cref="Fees.ValueFlowCollector.Shows"/>).</summary>
    public ValueFlowResult? ValueFlow { get; init; }

    /// <summary>The pool's defences and each user population's outcome; null for a rollup without a <c>mempool</c> block or named populations.</summary>
    public MempoolResult? Mempool { get; init; }

    /// <summary>The per-block time series (bounded: see <see cref="BlockSeries"/>); null for results built by hand.</summary>
    public BlockSeries? Series { get; init; }
}

/// <summary>What one rollup's batcher posted to L1 and what it paid, in L1 ether.</summary>
/// <param name="Target">Where batches went: <c>blobs</c> or <c>calldata</c>.</param>
/// <param name="Compression">The compressor: <c>none</c>, <c>brotli</c> or <c>zlib</c>.</param>
/// <param name="Batches">Batches submitted.</param>
/// <param name="BatchesConfirmed">Batches whose every L1 transaction landed.</param>
/// <param name="TransactionsBatched">L2 transactions in the submitted batches.</param>
/// <param name="L2Bytes">Encoded batch bytes, before compression.</param>
/// <param name="CompressedBytes">Batch bytes after compression.</param>
/// <param name="PostedBytes">L1 transaction data: compressed bytes plus channel-frame overhead.</param>
/// <param name="L1Transactions">L1 transactions that landed.</param>
/// <param name="Blobs">Blobs they carried.</param>
/// <param name="ExecutionGas">L1 execution gas they used (21000 per blob transaction; calldata gas for calldata).</param>
/// <param name="BlobFee">Wei paid for blob gas.</param>
/// <param name="ExecutionFee">Wei paid for execution gas.</param>
public sealed record DataAvailabilitySummary(
    string Target,
    string Compression,
    long Batches,
    long BatchesConfirmed,
    long TransactionsBatched,
    ulong L2Bytes,
    ulong CompressedBytes,
    ulong PostedBytes,
    long L1Transactions,
    ulong Blobs,
    ulong ExecutionGas,
    UInt128 BlobFee,
    UInt128 ExecutionFee)
{
    /// <summary>Nothing posted.</summary>
    public static DataAvailabilitySummary Empty { get; } = new("blobs", "none", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Everything paid to L1, in wei.</summary>
    public UInt128 Cost => BlobFee + ExecutionFee;

    /// <summary>How a batcher posting each batch to the cheaper of blobs and calldata chose (<c>to = L1.auto</c>), or null.</summary>
    public AutoDaSummary? Auto { get; init; }
}

/// <summary>
/// The choices of a batcher that posts each batch to blobs or calldata, whichever is cheaper at
/// the moment of posting, and what every batch would have cost either way at those same fees.
/// </summary>
/// <param name="BlobBatches">Batches posted to blobs.</param>
/// <param name="CalldataBatches">Batches posted as calldata.</param>
/// <param name="ChosenCost">The chosen postings' cost at the fees when each was posted, in wei.</param>
/// <param name="BlobsOnlyCost">Every batch in blobs, at the same fees, in wei.</param>
/// <param name="CalldataOnlyCost">Every batch as calldata, at the same fees, in wei.</param>
public sealed record AutoDaSummary(long BlobBatches, long CalldataBatches, UInt128 ChosenCost, UInt128 BlobsOnlyCost, UInt128 CalldataOnlyCost)
{
    /// <summary>True when a C# hook chose per batch (<c>choose = csharp ...</c>) instead of the cheaper of the two.</summary>
    public bool Hooked { get; init; }
}

/// <summary>A rollup's genesis accounts by role, compared by value so that equal runs give equal results.</summary>
/// <param name="Groups">The roles with at least one account, in state order.</param>
public sealed record AccountGroups(ImmutableArray<AccountGroup> Groups)
{
    /// <summary>Whether no role is listed (a result built without the breakdown).</summary>
    public bool IsEmpty => Groups.IsDefaultOrEmpty;

    /// <inheritdoc />
    public bool Equals(AccountGroups? other) =>
        other is not null && Groups.AsSpan().SequenceEqual(other.Groups.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => Groups.IsDefault ? 0 : Groups.Length;
}

/// <summary>Accounts of one role in a rollup's genesis state.</summary>
/// <param name="Role">The role, plural when <paramref name="Count"/> is not 1 (<c>users</c>, <c>sequencer</c>, <c>pools</c>…).</param>
/// <param name="Count">How many accounts it holds.</param>
public readonly record struct AccountGroup(string Role, int Count);

/// <summary>What became of the transactions users sent to one rollup.</summary>
/// <param name="Submitted">Sent by users.</param>
/// <param name="Included">Executed in a block.</param>
/// <param name="Rejected">Thrown out, per reason, in a fixed reason order (zero counts included).</param>
/// <param name="Pending">Still in the mempool at the end of the run.</param>
public sealed record TransactionCounts(
    long Submitted,
    long Included,
    ImmutableArray<RejectionCount> Rejected,
    long Pending)
{
    /// <summary>All rejections, whatever the reason.</summary>
    public long RejectedTotal
    {
        get
        {
            long total = 0;
            foreach (var r in Rejected)
            {
                total += r.Count;
            }

            return total;
        }
    }

    /// <inheritdoc />
    public bool Equals(TransactionCounts? other) =>
        other is not null
        && Submitted == other.Submitted
        && Included == other.Included
        && Pending == other.Pending
        && Rejected.AsSpan().SequenceEqual(other.Rejected.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Submitted, Included, Pending, Rejected.Length);
}

/// <summary>Transactions rejected for one reason.</summary>
/// <param name="Reason">The reason's snake_case name (e.g. <c>insufficient_balance</c>).</param>
/// <param name="Count">How many.</param>
public readonly record struct RejectionCount(string Reason, long Count);

/// <summary>Nearest-rank percentiles of a latency.</summary>
/// <param name="Samples">How many values were measured; the percentiles are zero when none were.</param>
/// <param name="P50">The median.</param>
/// <param name="P95">The 95th percentile.</param>
/// <param name="P99">The 99th percentile.</param>
public sealed record LatencySummary(long Samples, SimDuration P50, SimDuration P95, SimDuration P99)
{
    /// <summary>The summary of no samples.</summary>
    public static LatencySummary Empty { get; } = new(0, default, default, default);

    /// <summary>
    /// The latency at every percentile from 1 to 100, for plotting the distribution (a CDF); null for
    /// a summary made without them. Not part of any text report.
    /// </summary>
    public LatencyQuantiles? Quantiles { get; init; }

    /// <summary>Every percentile later by <paramref name="delay"/> (nearest-rank percentiles shift with their samples).</summary>
    public LatencySummary Shift(SimDuration delay) =>
        Samples == 0 ? this : new LatencySummary(Samples, P50 + delay, P95 + delay, P99 + delay) { Quantiles = Quantiles?.Shift(delay) };
}

/// <summary>
/// A latency distribution at the percentiles 1, 2, …, 100 (nearest rank, as the summary's p50/p95/p99),
/// in microseconds: 100 numbers whatever the run's size, enough to draw its CDF.
/// </summary>
public sealed class LatencyQuantiles : IEquatable<LatencyQuantiles>
{
    /// <summary>Creates the distribution from the latencies at percentiles 1 to 100.</summary>
    /// <param name="percentiles">Exactly 100 values, in microseconds, not decreasing.</param>
    public LatencyQuantiles(System.Collections.Immutable.ImmutableArray<long> percentiles)
    {
        if (percentiles.Length != 100)
        {
            throw new ArgumentException("A latency distribution has one value per percentile from 1 to 100.", nameof(percentiles));
        }

        Percentiles = percentiles;
    }

    /// <summary>The latency in microseconds at percentile <c>i + 1</c>, for <c>i</c> from 0 to 99.</summary>
    public System.Collections.Immutable.ImmutableArray<long> Percentiles { get; }

    /// <summary>Every value later by <paramref name="delay"/>.</summary>
    public LatencyQuantiles Shift(SimDuration delay) => new([.. Percentiles.Select(p => p + delay.Microseconds)]);

    /// <inheritdoc />
    public bool Equals(LatencyQuantiles? other) => other is not null && Percentiles.AsSpan().SequenceEqual(other.Percentiles.AsSpan());

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LatencyQuantiles);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var p in Percentiles)
        {
            hash.Add(p);
        }

        return hash.ToHashCode();
    }
}

/// <summary>Fees paid on one chain, in wei, by recipient.</summary>
/// <param name="BaseFeeBurned">Base fees, burned.</param>
/// <param name="PriorityFeeToSequencer">Priority fees, paid to the sequencer.</param>
public sealed record FeeSummary(UInt128 BaseFeeBurned, UInt128 PriorityFeeToSequencer)
{
    /// <summary>Everything users paid in fees.</summary>
    public UInt128 Total => BaseFeeBurned + PriorityFeeToSequencer;
}

/// <summary>The ether of one chain: at genesis, and at the end in accounts or burned.</summary>
/// <param name="Genesis">The sum of all balances at genesis, in wei.</param>
/// <param name="InAccounts">The sum of all balances at the end, in wei.</param>
/// <param name="Burned">Wei destroyed (burned base fees).</param>
public sealed record SupplySummary(UInt128 Genesis, UInt128 InAccounts, UInt128 Burned)
{
    /// <summary>
    /// The first block after which ether or a token was not conserved, when the run checked
    /// every block (it does when the scenario expects <c>conserved total_supply</c>); else null.
    /// </summary>
    public long? FirstUnconservedBlock { get; init; }

    /// <summary>Wei created by a <c>fees</c> block's issuance (0 without one).</summary>
    public UInt128 Issued { get; init; }

    /// <summary>Wei minted by deposits from L1.</summary>
    public UInt128 Deposited { get; init; }

    /// <summary>Wei burned by withdrawals to L1.</summary>
    public UInt128 Withdrawn { get; init; }

    /// <summary>Wei that left for other rollups in cross-chain messages.</summary>
    public UInt128 SentCrossChain { get; init; }

    /// <summary>Wei that arrived from other rollups in cross-chain deliveries.</summary>
    public UInt128 ReceivedCrossChain { get; init; }

    /// <summary>
    /// Wei this rollup sent that is still on its way at the end: neither credited on its
    /// destination nor locked by a failed delivery. Summed over the rollups it is the run's value in flight.
    /// </summary>
    public UInt128 InFlightOut { get; init; }

    /// <summary>Wei other rollups sent to this one that is still on its way at the end.</summary>
    public UInt128 InFlightIn { get; init; }

    /// <summary>
    /// Wei of messages to this rollup whose delivery failed: it left its source but was never
    /// credited here, and stays locked in the bridge.
    /// </summary>
    public UInt128 LockedIn { get; init; }

    /// <summary>
    /// True when every wei at genesis, issued, deposited or received from another rollup is still
    /// in an account, was burned, withdrawn or sent to another rollup, at the end and after every
    /// checked block.
    /// </summary>
    public bool Conserved => InAccounts + Burned + Withdrawn + SentCrossChain == Genesis + Issued + Deposited + ReceivedCrossChain && FirstUnconservedBlock is null;
}

/// <summary>
/// A rollup's state size (<see cref="State.StateSize"/>: 32 bytes per existing account, 17 per
/// non-zero token balance, 46 per pool) at genesis and after the last block, and its growth.
/// </summary>
/// <param name="Genesis">The state at genesis.</param>
/// <param name="End">The state after the last block.</param>
/// <param name="GrowthPerHour">
/// (end − genesis bytes) × 1 h / the run's simulated duration, rounded toward zero; negative
/// if the state shrank.
/// </param>
public sealed record StateSizeSummary(State.StateSize Genesis, State.StateSize End, long GrowthPerHour)
{
    /// <summary>A state that did not change (and the default of results built by hand).</summary>
    public static StateSizeSummary Empty { get; } = new(default, default, 0);

    /// <summary>The summary of a run of <paramref name="duration"/> from <paramref name="genesis"/> to <paramref name="end"/>.</summary>
    public static StateSizeSummary Of(State.StateSize genesis, State.StateSize end, Language.Model.SimDuration duration)
    {
        var hour = Language.Model.SimDuration.FromSeconds(3600).Microseconds;
        var delta = (Int128)(end.Bytes - genesis.Bytes);
        var growth = duration.Microseconds <= 0 ? 0 : (long)(delta * hour / duration.Microseconds);
        return new StateSizeSummary(genesis, end, growth);
    }
}
