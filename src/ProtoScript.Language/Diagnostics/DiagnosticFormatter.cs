using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ProtoScript.Language.Diagnostics;

/// <summary>The ways diagnostics can be printed.</summary>
public enum DiagnosticFormat
{
    /// <summary><c>FILE:LINE:COL: error PSnnnn: message</c>, the source line and a caret under the span.</summary>
    Text,

    /// <summary>MSBuild's canonical <c>FILE(LINE,COL): error CODE: message</c>, one line each.</summary>
    MSBuild,

    /// <summary>A JSON array of objects, for tools.</summary>
    Json,
}

/// <summary>Renders diagnostics for people (with the source line and a caret) or for tools.</summary>
public static class DiagnosticFormatter
{
    /// <summary>Renders diagnostics in the given format; the result ends with a newline unless empty.</summary>
    public static string Format(IEnumerable<Diagnostic> diagnostics, DiagnosticFormat format) => format switch
    {
        DiagnosticFormat.MSBuild => string.Concat(diagnostics.Select(d => FormatMSBuild(d) + "\n")),
        DiagnosticFormat.Json => FormatJson(diagnostics),
        _ => string.Concat(diagnostics.Select(FormatText)),
    };

    /// <summary>
    /// Renders one diagnostic as a compiler does: the location line, then the source
    /// line with a caret under the span, then a hint when there is one.
    /// </summary>
    public static string FormatText(Diagnostic d)
    {
        var sb = new StringBuilder();
        var pos = d.Position;
        sb.Append(CultureInfo.InvariantCulture, $"{d.Path}:{pos.Line}:{pos.Column}: {Severity(d)} {d.Code}: {d.Message}\n");
        if (d.Source is { Text.Length: > 0 } source)
        {
            var line = source.GetLineText(pos.Line);
            if (line.Length > 200)
            {
                // A minified or binary line would flood the terminal; show the part around the error.
                var from = Math.Max(0, pos.Column - 1 - 80);
                var to = Math.Min(line.Length, from + 160);
                var shown = Sanitize(line[from..to]);
                sb.Append(CultureInfo.InvariantCulture, $"  {pos.Line,4} | {shown}\n");
                sb.Append("       | ").Append(' ', pos.Column - 1 - from).Append(Underline(d, line.Length - (pos.Column - 1))).Append('\n');
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {pos.Line,4} | {Sanitize(line)}\n");
                sb.Append("       | ").Append(Indent(line, pos.Column - 1)).Append(Underline(d, line.Length - (pos.Column - 1))).Append('\n');
            }
        }

        if (d.Hint is { } hint)
        {
            sb.Append("       = help: ").Append(hint).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Renders one diagnostic in MSBuild's canonical error format.</summary>
    public static string FormatMSBuild(Diagnostic d)
    {
        var pos = d.Position;
        var message = d.Hint is null ? d.Message : d.Message + " (" + d.Hint + ")";
        return string.Create(CultureInfo.InvariantCulture, $"{d.Path}({pos.Line},{pos.Column}): {Severity(d)} {d.Code}: {message}");
    }

    // Messages quote code in backticks and may hold `<`, `&` or non-ASCII text; the default
    // encoder would write those as \uXXXX escapes, which is valid but unreadable. The relaxed
    // encoder still escapes quotes, backslashes and control characters, so the output stays
    // valid JSON; it is "unsafe" only for embedding in HTML, which this output is not for.
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string FormatJson(IEnumerable<Diagnostic> diagnostics)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, JsonOptions))
        {
            w.WriteStartArray();
            foreach (var d in diagnostics)
            {
                var start = d.Position;
                var end = d.Source?.GetPosition(d.Span.End) ?? start;
                w.WriteStartObject();
                w.WriteString("file", d.Path);
                w.WriteNumber("line", start.Line);
                w.WriteNumber("column", start.Column);
                w.WriteNumber("endLine", end.Line);
                w.WriteNumber("endColumn", end.Column);
                w.WriteString("severity", Severity(d));
                w.WriteString("code", d.Code);
                w.WriteString("message", d.Message);
                if (d.Hint is not null)
                {
                    w.WriteString("hint", d.Hint);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static string Severity(Diagnostic d) => d.IsError ? "error" : "warning";

    private static string Underline(Diagnostic d, int restOfLine)
    {
        var length = Math.Clamp(d.Span.Length, 1, Math.Max(1, restOfLine));
        return "^" + new string('~', length - 1);
    }

    // Tabs are kept so that the caret lines up under the same column in a terminal.
    private static string Indent(string line, int count)
    {
        var sb = new StringBuilder(count);
        for (var i = 0; i < count && i < line.Length; i++)
        {
            sb.Append(line[i] == '\t' ? '\t' : ' ');
        }

        if (count > line.Length)
        {
            sb.Append(' ', count - line.Length);
        }

        return sb.ToString();
    }

    private static string Sanitize(string line)
    {
        var sb = new StringBuilder(line.Length);
        foreach (var c in line)
        {
            sb.Append(c == '\t' || !char.IsControl(c) ? c : '?');
        }

        return sb.ToString();
    }
}
