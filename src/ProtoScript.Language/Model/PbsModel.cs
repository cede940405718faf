using System.Collections.Immutable;

namespace ProtoScript.Language.Model;

/// <summary>
/// Proposer–builder separation on one rollup: builders declared with <c>builder NAME for A { ... }</c>
/// each build a block for every slot and bid for it; the rollup's sequencer only proposes, running
/// a sealed-bid auction over the bids that reach it before <see cref="Deadline"/>, and builds its
/// own block from the public mempool when none does (<c>pbs { price = ...  deadline = ... }</c>).
/// </summary>
/// <param name="Price">What the winning builder pays: its own bid, or the runner-up's.</param>
/// <param name="Deadline">How long after the slot's seal time bids are accepted.</param>
/// <param name="Builders">The rollup's builders, in source order (which breaks ties).</param>
public sealed record PbsModel(AuctionPrice Price, SimDuration Deadline, ImmutableArray<PbsBuilderModel> Builders)
{
    /// <summary>The default deadline: 100 ms after the seal time.</summary>
    public static SimDuration DefaultDeadline { get; } = SimDuration.FromMilliseconds(100);

    /// <summary>Parts per million in a whole (100 %).</summary>
    public const int Million = 1_000_000;

    /// <inheritdoc />
    public bool Equals(PbsModel? other) =>
        other is not null && Price == other.Price && Deadline == other.Deadline && Builders.AsSpan().SequenceEqual(other.Builders.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Price, Deadline, Builders.Length);
}

/// <summary>How a PBS builder orders what it sees into its block.</summary>
public enum PbsStrategy
{
    /// <summary>By priority fee, highest first, each sender's transactions in nonce order (like the mempool).</summary>
    Greedy,
}

/// <summary>One builder of a single rollup's blocks (<c>builder NAME for A { ... }</c>).</summary>
/// <param name="Name">The builder's name, unique in the scenario.</param>
/// <param name="Latency">The time from the builder to the proposer: its bid arrives this long after the seal time, and it sees only public transactions sent at least this long before it.</param>
/// <param name="ExclusiveFlowPpm">The share of the rollup's users that send their transactions privately to this builder only, in parts per million.</param>
/// <param name="BidPpm">The share of its block's value (the priority fees) it bids, in parts per million.</param>
/// <param name="Strategy">How it orders its block.</param>
public sealed record PbsBuilderModel(string Name, SimDuration Latency, int ExclusiveFlowPpm, int BidPpm, PbsStrategy Strategy)
{
    /// <summary>The builder's <c>bid = csharp ...</c> hook, or null when it bids <see cref="BidPpm"/> of its block's value.</summary>
    public HookModel? BidHook { get; init; }

    /// <summary>The builder's <c>strategy = csharp ...</c> hook, or null for <see cref="Strategy"/>.</summary>
    public HookModel? StrategyHook { get; init; }
}
