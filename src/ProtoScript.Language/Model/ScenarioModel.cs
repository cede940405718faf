using System.Collections.Immutable;

namespace ProtoScript.Language.Model;

/// <summary>
/// The bound, validated description of one scenario: the contract between the language
/// (which builds it from text) and the engine (which runs it). Nothing here refers to
/// syntax; every value is already in its canonical unit.
/// </summary>
/// <param name="Name">The scenario's name, as written after <c>scenario</c>.</param>
/// <param name="Seed">The root seed of every random stream in the run.</param>
/// <param name="Duration">How much simulated time the run covers.</param>
/// <param name="L1">The settlement layer.</param>
/// <param name="Rollups">The rollups, in declaration order.</param>
/// <param name="Workload">The users and their transactions.</param>
public sealed record ScenarioModel(
    string Name,
    ulong Seed,
    SimDuration Duration,
    L1Model L1,
    ImmutableArray<RollupModel> Rollups,
    WorkloadModel Workload)
{
    /// <summary>What must hold after the run; checked in declaration order.</summary>
    public ImmutableArray<ExpectationModel> Expectations { get; init; } = [];

    /// <summary>The budget of every hook call.</summary>
    public HookLimitsModel HookLimits { get; init; } = HookLimitsModel.Default;

    /// <summary>The tokens the scenario declares besides ether, in source order.</summary>
    public ImmutableArray<TokenModel> Tokens { get; init; } = [];

    /// <summary>Every C# hook of the scenario, in source order; compiled together as one compilation.</summary>
    public ImmutableArray<HookModel> Hooks { get; init; } = [];

    /// <summary>The scenario's provers, one entry per <c>provers for ...</c> block, in source order; each rollup is in at most one.</summary>
    public ImmutableArray<ProversModel> Provers { get; init; } = [];

    /// <summary>Shared sequencers, in declaration order.</summary>
    public ImmutableArray<SharedSequencerModel> SharedSequencers { get; init; } = [];

    /// <summary>Cross-chain builders, in declaration order.</summary>
    public ImmutableArray<BuilderModel> Builders { get; init; } = [];

    /// <summary>Returns a copy of this scenario with another root seed.</summary>
    public ScenarioModel WithSeed(ulong seed) => this with { Seed = seed };
}

/// <summary>The L1 chain that rollups settle to.</summary>
/// <param name="Name">The chain's name (e.g. <c>ethereum</c>).</param>
/// <param name="SlotTime">Time between L1 blocks.</param>
public sealed record L1Model(string Name, SimDuration SlotTime)
{
    /// <summary>The forks a scenario may name, oldest first; the engine holds their parameters.</summary>
    public static readonly IReadOnlyList<string> KnownForks = ["cancun", "prague", "osaka", "bpo1", "bpo2"];

    /// <summary>The fork whose protocol parameters (EIP-1559, EIP-4844 blob market) apply.</summary>
    public string Fork { get; init; } = "prague";

    /// <summary>The execution base fee per gas at genesis, in wei.</summary>
    public UInt128 BaseFee { get; init; } = 1_000_000_000;

    /// <summary>
    /// The share of the block gas limit that other L1 users fill in every block (0.5, the
    /// EIP-1559 target, keeps the base fee steady apart from the rollups' own postings).
    /// </summary>
    public double BackgroundGas { get; init; } = 0.5;

    /// <summary>Overrides of the fork's blob market.</summary>
    public BlobMarketModel Blobs { get; init; } = BlobMarketModel.Default;

    /// <summary>How long after inclusion an L1 block is final (two epochs of 32 slots by default).</summary>
    public SimDuration Finality { get; init; } = new(SlotTime.Microseconds * 64);
}

/// <summary>How a sequencer orders the pending transactions of its mempool.</summary>
public enum OrderingRule
{
    /// <summary>First come, first served: by arrival at the sequencer.</summary>
    Fcfs,

    /// <summary>Highest priority fee first; arrival order breaks ties.</summary>
    PriorityFee,

    /// <summary>A uniformly random order, fixed per run by the seed.</summary>
    Random,

    /// <summary>A sealed-bid auction sells each block's first position; the rest goes by priority fee (<see cref="AuctionModel"/>).</summary>
    Auction,
}

