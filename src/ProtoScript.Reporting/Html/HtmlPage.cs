using System.Text;
using ProtoScript.Reporting.Charts;

namespace ProtoScript.Reporting.Html;

/// <summary>
/// One self-contained HTML page: inline CSS, charts as inline SVG, no script and nothing fetched,
/// so the file can be mailed, archived or opened offline and always looks the same.
/// </summary>
internal sealed class HtmlPage
{
    private readonly StringBuilder _body = new();
    private readonly string _title;
    private int _charts;

    public HtmlPage(string title)
    {
        _title = title;
    }

    /// <summary>How many charts the page holds.</summary>
    public int Charts => _charts;

    public void Heading(int level, string text, string? id = null) =>
        _body.Append("<h").Append(level).Append(id is null ? string.Empty : " id=\"" + Svg.Escape(id) + "\"").Append('>').Append(Svg.Escape(text)).Append("</h").Append(level).Append(">\n");

    public void Paragraph(string text) => _body.Append("<p>").Append(Svg.Escape(text)).Append("</p>\n");

    /// <summary>Adds a chart in a figure, with a caption saying what it shows.</summary>
    public void Chart(string id, string svg, string caption)
    {
        _charts++;
        _body.Append("<figure class=\"chart\" id=\"").Append(Svg.Escape(id)).Append("\">\n").Append(svg).Append("\n<figcaption>").Append(Svg.Escape(caption)).Append("</figcaption>\n</figure>\n");
    }

    /// <summary>Adds a two-column table.</summary>
    public void Table(string caption, IEnumerable<(string Name, string Value)> rows)
    {
        _body.Append("<table><caption>").Append(Svg.Escape(caption)).Append("</caption>\n");
        foreach (var (name, value) in rows)
        {
            _body.Append("<tr><th scope=\"row\">").Append(Svg.Escape(name)).Append("</th><td>").Append(Svg.Escape(value)).Append("</td></tr>\n");
        }

        _body.Append("</table>\n");
    }

    /// <summary>Adds the text report, folded, so the page carries every number too.</summary>
    public void TextReport(string text) =>
        _body.Append("<details><summary>Text report</summary>\n<pre>").Append(Svg.Escape(text)).Append("</pre>\n</details>\n");

    public override string ToString() =>
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + Svg.Escape(_title) + "</title>\n<style>\n"
        + "body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 2em auto; max-width: 1560px; padding: 0 1em; color: #222; }\n"
        + "h1 { font-size: 1.5em; } h2 { font-size: 1.25em; border-bottom: 1px solid #ddd; padding-bottom: .2em; margin-top: 2em; }\n"
        + ".charts { display: flex; flex-wrap: wrap; gap: 1em; }\n"
        + "figure.chart { margin: 0; border: 1px solid #e4e4e4; border-radius: 4px; padding: .5em; background: #fff; }\n"
        + "figure.chart svg { max-width: 100%; height: auto; font-family: inherit; }\n"
        + "figcaption { font-size: .85em; color: #555; max-width: 720px; }\n"
        + "table { border-collapse: collapse; margin: 1em 0; font-size: .9em; } caption { text-align: left; font-weight: bold; }\n"
        + "th, td { border: 1px solid #ddd; padding: .2em .6em; text-align: left; }\n"
        + "pre { font-size: .8em; overflow-x: auto; }\n"
        + "</style>\n</head>\n<body>\n<h1>" + Svg.Escape(_title) + "</h1>\n" + _body + "</body>\n</html>\n";

    public void OpenCharts() => _body.Append("<div class=\"charts\">\n");

    public void CloseCharts() => _body.Append("</div>\n");
}
