using System.Collections.Immutable;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Results;

/// <summary>How many heights took a given number of rounds.</summary>
/// <param name="Rounds">Rounds to decide the height (1: the first round committed).</param>
/// <param name="Heights">Heights that took that many.</param>
public sealed record RoundsCount(int Rounds, long Heights);

/// <summary>One node of a sequencer set over the run.</summary>
/// <param name="Node">Its number, from 1.</param>
/// <param name="Faults">What it does wrong ("" for an honest node).</param>
/// <param name="Proposed">Blocks it proposed that were committed.</param>
/// <param name="Missed">Rounds it should have proposed in but was crashed (BFT), or failovers away from it (Raft).</param>
public sealed record NodeResult(int Node, string Faults, long Proposed, long Missed);

/// <summary>Two conflicting blocks committed at one height: an equivocating proposer with enough Byzantine votes on both sides.</summary>
/// <param name="Height">The height, from 1.</param>
/// <param name="Time">When the two blocks were committed.</param>
/// <param name="Proposer">The equivocating proposer, from 1.</param>
/// <param name="Kept">The nodes that committed the block the rollup kept (the equivocators among them).</param>
/// <param name="Conflicting">The nodes that committed the conflicting block.</param>
public sealed record SafetyViolation(long Height, SimDuration Time, int Proposer, ImmutableArray<int> Kept, ImmutableArray<int> Conflicting)
{
    /// <inheritdoc />
    public bool Equals(SafetyViolation? other) =>
        other is not null && Height == other.Height && Time == other.Time && Proposer == other.Proposer && Kept.SequenceEqual(other.Kept) && Conflicting.SequenceEqual(other.Conflicting);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Height, Time, Proposer);
}

/// <summary>What a rollup's sequencer set did over the run: heights, rounds, timeouts, halts, proposers, faults.</summary>
/// <param name="Protocol">"bft" or "raft".</param>
/// <param name="Nodes">The nodes, n.</param>
/// <param name="Quorum">The votes a decision needs.</param>
/// <param name="Heights">Heights decided (blocks the set committed).</param>
/// <param name="ExtraRounds">Rounds beyond the first, over all heights.</param>
/// <param name="RoundsPerHeight">Heights by the rounds they took, fewest rounds first.</param>
/// <param name="TimeInTimeouts">Time nodes spent waiting out propose and prevote timeouts.</param>
/// <param name="HaltedTime">Time with fewer live nodes than a quorum.</param>
/// <param name="HaltedSlots">Block times at which the set could not decide and sealed nothing.</param>
/// <param name="PerNode">Each node, in order.</param>
/// <param name="CensoredTransactions">Times a censoring proposer passed over a transaction of a sender it censors.</param>
/// <param name="SafetyViolations">Heights at which two conflicting blocks were committed.</param>
/// <param name="Violations">The first of those (at most <see cref="MaxListed"/>).</param>
public sealed record ConsensusResult(
    string Protocol,
    int Nodes,
    int Quorum,
    long Heights,
    long ExtraRounds,
    ImmutableArray<RoundsCount> RoundsPerHeight,
    SimDuration TimeInTimeouts,
    SimDuration HaltedTime,
    long HaltedSlots,
    ImmutableArray<NodeResult> PerNode,
    long CensoredTransactions,
    long SafetyViolations,
    ImmutableArray<SafetyViolation> Violations)
{
    /// <summary>How many safety violations are listed one by one.</summary>
    public const int MaxListed = 5;

    /// <summary>How many of the first heights have their proposers listed (<see cref="FirstHeights"/>).</summary>
    public const int RotationListed = 8;

    /// <summary>Raft: times a standby took over from a crashed active sequencer.</summary>
    public long Failovers { get; init; }

    /// <summary>Raft: the time from those crashes until the standby had taken over, summed.</summary>
    public SimDuration FailoverTime { get; init; }

    /// <summary>
    /// BFT: the proposers (from 1) of the first <see cref="RotationListed"/> heights decided, each
    /// height's in round order (a crashed proposer's round, then the next one's), to check the rotation.
    /// </summary>
    public ImmutableArray<ImmutableArray<int>> FirstHeights { get; init; } = [];

    /// <inheritdoc />
    public bool Equals(ConsensusResult? other) =>
        other is not null && Protocol == other.Protocol && Nodes == other.Nodes && Quorum == other.Quorum && Heights == other.Heights
        && ExtraRounds == other.ExtraRounds && RoundsPerHeight.SequenceEqual(other.RoundsPerHeight) && TimeInTimeouts == other.TimeInTimeouts
        && HaltedTime == other.HaltedTime && HaltedSlots == other.HaltedSlots && PerNode.SequenceEqual(other.PerNode)
        && CensoredTransactions == other.CensoredTransactions && SafetyViolations == other.SafetyViolations && Violations.SequenceEqual(other.Violations)
        && Failovers == other.Failovers && FailoverTime == other.FailoverTime
        && FirstHeights.Length == other.FirstHeights.Length && FirstHeights.Zip(other.FirstHeights).All(p => p.First.SequenceEqual(p.Second));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Protocol, Heights, ExtraRounds, HaltedSlots);
}
