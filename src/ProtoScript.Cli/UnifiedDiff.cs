using System.Globalization;
using System.Text;

namespace ProtoScript.Cli;

/// <summary>
/// A unified diff (as <c>diff -u</c> prints it) of two texts, from a longest common subsequence
/// of their lines: deterministic (on ties a removal is shown before an addition) and capped, so
/// a report that changed everywhere prints a screenful and points at the received file.
/// </summary>
internal static class UnifiedDiff
{
    /// <summary>Lines of context around each change.</summary>
    public const int Context = 3;

    // The LCS table is (n + 1) × (m + 1) after the common start and end are trimmed; above this
    // the middle is shown as removed then added, which is still a correct diff, only not minimal.
    private const long MaxTableCells = 16_000_000;

    private enum Op
    {
        Same,
        Removed,
        Added,
    }

    /// <summary>
    /// The diff from <paramref name="expected"/> to <paramref name="actual"/> with headers naming
    /// them; empty when the texts are equal. At most <paramref name="maxLines"/> lines, then a line saying how many were left out.
    /// </summary>
    public static string Format(string expected, string actual, string expectedName, string actualName, int maxLines = 80)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (expected == actual)
        {
            return string.Empty;
        }

        var e = Lines(expected);
        var a = Lines(actual);
        var edits = Edits(e, a);
        var lines = new List<string> { $"--- {expectedName}", $"+++ {actualName}" };
        foreach (var (start, end) in Hunks(edits))
        {
            var (eStart, aStart) = Positions(edits, start);
            var eCount = edits.Skip(start).Take(end - start).Count(x => x.Op != Op.Added);
            var aCount = edits.Skip(start).Take(end - start).Count(x => x.Op != Op.Removed);
            lines.Add($"@@ -{Range(eStart, eCount)} +{Range(aStart, aCount)} @@");
            for (var i = start; i < end; i++)
            {
                var (op, line) = edits[i];
                var prefix = op switch { Op.Same => ' ', Op.Removed => '-', _ => '+' };
                lines.Add(prefix + line.Text);
                if (!line.EndsWithNewline)
                {
                    lines.Add("\\ No newline at end of file");
                }
            }
        }

        var text = new StringBuilder();
        foreach (var line in lines.Take(maxLines))
        {
            text.Append(line).Append('\n');
        }

        if (lines.Count > maxLines)
        {
            text.Append(CultureInfo.InvariantCulture, $"... {lines.Count - maxLines} more diff lines not shown; compare the files themselves\n");
        }

        return text.ToString();
    }

    private readonly record struct Line(string Text, bool EndsWithNewline);

    private static Line[] Lines(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var parts = text.Split('\n');
        var endsWithNewline = text[^1] == '\n';
        var count = endsWithNewline ? parts.Length - 1 : parts.Length;
        return [.. parts.Take(count).Select((p, i) => new Line(p, endsWithNewline || i < count - 1))];
    }

    private static List<(Op Op, Line Line)> Edits(Line[] e, Line[] a)
    {
        var prefix = 0;
        while (prefix < e.Length && prefix < a.Length && e[prefix] == a[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < e.Length - prefix && suffix < a.Length - prefix && e[e.Length - 1 - suffix] == a[a.Length - 1 - suffix])
        {
            suffix++;
        }

        var edits = new List<(Op, Line)>(e.Length + a.Length);
        edits.AddRange(e.Take(prefix).Select(l => (Op.Same, l)));
        var em = e[prefix..(e.Length - suffix)];
        var am = a[prefix..(a.Length - suffix)];
        if ((long)(em.Length + 1) * (am.Length + 1) > MaxTableCells)
        {
            edits.AddRange(em.Select(l => (Op.Removed, l)));
            edits.AddRange(am.Select(l => (Op.Added, l)));
        }
        else
        {
            // lcs[i, j]: the length of a longest common subsequence of em[i..] and am[j..].
            var lcs = new int[em.Length + 1, am.Length + 1];
            for (var i = em.Length - 1; i >= 0; i--)
            {
                for (var j = am.Length - 1; j >= 0; j--)
                {
                    lcs[i, j] = em[i] == am[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
                }
            }

            int x = 0, y = 0;
            while (x < em.Length || y < am.Length)
            {
                if (x < em.Length && y < am.Length && em[x] == am[y])
                {
                    edits.Add((Op.Same, em[x++]));
                    y++;
                }
                else if (x < em.Length && (y == am.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
                {
                    edits.Add((Op.Removed, em[x++]));
                }
                else
                {
                    edits.Add((Op.Added, am[y++]));
                }
            }
        }

        edits.AddRange(e.Skip(e.Length - suffix).Select(l => (Op.Same, l)));
        return edits;
    }

    /// <summary>Ranges [start, end) of edits to show: each change with its context, overlapping ones merged.</summary>
    private static List<(int Start, int End)> Hunks(List<(Op Op, Line Line)> edits)
    {
        var hunks = new List<(int Start, int End)>();
        for (var i = 0; i < edits.Count; i++)
        {
            if (edits[i].Op == Op.Same)
            {
                continue;
            }

            var start = Math.Max(0, i - Context);
            var end = Math.Min(edits.Count, i + 1 + Context);
            if (hunks.Count > 0 && start <= hunks[^1].End)
            {
                hunks[^1] = (hunks[^1].Start, end);
            }
            else
            {
                hunks.Add((start, end));
            }
        }

        return hunks;
    }

    /// <summary>The 1-based line numbers, in each text, of the edit at <paramref name="index"/>.</summary>
    private static (int Expected, int Actual) Positions(List<(Op Op, Line Line)> edits, int index)
    {
        var before = edits.Take(index).ToList();
        return (before.Count(x => x.Op != Op.Added) + 1, before.Count(x => x.Op != Op.Removed) + 1);
    }

    // diff -u prints an empty range as the line before it, and a one-line range without its length.
    private static string Range(int start, int count) => count switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"{start - 1},0"),
        1 => start.ToString(CultureInfo.InvariantCulture),
        _ => string.Create(CultureInfo.InvariantCulture, $"{start},{count}"),
    };
}
