using System.Collections.Immutable;
using ProtoScript.Language.Model;

namespace ProtoScript.Reporting.Sweeps;

/// <summary>
/// How a sweep's report is presented: the baseline point of the paired differences
/// (<c>--baseline N</c>) and the metrics shown (<c>--metrics GLOB,...</c>). It changes what is
/// printed, never what is run.
/// </summary>
/// <param name="Baseline">The baseline point, counting from 1 in the sweep's order.</param>
/// <param name="Metrics">Globs on metric paths (<c>latency.*</c>, <c>A.fees.*</c>); empty for every metric.</param>
public sealed record SweepView(int Baseline, ImmutableArray<string> Metrics)
{
    /// <summary>The first point as baseline, every metric.</summary>
    public static SweepView Default { get; } = new(1, []);

    /// <summary>
    /// What is wrong with this view for <paramref name="sweep"/>, or null: a baseline beyond the
    /// last point, or a glob that matches no metric of any point.
    /// </summary>
    public string? Check(SweepModel sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        if (Baseline < 1 || Baseline > sweep.Points.Length)
        {
            return FormattableString.Invariant($"--baseline {Baseline}: the sweep has {sweep.Points.Length} point{(sweep.Points.Length == 1 ? string.Empty : "s")}; choose 1 … {sweep.Points.Length} (in the order of the report's columns)");
        }

        if (Metrics.IsDefaultOrEmpty)
        {
            return null;
        }

        // The metrics every point reports, as an empty sweep result of the points would list them.
        var paths = sweep.Points.SelectMany(p => SweepAggregation.Metrics(p.Model)).Distinct().ToList();
        var probe = new SweepResult(string.Empty, sweep, [new SweepPointResult([], [], [.. paths.Select(m => (m, new SweepStatistics(1, 0, 0, null, 0, 0)))], [])]);
        probe.Select(Metrics, out var unmatched);
        return unmatched.Count == 0
            ? null
            : $"--metrics: `{unmatched[0]}` matches no metric of this sweep; give globs on CHAIN.METRIC or METRIC, e.g. `latency.*`, `A.fees.*`; the metrics are {string.Join(", ", paths.Take(6).Select(m => m.Chain + "." + m.Name))}, …";
    }

    /// <summary>The sweep as this view presents it: its baseline chosen and only the chosen metrics kept.</summary>
    /// <exception cref="ArgumentException"><see cref="Check"/> finds the view wrong for the sweep.</exception>
    public SweepResult Apply(SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (Check(result.Sweep) is { } problem)
        {
            throw new ArgumentException(problem, nameof(result));
        }

        var shown = Metrics.IsDefaultOrEmpty ? result : result.Select(Metrics, out _);
        return shown with { Baseline = Baseline - 1 };
    }
}
