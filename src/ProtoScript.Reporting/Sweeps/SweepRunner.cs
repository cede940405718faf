using System.Collections.Immutable;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Reporting.Sweeps;

/// <summary>The aggregated outcome of one sweep point.</summary>
/// <param name="Labels">The point's value on each axis.</param>
/// <param name="Seeds">The seeds of its runs, in run order.</param>
/// <param name="Metrics">Every report metric of every chain, summarised over the runs, in report order.</param>
/// <param name="ExpectationFailures">For each expectation of the scenario, how many runs failed it.</param>
public sealed record SweepPointResult(
    ImmutableArray<string> Labels,
    ImmutableArray<ulong> Seeds,
    ImmutableArray<(MetricPath Metric, SweepStatistics Statistics)> Metrics,
    ImmutableArray<(ExpectationModel Expectation, int Failures)> ExpectationFailures)
{
    /// <summary>
    /// Why the point has no results (a run crashed, timed out or ran out of memory in an
    /// isolated worker), or null when every run finished. A failed point has no metrics.
    /// </summary>
    public string? Failure { get; init; }
}

/// <summary>A whole sweep's outcome.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Sweep">What was swept.</param>
/// <param name="Points">One result per point, in the sweep's order.</param>
public sealed record SweepResult(string Scenario, SweepModel Sweep, ImmutableArray<SweepPointResult> Points)
{
    /// <summary>True when no run of any point failed an expectation (and no point failed).</summary>
    public bool AllExpectationsHeld => Points.All(p => p.Failure is null && p.ExpectationFailures.All(f => f.Failures == 0));
}

/// <summary>
/// Runs every point of a sweep <see cref="SweepModel.Runs"/> times and keeps only
/// aggregates, so memory does not grow with the number of runs. Runs of a point may execute
/// in parallel; results are folded in run order, so the outcome is the same on any machine.
/// </summary>
public static class SweepRunner
{
    /// <summary>Runs the sweep. Run <c>i</c> of every point uses seed <c>seed + i</c> (wrapping), where seed is the point's scenario seed.</summary>
    /// <param name="sweep">The bound sweep.</param>
    /// <param name="maxParallelism">How many runs may execute at once; 1 runs them one after another.</param>
    /// <param name="orderingRules">Compiled ordering hooks, when the scenario has any; also its prover-selection hooks when it is an <see cref="Engine.Proving.IProverChooserResolver"/>.</param>
    public static SweepResult Run(SweepModel sweep, int maxParallelism = 1, IOrderingRuleResolver? orderingRules = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelism, 1);
        var points = ImmutableArray.CreateBuilder<SweepPointResult>(sweep.Points.Length);
        foreach (var point in sweep.Points)
        {
            points.Add(RunPoint(point, sweep.Runs, maxParallelism, orderingRules));
        }

        return new SweepResult(sweep.Points[0].Model.Name, sweep, points.MoveToImmutable());
    }

    private static SweepPointResult RunPoint(SweepPoint point, int runs, int maxParallelism, IOrderingRuleResolver? orderingRules)
    {
        var metrics = Metrics(point.Model);
        var values = new double[runs][];
        var failures = new bool[runs][];
        var errors = new Exception?[runs];
        Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, i =>
        {
            try
            {
                (values[i], failures[i]) = RunOne(point.Model, i, metrics, orderingRules);
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

        return Fold(point, values, failures);
    }

    /// <summary>The seed of run <paramref name="run"/> of a point whose scenario seed is <paramref name="seed"/>.</summary>
    public static ulong RunSeed(ulong seed, int run) => unchecked(seed + (ulong)run);

    /// <summary>
    /// Runs one run of a point: every metric's value (in <paramref name="metrics"/> order) and,
    /// per expectation of the scenario, whether it failed. The unit an isolated worker runs.
    /// </summary>
    /// <param name="pointModel">The point's scenario.</param>
    /// <param name="run">The run's index; its seed is <see cref="RunSeed"/>.</param>
    /// <param name="metrics">The point's <see cref="Metrics"/>.</param>
    /// <param name="orderingRules">Compiled ordering hooks, when the scenario has any.</param>
    public static (double[] Values, bool[] Failures) RunOne(ScenarioModel pointModel, int run, ImmutableArray<MetricPath> metrics, IOrderingRuleResolver? orderingRules)
    {
        ArgumentNullException.ThrowIfNull(pointModel);
        var model = pointModel.WithSeed(RunSeed(pointModel.Seed, run));
        var result = Simulator.Run(model, new SimulationOptions { OrderingRules = orderingRules, RetainL1Data = ExpectationChecker.NeedsL1Data(model) });
        var document = Document.RunReport.Build(result);
        return ([.. metrics.Select(m => (double)ExpectationChecker.Read(m, document))], [.. ExpectationChecker.Check(model, result, document, orderingRules as Engine.Derivation.IDerivationRuleResolver).Select(o => !o.Passed)]);
    }

    /// <summary>Aggregates a point's runs, given in run order (the order fixes rounding).</summary>
    public static SweepPointResult Fold(SweepPoint point, IReadOnlyList<double[]> values, IReadOnlyList<bool[]> failures)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(failures);
        var model = point.Model;
        var metrics = Metrics(model);
        var summary = metrics
            .Select((m, k) => (m, SweepStatistics.Of([.. values.Select(v => v[k])])))
            .ToImmutableArray();
        var failed = model.Expectations
            .Select((e, k) => (e, failures.Count(f => f[k])))
            .ToImmutableArray();
        return new SweepPointResult(point.Labels, Seeds(model, values.Count), summary, failed);
    }

    /// <summary>A point none of whose results can be reported, with the reason.</summary>
    public static SweepPointResult Failed(SweepPoint point, int runs, string failure)
    {
        ArgumentNullException.ThrowIfNull(point);
        return new SweepPointResult(point.Labels, Seeds(point.Model, runs), [], []) { Failure = failure };
    }

    private static ImmutableArray<ulong> Seeds(ScenarioModel model, int runs) =>
        [.. Enumerable.Range(0, runs).Select(i => RunSeed(model.Seed, i))];

    /// <summary>Every metric of the report, chain by chain in report order (L1 first, then rollups in declaration order).</summary>
    public static ImmutableArray<MetricPath> Metrics(ScenarioModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var list = ImmutableArray.CreateBuilder<MetricPath>();
        foreach (var (name, unit) in MetricCatalog.L1.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            list.Add(new MetricPath(MetricCatalog.L1Section, name, unit));
        }

        foreach (var rollup in model.Rollups)
        {
            var trades = rollup.Amms.Length > 0;
            foreach (var (name, unit) in MetricCatalog.Rollup.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                if (!trades && MetricCatalog.Trading.Contains(name))
                {
                    continue; // always zero without a pool
                }

                if (rollup.Fees is null && MetricCatalog.FeeDistribution.Contains(name))
                {
                    continue; // always zero without a fees block
                }

                list.Add(new MetricPath(rollup.Name, name, unit));
            }
        }

        if (model.Workload.CrossChain.Share > 0)
        {
            foreach (var (name, unit) in MetricCatalog.CrossChain.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                list.Add(new MetricPath(MetricCatalog.CrossChainSection, name, unit));
            }
        }

        return list.ToImmutable();
    }
}
