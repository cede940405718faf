namespace ProtoScript.Cli.Tests;

public class HookRunTests
{
    private const string Scenario = """
        scenario "hooks" {
          seed 3
          duration 1 min
          rollup A {
            block_time = 2 s
            gas_limit = 210_000
            ORDERING
            accounts 100 funded 1 eth
          }
          workload {
            users = poisson(8 / s) on A
            priority_fee = exponential(1 gwei)
          }
        }

        """;

    private static CliOutcome RunWith(string ordering, string name)
    {
        var path = TempFiles.Write(name, Scenario.Replace("ORDERING", ordering, StringComparison.Ordinal));
        return Cli.Run("run", path);
    }

    [Fact]
    public void An_ordering_hook_that_ranks_by_priority_fee_reports_exactly_what_the_built_in_rule_does()
    {
        var builtIn = RunWith("ordering = priority_fee", "builtin.proto-script");
        var hook = RunWith("ordering = csharp => y.PriorityFeePerGas != x.PriorityFeePerGas ? y.PriorityFeePerGas.CompareTo(x.PriorityFeePerGas) : x.ArrivalSequence.CompareTo(y.ArrivalSequence)", "hook.proto-script");
        Assert.Equal(0, hook.ExitCode);
        Assert.Equal(string.Empty, hook.Stderr);
        // Only the rule's name differs: the hook is reported as `csharp`.
        Assert.Contains("  csharp\n", hook.Stdout, StringComparison.Ordinal);
        Assert.Equal(builtIn.Stdout, hook.Stdout.Replace("  csharp\n", "  priority_fee\n", StringComparison.Ordinal));
    }

    [Fact]
    public void A_hook_that_does_not_compile_is_exit_2_with_the_csharp_error_at_the_scenario_position()
    {
        var outcome = RunWith("ordering = csharp => x.Tip.CompareTo(y.Tip)", "broken.proto-script");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(string.Empty, outcome.Stdout);
        Assert.Contains("broken.proto-script:7:28: error CS1061:", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hook_that_throws_stops_the_run_with_exit_1_naming_the_hook_the_time_and_the_block()
    {
        var outcome = RunWith("ordering = csharp => (int)(x.Nonce / (y.Nonce - y.Nonce))", "throws.proto-script");
        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(string.Empty, outcome.Stdout);
        Assert.Contains("throws.proto-script:7:26: error PS4006: hook `rollup A ordering` threw DivideByZeroException", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("in block 1 of rollup A", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hook_that_loops_forever_is_stopped_by_its_budget_with_exit_1()
    {
        var outcome = RunWith("ordering = csharp { while (true) { } }", "loops.proto-script");
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("error PS4005: hook `rollup A ordering`", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_scenarios_hooks_block_sets_the_budget()
    {
        var loop = "ordering = csharp { var n = 0L; for (var i = 0; i < 5_000; i++) { n += i; } return n > 0 ? 0 : 1; }";
        Assert.Equal(0, RunWith(loop, "roomy.proto-script").ExitCode);
        var path = TempFiles.Write("tight.proto-script", Scenario.Replace("ORDERING", loop, StringComparison.Ordinal).Replace("  duration 1 min", "  duration 1 min\n  hooks { max_steps = 1_000 }", StringComparison.Ordinal));
        var tight = Cli.Run("run", path);
        Assert.Equal(1, tight.ExitCode);
        Assert.Contains("error PS4005", tight.Stderr, StringComparison.Ordinal);
    }
}
