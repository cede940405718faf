using System.Collections.Immutable;

namespace ProtoScript.Engine.Results;

/// <summary>How the bundles of a path are carried out.</summary>
public enum BundleMode
{
    /// <summary>One builder or shared sequencer holds every rollup of the path and simulates every leg first: a bundle lands whole or not at all.</summary>
    AtomicExecution,

    /// <summary>One shared sequencer or builder holds every rollup of the path and orders the legs in one slot without executing them first.</summary>
    AtomicInclusion,

    /// <summary>No block producer holds every rollup of the path: each hop is a cross-chain message delivered in a later block.</summary>
    Asynchronous,
}

/// <summary>What happened to the bundles of one path (<c>bundles { path = [A, B, A] ... }</c>).</summary>
/// <param name="Path">The path as <c>A→B→A</c>.</param>
/// <param name="Mode">How its bundles are carried out.</param>
/// <param name="Sent">Bundles the users sent.</param>
/// <param name="Included">Bundles whose every leg executed.</param>
/// <param name="Dropped">Bundles a simulating producer refused whole because a leg would have failed.</param>
/// <param name="LegsReverted">Legs that ran and failed (a swap that reverted, a payer who could not pay), ending their bundle.</param>
/// <param name="AtomicFailures">Bundles that failed after at least one of their legs executed.</param>
/// <param name="Pending">Bundles neither included nor ended by a failure at the end of the run.</param>
/// <param name="ValueLocked">Value that left a rollup in a bundle and arrived nowhere (a destination leg that could not pay), in wei.</param>
/// <param name="Latency">From the user's submission to the block of the bundle's last leg, over the bundles included.</param>
public sealed record BundlePathResult(
    string Path,
    BundleMode Mode,
    long Sent,
    long Included,
    long Dropped,
    long LegsReverted,
    long AtomicFailures,
    long Pending,
    UInt128 ValueLocked,
    LatencySummary Latency)
{
    /// <summary>Failures (drops and legs reverted) because a leg's payer could not pay its gas or value.</summary>
    public long FailedBalance { get; init; }

    /// <summary>Failures because a swap leg's output would have been (or was) below its 1 % slippage limit.</summary>
    public long FailedSlippage { get; init; }

    /// <summary>Failures because a swap leg's pool lacked the liquidity.</summary>
    public long FailedLiquidity { get; init; }
}

/// <summary>Every bundle stream of a run (<c>bundles { ... }</c>), with totals over their paths.</summary>
/// <param name="Paths">Each stream's path, in workload order.</param>
/// <param name="Latency">Submission to the block of the last leg, over the bundles included on every path.</param>
public sealed record BundlesResult(ImmutableArray<BundlePathResult> Paths, LatencySummary Latency)
{
    /// <summary>Bundles sent on every path.</summary>
    public long Sent => Paths.Sum(p => p.Sent);

    /// <summary>Bundles included whole on every path.</summary>
    public long Included => Paths.Sum(p => p.Included);

    /// <summary>Bundles dropped whole before inclusion on every path.</summary>
    public long Dropped => Paths.Sum(p => p.Dropped);

    /// <summary>Legs that ran and failed on every path.</summary>
    public long LegsReverted => Paths.Sum(p => p.LegsReverted);

    /// <summary>Bundles that failed after a leg executed, on every path.</summary>
    public long AtomicFailures => Paths.Sum(p => p.AtomicFailures);

    /// <summary>Bundles still under way at the end, on every path.</summary>
    public long Pending => Paths.Sum(p => p.Pending);

    /// <summary>Value locked by failed legs on every path, in wei.</summary>
    public UInt128 ValueLocked => Paths.Aggregate(UInt128.Zero, (sum, p) => sum + p.ValueLocked);
}
