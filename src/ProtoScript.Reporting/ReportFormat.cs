using System.Globalization;
using ProtoScript.Language.Model;

namespace ProtoScript.Reporting;

/// <summary>Number formats shared by the report writers; all exact and culture-invariant.</summary>
internal static class ReportFormat
{
    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Integer(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Integer(UInt128 value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Seconds with exactly three decimals, rounded half up from whole microseconds.</summary>
    public static string Seconds(SimDuration duration)
    {
        var us = duration.Microseconds;
        var sign = us < 0 ? "-" : string.Empty;
        var ms = (Math.Abs(us) + 500) / 1000;
        return FormattableString.Invariant($"{sign}{ms / 1000}.{ms % 1000:D3} s");
    }

    /// <summary>
    /// <paramref name="numerator"/> / <paramref name="denominator"/> with exactly
    /// <paramref name="decimals"/> decimals, rounded half up in integers; <c>n/a</c> for a zero denominator.
    /// </summary>
    public static string Ratio(UInt128 numerator, UInt128 denominator, int decimals = 2)
    {
        if (denominator == 0)
        {
            return "n/a";
        }

        UInt128 scale = 1;
        for (var i = 0; i < decimals; i++)
        {
            scale *= 10;
        }

        var scaled = ((numerator * scale) + (denominator / 2)) / denominator;
        var whole = (scaled / scale).ToString(CultureInfo.InvariantCulture);
        return decimals == 0 ? whole : whole + "." + (scaled % scale).ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0');
    }

    /// <summary>An amount in ETH, with the same amount in gwei alongside.</summary>
    public static string EtherAndGwei(UInt128 wei) => Wei.FormatEther(wei) + " (" + Wei.FormatGwei(wei) + ")";
}
