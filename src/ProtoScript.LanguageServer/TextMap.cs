namespace ProtoScript.LanguageServer;

/// <summary>
/// Converts between offsets into a document's text and LSP positions: zero-based lines and
/// zero-based UTF-16 columns, which is what a C# string's indices already are.
/// </summary>
internal sealed class TextMap
{
    private readonly int[] _lineStarts;

    public TextMap(string text)
    {
        Text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
    }

    public string Text { get; }

    public (int Line, int Character) Position(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var line = Array.BinarySearch(_lineStarts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return (line, offset - _lineStarts[line]);
    }

    public int Offset(int line, int character)
    {
        if (line < 0)
        {
            return 0;
        }

        if (line >= _lineStarts.Length)
        {
            return Text.Length;
        }

        var start = _lineStarts[line];
        var end = line + 1 < _lineStarts.Length ? _lineStarts[line + 1] - 1 : Text.Length;
        return Math.Clamp(start + character, start, end);
    }

    /// <summary>The text of the cursor's line before the cursor.</summary>
    public string LineBefore(int offset)
    {
        var (line, _) = Position(offset);
        return Text[_lineStarts[line]..offset];
    }
}