/// <summary>One rollup and its sequencer's block-building rules.</summary>
/// <param name="Name">The rollup's name, unique in the scenario.</param>
/// <param name="BlockTime">Time between L2 blocks.</param>
/// <param name="GasLimit">Gas available in one L2 block.</param>
/// <param name="Ordering">How pending transactions are ordered into blocks.</param>
/// <param name="BaseFee">The L2 base fee per gas, in wei (burned).</param>
/// <param name="Accounts">How many user accounts exist at genesis.</param>
/// <param name="InitialBalance">The genesis balance of every account, in wei.</param>
public sealed record RollupModel(
    string Name,
    SimDuration BlockTime,
    ulong GasLimit,
    OrderingRule Ordering,
    UInt128 BaseFee,
    int Accounts,
    UInt128 InitialBalance)
{
    /// <summary>
    /// The most user accounts a rollup may declare: the engine's state tree holds 16_777_216
    /// accounts, and the rest are kept for the sequencer, pools, arbitrageurs and fee roles.
    /// </summary>
    public const int MaxAccounts = 16_000_000;

    /// <summary>
    /// A C# ordering hook that replaces <see cref="Ordering"/>, or null for the built-in rule.
    /// When set, <see cref="Ordering"/> is <see cref="OrderingRule.Fcfs"/> and is not used.
    /// </summary>
    public HookModel? OrderingHook { get; init; }

    /// <summary>The top-of-block auction's settings when <see cref="Ordering"/> is <see cref="OrderingRule.Auction"/>, else null.</summary>
    public AuctionModel? Auction { get; init; }

    /// <summary>Proposer–builder separation: the rollup's builders and its proposer's auction, or null when its sequencer builds its own blocks.</summary>
    public PbsModel? Pbs { get; init; }

    /// <summary>A C# transaction-validity hook run before each transaction executes (<c>validity = csharp ...</c>), or null.</summary>
    public HookModel? ValidityHook { get; init; }

    /// <summary>Genesis balances of declared tokens that every user account holds, besides <see cref="InitialBalance"/>.</summary>
    public ImmutableArray<TokenBalanceModel> TokenBalances { get; init; } = [];

    /// <summary>The constant-product pools on this rollup, in source order.</summary>
    public ImmutableArray<AmmModel> Amms { get; init; } = [];

    /// <summary>How the sequencer posts batches to L1.</summary>
    public BatchModel Batch { get; init; } = BatchModel.Default;

    /// <summary>How verifiers derive this rollup from L1 data.</summary>
    public DerivationModel Derivation { get; init; } = DerivationModel.Standard;

    /// <summary>Who receives the rollup's fees (<c>fees { ... }</c>), or null for the built-in rule.</summary>
    public FeesModel? Fees { get; init; }

    /// <summary>The rollup's bridge to L1 (the withdrawal delay).</summary>
    public BridgeModel Bridge { get; init; } = BridgeModel.Default;

    /// <summary>The sequencer's outages and censorship.</summary>
    public SequencerModel Sequencer { get; init; } = SequencerModel.Reliable;

    /// <summary>How users get around the sequencer.</summary>
    public ForcedInclusionModel ForcedInclusion { get; init; } = ForcedInclusionModel.None;

    /// <summary>Flashblocks-style streaming of each block as sub-blocks (<c>flashblocks = 200 ms</c>), or null when blocks are not streamed.</summary>
    public FlashblocksModel? Flashblocks { get; init; }

    /// <summary>Timeboost's express lane (<c>express_lane { ... }</c>), or null when the rollup has none.</summary>
    public ExpressLaneModel? ExpressLane { get; init; }

    /// <summary>The pool's defences against spam (<c>mempool { ... }</c>), or null when the rollup declares none.</summary>
    public MempoolModel? Mempool { get; init; }
}

/// <summary>The simulated users.</summary>
/// <param name="Streams">Independent streams of user transactions.</param>
public sealed record WorkloadModel(ImmutableArray<UserStreamModel> Streams)
{
    /// <summary>Swaps, the CEX price and arbitrageurs.</summary>
    public TradingModel Trading { get; init; } = TradingModel.None;

    /// <summary>Deposits from L1, one stream per <c>deposits = ...</c> line; empty when the scenario has none.</summary>
    public ImmutableArray<DepositStreamModel> Deposits { get; init; } = [];

    /// <summary>Transfers from one rollup to another (<c>cross_chain = 10 %</c>).</summary>
    public CrossChainModel CrossChain { get; init; } = CrossChainModel.None;

    /// <summary>A C# strategy hook every arbitrageur runs instead of the built-in closed-form optimum (<c>arbitrage_strategy = csharp ...</c>), or null.</summary>
    public HookModel? ArbitrageStrategy { get; init; }

    /// <summary>Streams of bundles over paths of rollups (<c>bundles { path = [A, B, A] ... }</c>); empty when the scenario has none.</summary>
    public ImmutableArray<BundleStreamModel> Bundles { get; init; } = [];

    /// <summary>Searchers trading one pair on two rollups' pools against each other (<c>cross_arbitrage { path = [A, B] ... }</c>); empty when the scenario has none.</summary>
    public ImmutableArray<CrossArbitrageModel> CrossArbitrage { get; init; } = [];
}

