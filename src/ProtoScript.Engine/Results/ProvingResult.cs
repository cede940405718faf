using System.Collections.Immutable;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Results;

/// <summary>What the provers did for one rollup.</summary>
/// <param name="Selection">The selection rule's name, e.g. <c>stake</c>.</param>
/// <param name="Pipeline"><c>per_block</c> or <c>per_transaction</c>.</param>
/// <param name="Provers">How many provers the rollup shares.</param>
/// <param name="Proofs">Blocks whose proof was ready by the end of the run.</param>
/// <param name="Pending">Sealed blocks whose proof was not ready by the end of the run.</param>
/// <param name="Latency">Time from a block's seal to its proof being ready, over <paramref name="Proofs"/>.</param>
/// <param name="Jobs">Proof jobs assigned: one per block, or one per transaction plus one aggregation per block.</param>
/// <param name="Work">Prover time spent on the winning proofs.</param>
/// <param name="Wasted">Prover time spent by provers that lost a race and was thrown away.</param>
/// <param name="Attempts">Nonce attempts of the winning proofs (proof of necessary work), else 0.</param>
/// <param name="Cost">What proving the sealed blocks cost, in wei: what a fee distribution pays the provers back.</param>
/// <param name="ProofsWon">Jobs of this rollup each prover won, by prover index.</param>
public sealed record ProvingResult(
    string Selection,
    string Pipeline,
    int Provers,
    long Proofs,
    long Pending,
    LatencySummary Latency,
    long Jobs,
    SimDuration Work,
    SimDuration Wasted,
    UInt128 Attempts,
    UInt128 Cost,
    ImmutableArray<long> ProofsWon)
{
    /// <summary>Transactions in the blocks handed to the provers (every sealed block).</summary>
    public long Transactions { get; init; }

    /// <summary>
    /// Prover time spent on this rollup's jobs between the start and the end of the run, won
    /// and wasted; a job still running at the end counts up to the end.
    /// </summary>
    public SimDuration BusyInRun { get; init; }

    /// <summary>The run's length, which <see cref="BusyInRun"/> is measured within.</summary>
    public SimDuration RunDuration { get; init; }

    /// <summary>Epochs, bonds, slashing and pruning, when the provers have a <c>deadline</c>; else null.</summary>
    public ProvingDeadlineResult? Deadline { get; init; }

    /// <summary>For a market of named provers: prices, margins, concentration and saturation; else null.</summary>
    public ProofMarketResult? Market { get; init; }

    /// <summary>The aggregation tree's figures; null without <c>aggregation { ... }</c>.</summary>
    public ProofAggregationResult? Aggregation { get; init; }

    /// <summary>The verification of the rollup's proofs on L1; null without <c>verification { ... }</c>.</summary>
    public ProofVerificationResult? Verification { get; init; }

    /// <inheritdoc />
    public bool Equals(ProvingResult? other) =>
        other is not null
        && Selection == other.Selection
        && Pipeline == other.Pipeline
        && Provers == other.Provers
        && Proofs == other.Proofs
        && Pending == other.Pending
        && Latency == other.Latency
        && Jobs == other.Jobs
        && Work == other.Work
        && Wasted == other.Wasted
        && Attempts == other.Attempts
        && Cost == other.Cost
        && Transactions == other.Transactions
        && BusyInRun == other.BusyInRun
        && RunDuration == other.RunDuration
        && ProofsWon.AsSpan().SequenceEqual(other.ProofsWon.AsSpan())
        && Equals(Deadline, other.Deadline)
        && Equals(Market, other.Market)
        && Aggregation == other.Aggregation
        && Verification == other.Verification;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Selection, Proofs, Jobs, Cost);
}

/// <summary>What tree aggregation did for one rollup's blocks.</summary>
/// <param name="Arity">Children per aggregation node.</param>
/// <param name="Leaves">Leaf proofs aggregated: transaction proofs, or one block proof per block with <c>pipeline = per_block</c>.</param>
/// <param name="MaxDepth">The deepest block tree: ⌈log_arity(leaves)⌉ of the block with the most leaves.</param>
/// <param name="Jobs">Aggregation node jobs of the block trees (wraps not counted).</param>
/// <param name="Wraps">Wrap jobs: one per block.</param>
/// <param name="Latency">From a block's last leaf proof to its root, over the blocks whose proof was ready by the end.</param>
public sealed record ProofAggregationResult(int Arity, long Leaves, int MaxDepth, long Jobs, long Wraps, LatencySummary Latency);

/// <summary>
/// The verification of one rollup's proofs on L1: verifications that landed, their gas and what
/// the rollup paid, next to what it would have paid alone for the same verifications.
/// </summary>
/// <param name="Gas">Execution gas of one verification transaction.</param>
/// <param name="Every">The verification interval.</param>
/// <param name="SharedBy">Rollups one verification may cover: those of the <c>provers</c> block with <c>across = rollups</c>, else 1.</param>
/// <param name="Verifications">Verification transactions that covered this rollup and landed on L1 by the end.</param>
/// <param name="VerifiedBlocks">Blocks whose proof was verified on L1 by the end.</param>
/// <param name="Latency">From a block's seal to the L1 block that verified its proof, over <paramref name="VerifiedBlocks"/>.</param>
/// <param name="Shared">Of <paramref name="Verifications"/>, those that covered more than one rollup.</param>
/// <param name="AggregationJobs">Aggregation node jobs that combined this rollup's proofs for verification (a shared job counted once, for the first rollup it covers).</param>
/// <param name="Cost">What the rollup paid, in wei: each verification's gas × the base fee of its L1 block, split equally among the rollups it covers (the remainder a wei each to the first, in <c>provers</c> order).</param>
/// <param name="CostAlone">What the same verifications would have cost the rollup had it paid each in full: verifications × gas × base fee.</param>
public sealed record ProofVerificationResult(ulong Gas, SimDuration Every, int SharedBy, long Verifications, long VerifiedBlocks, LatencySummary Latency, long Shared, long AggregationJobs, UInt128 Cost, UInt128 CostAlone);
