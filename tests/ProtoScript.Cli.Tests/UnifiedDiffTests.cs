namespace ProtoScript.Cli.Tests;

public class UnifiedDiffTests
{
    [Fact]
    public void Equal_texts_have_no_diff()
    {
        Assert.Equal(string.Empty, UnifiedDiff.Format("a\nb\n", "a\nb\n", "x", "y"));
    }

    [Fact]
    public void A_changed_line_is_a_removal_then_an_addition_with_three_lines_of_context()
    {
        var expected = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        var actual = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        Assert.Equal("--- x\n+++ y\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n", UnifiedDiff.Format(expected, actual, "x", "y"));
    }

    [Fact]
    public void Changes_far_apart_are_separate_hunks_and_close_ones_merge()
    {
        var expected = string.Concat(Enumerable.Range(1, 20).Select(i => $"{i}\n"));
        var far = expected.Replace("2\n", "two\n", StringComparison.Ordinal).Replace("19\n", "nineteen\n", StringComparison.Ordinal);

        // "2\n" also matches the end of "12\n": only line 2 is "2" exactly, so replace per line.
        var lines = Enumerable.Range(1, 20).Select(i => i switch { 2 => "two", 19 => "nineteen", _ => $"{i}" });
        far = string.Concat(lines.Select(l => l + "\n"));
        Assert.Equal(
            "--- x\n+++ y\n@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n@@ -16,5 +16,5 @@\n 16\n 17\n 18\n-19\n+nineteen\n 20\n",
            UnifiedDiff.Format(expected, far, "x", "y"));

        // Lines 2 and 9 are six apart: their contexts touch, so one hunk.
        var near = string.Concat(Enumerable.Range(1, 20).Select(i => (i is 2 or 9 ? $"x{i}" : $"{i}") + "\n"));
        var diff = UnifiedDiff.Format(expected, near, "x", "y");
        Assert.Single(diff.Split('\n'), l => l.StartsWith("@@", StringComparison.Ordinal));
        Assert.StartsWith("--- x\n+++ y\n@@ -1,12 +1,12 @@\n", diff, StringComparison.Ordinal);
    }

    [Fact]
    public void Inserted_and_deleted_lines_are_found_by_the_longest_common_subsequence()
    {
        Assert.Equal("--- x\n+++ y\n@@ -1,3 +1,4 @@\n a\n+new\n b\n c\n", UnifiedDiff.Format("a\nb\nc\n", "a\nnew\nb\nc\n", "x", "y"));
        Assert.Equal("--- x\n+++ y\n@@ -1,3 +1,2 @@\n a\n-b\n c\n", UnifiedDiff.Format("a\nb\nc\n", "a\nc\n", "x", "y"));
        Assert.Equal("--- x\n+++ y\n@@ -0,0 +1,2 @@\n+a\n+b\n", UnifiedDiff.Format(string.Empty, "a\nb\n", "x", "y"));
    }

    [Fact]
    public void A_missing_final_newline_is_a_difference_and_is_marked()
    {
        Assert.Equal("--- x\n+++ y\n@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of file\n", UnifiedDiff.Format("a\n", "a", "x", "y"));
    }

    [Fact]
    public void A_long_diff_is_capped_with_a_count_of_what_was_left_out()
    {
        var expected = string.Concat(Enumerable.Range(0, 200).Select(i => $"{i}\n"));
        var actual = string.Concat(Enumerable.Range(0, 200).Select(i => $"changed {i}\n"));
        var diff = UnifiedDiff.Format(expected, actual, "x", "y", maxLines: 10);
        var lines = diff.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, lines.Length);
        Assert.Equal("... 393 more diff lines not shown; compare the files themselves", lines[^1]);
    }
}
