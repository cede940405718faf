using System.Text;

namespace ProtoScript.Reporting.Charts;

/// <summary>
/// A line chart drawn as SVG: one or more named series over shared axes, each optionally with a
/// shaded band (e.g. a 95 % confidence interval), a legend, and an x axis that is either numeric
/// or a list of categories (a sweep's values, which need not be numbers).
/// </summary>
public sealed class LineChart
{
    private const double Width = 720;
    private const double Height = 380;
    private const double Left = 78;
    private const double Right = 20;
    private const double Top = 56;
    private const double Bottom = 62;

    private readonly List<Series> _series = [];
    private IReadOnlyList<string>? _categories;
    private bool _logX;

    /// <summary>Creates an empty chart.</summary>
    /// <param name="title">The chart's title.</param>
    /// <param name="x">The horizontal axis.</param>
    /// <param name="y">The vertical axis.</param>
    public LineChart(string title, ChartAxis x, ChartAxis y)
    {
        Title = title;
        X = x;
        Y = y;
    }

    /// <summary>The chart's title.</summary>
    public string Title { get; }

    /// <summary>The horizontal axis.</summary>
    public ChartAxis X { get; }

    /// <summary>The vertical axis.</summary>
    public ChartAxis Y { get; }

    /// <summary>True when no series has a point: there is nothing to draw.</summary>
    public bool IsEmpty => _series.All(s => s.Points.Count == 0);

    /// <summary>
    /// Draws x on a logarithmic scale (ticks at 1, 2 and 5 × 10ⁿ), for values that span several
    /// orders of magnitude, such as soft and L1-final latencies; points at or below zero are left out.
    /// </summary>
    public LineChart LogarithmicX()
    {
        _logX = true;
        return this;
    }

    /// <summary>Puts the points at x = 0, 1, … and labels them with <paramref name="labels"/> instead of numbers.</summary>
    public LineChart Categories(IReadOnlyList<string> labels)
    {
        _categories = labels;
        return this;
    }

    /// <summary>Adds a series.</summary>
    /// <param name="name">Its name in the legend.</param>
    /// <param name="points">Its points, in x order.</param>
    /// <param name="band">The low and high edge of its band at each point, or null for none.</param>
    public LineChart Add(string name, IReadOnlyList<(double X, double Y)> points, IReadOnlyList<(double Low, double High)>? band = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (band is not null && band.Count != points.Count)
        {
            throw new ArgumentException("A band has one low and high per point.", nameof(band));
        }

        // A point that is not a number (a metric with no samples) is left out, with its band.
        var kept = Enumerable.Range(0, points.Count).Where(i => double.IsFinite(points[i].X) && double.IsFinite(points[i].Y)).ToList();
        _series.Add(new Series(name, [.. kept.Select(i => points[i])], band is null ? null : [.. kept.Select(i => band[i])]));
        return this;
    }

