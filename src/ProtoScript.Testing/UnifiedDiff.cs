using System.Text;

namespace ProtoScript.Testing;

/// <summary>Line-based unified diff (as <c>diff -u</c> prints it), for snapshot failure messages.</summary>
public static class UnifiedDiff
{
    /// <summary>Creates a unified diff between two texts with three lines of context.</summary>
    public static string Create(string expected, string actual, string expectedName, string actualName, int context = 3)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var ops = Diff(a, b);
        var sb = new StringBuilder();
        sb.Append("--- ").Append(expectedName).Append('\n');
        sb.Append("+++ ").Append(actualName).Append('\n');

        var i = 0;
        while (i < ops.Count)
        {
            if (ops[i].Kind == ' ')
            {
                i++;
                continue;
            }

            // A hunk: from `context` lines before the first change to `context` after the last change that is close enough.
            var start = Math.Max(0, i - context);
            var end = i;
            while (end < ops.Count)
            {
                if (ops[end].Kind != ' ')
                {
                    end++;
                    continue;
                }

                var run = end;
                while (run < ops.Count && ops[run].Kind == ' ')
                {
                    run++;
                }

                if (run < ops.Count && run - end <= 2 * context)
                {
                    end = run;
                    continue;
                }

                end = Math.Min(ops.Count, end + context);
                break;
            }

            var aStart = ops[start].AIndex;
            var bStart = ops[start].BIndex;
            var aCount = ops.Skip(start).Take(end - start).Count(o => o.Kind != '+');
            var bCount = ops.Skip(start).Take(end - start).Count(o => o.Kind != '-');
            sb.Append(FormattableString.Invariant($"@@ -{aStart + 1},{aCount} +{bStart + 1},{bCount} @@\n"));
            for (var k = start; k < end; k++)
            {
                sb.Append(ops[k].Kind).Append(ops[k].Text).Append('\n');
            }

            i = end;
        }

        return sb.ToString();
    }

    private readonly record struct Op(char Kind, string Text, int AIndex, int BIndex);

    // Longest-common-subsequence diff; snapshot reports are small enough for the quadratic table.
    private static List<Op> Diff(string[] a, string[] b)
    {
        var n = a.Length;
        var m = b.Length;
        if ((long)n * m > 25_000_000)
        {
            // Too large for the table: show everything as replaced rather than allocate gigabytes.
            return [.. a.Select((t, i) => new Op('-', t, i, 0)), .. b.Select((t, j) => new Op('+', t, n, j))];
        }

        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var ops = new List<Op>();
        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[x] == b[y])
            {
                ops.Add(new Op(' ', a[x], x, y));
                x++;
                y++;
            }
            else if (y < m && (x == n || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                ops.Add(new Op('+', b[y], x, y));
                y++;
            }
            else
            {
                ops.Add(new Op('-', a[x], x, y));
                x++;
            }
        }

        return ops;
    }
}
