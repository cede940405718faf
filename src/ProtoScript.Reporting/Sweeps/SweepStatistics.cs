namespace ProtoScript.Reporting.Sweeps;

/// <summary>
/// Mean, spread and a 95 % confidence interval of one metric over the runs of one sweep
/// point. The interval uses Student's t with n − 1 degrees of freedom, since sweeps usually
/// have few runs per point.
/// </summary>
/// <param name="Runs">How many runs the figures cover: the runs that had a value (a latency percentile has none in a run without samples); 0 when none had, and then the figures are meaningless and reported as absent.</param>
/// <param name="Mean">The arithmetic mean.</param>
/// <param name="StandardDeviation">The sample standard deviation (n − 1), 0 for one run.</param>
/// <param name="HalfWidth">Half the width of the 95 % confidence interval of the mean, or null for one run.</param>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
public sealed record SweepStatistics(int Runs, double Mean, double StandardDeviation, double? HalfWidth, double Min, double Max)
{
    // Two-sided 97.5 % quantiles of Student's t for 1 … 30 degrees of freedom.
    private static readonly double[] TQuantiles =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>The statistics of a metric no run had a value of.</summary>
    public static SweepStatistics None { get; } = new(0, 0, 0, null, 0, 0);

    /// <summary>
    /// Summarises values in the order given (the order fixes rounding, so it must be the run
    /// order). NaN marks a run without a value (no samples): it is left out, so a run that never
    /// measured a latency does not pull the mean towards zero.
    /// </summary>
    public static SweepStatistics Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("at least one value is needed", nameof(values));
        }

        // Welford's update: stable for large, close values such as wei amounts.
        double mean = 0, m2 = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        var n = 0;
        foreach (var x in values)
        {
            if (double.IsNaN(x))
            {
                continue;
            }

            n++;
            var delta = x - mean;
            mean += delta / n;
            m2 += delta * (x - mean);
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }

        if (n == 0)
        {
            return None;
        }

        if (n == 1)
        {
            return new SweepStatistics(1, mean, 0, null, min, max);
        }

        var sd = Math.Sqrt(m2 / (n - 1));
        return new SweepStatistics(n, mean, sd, TQuantile(n - 1) * sd / Math.Sqrt(n), min, max);
    }

    /// <summary>The 97.5 % quantile of Student's t: a table up to 30 degrees of freedom, a Cornish–Fisher expansion beyond.</summary>
    public static double TQuantile(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (degreesOfFreedom <= TQuantiles.Length)
        {
            return TQuantiles[degreesOfFreedom - 1];
        }

        const double z = 1.959963984540054;
        double v = degreesOfFreedom;
        var z3 = z * z * z;
        var z5 = z3 * z * z;
        return z + ((z3 + z) / (4 * v)) + (((5 * z5) + (16 * z3) + (3 * z)) / (96 * v * v));
    }
}
