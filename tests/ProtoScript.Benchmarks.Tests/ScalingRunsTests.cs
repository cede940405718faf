namespace ProtoScript.Benchmarks.Tests;

public class ScalingRunsTests
{
    [Fact]
    public void Prints_one_row_per_engine_and_case_when_the_three_agree()
    {
        using var output = new StringWriter();

        var status = ScalingRuns.Run([2, 1], [2_000], output);

        Assert.Equal(0, status);
        var rows = output.ToString().Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(2).ToList(); // past the header and its rule
        Assert.Equal(6, rows.Count);

        // Smallest case first; per case the scripted engine, then the compiled one, then the ceiling.
        Assert.StartsWith("| 1 | 2,000 |", rows[0], StringComparison.Ordinal);
        Assert.Contains("| scripted |", rows[0], StringComparison.Ordinal);
        Assert.Contains("| compiled |", rows[1], StringComparison.Ordinal);
        Assert.Contains("| hand-written |", rows[2], StringComparison.Ordinal);
        Assert.StartsWith("| 2 | 2,000 |", rows[3], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,x")]
    [InlineData("0")]
    [InlineData("1", "100000", "extra")]
    public void Rejects_arguments_that_are_not_lists_of_positive_integers(params string[] args)
    {
        Assert.Equal(2, ScalingRuns.Command(args));
    }
}
