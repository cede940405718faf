namespace ProtoScript.Language.Text;

/// <summary>A half-open range of characters <c>[Start, Start + Length)</c> in a source text.</summary>
/// <param name="Start">Offset of the first character.</param>
/// <param name="Length">Number of characters.</param>
public readonly record struct TextSpan(int Start, int Length)
{
    /// <summary>Offset just past the last character.</summary>
    public int End => Start + Length;

    /// <summary>Creates the span from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public static TextSpan FromBounds(int start, int end) => new(start, Math.Max(0, end - start));

    /// <summary>The smallest span that covers both spans.</summary>
    public TextSpan Cover(TextSpan other) => FromBounds(Math.Min(Start, other.Start), Math.Max(End, other.End));
}

/// <summary>A one-based line and column, as editors and compilers print them.</summary>
/// <param name="Line">One-based line number.</param>
/// <param name="Column">One-based column number, counted in UTF-16 characters.</param>
public readonly record struct LinePosition(int Line, int Column);

/// <summary>
/// The text of one source file with its path and a line map, so that offsets in
/// spans can be turned into the <c>FILE:LINE:COL</c> positions that diagnostics print.
/// </summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    /// <summary>Creates a source text.</summary>
    /// <param name="path">The path that diagnostics print (as the user gave it).</param>
    /// <param name="text">The whole content.</param>
    public SourceText(string path, string text)
    {
        Path = path;
        Text = text;
        _lineStarts = ComputeLineStarts(text);
    }

    /// <summary>The path that diagnostics print.</summary>
    public string Path { get; }

    /// <summary>The whole content.</summary>
    public string Text { get; }

    /// <summary>Number of lines (a text without a newline has one line).</summary>
    public int LineCount => _lineStarts.Length;

    /// <summary>Converts an offset into a one-based line and column.</summary>
    public LinePosition GetPosition(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var line = Array.BinarySearch(_lineStarts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new LinePosition(line + 1, offset - _lineStarts[line] + 1);
    }

    /// <summary>Returns the text of a one-based line without its line terminator.</summary>
    public string GetLineText(int line)
    {
        if (line < 1 || line > _lineStarts.Length)
        {
            return string.Empty;
        }

        var start = _lineStarts[line - 1];
        var end = line < _lineStarts.Length ? _lineStarts[line] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r'))
        {
            end--;
        }

        return Text[start..end];
    }

    /// <summary>Returns the text covered by a span.</summary>
    public string GetText(TextSpan span) => Text.Substring(span.Start, Math.Min(span.Length, Text.Length - span.Start));

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }
}
