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

/// <summary>How a DA aggregator splits a shared posting's L1 cost among the rollups whose frames it carries.</summary>
public enum DaCostSplitRule
{
    /// <summary>By the bytes of each rollup's frames, the blob fee and the execution fee each exactly to the wei (the default).</summary>
    ByBytes,

    /// <summary>Equally among the rollups in the posting, the blob fee and the execution fee each; the first rollups get the remainder's wei.</summary>
    Equal,

    /// <summary>A C# hook (<c>cost_split = csharp { ... }</c>) returns each rollup's share of the whole cost.</summary>
    Hooked,
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

    /// <summary>With <see cref="AggregatesData"/>: how each posting's cost is split (<c>cost_split = ...</c>).</summary>
    public DaCostSplitRule CostSplit { get; init; } = DaCostSplitRule.ByBytes;

    /// <summary>With <see cref="DaCostSplitRule.Hooked"/>: the <c>cost_split = csharp ...</c> hook; null otherwise.</summary>
    public HookModel? CostSplitHook { get; init; }

    /// <summary>
    /// For an external sequencer: the <c>fee = csharp ...</c> hook that prices each rollup's block of
    /// each slot, replacing <see cref="FeePerGas"/> (then 0); null for the built-in fee per gas.
    /// </summary>
    public HookModel? FeeHook { get; init; }

    /// <summary>The most a <see cref="FeeHook"/> may charge one rollup for one block: 1 eth, far above any real layer fee, so a runaway formula stops the run instead of draining the rollups.</summary>
    public static UInt128 MaxHookedFee { get; } = 1_000_000_000_000_000_000UL;

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
