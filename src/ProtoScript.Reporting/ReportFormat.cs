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

    /// <summary>An amount in ETH, with the same amount in gwei alongside.</summary>
    public static string EtherAndGwei(UInt128 wei) => Wei.FormatEther(wei) + " (" + Wei.FormatGwei(wei) + ")";
}
