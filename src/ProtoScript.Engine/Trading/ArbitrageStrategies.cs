using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Trading;

/// <summary>Finds the arbitrageurs' strategy for a run.</summary>
internal static class ArbitrageStrategies
{
    /// <summary>The strategy of the workload's hook, or null for the built-in rule.</summary>
    /// <exception cref="ArgumentException">The workload has a hook but the run was given no compiled strategy for it.</exception>
    public static IArbitrageStrategy? Resolve(WorkloadModel workload, SimulationOptions options)
    {
        if (workload.ArbitrageStrategy is not { } hook)
        {
            return null;
        }

        var resolver = options.Strategies ?? options.OrderingRules as IArbitrageStrategyResolver;

        // Falling back to the built-in trade would silently simulate different traders.
        return resolver?.ResolveStrategy(workload)
            ?? throw new ArgumentException($"The workload has a C# strategy hook ({hook.Owner}) but the run was given no compiled strategy for it.", nameof(options));
    }
}
