using Microsoft.Extensions.DependencyInjection;
using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Simulation;

/// <summary>The shortest way to run a scenario with the built-in components.</summary>
public static class Simulator
{
    private static readonly Lazy<SimulationRunner> DefaultRunner = new(CreateDefaultRunner);

    /// <summary>Runs a scenario from genesis to its duration with the default services.</summary>
    /// <param name="model">The scenario.</param>
    /// <param name="options">How to run it; null for <see cref="SimulationOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">The model is not runnable.</exception>
    public static SimulationResult Run(ScenarioModel model, SimulationOptions? options = null) => DefaultRunner.Value.Run(model, options);

    private static SimulationRunner CreateDefaultRunner()
    {
        // Lives for the whole process; it holds only stateless singletons.
        var provider = new ServiceCollection()
            .AddProtoScriptEngine()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        return provider.GetRequiredService<SimulationRunner>();
    }
}
