using System.Collections.Immutable;

namespace ProtoScript.Language.Model;

/// <summary>Where a shared sequencer sits relative to the rollups it orders.</summary>
public enum SharedSequencerKind
{
    /// <summary>Part of the rollups' own protocol (superchain-like): no extra hop.</summary>
    Enshrined,

    /// <summary>A separate network layered on top (Espresso-like): one extra hop of latency per slot.</summary>
    External,
}

/// <summary>A BFT (Tendermint-like) consensus among the shared sequencer's nodes.</summary>
/// <param name="Nodes">The nodes, n.</param>
/// <param name="Faulty">
/// The faulty nodes, f, read as crashed for the whole run (silent: they neither propose nor vote).
/// Up to ⌊(n − 1) / 3⌋ the set makes progress and a slot whose proposer is faulty takes one more
/// round; past that fewer than a quorum are alive and the set halts (<see cref="Halts"/>).
/// </param>
/// <param name="Round">The time one consensus round takes.</param>
public sealed record BftModel(int Nodes, int Faulty, SimDuration Round)
{
    /// <summary>
    /// True when the live nodes, n − f, are fewer than the quorum ⌊2n/3⌋ + 1, which is exactly when
    /// f &gt; ⌊(n − 1) / 3⌋: no slot is ever decided, the rollups' sequencer is down all run.
    /// </summary>
    public bool Halts => Nodes - Faulty < (2 * Nodes / 3) + 1;
}

/// <summary>
/// <c>shared_sequencer NAME for A, B { ... }</c>: one sequencer orders the blocks of several
/// rollups in lockstep and includes a cross-chain transfer's two legs at the top of the same
/// slot's blocks.
/// </summary>
/// <param name="Name">The sequencer's name.</param>
/// <param name="Rollups">The rollups it sequences, in the order written.</param>
/// <param name="Consensus">How its nodes agree on each slot.</param>
/// <param name="Executes">Whether it executes what it orders; without execution an invalid leg becomes a no-op after inclusion.</param>
public sealed record SharedSequencerModel(string Name, ImmutableArray<string> Rollups, BftModel Consensus, bool Executes)
{
    /// <summary>Enshrined (the default) or external.</summary>
    public SharedSequencerKind Kind { get; init; } = SharedSequencerKind.Enshrined;

    /// <summary>For an external sequencer: the extra hop each slot's blocks take to reach the rollups.</summary>
    public SimDuration Hop { get; init; }

    /// <summary>
    /// For an external sequencer: what its network charges, in wei per gas of the blocks it
    /// sequences (<c>fee = 0.01 gwei</c>); 0 when it charges nothing.
    /// </summary>
    public UInt128 FeePerGas { get; init; }

    /// <summary>
    /// Whether the rollups' batches are posted together (<c>aggregate_data = true</c>): one stream
    /// of frames filling shared blobs, each posting's L1 cost split among the rollups by bytes.
    /// </summary>
    public bool AggregatesData { get; init; }

    /// <summary>
    /// The set's Tendermint heights and rounds (<c>consensus = bft { vote_delay ... crashed ... }</c>),
    /// which replace <see cref="Consensus"/>'s one draw per slot; null for the <c>bft { nodes faulty round }</c> form.
    /// </summary>
    public ConsensusModel? Set { get; init; }
}

/// <summary>
/// <c>builder NAME for A, B { simulate = cross_chain }</c>: a builder that runs nodes for
/// several rollups and builds their blocks of each slot together, simulating a cross-chain
/// transfer's legs across the chains before it includes them.
/// </summary>
/// <param name="Name">The builder's name.</param>
/// <param name="Rollups">The rollups it builds for, in the order written.</param>
/// <param name="SimulatesCrossChain">Whether it simulates both legs before inclusion (<c>simulate = cross_chain</c>) or includes bundles unchecked (<c>simulate = none</c>).</param>
public sealed record BuilderModel(string Name, ImmutableArray<string> Rollups, bool SimulatesCrossChain);
