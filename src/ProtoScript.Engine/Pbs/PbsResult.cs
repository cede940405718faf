using System.Collections.Immutable;
using ProtoScript.Engine.Chains;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Pbs;

/// <summary>Who built a PBS rollup's blocks and who earned what (<see cref="RollupModel.Pbs"/>).</summary>
/// <param name="Price">The proposer's auction: <c>first</c> or <c>second</c> price.</param>
/// <param name="Deadline">How long after the seal time bids were accepted.</param>
/// <param name="BuilderBlocks">Blocks a builder won.</param>
/// <param name="FallbackBlocks">Blocks the proposer built itself, with no valid bid in time.</param>
/// <param name="BidRevenue">What winning builders paid the proposer, in wei.</param>
/// <param name="FallbackRevenue">The priority fees of the proposer's own blocks, in wei.</param>
/// <param name="Builders">Each builder's result, in source order.</param>
public sealed record PbsResult(
    string Price,
    SimDuration Deadline,
    long BuilderBlocks,
    long FallbackBlocks,
    UInt128 BidRevenue,
    UInt128 FallbackRevenue,
    ImmutableArray<PbsBuilderResult> Builders)
{
    /// <summary>The token MEV is counted in (the first pool's quote token), or null on a rollup without a market: then no MEV or bundle figure applies.</summary>
    public string? MevToken { get; init; }

    /// <summary>The decimals of <see cref="MevToken"/>.</summary>
    public int MevDecimals { get; init; }

    /// <summary>Searchers' bundles sent to the builders.</summary>
    public long BundlesReceived { get; init; }

    /// <summary>Searchers' bundles that landed at the top of a winning builder's block.</summary>
    public long BundlesLanded { get; init; }

    /// <summary>The MEV the builders kept, in <see cref="MevToken"/>.</summary>
    public UInt128 BuilderMev => Builders.Aggregate(UInt128.Zero, (sum, b) => sum + b.Mev);

    /// <summary>The Herfindahl–Hirschman index of blocks won by builder: Σ share², 0 … 1 (1: one builder built them all); 0 when no builder won.</summary>
    public double Hhi => BuilderBlocks == 0 ? 0 : Builders.Sum(b => (double)b.Wins * b.Wins) / ((double)BuilderBlocks * BuilderBlocks);

    /// <inheritdoc />
    public bool Equals(PbsResult? other) =>
        other is not null
        && Price == other.Price
        && Deadline == other.Deadline
        && BuilderBlocks == other.BuilderBlocks
        && FallbackBlocks == other.FallbackBlocks
        && BidRevenue == other.BidRevenue
        && FallbackRevenue == other.FallbackRevenue
        && MevToken == other.MevToken
        && MevDecimals == other.MevDecimals
        && BundlesReceived == other.BundlesReceived
        && BundlesLanded == other.BundlesLanded
        && Builders.AsSpan().SequenceEqual(other.Builders.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Price, BuilderBlocks, FallbackBlocks, BidRevenue);
}

/// <summary>One PBS builder's result.</summary>
/// <param name="Name">The builder.</param>
/// <param name="Wins">Blocks it won.</param>
/// <param name="Bids">Bids it sent.</param>
/// <param name="LateBids">Bids that arrived after the deadline.</param>
/// <param name="Paid">What it paid the proposer, in wei.</param>
/// <param name="Captured">The priority fees of the blocks it won, in wei.</param>
/// <param name="Balance">Its account's balance at the end (the margin, paid out in its blocks), in wei.</param>
public readonly record struct PbsBuilderResult(string Name, long Wins, long Bids, long LateBids, UInt128 Paid, UInt128 Captured, UInt128 Balance)
{
    /// <summary>The MEV it kept from the arbitrages in the blocks it won (its share of their tips, after its bid), in the first pool's quote token.</summary>
    public UInt128 Mev { get; init; }

    /// <summary>Searchers' bundles that landed at the top of the blocks it won.</summary>
    public long Bundles { get; init; }

    /// <summary>What it kept: <see cref="Captured"/> − <see cref="Paid"/>, in wei.</summary>
    public UInt128 Margin => Captured - Paid;
}

/// <summary>Turns a rollup's PBS counters into its result.</summary>
internal static class PbsCollector
{
    public static PbsResult? Collect(RollupChain chain)
    {
        if (chain.Pbs is not { } pbs)
        {
            return null;
        }

        var market = chain.Market;
        return new PbsResult(
            pbs.Model.Price == AuctionPrice.First ? "first" : "second",
            pbs.Model.Deadline,
            pbs.BuilderBlocks,
            pbs.FallbackBlocks,
            pbs.BidRevenue,
            chain.Fees.Of(Role.Sequencer, FeeKind.PriorityFee),
            [.. pbs.Tallies.Select(t => new PbsBuilderResult(t.Name, t.Wins, t.Bids, t.LateBids, t.Paid, t.Captured, chain.State.Balance(t.Account)) { Mev = t.Mev, Bundles = t.Bundles })])
        {
            MevToken = market is null || market.Pools.Count == 0 ? null : market.Setup.NameOf(market.QuoteAsset(0)),
            MevDecimals = market is null || market.Pools.Count == 0 ? 0 : market.Setup.DecimalsOf(market.QuoteAsset(0)),
            BundlesReceived = pbs.BundlesReceived,
            BundlesLanded = pbs.BundlesLanded,
        };
    }
}
