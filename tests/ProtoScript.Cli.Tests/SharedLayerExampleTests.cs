namespace ProtoScript.Cli.Tests;

/// <summary>The shared sequencer placement and soft-trust examples print the same report, text and JSON, on both engines.</summary>
public class SharedLayerExampleTests
{
    [Theory]
    [InlineData("shared-sequencer-placement", "text", "data aggregation (shared blobs)")]
    [InlineData("shared-sequencer-placement", "json", "\"aggregation\"")]
    [InlineData("soft-trust", "text", "soft trust (source block reorged)")]
    [InlineData("soft-trust", "json", "\"softTrust\"")]
    public void The_example_prints_the_same_report_on_the_scripted_and_the_compiled_engine(string example, string format, string section)
    {
        var path = Path.Combine(Repository.Examples, example + ".proto-script");

        var scripted = Cli.Run("run", path, "--engine", "scripted", "--format", format);
        var compiled = Cli.Run("run", path, "--engine", "compiled", "--format", format);

        Assert.Equal(0, scripted.ExitCode);
        Assert.Contains(section, scripted.Stdout, StringComparison.Ordinal);
        Assert.Equal(scripted, compiled);
    }
}
