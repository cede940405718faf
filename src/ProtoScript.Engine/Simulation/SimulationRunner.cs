using Microsoft.Extensions.DependencyInjection;
using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Simulation;

/// <summary>
/// Runs scenarios with the components registered in a service provider; each run gets
/// its own scope, so per-run services (scheduler, random tree) are never shared.
/// </summary>
public sealed class SimulationRunner
{
    private readonly IServiceScopeFactory _scopes;

    /// <summary>Creates a runner over the given services (see <see cref="EngineServiceCollectionExtensions.AddProtoScriptEngine"/>).</summary>
    public SimulationRunner(IServiceScopeFactory scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        _scopes = scopes;
    }

    /// <summary>Runs a scenario from genesis to its duration.</summary>
    /// <param name="model">The scenario.</param>
    /// <param name="options">
    /// How to run it; null for <see cref="SimulationOptions.Default"/>. Its ordering rules are
    /// required when the scenario has an ordering hook (see <see cref="RollupModel.OrderingHook"/>).
    /// </param>
    /// <exception cref="ArgumentException">The model is not runnable.</exception>
    public SimulationResult Run(ScenarioModel model, SimulationOptions? options = null)
    {
        ScenarioValidator.EnsureValid(model);
        using var scope = _scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<ScenarioContext>().Initialize(model, options);
        return scope.ServiceProvider.GetRequiredService<SimulationRun>().Execute();
    }
}
