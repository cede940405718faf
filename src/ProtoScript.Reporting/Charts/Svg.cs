using System.Globalization;
using System.Text;

namespace ProtoScript.Reporting.Charts;

/// <summary>Small helpers for writing SVG by hand: escaped text and coordinates in invariant culture.</summary>
internal static class Svg
{
    /// <summary>Colours that stay distinct for readers with colour-vision deficiencies (Okabe and Ito).</summary>
    public static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    /// <summary>A coordinate with at most two decimals.</summary>
    public static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Text escaped for an SVG or HTML text node or attribute.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>Appends a text element.</summary>
    public static void Text(StringBuilder svg, double x, double y, string text, string anchor = "middle", string? extra = null) =>
        svg.Append("<text x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" text-anchor=\"").Append(anchor).Append('"')
            .Append(extra is null ? string.Empty : " " + extra).Append('>').Append(Escape(text)).Append("</text>\n");
}
