using System.Collections.Immutable;

namespace ProtoScript.Language.Model;

/// <summary>How a rollup's set of sequencer nodes agrees on each block.</summary>
public enum ConsensusProtocol
{
    /// <summary>Tendermint-style heights and rounds: a proposer per round, prevotes and precommits from a 2n/3 quorum.</summary>
    Bft,

    /// <summary>Raft-style active/standby (OP's op-conductor): one active sequencer, a standby takes over after a failover time.</summary>
    Raft,
}

/// <summary>Who proposes each round of a BFT set.</summary>
public enum ProposerRotation
{
    /// <summary>Node (height + round) mod n.</summary>
    RoundRobin,

    /// <summary>CometBFT's proposer priority: every round each node gains its stake, the highest proposes and loses the total.</summary>
    StakeWeighted,

    /// <summary>A C# hook (<c>proposer = csharp { ... }</c>) names the proposer of each height and round.</summary>
    Hooked,
}

/// <summary>What a faulty node does.</summary>
public enum NodeFaultKind
{
    /// <summary>Silent: it neither proposes nor votes.</summary>
    Crashed,

    /// <summary>When it proposes, its block leaves out the first share of user accounts; it votes honestly.</summary>
    Censoring,

    /// <summary>When it proposes, it sends two conflicting blocks to two halves of the set, and it votes for both.</summary>
    Equivocating,
}

/// <summary>One fault line of a consensus set.</summary>
/// <param name="Kind">What the nodes do.</param>
/// <param name="Nodes">The faulty nodes, 0-based (written 1-based).</param>
/// <param name="Window">When the fault holds; null for the whole run.</param>
/// <param name="CensoredShare">For a censoring node: the share of user accounts (the first ones) its blocks leave out.</param>
public sealed record NodeFault(NodeFaultKind Kind, ImmutableArray<int> Nodes, TimeWindow? Window, double CensoredShare)
{
    /// <summary>True when the fault holds at <paramref name="time"/>.</summary>
    public bool HoldsAt(SimDuration time) => Window is null || Window.Contains(time);

    /// <inheritdoc />
    public bool Equals(NodeFault? other) =>
        other is not null && Kind == other.Kind && Nodes.SequenceEqual(other.Nodes) && Equals(Window, other.Window) && CensoredShare.Equals(other.CensoredShare);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Nodes.Length, Window);
}

/// <summary>A BFT set's round timeouts (CometBFT's names and defaults): each grows by its delta per round.</summary>
/// <param name="Propose">How long nodes wait for a round's proposal before prevoting nil.</param>
/// <param name="ProposeDelta">What the propose timeout grows by per round.</param>
/// <param name="Prevote">How long nodes wait, after seeing 2n/3 prevotes for different things, before precommitting nil.</param>
/// <param name="PrevoteDelta">What the prevote timeout grows by per round.</param>
/// <param name="Precommit">How long nodes wait, after 2n/3 precommits for different things, before the next round.</param>
/// <param name="PrecommitDelta">What the precommit timeout grows by per round.</param>
/// <param name="Commit">How long after a commit the next height starts.</param>
public sealed record ConsensusTimeouts(
    SimDuration Propose,
    SimDuration ProposeDelta,
    SimDuration Prevote,
    SimDuration PrevoteDelta,
    SimDuration Precommit,
    SimDuration PrecommitDelta,
    SimDuration Commit)
{
    /// <summary>CometBFT's defaults: propose 3 s + 0.5 s, prevote and precommit 1 s + 0.5 s per round, commit 1 s.</summary>
    public static ConsensusTimeouts CometBft { get; } = new(
        SimDuration.FromSeconds(3),
        SimDuration.FromMilliseconds(500),
        SimDuration.FromSeconds(1),
        SimDuration.FromMilliseconds(500),
        SimDuration.FromSeconds(1),
        SimDuration.FromMilliseconds(500),
        SimDuration.FromSeconds(1));

    /// <summary>The propose timeout of round <paramref name="round"/> (0-based).</summary>
    public SimDuration ProposeAt(int round) => Propose + new SimDuration(ProposeDelta.Microseconds * round);

    /// <summary>The prevote timeout of round <paramref name="round"/> (0-based).</summary>
    public SimDuration PrevoteAt(int round) => Prevote + new SimDuration(PrevoteDelta.Microseconds * round);

    /// <summary>The precommit timeout of round <paramref name="round"/> (0-based).</summary>
    public SimDuration PrecommitAt(int round) => Precommit + new SimDuration(PrecommitDelta.Microseconds * round);
}

