namespace ProtoScript.Language.Formatting;

/// <summary>Line helpers for the C# of hooks, shared by the formatter and <see cref="SyntaxShape"/>.</summary>
internal static class HookLines
{
    /// <summary>Splits on LF and drops the CR of CRLF line ends.</summary>
    public static string[] Split(string code)
    {
        var lines = code.Split('\n');
        for (var i = 0; i < lines.Length - 1; i++)
        {
            if (lines[i].EndsWith('\r'))
            {
                lines[i] = lines[i][..^1];
            }
        }

        return lines;
    }

    public static bool IsBlank(string line) => string.IsNullOrWhiteSpace(line);

    /// <summary>The length of the leading whitespace that all non-blank lines share, character for character.</summary>
    public static int CommonIndentation(ReadOnlySpan<string> lines)
    {
        string? prefix = null;
        var length = 0;
        foreach (var line in lines)
        {
            if (IsBlank(line))
            {
                continue;
            }

            var indent = 0;
            while (indent < line.Length && line[indent] is ' ' or '\t')
            {
                indent++;
            }

            if (prefix is null)
            {
                prefix = line;
                length = indent;
                continue;
            }

            var common = 0;
            while (common < length && common < indent && line[common] == prefix[common])
            {
                common++;
            }

            length = common;
        }

        return length;
    }

    /// <summary>
    /// The code of a multi-line block hook without its layout: the lines between the braces
    /// with their common indentation removed and blank lines emptied, joined with LF.
    /// </summary>
    public static string Normalize(string code)
    {
        if (!code.Contains('\n', StringComparison.Ordinal))
        {
            return code;
        }

        var lines = Split(code);
        var body = lines.AsSpan(1, lines.Length - (IsBlank(lines[^1]) ? 2 : 1));
        var common = CommonIndentation(body);
        var parts = new List<string>(body.Length + 1) { IsBlank(lines[0]) ? string.Empty : lines[0] };
        foreach (var line in body)
        {
            parts.Add(IsBlank(line) ? string.Empty : line[common..]);
        }

        return string.Join('\n', parts);
    }
}
