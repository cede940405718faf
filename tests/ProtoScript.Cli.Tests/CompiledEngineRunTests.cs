namespace ProtoScript.Cli.Tests;

/// <summary><c>run --engine compiled</c> prints what <c>--engine scripted</c> prints, errors and failures included.</summary>
public class CompiledEngineRunTests
{
    private const string Scenario = """
        scenario "compiled" {
          seed 3
          duration 1 min
          rollup A {
            block_time = 2 s
            gas_limit = 210_000
            ORDERING
            accounts 100 funded 1 eth
          }
          rollup B like A {
            ordering = priority_fee
          }
          workload {
            users = poisson(8 / s) on A, B
            priority_fee = exponential(1 gwei)
          }
        }

        """;

    private static (CliOutcome Scripted, CliOutcome Compiled) RunBoth(string ordering, string name, params string[] extra)
    {
        var path = TempFiles.Write(name, Scenario.Replace("ORDERING", ordering, StringComparison.Ordinal));
        return (Cli.Run(["run", path, "--engine", "scripted", .. extra]), Cli.Run(["run", path, "--engine", "compiled", .. extra]));
    }

    [Theory]
    [InlineData("ordering = fcfs")]
    [InlineData("ordering = random")]
    [InlineData("ordering = csharp => y.PriorityFeePerGas / 1_000_000_000 != x.PriorityFeePerGas / 1_000_000_000 ? (y.PriorityFeePerGas / 1_000_000_000).CompareTo(x.PriorityFeePerGas / 1_000_000_000) : x.ArrivalSequence.CompareTo(y.ArrivalSequence)")]
    public void The_compiled_engine_prints_the_scripted_report_byte_for_byte(string ordering)
    {
        foreach (var format in new[] { "text", "json" })
        {
            var (scripted, compiled) = RunBoth(ordering, "same.proto-script", "--seed", "9", "--format", format);
            Assert.Equal(0, scripted.ExitCode);
            Assert.Equal(scripted, compiled);
        }
    }

    [Fact]
    public void A_hook_that_does_not_compile_gives_the_same_exit_2_diagnostic_on_both_engines()
    {
        var (scripted, compiled) = RunBoth("ordering = csharp => x.Tip.CompareTo(y.Tip)", "broken.proto-script");
        Assert.Equal(2, compiled.ExitCode);
        Assert.Contains("broken.proto-script:7:28: error CS1061:", compiled.Stderr, StringComparison.Ordinal);
        Assert.Equal(scripted, compiled);
    }

    [Fact]
    public void A_hook_that_throws_or_runs_away_fails_the_same_way_on_both_engines()
    {
        var (scripted, compiled) = RunBoth("ordering = csharp => (int)(x.Nonce / (y.Nonce - y.Nonce))", "throws.proto-script");
        Assert.Equal(1, compiled.ExitCode);
        Assert.Contains("throws.proto-script:7:26: error PS4006: hook `rollup A ordering` threw DivideByZeroException", compiled.Stderr, StringComparison.Ordinal);
        Assert.Equal(scripted, compiled);

        var (scriptedLoop, compiledLoop) = RunBoth("ordering = csharp { while (true) { } }", "loops.proto-script");
        Assert.Equal(1, compiledLoop.ExitCode);
        Assert.Equal(scriptedLoop, compiledLoop);
    }

    [Fact]
    public void An_unknown_engine_is_refused()
    {
        var outcome = Cli.Run("run", TempFiles.Write("any.proto-script", Scenario.Replace("ORDERING", "ordering = fcfs", StringComparison.Ordinal)), "--engine", "jit");
        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Equal(string.Empty, outcome.Stdout);
    }
}