/// <summary>
/// Users who arrive by a Poisson process on some rollups and send transfers.
/// </summary>
/// <param name="RatePerSecond">Mean arrivals per simulated second, on each target rollup.</param>
/// <param name="Rollups">Names of the rollups the users send to.</param>
/// <param name="PriorityFee">Distribution of the priority fee per gas, in wei.</param>
/// <param name="Value">Distribution of the transferred value, in wei.</param>
public sealed record UserStreamModel(
    double RatePerSecond,
    ImmutableArray<string> Rollups,
    DistributionModel PriorityFee,
    DistributionModel Value)
{
    /// <summary>The hash rate of a population that declares none: a phone-class CPU's, 1_000_000 attempts per second.</summary>
    public const double DefaultHashRate = 1_000_000;

    /// <summary>The share of the stream's transfers that are withdrawals to L1 instead (0 to 1).</summary>
    public double WithdrawalShare { get; init; }

    /// <summary>The population's name (<c>population NAME { ... }</c>), or null for the workload's own <c>users</c>.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// How many of each target rollup's user accounts the population sends from; 0 (the default) for
    /// every account no other population of that rollup takes. Populations take their accounts in
    /// declaration order.
    /// </summary>
    public int Accounts { get; init; }

    /// <summary>Nonce attempts per second each of the population's accounts makes when a rollup asks for proof of work.</summary>
    public double HashRate { get; init; } = DefaultHashRate;

    /// <summary>Whether the population searches for a proof-of-work nonce (true) or sends without one (false), where a rollup asks for one.</summary>
    public bool SolvesPow { get; init; } = true;

    /// <summary>The share of arrivals that, when the sender has a pending transaction, re-send its latest one with a higher fee instead (0 to 1).</summary>
    public double ReplaceShare { get; init; }

    /// <summary>How much a replacement raises the priority fee, as a fraction.</summary>
    public double ReplaceBump { get; init; } = MempoolModel.DefaultReplacementBump;

    /// <summary>
    /// The share of the stream's transfers sent to a fresh address, one that has never held
    /// anything, so each one that executes creates an account (<c>new_accounts = 20 %</c>; 0 to 1).
    /// </summary>
    public double NewAccountShare { get; init; }

    /// <summary>The share of the stream's transactions that write contract storage (<c>storage_writes = 10 %</c>; 0 to 1).</summary>
    public double StorageWriteShare { get; init; }

    /// <summary>How many consecutive storage slots each storage write writes (<c>storage_slots = 2</c>).</summary>
    public int SlotsPerWrite { get; init; } = 1;

    /// <summary>The share of storage writes that write new slots; the others overwrite slots that exist (<c>new_slots = 50 %</c>).</summary>
    public double NewSlotShare { get; init; } = 0.5;

    /// <summary>
    /// Distribution of the most a user pays per gas, base fee and tip together (EIP-1559's max fee
    /// per gas), in wei; null when users pay whatever the base fee is.
    /// </summary>
    public DistributionModel? MaxFee { get; init; }

    /// <summary>Extra arrivals during one window (<c>surge = poisson(RATE) at START for LENGTH</c>), or null.</summary>
    public SurgeModel? Surge { get; init; }
}

/// <summary>
/// A demand surge: during <paramref name="Window"/> the stream's users send at
/// <paramref name="RatePerSecond"/> more, on every target rollup, from the same accounts with
/// the same values and fees (an independent Poisson process on top of the steady one).
/// </summary>
/// <param name="RatePerSecond">The extra mean arrivals per second, on each target rollup.</param>
/// <param name="Window">When the surge lasts.</param>
public sealed record SurgeModel(double RatePerSecond, TimeWindow Window)
{
}

/// <summary>The family of a probability distribution.</summary>
public enum DistributionKind
{
    /// <summary>Always the same value: parameter A.</summary>
    Constant,

    /// <summary>Uniform between A and B.</summary>
    Uniform,

    /// <summary>Exponential with mean A.</summary>
    Exponential,

    /// <summary>Normal with mean A and standard deviation B, truncated at zero.</summary>
    Normal,

    /// <summary>Log-normal with mean A and standard deviation B (heavy right tail, never negative).</summary>
    LogNormal,
}

/// <summary>
/// A distribution over non-negative values in a canonical unit (wei for amounts,
/// microseconds for times). Parameters are in that same unit.
/// </summary>
/// <param name="Kind">The family.</param>
/// <param name="A">First parameter (value, low bound or mean).</param>
/// <param name="B">Second parameter (high bound or standard deviation), or 0.</param>
public sealed record DistributionModel(DistributionKind Kind, double A, double B)
{
    /// <summary>Formats the distribution the way a report shows it.</summary>
    public override string ToString() => Kind switch
    {
        DistributionKind.Constant => FormattableString.Invariant($"constant({A})"),
        DistributionKind.Uniform => FormattableString.Invariant($"uniform({A}, {B})"),
        DistributionKind.Exponential => FormattableString.Invariant($"exponential({A})"),
        DistributionKind.LogNormal => FormattableString.Invariant($"lognormal({A}, {B})"),
        _ => FormattableString.Invariant($"normal({A}, {B})"),
    };
}
