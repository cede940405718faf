using System.Collections.Immutable;

namespace ProtoScript.Language.Model;

/// <summary>How the two legs of a cross-rollup arbitrage are sent.</summary>
public enum CrossArbitrageMode
{
    /// <summary>As one bundle to the shared sequencer or builder that holds both rollups: they land in one slot.</summary>
    Atomic,

    /// <summary>As two ordinary transactions, one to each rollup's mempool, sent at the same time.</summary>
    Independent,
}

/// <summary>
/// Searchers that trade the same pair on two rollups' pools against each other
/// (<c>cross_arbitrage { path = [A, B]  searchers = 2  mode = atomic }</c> in <c>workload</c>).
/// </summary>
/// <param name="Path">The two rollups: the first's first pool and the second's first pool of the same pair.</param>
/// <param name="Searchers">How many searchers compete for each opportunity.</param>
/// <param name="Mode">How the legs are sent.</param>
public sealed record CrossArbitrageModel(ImmutableArray<string> Path, int Searchers, CrossArbitrageMode Mode)
{
    /// <summary>The index, in the second rollup's pools, of the pool of the first rollup's first pool's pair.</summary>
    public int SecondPool { get; init; }

    /// <summary>The path as reports name it: <c>A↔B</c>.</summary>
    public string Name => string.Join("↔", Path);
}