/// <summary>
/// <c>sequencer { consensus = bft { ... } }</c> or <c>consensus = raft { ... }</c>: the rollup's
/// sequencer is a set of nodes that agree on each block; the block's contents are fixed when it
/// is proposed, so the agreement's time shows in soft-confirmation latency.
/// </summary>
/// <param name="Protocol">BFT rounds or Raft active/standby.</param>
/// <param name="Nodes">The nodes, n.</param>
/// <param name="Faults">The faulty nodes, by kind, in source order.</param>
public sealed record ConsensusModel(ConsensusProtocol Protocol, int Nodes, ImmutableArray<NodeFault> Faults)
{
    /// <summary>BFT: the time one message takes between nodes; a round that commits takes three (proposal, prevotes, precommits).</summary>
    public SimDuration VoteDelay { get; init; }

    /// <summary>BFT: the round timeouts.</summary>
    public ConsensusTimeouts Timeouts { get; init; } = ConsensusTimeouts.CometBft;

    /// <summary>BFT: who proposes each round.</summary>
    public ProposerRotation Rotation { get; init; } = ProposerRotation.RoundRobin;

    /// <summary>BFT: each node's stake (all 1 when not given), for <see cref="ProposerRotation.StakeWeighted"/>.</summary>
    public ImmutableArray<ulong> Stakes { get; init; } = [];

    /// <summary>BFT, <see cref="ProposerRotation.Hooked"/>: the <c>proposer = csharp ...</c> hook that names each round's proposer; null for the built-in rotations.</summary>
    public HookModel? ProposerHook { get; init; }

    /// <summary>Raft: the time from the active sequencer's crash until a standby has taken over.</summary>
    public SimDuration Failover { get; init; }

    /// <summary>Raft: the time the active sequencer takes to replicate a block to a majority before it is soft-confirmed.</summary>
    public SimDuration Replication { get; init; }

    /// <summary>The votes a decision needs: ⌊2n/3⌋ + 1 for BFT, a majority ⌊n/2⌋ + 1 for Raft.</summary>
    public int Quorum => Protocol == ConsensusProtocol.Bft ? (2 * Nodes / 3) + 1 : (Nodes / 2) + 1;

    /// <summary>
    /// BFT: whether an equivocating proposer can have both of its blocks committed (a safety
    /// violation): with every node alive, the smaller half of the honest nodes plus the
    /// equivocators reach a quorum. Crashes only shrink the halves, so without this no height can conflict.
    /// </summary>
    public bool CanCommitConflicting
    {
        get
        {
            var equivocating = Faults.Where(f => f.Kind == NodeFaultKind.Equivocating).SelectMany(f => f.Nodes).Distinct().Count();
            return Protocol == ConsensusProtocol.Bft && equivocating > 0 && ((Nodes - equivocating) / 2) + equivocating >= Quorum;
        }
    }

    /// <inheritdoc />
    public bool Equals(ConsensusModel? other) =>
        other is not null && Protocol == other.Protocol && Nodes == other.Nodes && Faults.SequenceEqual(other.Faults) && VoteDelay == other.VoteDelay
        && Timeouts == other.Timeouts && Rotation == other.Rotation && Stakes.SequenceEqual(other.Stakes) && Failover == other.Failover && Replication == other.Replication;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Protocol, Nodes, Faults.Length, VoteDelay);
}
