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
        && Equals(Market, other.Market);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Selection, Proofs, Jobs, Cost);
}
