using System.Collections.Immutable;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language;
using ProtoScript.Language.Model;
using ProtoScript.Reporting;
using ProtoScript.Reporting.Document;
using ProtoScript.Reporting.Sweeps;

namespace ProtoScript.Application;

/// <summary>
/// Runs compiled scenario files and their sweeps with the engine's <see cref="RunBuilder"/> and
/// renders them with reporting's <see cref="ScenarioReports"/>: the one path shared by the CLI,
/// its isolated workers and snapshot tests, so all print the same bytes.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>Runs a file (its sweep when it declares one, else the scenario once) and renders the report.</summary>
    /// <param name="compiled">A successfully compiled file.</param>
    /// <param name="seed">Overrides the scenario's seed (a sweep's runs then use seed, seed + 1, ...).</param>
    /// <param name="format">Text or JSON.</param>
    /// <param name="jobs">How many sweep runs may execute at once; the report does not depend on it.</param>
    /// <param name="rules">The rules of the file's hooks (<see cref="PreparedScenario.Rules"/>); null when it has none.</param>
    /// <param name="view">How a sweep is presented (baseline, metrics); ignored for a single run.</param>
    /// <param name="progress">Told how far the run or sweep has come; null for no progress display.</param>
    /// <exception cref="ArgumentException">The file did not compile, or the view does not fit its sweep.</exception>
    /// <exception cref="RuleFailedException">A hook threw or exceeded its budget during the run.</exception>
    public static RenderedReport Report(CompilationResult compiled, ulong? seed = null, ReportFormatKind format = ReportFormatKind.Text, int jobs = 1, IRuleProvider? rules = null, SweepView? view = null, IProgressSink? progress = null)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        if (compiled.Model is null || !compiled.Success)
        {
            throw new ArgumentException("The scenario has errors.", nameof(compiled));
        }

        if (compiled.Sweep is { } sweep)
        {
            if (seed is { } s)
            {
                sweep = sweep with { Points = [.. sweep.Points.Select(p => p with { Model = p.Model.WithSeed(s) })] };
            }

            return ScenarioReports.Render(Sweep(sweep, jobs, rules, progress), format, view);
        }

        var run = new RunBuilder(compiled.Model).WithSeed(seed).WithRules(rules);
        if (progress is not null)
        {
            run.WithOptions(SimulationOptions.Default with { Progress = progress.OnRun });
        }

        var simulation = run.Run();
        var document = RunReport.Build(simulation);
        return ScenarioReports.Render(run.Model, simulation, document, ExpectationChecker.Check(run.Model, simulation, document, rules), format);
    }

    /// <summary>
    /// Runs every point of a sweep <see cref="SweepModel.Runs"/> times and keeps only aggregates.
    /// Run <c>i</c> of every point uses seed <c>seed + i</c> (wrapping), where seed is the point's
    /// scenario seed. Runs of a point may execute in parallel; they are folded in run order, so
    /// the outcome is the same on any machine.
    /// </summary>
    /// <param name="sweep">The bound sweep.</param>
    /// <param name="maxParallelism">How many runs may execute at once; 1 runs them one after another.</param>
    /// <param name="rules">The rules of the scenario's hooks; null when it has none.</param>
    /// <param name="progress">Told each time a run finishes; null for no progress display.</param>
    public static SweepResult Sweep(SweepModel sweep, int maxParallelism = 1, IRuleProvider? rules = null, IProgressSink? progress = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelism, 1);
        var points = ImmutableArray.CreateBuilder<SweepPointResult>(sweep.Points.Length);
        var counter = new RunCounter(sweep.Points.Length * sweep.Runs, progress);
        foreach (var point in sweep.Points)
        {
            points.Add(RunPoint(point, sweep.Runs, maxParallelism, rules, counter));
        }

        return new SweepResult(sweep.Points[0].Model.Name, sweep, points.MoveToImmutable());
    }

    /// <summary>
    /// Runs one run of a point: every metric's value (in <paramref name="metrics"/> order) and,
    /// per expectation of the scenario, whether it failed. The unit an isolated worker runs.
    /// </summary>
    /// <param name="pointModel">The point's scenario.</param>
    /// <param name="run">The run's index; its seed is <see cref="SweepAggregation.RunSeed"/>.</param>
    /// <param name="metrics">The point's <see cref="SweepAggregation.Metrics"/>.</param>
    /// <param name="rules">The rules of the scenario's hooks; null when it has none.</param>
    /// <returns>Each metric's value, NaN for one the run has no samples of, and whether each expectation failed.</returns>
    public static (double[] Values, bool[] Failures) RunOne(ScenarioModel pointModel, int run, ImmutableArray<MetricPath> metrics, IRuleProvider? rules)
    {
        ArgumentNullException.ThrowIfNull(pointModel);
        var builder = new RunBuilder(pointModel).WithSeed(SweepAggregation.RunSeed(pointModel.Seed, run)).WithRules(rules);
        // A sweep keeps metrics only: the series would cost a document row per point and column.
        var result = builder.Run();
        var document = RunReport.Build(result with { Rollups = [.. result.Rollups.Select(r => r with { Series = null })] });

        // Token amounts in smallest units, as the run's JSON carries them (expectations read whole
        // tokens); a metric the run has no samples of (a latency nothing reached) is NaN.
        return ([.. metrics.Select(m => document.ReadMetric(m, smallestUnits: true) is { } value ? (double)value : double.NaN)], [.. ExpectationChecker.Check(builder.Model, result, document, rules).Select(o => !o.Passed)]);
    }

    private static SweepPointResult RunPoint(SweepPoint point, int runs, int maxParallelism, IRuleProvider? rules, RunCounter counter)
    {
        var metrics = SweepAggregation.Metrics(point.Model);
        var values = new double[runs][];
        var failures = new bool[runs][];
        var errors = new Exception?[runs];
        Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, i =>
        {
            try
            {
                (values[i], failures[i]) = RunOne(point.Model, i, metrics, rules);
                counter.Done();
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        });

        // The failure of the first run, whichever thread saw one first, so the same sweep fails the same way.
        if (errors.FirstOrDefault(e => e is not null) is { } first)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }

        return SweepAggregation.Fold(point, values, failures);
    }

    /// <summary>Counts a sweep's finished runs for its progress display.</summary>
    private sealed class RunCounter(int total, IProgressSink? progress)
    {
        private int _done;

        public void Done()
        {
            if (progress is not null)
            {
                progress.OnSweepRun(Interlocked.Increment(ref _done), total);
            }
        }
    }
}
