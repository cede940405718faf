using ProtoScript.Language.Model;

namespace ProtoScript.Reporting.Html;

/// <summary>
/// The unit a chart shows a metric in, chosen from the largest value so the tick labels stay
/// readable (ETH, gwei or wei; s or ms), and the factor from the metric's base unit to it.
/// </summary>
internal readonly record struct ChartUnits(string Unit, double PerBaseUnit)
{
    /// <summary>The display unit for values of <paramref name="unit"/> whose largest magnitude is <paramref name="largest"/> (in the base unit).</summary>
    public static ChartUnits For(MetricUnit unit, double largest, string? quoteToken = null)
    {
        largest = Math.Abs(largest);
        return unit switch
        {
            MetricUnit.Time => largest >= 1_000_000 || largest == 0 ? new("s", 1e-6) : new("ms", 1e-3),
            MetricUnit.Wei => largest >= 1e15 ? new("ETH", 1e-18) : largest >= 1e6 ? new("gwei", 1e-9) : new("wei", 1),
            MetricUnit.Gas => largest >= 1e6 ? new("Mgas", 1e-6) : new("gas", 1),
            MetricUnit.Quote => new(quoteToken ?? "quote token", 1),
            MetricUnit.BasisPoints => new("bp", 1),
            MetricUnit.Bytes => largest >= 1 << 20 ? new("MiB", 1.0 / (1 << 20)) : largest >= 1 << 10 ? new("KiB", 1.0 / (1 << 10)) : new("bytes", 1),
            _ => new(string.Empty, 1),
        };
    }
}
