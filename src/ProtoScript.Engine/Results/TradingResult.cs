using System.Collections.Immutable;

namespace ProtoScript.Engine.Results;

/// <summary>
/// What trading did on one rollup: swaps, arbitrage, its pools, the CEX, the price gap and
/// MEV. Quote amounts are in the first pool's quote token's smallest unit.
/// </summary>
/// <param name="Swaps">What became of the swaps (users' and arbitrageurs').</param>
/// <param name="ArbitragesSubmitted">Arbitrage swaps sent.</param>
/// <param name="ArbitragesIncluded">Arbitrage swaps that executed.</param>
/// <param name="Pools">Every pool at the end of the run, in declaration order.</param>
/// <param name="Cex">The CEX, or null when the scenario has none.</param>
/// <param name="GapBefore">The first pool's gap to the CEX at the start of each block.</param>
/// <param name="GapAfter">The same at the end of each block.</param>
/// <param name="Mev">MEV, in the first pool's quote token.</param>
/// <param name="Tokens">The supply of every declared token.</param>
public sealed record TradingResult(
    SwapCounts Swaps,
    long ArbitragesSubmitted,
    long ArbitragesIncluded,
    ImmutableArray<PoolResult> Pools,
    CexResult? Cex,
    PriceGapSummary GapBefore,
    PriceGapSummary GapAfter,
    MevSummary Mev,
    ImmutableArray<TokenSupply> Tokens)
{
    /// <summary>The users' swaps: <see cref="Swaps"/> less the searchers' (<see cref="ArbitrageSwaps"/>).</summary>
    public SwapCounts UserSwaps { get; init; } = new(0, 0, []);

    /// <summary>
    /// The searchers' swaps (arbitrageurs, cross-pool searchers, back-runners). One that loses
    /// the race for a price gap reverts as <c>slippage_exceeded</c>, so that reason here is
    /// mostly lost races, not users' price limits.
    /// </summary>
    public SwapCounts ArbitrageSwaps { get; init; } = new(0, 0, []);

    /// <summary>Executed arbitrages that lost money after fees, valued at the CEX price.</summary>
    public long ArbitragesUnprofitable { get; init; }

    /// <summary>What those arbitrages lost, in the first pool's quote token; MEV counts gains only.</summary>
    public UInt128 ArbitrageLosses { get; init; }

    /// <summary>
    /// MEV net of arbitrage losses (<see cref="MevSummary.Total"/> − <see cref="ArbitrageLosses"/>),
    /// in the first pool's quote token: what extraction really yielded, negative when stale trades
    /// lost more than the others gained. Equal to the total when no arbitrage lost.
    /// </summary>
    public Int128 MevNet => checked((Int128)Mev.Total - (Int128)ArbitrageLosses);

    /// <summary>True when every declared token's supply is what it was at genesis.</summary>
    public bool TokensConserved => Tokens.All(t => t.Conserved);

    /// <inheritdoc />
    public bool Equals(TradingResult? other) =>
        other is not null
        && Swaps == other.Swaps
        && UserSwaps == other.UserSwaps
        && ArbitrageSwaps == other.ArbitrageSwaps
        && ArbitragesSubmitted == other.ArbitragesSubmitted
        && ArbitragesIncluded == other.ArbitragesIncluded
        && ArbitragesUnprofitable == other.ArbitragesUnprofitable
        && ArbitrageLosses == other.ArbitrageLosses
        && Pools.AsSpan().SequenceEqual(other.Pools.AsSpan())
        && Cex == other.Cex
        && GapBefore == other.GapBefore
        && GapAfter == other.GapAfter
        && Mev == other.Mev
        && Tokens.AsSpan().SequenceEqual(other.Tokens.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Swaps, ArbitragesIncluded, Pools.Length, Mev.Total);
}

/// <summary>What became of the swaps sent to one rollup.</summary>
/// <param name="Submitted">Sent to the sequencer.</param>
/// <param name="Included">Executed.</param>
/// <param name="Rejected">Dropped or reverted, per reason, in report order (zero counts included).</param>
public sealed record SwapCounts(long Submitted, long Included, ImmutableArray<RejectionCount> Rejected)
{
    /// <summary>All rejections.</summary>
    public long RejectedTotal => Rejected.Sum(r => r.Count);

    /// <inheritdoc />
    public bool Equals(SwapCounts? other) =>
        other is not null && Submitted == other.Submitted && Included == other.Included && Rejected.AsSpan().SequenceEqual(other.Rejected.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Submitted, Included, Rejected.Length);
}

