using System.Collections.Immutable;
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

    /// <summary>
    /// Every run's value of every metric, in the metrics' order, then in run order (the order of
    /// <see cref="Seeds"/>), in the base unit the JSON carries (token amounts in smallest units).
    /// Empty for a failed point.
    /// </summary>
    public ImmutableArray<ImmutableArray<double>> RunValues { get; init; } = [];

    /// <summary>
    /// For each metric (in the metrics' order), the token a token amount is counted in, with its
    /// decimals; null for a metric that is not a token amount. Empty for a failed point.
    /// </summary>
    public ImmutableArray<MetricToken?> Tokens { get; init; } = [];
}

/// <summary>The token a metric's amounts are counted in, in its smallest units.</summary>
/// <param name="Name">The token's name, e.g. <c>usdc</c>.</param>
/// <param name="Decimals">How many decimals one token has (6 for USDC): a value of 10^Decimals is one token.</param>
public sealed record MetricToken(string Name, int Decimals);

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
/// Folds a sweep's runs into aggregates, so memory does not grow with the number of runs.
/// Results are folded in run order, so the outcome is the same on any machine; running the
/// runs is the application layer's (ProtoScript.Application's <c>ScenarioRunner</c>).
/// </summary>
public static class SweepAggregation
{
    /// <summary>The seed of run <paramref name="run"/> of a point whose scenario seed is <paramref name="seed"/>.</summary>
    public static ulong RunSeed(ulong seed, int run) => unchecked(seed + (ulong)run);

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
        return new SweepPointResult(point.Labels, Seeds(model, values.Count), summary, failed)
        {
            RunValues = [.. metrics.Select((_, k) => values.Select(v => v[k]).ToImmutableArray())],
            Tokens = [.. metrics.Select(m => TokenOf(model, m))],
        };
    }

    /// <summary>
    /// The token a metric in <see cref="MetricUnit.Quote"/> is counted in: a rollup's first
    /// pool's quote token, or for cross-chain metrics that of the first cross-rollup path's first
    /// rollup; null for other units. Ether (no declared token) has 18 decimals.
    /// </summary>
    public static MetricToken? TokenOf(ScenarioModel model, MetricPath metric)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(metric);
        if (metric.Unit != MetricUnit.Quote)
        {
            return null;
        }

        var rollupName = metric.Chain == MetricCatalog.CrossChainSection
            ? model.Workload.CrossArbitrage.IsDefaultOrEmpty ? null : model.Workload.CrossArbitrage[0].Path[0]
            : metric.Chain;
        var name = model.Rollups.FirstOrDefault(r => r.Name == rollupName)?.Amms.FirstOrDefault()?.QuoteToken ?? "eth";
        var token = model.Tokens.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
        return new MetricToken(token?.Name ?? name, token?.Decimals ?? 18);
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
            var proven = model.Provers.Any(p => p.Rollups.Contains(rollup.Name));
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

                if (rollup.Flashblocks is null && MetricCatalog.Flashblocks.Contains(name))
                {
                    continue; // always zero without streaming
                }

                if (rollup.Pbs is null && MetricCatalog.Pbs.Contains(name))
                {
                    continue; // always zero without PBS builders
                }

                if (rollup.ExpressLane is null && MetricCatalog.ExpressLane.Contains(name))
                {
                    continue; // always zero without an express lane
                }

                if (rollup.Fees?.BaseFeeMarket is null && MetricCatalog.BaseFeeMarket.Contains(name))
                {
                    continue; // always zero with a fixed base fee
                }

                if (!proven && MetricCatalog.Proving.Contains(name))
                {
                    continue; // always zero without provers
                }

                list.Add(new MetricPath(rollup.Name, name, unit));
            }
        }

        var bundles = !model.Workload.Bundles.IsDefaultOrEmpty;
        var crossArbitrage = !model.Workload.CrossArbitrage.IsDefaultOrEmpty;
        var messages = model.Workload.CrossChain.Share > 0 || bundles;
        if (messages || crossArbitrage)
        {
            foreach (var (name, unit) in MetricCatalog.CrossChain.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                if (!bundles && MetricCatalog.Bundles.Contains(name))
                {
                    continue; // always zero without a bundle stream
                }

                var arbitrageMetric = MetricCatalog.CrossArbitrage.Contains(name);
                if (arbitrageMetric ? !crossArbitrage : !messages)
                {
                    continue; // always zero without cross-rollup arbitrage, or without messages
                }

                list.Add(new MetricPath(MetricCatalog.CrossChainSection, name, unit));
            }
        }

        return list.ToImmutable();
    }
}
