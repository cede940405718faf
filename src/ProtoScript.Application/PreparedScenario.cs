using System.Collections.Immutable;
using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Reporting;
using ProtoScript.Scripting;

namespace ProtoScript.Application;

/// <summary>
/// A compiled scenario file with the rules of its C# hooks made on one engine path (once for
/// the scenario and all its sweep points): what every command, worker and test that runs a
/// file starts from. Dispose it when its runs are done: the hooks' code is then unloaded.
/// </summary>
public sealed class PreparedScenario : IDisposable
{
    private PreparedScenario(CompilationResult file, IRuleProvider? rules, IReadOnlyList<Diagnostic> diagnostics)
    {
        File = file;
        Rules = rules;
        Diagnostics = diagnostics;
    }

    /// <summary>The compiled file.</summary>
    public CompilationResult File { get; }

    /// <summary>The scenario as the file declares it.</summary>
    public ScenarioModel Model => File.Model!;

    /// <summary>The rules of the file's hooks; null when it has none or they did not compile.</summary>
    public IRuleProvider? Rules { get; }

    /// <summary>What compiling the hooks said (errors, or warnings of hooks that compiled).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when the hooks compiled (or there are none), so the scenario can run.</summary>
    public bool Success { get; private init; }

    /// <summary>Compiles the file's hooks (or, for <see cref="EngineKind.Compiled"/>, the whole scenario) to the run's rule provider.</summary>
    /// <param name="file">A file that compiled without errors.</param>
    /// <param name="engine">The engine path.</param>
    /// <exception cref="ArgumentException">The file has errors.</exception>
    public static PreparedScenario Prepare(CompilationResult file, EngineKind engine = EngineKind.Scripted)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Model is null || !file.Success)
        {
            throw new ArgumentException("The scenario has errors.", nameof(file));
        }

        if (engine == EngineKind.Compiled)
        {
            var scenario = CompiledScenario.Compile(file);
            return new PreparedScenario(file, scenario.Scenario, scenario.Diagnostics) { Success = scenario.Success };
        }

        var hooks = HookCompiler.CompileFile(file);
        return new PreparedScenario(file, hooks?.Hooks, hooks?.Diagnostics ?? []) { Success = hooks is null or { Success: true } };
    }

    /// <summary>A run of <paramref name="model"/> (the file's scenario when null) with the file's rules.</summary>
    public RunBuilder Run(ScenarioModel? model = null) => new RunBuilder(model ?? Model).WithRules(Rules);

    /// <summary>Runs the file (its sweep when it declares one, else the scenario once) and renders the report.</summary>
    /// <param name="seed">Overrides the scenario's seed (a sweep's runs then use seed, seed + 1, ...).</param>
    /// <param name="format">Text or JSON.</param>
    /// <param name="jobs">How many sweep runs may execute at once; the report does not depend on it.</param>
    /// <param name="view">How a sweep is presented (baseline, metrics); ignored for a single run.</param>
    /// <param name="progress">Told how far the run or sweep has come; null for no progress display.</param>
    /// <exception cref="RuleFailedException">A hook threw or exceeded its budget during the run.</exception>
    public RenderedReport Report(ulong? seed = null, ReportFormatKind format = ReportFormatKind.Text, int jobs = 1, Reporting.Sweeps.SweepView? view = null, IProgressSink? progress = null) =>
        ScenarioRunner.Report(File, seed, format, jobs, Rules, view, progress);

    /// <summary>Runs the scenario with its L1 data and re-derives every rollup from it.</summary>
    /// <param name="seed">Overrides the scenario's seed.</param>
    public VerificationReport Verify(ulong? seed = null) => Run().WithSeed(seed).Verify();

    /// <summary>One run of a sweep point: the unit an isolated worker runs (see <see cref="ScenarioRunner.RunOne"/>).</summary>
    public (double[] Values, bool[] Failures) RunOne(ScenarioModel pointModel, int run, ImmutableArray<MetricPath> metrics) =>
        ScenarioRunner.RunOne(pointModel, run, metrics, Rules);

    /// <summary>Unloads the hooks' code.</summary>
    public void Dispose() => (Rules as IDisposable)?.Dispose();
}
