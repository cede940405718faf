using System.Collections.Immutable;

namespace ProtoScript.Language.Model;

/// <summary>How the provers of a <c>provers</c> block decide who proves a job.</summary>
public enum ProverSelectionKind
{
    /// <summary>Proof of necessary work: provers race, each grinding nonces inside proof generation; the first to finish wins.</summary>
    ProofOfNecessaryWork,

    /// <summary>A leader chosen with probability proportional to stake.</summary>
    Stake,

    /// <summary>Provers bid their cost; the lowest bid among the free provers wins.</summary>
    Market,

    /// <summary>Provers take turns, job by job.</summary>
    RoundRobin,

    /// <summary>A C# hook returns the chosen prover's index.</summary>
    Hook,
}

/// <summary>What a proof job covers, and what a <c>per</c> scope on a time or cost counts.</summary>
public enum ProvingScope
{
    /// <summary>One proof for the whole block.</summary>
    Block,

    /// <summary>One proof per transaction, aggregated into the block's proof.</summary>
    Transaction,

    /// <summary>A block's execution split into a fixed number of shards, one proof each, aggregated into the block's proof (a zkVM's pipeline).</summary>
    Shard,
}

/// <summary>The rule that picks the prover of each proof job.</summary>
/// <param name="Kind">The rule.</param>
public sealed record ProverSelectionModel(ProverSelectionKind Kind)
{
    /// <summary>For proof of necessary work: a nonce succeeds with probability 2^-Difficulty.</summary>
    public int DifficultyBits { get; init; } = 20;

    /// <summary>For proof of necessary work: nonce attempts per simulated second, per prover.</summary>
    public double HashRatePerSecond { get; init; } = 1_000_000;

    /// <summary>
    /// For proof of necessary work: each prover's own attempts per simulated second, one per
    /// prover in index order (<c>hash_rates = [...]</c>); empty when every prover grinds at
    /// <see cref="HashRatePerSecond"/>.
    /// </summary>
    public ImmutableArray<double> HashRatesPerSecond { get; init; } = [];

    /// <summary>For proof of necessary work: how many provers race each job (those free soonest); 0 means all of them.</summary>
    public int Racers { get; init; }

    /// <summary>For stake: each prover's stake in wei, one per prover.</summary>
    public ImmutableArray<UInt128> Stakes { get; init; } = [];

    /// <summary>For market: how far each prover's own cost lies from the block's <c>cost</c>, in basis points either side (drawn once per prover).</summary>
    public int SpreadBasisPoints { get; init; }

    /// <summary>For a C# hook: the hook that returns the prover's index.</summary>
    public HookModel? Hook { get; init; }

    /// <summary>
    /// For a market of named provers (<c>market { prover NAME { ... } }</c>): each prover's
    /// capacity, speed, own cost and bidding rule, in the order written; empty for the
    /// <c>spread</c> form, whose provers all bid the block's cost scaled by a drawn factor.
    /// </summary>
    public ImmutableArray<MarketProverModel> MarketProvers { get; init; } = [];

    /// <summary>For a market of named provers: how many jobs a prover whose slots are all busy may hold waiting to start; it bids only while it holds fewer.</summary>
    public int QueueLimit { get; init; }

    /// <summary>The name a report shows: <c>proof_of_necessary_work</c>, <c>stake</c>, <c>market</c>, <c>round_robin</c> or <c>csharp</c>.</summary>
    public string Name => Kind switch
    {
        ProverSelectionKind.ProofOfNecessaryWork => "proof_of_necessary_work",
        ProverSelectionKind.Stake => "stake",
        ProverSelectionKind.Market => "market",
        ProverSelectionKind.RoundRobin => "round_robin",
        _ => "csharp",
    };
}

/// <summary>How a market prover prices its bid for a job.</summary>
public enum ProverBidKind
{
    /// <summary>Its own cost for the job plus a fixed margin.</summary>
    CostPlus,

    /// <summary>Its own cost plus a margin that grows with the jobs it already holds.</summary>
    Load,

    /// <summary>A C# hook returns the bid in wei (site <c>prover-bid</c>).</summary>
    Hook,
}

/// <summary>One named prover of a market (<c>prover NAME { ... }</c> in <c>selection = market { ... }</c>).</summary>
/// <param name="Name">Its name in reports.</param>
/// <param name="Capacity">How many jobs it proves at once.</param>
/// <param name="Speed">How much faster than <c>proof_time</c> it proves: a job takes the drawn time divided by this.</param>
/// <param name="Cost">Its own cost in wei per <paramref name="CostScope"/>.</param>
/// <param name="CostScope">Whether <paramref name="Cost"/> is per block (a block or aggregation job) or per transaction proven.</param>
/// <param name="Bid">Its bidding rule.</param>
public sealed record MarketProverModel(string Name, int Capacity, double Speed, UInt128 Cost, ProvingScope CostScope, ProverBidKind Bid)
{
    /// <summary>For <c>cost_plus</c> the margin, for <c>load</c> the margin with nothing in hand, in basis points of its cost.</summary>
    public int MarginBasisPoints { get; init; }

    /// <summary>For <c>load</c>: the margin added per job it holds (proving or waiting), in basis points of its cost.</summary>
    public int PerJobBasisPoints { get; init; }

    /// <summary>For a C# hook: the hook that returns the bid.</summary>
    public HookModel? BidHook { get; init; }