    /// <summary>The chart as one <c>svg</c> element with a title, axes, ticks, the series and a legend.</summary>
    public string ToSvg()
    {
        var xs = _series.SelectMany(s => s.Points.Select(p => p.X)).Where(x => !_logX || x > 0).ToList();
        var ys = _series.SelectMany(s => s.Points.Select(p => p.Y)).Concat(_series.Where(s => s.Band is not null).SelectMany(s => s.Band!.SelectMany(b => new[] { b.Low, b.High }))).Where(double.IsFinite).ToList();
        double[] xTicks = _categories is { } c ? [.. Enumerable.Range(0, c.Count).Select(i => (double)i)]
            : _logX ? ChartAxis.LogTicks(xs.DefaultIfEmpty(1).Min(), xs.DefaultIfEmpty(10).Max())
            : ChartAxis.Ticks(xs.DefaultIfEmpty(0).Min(), xs.DefaultIfEmpty(1).Max());
        var yTicks = ChartAxis.Ticks(Math.Min(0, ys.DefaultIfEmpty(0).Min()), ys.DefaultIfEmpty(1).Max());
        var (x0, x1) = _categories is { Count: > 1 } ? (-0.25, _categories.Count - 0.75) : _categories is not null ? (-1d, 1d) : (xTicks[0], xTicks[^1]);
        var (y0, y1) = (yTicks[0], yTicks[^1]);
        double Px(double x) => _logX
            ? Left + ((Math.Log10(x) - Math.Log10(x0)) / (Math.Log10(x1) - Math.Log10(x0)) * (Width - Left - Right))
            : Left + ((x - x0) / (x1 - x0) * (Width - Left - Right));
        double Py(double y) => Height - Bottom - ((y - y0) / (y1 - y0) * (Height - Top - Bottom));

        var svg = new StringBuilder();
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").Append(Svg.N(Width)).Append(' ').Append(Svg.N(Height))
            .Append("\" width=\"").Append(Svg.N(Width)).Append("\" height=\"").Append(Svg.N(Height)).Append("\" role=\"img\" aria-label=\"").Append(Svg.Escape(Title)).Append("\">\n");
        svg.Append("<rect x=\"0\" y=\"0\" width=\"").Append(Svg.N(Width)).Append("\" height=\"").Append(Svg.N(Height)).Append("\" fill=\"#ffffff\"/>\n");
        Svg.Text(svg, Width / 2, 22, Title, extra: "class=\"title\" font-size=\"15\" font-weight=\"bold\"");

        // Grid lines and tick labels.
        foreach (var t in yTicks)
        {
            var y = Py(t);
            svg.Append("<line x1=\"").Append(Svg.N(Left)).Append("\" y1=\"").Append(Svg.N(y)).Append("\" x2=\"").Append(Svg.N(Width - Right)).Append("\" y2=\"").Append(Svg.N(y)).Append("\" stroke=\"#e0e0e0\"/>\n");
            Svg.Text(svg, Left - 6, y + 4, ChartAxis.Format(t), "end", "font-size=\"11\"");
        }

        var xLabels = _categories is { } categories ? categories : [.. xTicks.Select(ChartAxis.Format)];
        var every = Math.Max(1, (int)Math.Ceiling(xLabels.Count / 12.0));
        for (var i = 0; i < xTicks.Length; i++)
        {
            var x = Px(xTicks[i]);
            svg.Append("<line x1=\"").Append(Svg.N(x)).Append("\" y1=\"").Append(Svg.N(Height - Bottom)).Append("\" x2=\"").Append(Svg.N(x)).Append("\" y2=\"").Append(Svg.N(Height - Bottom + 5)).Append("\" stroke=\"#333333\"/>\n");
            if (i % every == 0)
            {
                Svg.Text(svg, x, Height - Bottom + 18, xLabels[i], extra: "font-size=\"11\"");
            }
        }

        svg.Append("<line x1=\"").Append(Svg.N(Left)).Append("\" y1=\"").Append(Svg.N(Height - Bottom)).Append("\" x2=\"").Append(Svg.N(Width - Right)).Append("\" y2=\"").Append(Svg.N(Height - Bottom)).Append("\" stroke=\"#333333\"/>\n");
        svg.Append("<line x1=\"").Append(Svg.N(Left)).Append("\" y1=\"").Append(Svg.N(Top)).Append("\" x2=\"").Append(Svg.N(Left)).Append("\" y2=\"").Append(Svg.N(Height - Bottom)).Append("\" stroke=\"#333333\"/>\n");
        Svg.Text(svg, (Left + Width - Right) / 2, Height - 14, X.Title, extra: "class=\"axis-title\" font-size=\"12\"");
        Svg.Text(svg, 16, (Top + Height - Bottom) / 2, Y.Title, extra: "class=\"axis-title\" font-size=\"12\" transform=\"rotate(-90 16 " + Svg.N((Top + Height - Bottom) / 2) + ")\"");

        for (var s = 0; s < _series.Count; s++)
        {
            var series = _series[s];
            var colour = Svg.Palette[s % Svg.Palette.Length];
            if (series.Band is { } band && series.Points.Count > 0)
            {
                svg.Append("<polygon class=\"band\" fill=\"").Append(colour).Append("\" fill-opacity=\"0.18\" stroke=\"none\" points=\"");
                for (var i = 0; i < band.Count; i++)
                {
                    svg.Append(Svg.N(Px(series.Points[i].X))).Append(',').Append(Svg.N(Py(band[i].High))).Append(' ');
                }

                for (var i = band.Count - 1; i >= 0; i--)
                {
                    svg.Append(Svg.N(Px(series.Points[i].X))).Append(',').Append(Svg.N(Py(band[i].Low))).Append(' ');
                }

                svg.Append("\"/>\n");
            }

            svg.Append("<polyline class=\"series\" fill=\"none\" stroke=\"").Append(colour).Append("\" stroke-width=\"2\" points=\"");
            foreach (var p in series.Points.Where(p => !_logX || p.X > 0))
            {
                svg.Append(Svg.N(Px(p.X))).Append(',').Append(Svg.N(Py(p.Y))).Append(' ');
            }

            svg.Append("\"><title>").Append(Svg.Escape(series.Name)).Append("</title></polyline>\n");
            if (series.Points.Count <= 40)
            {
                foreach (var p in series.Points.Where(p => !_logX || p.X > 0))
                {
                    svg.Append("<circle cx=\"").Append(Svg.N(Px(p.X))).Append("\" cy=\"").Append(Svg.N(Py(p.Y))).Append("\" r=\"3\" fill=\"").Append(colour).Append("\"/>\n");
                }
            }
        }

        // The legend, in a row between the title and the plot, so it never hides a line.
        if (_series.Count > 1 || _series.Any(s => s.Band is not null))
        {
            var x = Left;
            const double y = 42;
            svg.Append("<g class=\"legend\">\n");
            for (var s = 0; s < _series.Count; s++)
            {
                svg.Append("<line x1=\"").Append(Svg.N(x)).Append("\" y1=\"").Append(Svg.N(y - 4)).Append("\" x2=\"").Append(Svg.N(x + 18)).Append("\" y2=\"").Append(Svg.N(y - 4)).Append("\" stroke=\"").Append(Svg.Palette[s % Svg.Palette.Length]).Append("\" stroke-width=\"3\"/>\n");
                Svg.Text(svg, x + 23, y, _series[s].Name, "start", "font-size=\"11\"");
                x += 36 + (6.5 * _series[s].Name.Length);
            }

            if (_series.Any(s => s.Band is not null))
            {
                svg.Append("<rect x=\"").Append(Svg.N(x)).Append("\" y=\"").Append(Svg.N(y - 10)).Append("\" width=\"18\" height=\"10\" fill=\"#888888\" fill-opacity=\"0.3\"/>\n");
                Svg.Text(svg, x + 23, y, "95 % confidence interval", "start", "font-size=\"11\"");
            }

            svg.Append("</g>\n");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private sealed record Series(string Name, IReadOnlyList<(double X, double Y)> Points, IReadOnlyList<(double Low, double High)>? Band);
}
