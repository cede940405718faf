using System.Text;

namespace ProtoScript.Reporting;

/// <summary>
/// Lines of a plain-text report: headings, and label/value rows whose values all start
/// in one column, wide enough for the longest label of the whole report.
/// </summary>
internal sealed class AlignedText
{
    private const int IndentWidth = 2;
    private const int Gap = 2;

    private readonly List<(int Indent, string Label, string? Value)> _lines = [];

    public void Heading(int indent, string text) => _lines.Add((indent, text, null));

    public void Row(int indent, string label, string value) => _lines.Add((indent, label, value));

    public void Blank() => _lines.Add((0, string.Empty, null));

    public bool IsEmpty => _lines.Count == 0;

    public string Render()
    {
        var column = 0;
        foreach (var (indent, label, value) in _lines)
        {
            if (value is not null)
            {
                column = Math.Max(column, (indent * IndentWidth) + label.Length + Gap);
            }
        }

        var text = new StringBuilder();
        foreach (var (indent, label, value) in _lines)
        {
            var start = text.Length;
            text.Append(' ', indent * IndentWidth).Append(label);
            if (value is not null)
            {
                text.Append(' ', column - (text.Length - start)).Append(value);
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
