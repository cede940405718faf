using System.Collections.Immutable;

namespace ProtoScript.Language.Model;

/// <summary>A period of the run: from <paramref name="Start"/> for <paramref name="Length"/>.</summary>
/// <param name="Start">When it begins, from the start of the run.</param>
/// <param name="Length">How long it lasts.</param>
public sealed record TimeWindow(SimDuration Start, SimDuration Length)
{
    /// <summary>When it ends (exclusive).</summary>
    public SimDuration End => Start + Length;

    /// <summary>True when <paramref name="time"/> is in [start, end).</summary>
    public bool Contains(SimDuration time) => time >= Start && time < End;
}

/// <summary>A period in which the sequencer leaves out the transactions of a share of the user accounts.</summary>
/// <param name="AccountShare">The share of user accounts censored (0 to 1): accounts 0 … ⌈share × users⌉ − 1.</param>
/// <param name="Window">When it censors.</param>
public sealed record CensorWindow(double AccountShare, TimeWindow Window);

/// <summary>A rollup's centralized sequencer and its faults.</summary>
/// <param name="Down">Periods in which the sequencer produces no blocks, in source order.</param>
/// <param name="Censor">Periods in which it leaves out some accounts' transactions, in source order.</param>
public sealed record SequencerModel(ImmutableArray<TimeWindow> Down, ImmutableArray<CensorWindow> Censor)
{
    /// <summary>A sequencer that never fails.</summary>
    public static SequencerModel Reliable { get; } = new([], []);

    /// <summary>
    /// Periods in which the sequencer keeps sealing (and soft-confirming) blocks but its batcher
    /// posts none of them, in source order. What it held is posted when the period ends, unless
    /// the L1 rules reorged it out first.
    /// </summary>
    public ImmutableArray<TimeWindow> Withhold { get; init; } = [];

    /// <summary>The set of nodes that runs the sequencer and how it agrees on each block (<c>consensus = bft { ... }</c>), or null for one operator.</summary>
    public ConsensusModel? Consensus { get; init; }

    /// <summary>True when the sequencer has faults of any kind.</summary>
    public bool HasFaults => !Down.IsEmpty || !Censor.IsEmpty || !Withhold.IsEmpty;

    /// <inheritdoc />
    public bool Equals(SequencerModel? other) =>
        other is not null && Down.SequenceEqual(other.Down) && Censor.SequenceEqual(other.Censor) && Withhold.SequenceEqual(other.Withhold)
        && Equals(Consensus, other.Consensus);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Down.Length, Censor.Length, Withhold.Length);
}

/// <summary>How users get a transaction into a rollup without its sequencer.</summary>
public enum ForcedInclusionKind
{
    /// <summary>No way around the sequencer: users wait for it.</summary>
    None,

    /// <summary>OP Stack: send the transaction as an L1 deposit; derivation forces deposits in when the sequencing window passes.</summary>
    Deposits,

    /// <summary>Arbitrum: send it to the L1 delayed inbox; after both delays anyone can force it in.</summary>
    DelayedInbox,
}

/// <summary>The rollup's forced-inclusion route.</summary>
/// <param name="Kind">Which route.</param>
/// <param name="DelayBlocks">For the delayed inbox: L1 blocks after landing before a message can be forced.</param>
/// <param name="Delay">For the delayed inbox: time after landing before a message can be forced.</param>
public sealed record ForcedInclusionModel(ForcedInclusionKind Kind, ulong DelayBlocks, SimDuration Delay)
{
    /// <summary>No forced inclusion.</summary>
    public static ForcedInclusionModel None { get; } = new(ForcedInclusionKind.None, 0, SimDuration.Zero);

    /// <summary>Arbitrum One's delayed inbox bounds: 5760 L1 blocks and 24 hours.</summary>
    public static ForcedInclusionModel ArbitrumDelayedInbox { get; } = new(ForcedInclusionKind.DelayedInbox, 5760, SimDuration.FromSeconds(24 * 3600));
}
