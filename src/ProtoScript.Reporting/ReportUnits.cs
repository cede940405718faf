using ProtoScript.Language.Model;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>
/// The units of the machine-readable reports (JSON and CSV), each stated once: every number is
/// an exact count of its base unit, the same in a single run's report and a sweep's.
/// </summary>
public static class ReportUnits
{
    /// <summary>Each unit's name, as the reports write it, and what one of it is, in a fixed order.</summary>
    public static readonly IReadOnlyList<(string Name, string Meaning)> All =
    [
        ("count", "a plain count"),
        ("time", "microseconds (1 s = 1000000); JSON fields ending in Microseconds"),
        ("wei", "wei (1 ETH = 10^18 wei, 1 gwei = 10^9 wei); JSON fields ending in Wei, written as decimal strings in a run's report"),
        ("gas", "units of gas"),
        ("quote", "the smallest unit of a token (1 token = 10^decimals); the token and its decimals are named beside the value; JSON fields ending in QuoteUnits"),
        ("basispoints", "basis points (1 bp = 0.01 %)"),
        ("bytes", "bytes"),
    ];

    /// <summary>The name the reports give <paramref name="unit"/>.</summary>
    public static string Name(MetricUnit unit) => unit switch
    {
        MetricUnit.Count => "count",
        MetricUnit.Time => "time",
        MetricUnit.Wei => "wei",
        MetricUnit.Gas => "gas",
        MetricUnit.Quote => "quote",
        MetricUnit.BasisPoints => "basispoints",
        MetricUnit.Bytes => "bytes",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown unit"),
    };

    /// <summary>The <c>units</c> object: each unit's name and meaning (not in the text report).</summary>
    internal static SectionLayout<T> Layout<T>()
    {
        var section = new SectionLayout<T>("units", null, TextShape.Hidden, "units", JsonShape.Object);
        foreach (var (name, meaning) in All)
        {
            section.Row(name, null, name, K.Text, _ => V.Of(meaning));
        }

        return section;
    }
}
