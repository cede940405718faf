using System.Globalization;

namespace ProtoScript.Reporting.Charts;

/// <summary>
/// One axis of a chart: its label with the unit, the range its ticks cover, and tick values at
/// 1, 2 or 5 times a power of ten, so a reader can read values off the chart.
/// </summary>
/// <param name="Label">What the axis shows, e.g. "latency".</param>
/// <param name="Unit">The unit of its values, e.g. "s"; empty for a plain number.</param>
public sealed record ChartAxis(string Label, string Unit)
{
    /// <summary>The axis title as printed: the label, and the unit in parentheses.</summary>
    public string Title => Unit.Length == 0 ? Label : Label + " (" + Unit + ")";

    /// <summary>
    /// Ticks covering [<paramref name="min"/>, <paramref name="max"/>]: about <paramref name="count"/>
    /// values at a step of 1, 2 or 5 × 10ⁿ, from the step's multiple at or below the minimum to the
    /// one at or above the maximum (which become the axis's ends).
    /// </summary>
    public static double[] Ticks(double min, double max, int count = 5)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            return [0, 1];
        }

        if (max <= min)
        {
            // A flat series still gets an axis around its value.
            var pad = min == 0 ? 1 : Math.Abs(min) / 2;
            (min, max) = (min - pad, max + pad);
        }

        var rough = (max - min) / count;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = (rough / power) switch
        {
            <= 1 => power,
            <= 2 => 2 * power,
            <= 5 => 5 * power,
            _ => 10 * power,
        };
        var first = Math.Floor(min / step) * step;
        var last = Math.Ceiling(max / step) * step;
        var n = (int)Math.Round((last - first) / step);
        var ticks = new double[n + 1];
        for (var i = 0; i <= n; i++)
        {
            // Rounded to the step's precision so 0.1 + 0.2 prints as 0.3.
            ticks[i] = Math.Round(first + (i * step), 12);
        }

        return ticks;
    }

    /// <summary>
    /// Ticks of a logarithmic axis covering [<paramref name="min"/>, <paramref name="max"/>] (both
    /// positive): 1, 2 and 5 × 10ⁿ, from the power of ten at or below the minimum to the one at or
    /// above the maximum; only the powers of ten when that would be more than a dozen ticks.
    /// </summary>
    public static double[] LogTicks(double min, double max)
    {
        if (!(min > 0) || !double.IsFinite(max) || max < min)
        {
            return [1, 10];
        }

        var low = (int)Math.Floor(Math.Log10(min));
        var high = (int)Math.Ceiling(Math.Log10(max));
        if (high == low)
        {
            high++;
        }

        var ticks = new List<double>();
        double[] mantissas = high - low > 4 ? [1] : [1, 2, 5];
        for (var e = low; e <= high; e++)
        {
            foreach (var m in mantissas)
            {
                if (e < high || m == 1)
                {
                    ticks.Add(double.Parse(FormattableString.Invariant($"{m}e{e}"), CultureInfo.InvariantCulture));
                }
            }
        }

        return [.. ticks];
    }

    /// <summary>
    /// A tick label: at most four significant digits, with k, M, G or T for thousands and up, so
    /// labels stay short whatever the magnitude (12 500 000 → 12.5M).
    /// </summary>
    public static string Format(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        var abs = Math.Abs(value);
        (double Scale, string Suffix)[] prefixes = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")];
        foreach (var (scale, suffix) in prefixes)
        {
            if (abs >= scale)
            {
                return Trim(value / scale) + suffix;
            }
        }

        return abs < 1e-4 ? value.ToString("0.##E+0", CultureInfo.InvariantCulture) : Trim(value);
    }

    private static string Trim(double value) => Math.Round(value, 4 - Math.Min(4, Digits(value))).ToString("0.####", CultureInfo.InvariantCulture);

    private static int Digits(double value) => Math.Abs(value) < 1 ? 0 : (int)Math.Floor(Math.Log10(Math.Abs(value))) + 1;
}
