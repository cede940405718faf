using ProtoScript.Reporting.Document;

namespace ProtoScript.Reporting.Rendering;

/// <summary>
/// Writes a report document as aligned plain text: a section is a heading with its rows one
/// level deeper, and a blank line comes before every top-level heading but the first.
/// </summary>
internal static class TextRenderer
{
    public static string Render(ReportDocument document)
    {
        var text = new AlignedText();
        Write(text, document.Root, 0);
        return text.Render();
    }

    private static void Write(AlignedText text, ReportSection section, int indent)
    {
        foreach (var child in section.Children)
        {
            switch (child)
            {
                case ReportRow { Label: { } label } row:
                    text.Row(indent, label, row.Value.ToText());
                    break;
                case ReportSection { Text: TextShape.Heading } inner:
                    if (indent == 0 && !text.IsEmpty)
                    {
                        text.Blank();
                    }

                    text.Heading(indent, inner.Heading!);
                    Write(text, inner, indent + 1);
                    break;
                case ReportSection { Text: TextShape.Indented } inner:
                    Write(text, inner, indent + 1);
                    break;
                case ReportSection { Text: TextShape.Transparent } inner:
                    Write(text, inner, indent);
                    break;
            }
        }
    }
}