    /// <summary>The rule's name in reports: <c>cost_plus</c>, <c>load</c> or <c>csharp</c>.</summary>
    public string BidName => Bid switch
    {
        ProverBidKind.CostPlus => "cost_plus",
        ProverBidKind.Load => "load",
        _ => "csharp",
    };
}

/// <summary>
/// A set of provers (<c>provers for A, B { ... }</c>) that proves every block of the rollups it
/// names. They are shared: a prover works on one proof at a time, whichever rollup it is for.
/// </summary>
/// <param name="Rollups">The rollups proven, in the order written.</param>
/// <param name="Count">How many provers there are.</param>
/// <param name="Selection">Who proves each job.</param>
/// <param name="ProofTime">Time to prove one job, in microseconds: a block (pipeline <c>per_block</c>) or a transaction (<c>per_transaction</c>).</param>
/// <param name="Pipeline">Whether a block is proven whole or transaction by transaction and then aggregated.</param>
public sealed record ProversModel(
    ImmutableArray<string> Rollups,
    int Count,
    ProverSelectionModel Selection,
    DistributionModel ProofTime,
    ProvingScope Pipeline)
{
    /// <summary>What proving costs, in wei, per <see cref="CostScope"/>; a fee distribution pays it back to the prover.</summary>
    public UInt128 Cost { get; init; }

    /// <summary>Whether <see cref="Cost"/> is per block or per transaction of the block.</summary>
    public ProvingScope CostScope { get; init; } = ProvingScope.Block;

    /// <summary>For pipeline <c>per_transaction</c>: the time to aggregate the transactions' proofs into the block's, in microseconds.</summary>
    public DistributionModel AggregationTime { get; init; } = new(DistributionKind.Constant, 0, 0);

    /// <summary>Proof deadlines, bonds and slashing (<c>deadline { ... }</c>), or null when proofs have no deadline.</summary>
    public ProvingDeadlineModel? Deadline { get; init; }

    /// <summary>Intervals in which a prover is offline and makes no progress (<c>offline = PROVER at START for LENGTH</c>).</summary>
    public ImmutableArray<ProverOutage> Offline { get; init; } = [];

    /// <summary>For pipeline <c>per_shard</c>: the shards each block's execution is split into.</summary>
    public int Shards { get; init; }

    /// <summary>For pipeline <c>per_shard</c>: the time from the seal until the shards' witnesses exist (the block's execution), in microseconds.</summary>
    public DistributionModel Execution { get; init; } = new(DistributionKind.Constant, 0, 0);

    /// <summary>Tree aggregation of a block's leaf proofs and of the proofs a verification covers; null for the flat aggregation of <see cref="AggregationTime"/>.</summary>
    public ProofAggregationModel? Aggregation { get; init; }

    /// <summary>Verification of the proofs on L1; null when proofs are not verified on L1 in the model.</summary>
    public ProofVerificationModel? Verification { get; init; }
}

/// <summary>
/// Proof timeliness as in Aztec's design: the rollup's blocks form epochs of <see cref="EpochBlocks"/>
/// blocks; one prover claims each epoch with a bond and must prove all its blocks within
/// <see cref="Window"/> of the epoch's end, or lose <see cref="SlashBasisPoints"/> of the bond (burned)
/// and have the pending chain pruned back to the proven tip.
/// </summary>
/// <param name="EpochBlocks">Blocks per epoch.</param>
/// <param name="Window">The time after an epoch's last block within which its proof must be ready.</param>
/// <param name="Bond">What the claiming prover escrows per epoch, in wei.</param>
/// <param name="SlashBasisPoints">The share of the bond lost on a missed window, in basis points.</param>
/// <param name="Fallback">Whether a re-proposed epoch is claimed by the prover free soonest other than the one slashed, instead of by the selection rule.</param>
public sealed record ProvingDeadlineModel(int EpochBlocks, SimDuration Window, UInt128 Bond, int SlashBasisPoints, bool Fallback);

/// <summary>A prover offline from <see cref="Window"/>'s start for its length: work it had started pauses and resumes after.</summary>
/// <param name="Prover">The prover's index, from 0.</param>
/// <param name="Window">When it is offline.</param>
public sealed record ProverOutage(int Prover, TimeWindow Window);


/// <summary>
/// Tree aggregation (<c>aggregation { arity = 4  time = ... per level  wrap = ... }</c>): a
/// block's leaf proofs are combined <see cref="Arity"/> at a time, level by level, each node a
/// job on the provers, and the root is wrapped into the block's proof.
/// </summary>
/// <param name="Arity">Children per aggregation node, at least 2.</param>
/// <param name="LevelTime">Time of one aggregation node, in microseconds.</param>
/// <param name="WrapTime">Time of the final wrap of a block's root, in microseconds.</param>
public sealed record ProofAggregationModel(int Arity, DistributionModel LevelTime, DistributionModel WrapTime);

/// <summary>
/// Verification of proofs on L1 (<c>verification { gas = 300_000  every = 1 min  across = rollups }</c>):
/// every <see cref="Every"/> the proofs ready since the last verification are aggregated into one
/// and verified by one L1 transaction of <see cref="Gas"/> gas, per rollup or, across rollups,
/// one for all the rollups of the <c>provers</c> block.
/// </summary>
/// <param name="Gas">Execution gas of one verification transaction.</param>
/// <param name="Every">How often the proofs ready are verified.</param>
/// <param name="AcrossRollups">Whether one verification covers every rollup of the block (its cost split equally among those it covers).</param>
public sealed record ProofVerificationModel(ulong Gas, SimDuration Every, bool AcrossRollups);
