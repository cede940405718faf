namespace ProtoScript.Language.Syntax;

/// <summary>
/// Finds where embedded C# ends without parsing it: braces are balanced while strings,
/// character literals, verbatim, interpolated and raw strings, and comments are skipped,
/// so a <c>}</c> inside <c>"}"</c> or <c>// }</c> does not close a hook.
/// </summary>
public static class CSharpScanner
{
    /// <summary>
    /// Returns the offset of the <c>}</c> that closes a block whose content starts at
    /// <paramref name="start"/>, or -1 when the input ends first.
    /// </summary>
    public static int FindClosingBrace(string text, int start) => FindClosingBrace(text, start, 0);

    /// <summary>How deeply interpolated strings may nest inside each other before the hook is rejected.</summary>
    public const int MaxInterpolationDepth = 32;

    // `nesting` counts interpolation holes inside strings; it bounds the recursion so that
    // adversarial input such as 30 000 nested `$"{` cannot overflow the stack.
    private static int FindClosingBrace(string text, int start, int nesting)
    {
        if (nesting > MaxInterpolationDepth)
        {
            return -1;
        }

        var depth = 0;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '{')
            {
                depth++;
                i++;
            }
            else if (c == '}')
            {
                if (depth == 0)
                {
                    return i;
                }

                depth--;
                i++;
            }
            else
            {
                var next = SkipNonCode(text, i, nesting);
                i = next < 0 ? text.Length : Math.Max(next, i + 1);
                if (next < 0)
                {
                    return -1;
                }
            }
        }

        return -1;
    }

    /// <summary>
    /// Returns the offset where a one-line C# expression that starts at
    /// <paramref name="start"/> ends: the end of its line, or a <c>;</c> or unmatched
    /// closing bracket, outside any nesting, string or comment.
    /// </summary>
    public static int FindExpressionEnd(string text, int start)
    {
        var depth = 0;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '\n' when depth == 0:
                case ';' when depth == 0:
                    return i;
                case '(' or '[' or '{':
                    depth++;
                    i++;
                    continue;
                case ')' or ']' or '}':
                    if (depth == 0)
                    {
                        return i;
                    }

                    depth--;
                    i++;
                    continue;
                case '/' when i + 1 < text.Length && text[i + 1] == '/':
                    // A trailing comment belongs to the scenario, not to the expression.
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
            }

            var next = SkipNonCode(text, i, 0);
            if (next < 0)
            {
                return text.Length;
            }

            i = Math.Max(next, i + 1);
        }

        return text.Length;
    }

    /// <summary>
    /// If a string, character literal or comment starts at <paramref name="i"/>, returns the
    /// offset just past it (-1 if it never ends); otherwise returns <paramref name="i"/> + 1.
    /// </summary>
    private static int SkipNonCode(string text, int i, int nesting)
    {
        var c = text[i];
        if (c == '/' && i + 1 < text.Length)
        {
            if (text[i + 1] == '/')
            {
                var nl = text.IndexOf('\n', i);
                return nl < 0 ? text.Length : nl;
            }

            if (text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                return end < 0 ? -1 : end + 2;
            }
        }

        if (c == '\'')
        {
            return SkipQuoted(text, i + 1, '\'');
        }

        if (c is '"' or '@' or '$')
        {
            // Prefixes: $, @, $@, @$, $$... followed by a quote.
            var p = i;
            var dollars = 0;
            var verbatim = false;
            while (p < text.Length && (text[p] == '$' || text[p] == '@'))
            {
                if (text[p] == '$')
                {
                    dollars++;
                }
                else
                {
                    verbatim = true;
                }

                p++;
            }

            if (p >= text.Length || text[p] != '"')
            {
                return i + 1;
            }

            var quotes = 0;
            while (p + quotes < text.Length && text[p + quotes] == '"')
            {
                quotes++;
            }

            if (quotes >= 3 && !verbatim)
            {
                var closing = new string('"', quotes);
                var end = text.IndexOf(closing, p + quotes, StringComparison.Ordinal);
                return end < 0 ? -1 : end + quotes;
            }

            if (verbatim)
            {
                return SkipVerbatim(text, p + 1, dollars > 0, nesting);
            }

            return dollars > 0 ? SkipInterpolated(text, p + 1, nesting) : SkipQuoted(text, p + 1, '"');
        }

        return i + 1;
    }

    private static int SkipQuoted(string text, int i, char quote)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == quote)
            {
                return i + 1;
            }

            if (c == '\n')
            {
                return -1;
            }

            i++;
        }

        return -1;
    }

    private static int SkipVerbatim(string text, int i, bool interpolated, int nesting)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            if (interpolated && c == '{')
            {
                if (i + 1 < text.Length && text[i + 1] == '{')
                {
                    i += 2;
                    continue;
                }

                var close = FindClosingBrace(text, i + 1, nesting + 1);
                if (close < 0)
                {
                    return -1;
                }

                i = close + 1;
                continue;
            }

            i++;
        }

        return -1;
    }

    private static int SkipInterpolated(string text, int i, int nesting)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == '"')
            {
                return i + 1;
            }

            if (c == '\n')
            {
                return -1;
            }

            if (c == '{')
            {
                if (i + 1 < text.Length && text[i + 1] == '{')
                {
                    i += 2;
                    continue;
                }

                var close = FindClosingBrace(text, i + 1, nesting + 1);
                if (close < 0)
                {
                    return -1;
                }

                i = close + 1;
                continue;
            }

            i++;
        }

        return -1;
    }
}
