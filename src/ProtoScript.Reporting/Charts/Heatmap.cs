using System.Text;

namespace ProtoScript.Reporting.Charts;

/// <summary>
/// A heatmap drawn as SVG: a grid of two swept settings, each cell coloured by a metric's value on
/// a sequential scale (light to dark blue), with the value written in the cell and a colour key.
/// </summary>
/// <param name="Title">The chart's title.</param>
/// <param name="X">The setting along the columns.</param>
/// <param name="Y">The setting along the rows.</param>
/// <param name="Columns">The column labels.</param>
/// <param name="Rows">The row labels.</param>
/// <param name="Values">The value of each cell, [row, column]; NaN for a cell without one.</param>
/// <param name="Unit">The values' unit.</param>
public sealed record Heatmap(string Title, string X, string Y, IReadOnlyList<string> Columns, IReadOnlyList<string> Rows, double[,] Values, string Unit)
{
    /// <summary>The chart as one <c>svg</c> element.</summary>
    public string ToSvg()
    {
        const double left = 120, top = 44, cellWidth = 90, cellHeight = 34, key = 70;
        var width = left + (Columns.Count * cellWidth) + key + 20;
        var height = top + (Rows.Count * cellHeight) + 56;
        var finite = new List<double>();
        foreach (var v in Values)
        {
            if (double.IsFinite(v))
            {
                finite.Add(v);
            }
        }

        var (min, max) = finite.Count == 0 ? (0d, 1d) : (finite.Min(), finite.Max());
        var svg = new StringBuilder();
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart heatmap\" viewBox=\"0 0 ").Append(Svg.N(width)).Append(' ').Append(Svg.N(height))
            .Append("\" width=\"").Append(Svg.N(width)).Append("\" height=\"").Append(Svg.N(height)).Append("\" role=\"img\" aria-label=\"").Append(Svg.Escape(Title)).Append("\">\n");
        svg.Append("<rect x=\"0\" y=\"0\" width=\"").Append(Svg.N(width)).Append("\" height=\"").Append(Svg.N(height)).Append("\" fill=\"#ffffff\"/>\n");
        Svg.Text(svg, width / 2, 22, Title, extra: "class=\"title\" font-size=\"15\" font-weight=\"bold\"");
        for (var r = 0; r < Rows.Count; r++)
        {
            var y = top + (r * cellHeight);
            Svg.Text(svg, left - 8, y + (cellHeight / 2) + 4, Rows[r], "end", "font-size=\"11\"");
            for (var c = 0; c < Columns.Count; c++)
            {
                var x = left + (c * cellWidth);
                var v = Values[r, c];
                var t = max > min ? (v - min) / (max - min) : 0.5;
                svg.Append("<rect class=\"cell\" x=\"").Append(Svg.N(x)).Append("\" y=\"").Append(Svg.N(y)).Append("\" width=\"").Append(Svg.N(cellWidth - 2)).Append("\" height=\"").Append(Svg.N(cellHeight - 2))
                    .Append("\" fill=\"").Append(double.IsFinite(v) ? Colour(t) : "#eeeeee").Append("\"><title>").Append(Svg.Escape(Rows[r] + ", " + Columns[c] + ": " + (double.IsFinite(v) ? ChartAxis.Format(v) + " " + Unit : "no value"))).Append("</title></rect>\n");
                Svg.Text(svg, x + (cellWidth / 2), y + (cellHeight / 2) + 4, double.IsFinite(v) ? ChartAxis.Format(v) : "–", extra: "font-size=\"11\" fill=\"" + (double.IsFinite(v) && t > 0.55 ? "#ffffff" : "#000000") + "\"");
            }
        }

        for (var c = 0; c < Columns.Count; c++)
        {
            Svg.Text(svg, left + (c * cellWidth) + (cellWidth / 2), top + (Rows.Count * cellHeight) + 16, Columns[c], extra: "font-size=\"11\"");
        }

        Svg.Text(svg, left + (Columns.Count * cellWidth / 2), top + (Rows.Count * cellHeight) + 40, X, extra: "class=\"axis-title\" font-size=\"12\"");
        Svg.Text(svg, 14, top + (Rows.Count * cellHeight / 2), Y, extra: "class=\"axis-title\" font-size=\"12\" transform=\"rotate(-90 14 " + Svg.N(top + (Rows.Count * cellHeight / 2)) + ")\"");

        // The colour key: the lowest value at the bottom, the highest at the top.
        var keyX = left + (Columns.Count * cellWidth) + 16;
        var keyHeight = Rows.Count * cellHeight;
        for (var i = 0; i < 10; i++)
        {
            svg.Append("<rect x=\"").Append(Svg.N(keyX)).Append("\" y=\"").Append(Svg.N(top + (keyHeight * i / 10))).Append("\" width=\"14\" height=\"").Append(Svg.N((keyHeight / 10) + 0.5)).Append("\" fill=\"").Append(Colour(1 - ((i + 0.5) / 10))).Append("\"/>\n");
        }

        Svg.Text(svg, keyX + 18, top + 10, ChartAxis.Format(max), "start", "font-size=\"10\"");
        Svg.Text(svg, keyX + 18, top + keyHeight, ChartAxis.Format(min), "start", "font-size=\"10\"");
        Svg.Text(svg, keyX, top + keyHeight + 16, Unit, "start", "font-size=\"10\"");
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>A colour from light (0) to dark blue (1).</summary>
    private static string Colour(double t)
    {
        t = Math.Clamp(t, 0, 1);
        static int Mix(int a, int b, double t) => (int)Math.Round(a + ((b - a) * t));
        return FormattableString.Invariant($"#{Mix(0xf7, 0x08, t):x2}{Mix(0xfb, 0x30, t):x2}{Mix(0xff, 0x6b, t):x2}");
    }
}
