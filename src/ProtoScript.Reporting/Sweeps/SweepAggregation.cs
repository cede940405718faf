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
    /// Paired differences to the baseline point and the CSV's rows are computed from them. Empty
    /// for a failed point.
    /// </summary>
    public ImmutableArray<ImmutableArray<double>> RunValues { get; init; } = [];

    /// <summary>
    /// For each expectation (in <see cref="ExpectationFailures"/> order), the indices of the runs
    /// that failed it, in run order: with <see cref="Seeds"/>, what reproduces a failure alone.
    /// </summary>
    public ImmutableArray<ImmutableArray<int>> FailedRuns { get; init; } = [];

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
    /// <summary>
    /// The index of the point the others are compared with, run by run (<c>--baseline N</c> is
    /// point N − 1); the first point unless chosen.
    /// </summary>
    public int Baseline { get; init; }

    /// <summary>
    /// The paired difference of one metric between point <paramref name="point"/> and the
    /// <see cref="Baseline"/>: the statistics of the per-run differences (run i of the point minus
    /// run i of the baseline, which share seed i). Both points share their random streams, so
    /// the noise the two have in common cancels and the interval is usually far tighter than the
    /// points' own intervals. Null for the baseline itself and when either point failed.
    /// </summary>
    public SweepStatistics? Paired(int point, int metric)
    {
        var baseline = Points[Baseline];
        var other = Points[point];
        if (point == Baseline || baseline.Failure is not null || other.Failure is not null || other.RunValues.IsDefaultOrEmpty || baseline.RunValues.IsDefaultOrEmpty)
        {
            return null;
        }

        // Points whose scenarios differ in a rollup's pools or provers have different metrics:
        // pair a metric only with the baseline's metric of the same path.
        var path = other.Metrics[metric].Metric;
        var b = metric < baseline.Metrics.Length && baseline.Metrics[metric].Metric == path
            ? metric
            : Enumerable.Range(0, baseline.Metrics.Length).FirstOrDefault(k => baseline.Metrics[k].Metric == path, -1);
        if (b < 0)
        {
            return null;
        }

        // A run without samples of the metric at either point (NaN) has no difference to pair.
        var runs = Math.Min(baseline.RunValues[b].Length, other.RunValues[metric].Length);
        var differences = Enumerable.Range(0, runs).Select(i => other.RunValues[metric][i] - baseline.RunValues[b][i]).Where(double.IsFinite).ToList();
        return differences.Count == 0 ? null : SweepStatistics.Of(differences);
    }

    /// <summary>
    /// The quote token a <c>Quote</c> metric of <paramref name="chain"/> is counted in: the quote
    /// token of the rollup's first pool (of the first rollup with a pool for <c>cross_chain</c>),
    /// or null when the scenario has no pool there.
    /// </summary>
    public string? QuoteToken(string chain)
    {
        var model = Sweep.Points[0].Model;
        var rollup = chain == MetricCatalog.CrossChainSection
            ? model.Rollups.FirstOrDefault(r => r.Amms.Length > 0)
            : model.Rollups.FirstOrDefault(r => r.Name == chain);
        return rollup is { Amms.Length: > 0 } ? rollup.Amms[0].QuoteToken : null;
    }

    /// <summary>
    /// The sweep with only the metrics whose path (<c>CHAIN.METRIC</c>, e.g. <c>A.latency.soft.p50</c>)
    /// or name (<c>latency.soft.p50</c>) matches one of <paramref name="patterns"/>, where <c>*</c>
    /// stands for any text (dots included) and <c>?</c> for one character.
    /// </summary>
    /// <param name="patterns">The globs of <c>--metrics</c>.</param>
    /// <param name="unmatched">The patterns that matched no metric of any point.</param>
    public SweepResult Select(IReadOnlyList<string> patterns, out IReadOnlyList<string> unmatched)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var regexes = patterns.Select(p => new System.Text.RegularExpressions.Regex(
            "^" + System.Text.RegularExpressions.Regex.Escape(p).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant)).ToList();
        var used = new bool[patterns.Count];
        bool Keep(MetricPath m)
        {
            var keep = false;
            for (var i = 0; i < regexes.Count; i++)
            {
                if (regexes[i].IsMatch(m.Chain + "." + m.Name) || regexes[i].IsMatch(m.Name))
                {
                    used[i] = true;
                    keep = true;
                }
            }

            return keep;
        }

        var points = Points.Select(p =>
        {
            var kept = Enumerable.Range(0, p.Metrics.Length).Where(k => Keep(p.Metrics[k].Metric)).ToList();
            return p with
            {
                Metrics = [.. kept.Select(k => p.Metrics[k])],
                RunValues = p.RunValues.IsDefaultOrEmpty ? p.RunValues : [.. kept.Select(k => p.RunValues[k])],
                Tokens = p.Tokens.IsDefaultOrEmpty ? p.Tokens : [.. kept.Select(k => p.Tokens[k])],
            };
        }).ToImmutableArray();
        unmatched = [.. patterns.Where((_, i) => !used[i])];
        return this with { Points = points };
    }

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
        var failedRuns = model.Expectations
            .Select((_, k) => Enumerable.Range(0, failures.Count).Where(r => failures[r][k]).ToImmutableArray())
            .ToImmutableArray();
        return new SweepPointResult(point.Labels, Seeds(model, values.Count), summary, failed)
        {
            RunValues = [.. metrics.Select((_, k) => values.Select(v => v[k]).ToImmutableArray())],
            Tokens = [.. metrics.Select(m => TokenOf(model, m))],
            FailedRuns = failedRuns,
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

    private static IEnumerable<(string Name, MetricUnit Unit)> Defined(MetricScope scope) =>
        ReportMetrics.Of(scope).Where(m => m.SameAs is null).Select(m => (m.Key, m.Unit));

    private static ImmutableArray<ulong> Seeds(ScenarioModel model, int runs) =>
        [.. Enumerable.Range(0, runs).Select(i => RunSeed(model.Seed, i))];

    /// <summary>
    /// Every metric of the report, chain by chain (L1 first, then rollups in declaration order,
    /// then cross-chain), each chain's in definition order; another name of a metric
    /// (<c>latency.p50</c> of <c>latency.soft.p50</c>) is left out, though <c>expect</c> still accepts it.
    /// </summary>
    public static ImmutableArray<MetricPath> Metrics(ScenarioModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var list = ImmutableArray.CreateBuilder<MetricPath>();
        foreach (var (name, unit) in Defined(MetricScope.L1))
        {
            list.Add(new MetricPath(MetricCatalog.L1Section, name, unit));
        }

        foreach (var rollup in model.Rollups)
        {
            var trades = rollup.Amms.Length > 0;
            var proven = model.Provers.Any(p => p.Rollups.Contains(rollup.Name));
            foreach (var (name, unit) in Defined(MetricScope.Rollup))
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
            foreach (var (name, unit) in Defined(MetricScope.CrossChain))
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