/// <summary>One pool at the end of the run.</summary>
/// <param name="Name">The pair as written, e.g. <c>ETH/USDC</c>.</param>
/// <param name="BaseToken">Token 0's unit name.</param>
/// <param name="BaseDecimals">Token 0's decimals.</param>
/// <param name="QuoteToken">Token 1's unit name.</param>
/// <param name="QuoteDecimals">Token 1's decimals.</param>
/// <param name="FeeBasisPoints">The swap fee.</param>
/// <param name="ReserveBase">Token 0 held, in its smallest unit.</param>
/// <param name="ReserveQuote">Token 1 held, in its smallest unit.</param>
/// <param name="Swaps">Swaps executed.</param>
public readonly record struct PoolResult(
    string Name,
    string BaseToken,
    int BaseDecimals,
    string QuoteToken,
    int QuoteDecimals,
    uint FeeBasisPoints,
    UInt128 ReserveBase,
    UInt128 ReserveQuote,
    long Swaps)
{
    /// <summary>The pool's price of one whole base token in quote smallest units, rounded down.</summary>
    public UInt128 PriceInQuoteUnits => Amm.FullMath.MulDivFloor(ReserveQuote, Markets.FixedPrice.Pow10(BaseDecimals), ReserveBase);
}

/// <summary>The CEX price of one whole ether, in quote smallest units.</summary>
/// <param name="QuoteToken">The quote token's unit name.</param>
/// <param name="QuoteDecimals">Its decimals.</param>
/// <param name="Start">At time zero.</param>
/// <param name="End">At the end of the run.</param>
public readonly record struct CexResult(string QuoteToken, int QuoteDecimals, UInt128 Start, UInt128 End);

/// <summary>|pool price − CEX price| / CEX price, sampled once per block, in basis points.</summary>
/// <param name="Samples">Blocks sampled.</param>
/// <param name="MeanAbsoluteBasisPoints">The mean |gap|, rounded down.</param>
/// <param name="MaxAbsoluteBasisPoints">The largest |gap|.</param>
public readonly record struct PriceGapSummary(long Samples, ulong MeanAbsoluteBasisPoints, ulong MaxAbsoluteBasisPoints);

/// <summary>MEV on one rollup, in quote smallest units.</summary>
/// <param name="QuoteToken">The token MEV is valued in.</param>
/// <param name="QuoteDecimals">Its decimals.</param>
/// <param name="Total">All MEV.</param>
/// <param name="BlocksWithMev">Blocks in which any MEV was taken.</param>
/// <param name="ByKind">Per kind (snake_case name), kinds with records only.</param>
/// <param name="ByCaptor">Per captor (<c>ROLE ID</c>), sorted by role, then id.</param>
public sealed record MevSummary(
    string QuoteToken,
    int QuoteDecimals,
    UInt128 Total,
    long BlocksWithMev,
    ImmutableArray<MevAmount> ByKind,
    ImmutableArray<MevAmount> ByCaptor)
{
    /// <summary>The total of one kind (zero when it has no records).</summary>
    public UInt128 OfKind(string kind) => ByKind.FirstOrDefault(k => k.Name == kind).Amount;

    /// <summary>The total of every captor with the given role (e.g. <c>sequencer</c>).</summary>
    public UInt128 OfRole(string role)
    {
        UInt128 total = 0;
        foreach (var c in ByCaptor)
        {
            if (c.Name.StartsWith(role + " ", StringComparison.Ordinal))
            {
                total += c.Amount;
            }
        }

        return total;
    }

    /// <inheritdoc />
    public bool Equals(MevSummary? other) =>
        other is not null && QuoteToken == other.QuoteToken && QuoteDecimals == other.QuoteDecimals && Total == other.Total
        && BlocksWithMev == other.BlocksWithMev
        && ByKind.AsSpan().SequenceEqual(other.ByKind.AsSpan()) && ByCaptor.AsSpan().SequenceEqual(other.ByCaptor.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Total, ByKind.Length, ByCaptor.Length);
}

/// <summary>One row of an MEV breakdown.</summary>
/// <param name="Name">The kind (e.g. <c>arbitrage</c>) or captor (e.g. <c>arbitrageur arb1</c>).</param>
/// <param name="Amount">In quote smallest units.</param>
/// <param name="Events">How many records made it up.</param>
public readonly record struct MevAmount(string Name, UInt128 Amount, long Events);

/// <summary>The supply of one declared token.</summary>
/// <param name="Token">Its unit name.</param>
/// <param name="Decimals">Its decimals.</param>
/// <param name="Genesis">In all accounts (pools included) at genesis.</param>
/// <param name="End">In all accounts at the end.</param>
public readonly record struct TokenSupply(string Token, int Decimals, UInt128 Genesis, UInt128 End)
{
    /// <summary>True when no unit was created or lost (no token has issuance).</summary>
    public bool Conserved => Genesis == End;
}
