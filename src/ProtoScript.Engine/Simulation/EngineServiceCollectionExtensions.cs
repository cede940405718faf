using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Scheduling;

namespace ProtoScript.Engine.Simulation;

/// <summary>Registers the engine's components.</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the built-in components: the stateless ordering rules of
    /// <see cref="RuleRegistry.Orderings"/> keyed by their scenario names (<c>fcfs</c>,
    /// <c>priority_fee</c>, <c>auction</c>), and per-run scoped services (scenario
    /// context, random tree, scheduler). Existing registrations win, so a caller can
    /// replace any of them, or add a rule under a new key, before or after this call.
    /// </summary>
    public static IServiceCollection AddProtoScriptEngine(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var builtIn in RuleRegistry.Orderings.Where(o => !o.PerRun))
        {
            services.TryAddKeyedSingleton<IOrderingRule>(builtIn.Key, (_, _) => builtIn.Create(() => throw new InvalidOperationException($"The built-in ordering {builtIn.Key} is stateless.")));
        }

        services.TryAddScoped<ScenarioContext>();
        services.TryAddScoped(sp => new RandomTree(sp.GetRequiredService<ScenarioContext>().Model.Seed));
        services.TryAddScoped<Scheduler>();
        services.TryAddScoped<SimulationRun>();
        services.TryAddSingleton<SimulationRunner>();
        return services;
    }
}
