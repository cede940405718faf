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

    /// <summary>Rules for rollups whose ordering is not built in, such as compiled C# hooks; null when there are none.</summary>
    public IOrderingRuleResolver? OrderingRules { get; init; }

    /// <summary>
    /// Fee distributions that are not built in (C# hooks); null when there are none. When null,
    /// <see cref="OrderingRules"/> is used if it also resolves fee distributors (compiled hooks do).
    /// </summary>
    public Fees.IFeeDistributorResolver? FeeDistributors { get; init; }

    /// <summary>Choosers for <c>provers</c> blocks whose selection is a C# hook; null when there are none (then <see cref="OrderingRules"/> is used if it also resolves choosers, as compiled hooks do).</summary>
    public Proving.IProverChooserResolver? ProverChoosers { get; init; }

    /// <summary>
    /// Validity rules for rollups with a <c>validity</c> hook; null to take them from
    /// <see cref="OrderingRules"/> when that also resolves validity rules (compiled hooks do).
    /// </summary>
    public Validity.IValidityRuleResolver? ValidityRules { get; init; }

    /// <summary>
    /// The arbitrageurs' strategy when the workload has an <c>arbitrage_strategy</c> hook; null
    /// to take it from <see cref="OrderingRules"/> when that also resolves strategies (compiled hooks do).
    /// </summary>
    public Trading.IArbitrageStrategyResolver? Strategies { get; init; }

    /// <summary>
    /// Derivation rules for rollups with a <c>derivation</c> hook, used by the verifier; null
    /// to take them from <see cref="OrderingRules"/> when that also resolves derivation rules (compiled hooks do).
    /// </summary>
    public Derivation.IDerivationRuleResolver? DerivationRules { get; init; }
}
