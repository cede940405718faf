using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Simulation;

/// <summary>How a run is carried out, beyond what the scenario says.</summary>
public sealed record SimulationOptions
{
    /// <summary>The defaults: keep only aggregates, so memory does not grow with the run's L1 data.</summary>
    public static SimulationOptions Default { get; } = new();

    /// <summary>
    /// Keep every L1 block and every byte the rollups posted in
    /// <see cref="Results.SimulationResult.L1Data"/>, for a verifier that re-derives the rollups
    /// from L1 data. Off by default: it holds all posted bytes for the whole run.
    /// </summary>
    public bool RetainL1Data { get; init; }

    /// <summary>
    /// The rules of the scenario's C# hooks at every site of <see cref="RuleRegistry"/> (compiled
    /// hooks, a compiled scenario or a generated class); null when it has none. A run whose
    /// scenario has a hook this provider does not know fails rather than run a built-in rule.
    /// </summary>
    public IRuleProvider? Rules { get; init; }

    /// <summary>
    /// Told how far the run has come, a hundred times over its duration and once at its end, for a
    /// progress display; null (the default) for none. It runs between events, reads only counts, and
    /// changes nothing the run does, so the report is the same with or without it.
    /// </summary>
    public Action<RunProgress>? Progress { get; init; }
}

/// <summary>How far a run has come: its simulated time, and the blocks and transactions its rollups have so far.</summary>
/// <param name="Now">The simulated time reached.</param>
/// <param name="Duration">The run's duration.</param>
/// <param name="Blocks">Blocks sealed by all rollups so far.</param>
/// <param name="Transactions">Transactions included by all rollups so far.</param>
public readonly record struct RunProgress(SimDuration Now, SimDuration Duration, long Blocks, long Transactions);
