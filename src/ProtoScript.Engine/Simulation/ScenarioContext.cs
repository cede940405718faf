using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Simulation;

/// <summary>
/// The scenario of the current run, available to every component resolved from the
/// run's dependency-injection scope.
/// </summary>
public sealed class ScenarioContext
{
    private ScenarioModel? _model;

    /// <summary>The scenario being run.</summary>
    /// <exception cref="InvalidOperationException">Read outside of a run.</exception>
    public ScenarioModel Model => _model ?? throw new InvalidOperationException("No scenario is running in this scope.");

    /// <summary>How the current run is carried out.</summary>
    public SimulationOptions Options { get; private set; } = SimulationOptions.Default;

    internal void Initialize(ScenarioModel model, SimulationOptions? options = null)
    {
        if (_model is not null)
        {
            throw new InvalidOperationException("A run scope runs exactly one scenario.");
        }

        _model = model;
        Options = options ?? SimulationOptions.Default;
    }
}
