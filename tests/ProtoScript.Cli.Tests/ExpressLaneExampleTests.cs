namespace ProtoScript.Cli.Tests;

/// <summary>The Timeboost example prints the same report, text and JSON, on the scripted and the compiled engine.</summary>
public class ExpressLaneExampleTests
{
    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void The_timeboost_example_prints_the_same_report_on_the_scripted_and_the_compiled_engine(string format)
    {
        var path = Path.Combine(Repository.Examples, "timeboost.proto-script");

        var scripted = Cli.Run("run", path, "--engine", "scripted", "--format", format);
        var compiled = Cli.Run("run", path, "--engine", "compiled", "--format", format);

        Assert.Equal(0, scripted.ExitCode);
        Assert.Contains(format == "json" ? "\"expressLane\"" : "express lane (rounds of 60.000 s", scripted.Stdout, StringComparison.Ordinal);
        Assert.Equal(scripted, compiled);
    }
}
