using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Simulation;

/// <summary>
/// The one place a run's options are assembled from a scenario: its seed, the rule provider of
/// its hooks and whether the run keeps its L1 data. The CLI, reporting's sweeps, snapshot
/// tests and the generated classes' <c>Run</c> all build their runs here, so the same
/// scenario always runs the same way whoever runs it.
/// </summary>
public sealed class RunBuilder
{
    private readonly ScenarioModel _model;
    private ulong? _seed;
    private IRuleProvider? _rules;
    private SimulationOptions _options = SimulationOptions.Default;

    /// <summary>Starts a run of <paramref name="model"/> with its own seed, no hooks' rules and the default options.</summary>
    public RunBuilder(ScenarioModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
    }

    /// <summary>The scenario as it runs, with the seed applied.</summary>
    public ScenarioModel Model => _seed is { } seed ? _model.WithSeed(seed) : _model;

    /// <summary>
    /// The run's options: the caller's, with the hooks' rules when the caller brings none, and
    /// the L1 data kept when the scenario's expectations need it (<see cref="NeedsL1Data"/>).
    /// </summary>
    public SimulationOptions Options => _options with
    {
        Rules = _options.Rules ?? _rules,
        RetainL1Data = _options.RetainL1Data || NeedsL1Data(_model),
    };

    /// <summary>
    /// Whether checking <paramref name="model"/>'s expectations needs the run's L1 data
    /// (<c>expect derivable</c> re-derives the rollups from it).
    /// </summary>
    public static bool NeedsL1Data(ScenarioModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Expectations.Any(e => e.Kind == ExpectationKind.Derivable);
    }

    /// <summary>Overrides the scenario's seed; null keeps it.</summary>
    public RunBuilder WithSeed(ulong? seed)
    {
        _seed = seed ?? _seed;
        return this;
    }

    /// <summary>The rules of the scenario's hooks (scripted, compiled or generated); null when it has none.</summary>
    public RunBuilder WithRules(IRuleProvider? rules)
    {
        _rules = rules;
        return this;
    }

    /// <summary>Starts from a caller's options; rules the caller sets there win over <see cref="WithRules"/>.</summary>
    public RunBuilder WithOptions(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        return this;
    }

    /// <summary>Runs the scenario from genesis to its duration.</summary>
    /// <exception cref="RuleFailedException">A rule threw during the run.</exception>
    public SimulationResult Run() => Simulator.Run(Model, Options);

    /// <summary>Runs the scenario with its L1 data and re-derives every rollup from it (<see cref="Verifier"/>).</summary>
    public VerificationReport Verify() => Verifier.Run(Model, Options);
}
