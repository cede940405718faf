using System.Collections.Immutable;

namespace ProtoScript.Language.Model;

/// <summary>What each leg of a bundle path does on its rollup besides passing the value on.</summary>
public enum BundleLegKind
{
    /// <summary>The leg only receives the value (after the first rollup) and sends it on (before the last).</summary>
    Transfer,

    /// <summary>The leg also swaps on the rollup's first pool, with the wallet's 1 % slippage limit set when the bundle is sent.</summary>
    Swap,
}

/// <summary>
/// A workload stream of bundles over a path of rollups (<c>bundles { path = [A, B, A] ... }</c>):
/// each bundle carries its value from the first rollup of the path to the next, and so on to the
/// last; a path that returns to an earlier rollup is a call with a callback.
/// </summary>
/// <param name="Path">The rollups the legs run on, in order; at least two, a rollup may repeat (not twice in a row).</param>
/// <param name="RatePerSecond">Mean bundles sent per simulated second (Poisson arrivals).</param>
/// <param name="Leg">What each leg does.</param>
/// <param name="Value">The value the bundle carries along the path, in wei; a swap leg trades that much base token too.</param>
public sealed record BundleStreamModel(ImmutableArray<string> Path, double RatePerSecond, BundleLegKind Leg, UInt128 Value)
{
    /// <summary>The priority fee per gas every leg's transactions offer, in wei.</summary>
    public UInt128 PriorityFee { get; init; }

    /// <summary>The path as reports name it: <c>A→B→A</c>.</summary>
    public string Name => string.Join("→", Path);
}
