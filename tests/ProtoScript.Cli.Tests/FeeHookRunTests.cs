namespace ProtoScript.Cli.Tests;

public class FeeHookRunTests
{
    private const string Scenario = """
        scenario "fee hooks" {
          seed 3
          duration 1 min
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
            fees {
              distribute = DISTRIBUTE
            }
          }
          workload {
            users = poisson(8 / s) on A
            priority_fee = exponential(1 gwei)
          }
          expect {
            conserved total_supply
          }
        }

        """;

    private static CliOutcome RunWith(string distribute, string name, params string[] options)
    {
        var path = TempFiles.Write(name, Scenario.Replace("DISTRIBUTE", distribute, StringComparison.Ordinal));
        return Cli.Run(["run", path, .. options]);
    }

    [Fact]
    public void A_hook_that_splits_like_the_built_in_split_reports_the_same_payments()
    {
        var split = RunWith("split { sequencer = 30 %  treasury = 70 % }", "split.proto-script", "--format", "json");
        var hook = RunWith(
            "csharp { var pot = block.PriorityFees; var sequencer = pot * 3 / 10; Pay(Role.Sequencer, sequencer); Pay(Role.Treasury, pot - sequencer); Pay(Role.Burned, block.BaseFees); }",
            "hook.proto-script");
        Assert.Equal(0, hook.ExitCode);
        Assert.Equal(string.Empty, hook.Stderr);
        Assert.Contains("fee distribution (csharp)", hook.Stdout, StringComparison.Ordinal);
        var builtIn = RunWith("split { sequencer = 30 %  treasury = 70 % }", "split2.proto-script");
        Assert.Equal(builtIn.Stdout.Replace("(split)", "(csharp)", StringComparison.Ordinal), hook.Stdout);
        Assert.Contains("\"feeDistribution\"", split.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hook_that_pays_out_more_than_the_block_collected_stops_the_run_with_exit_1_naming_the_hook_the_time_and_the_block()
    {
        var outcome = RunWith("csharp { Pay(Role.Treasury, block.Collected + 1); }", "overpays.proto-script");
        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(string.Empty, outcome.Stdout);
        Assert.Contains("overpays.proto-script:8:29: error PS4006: hook `rollup A fees` paid out ", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("at 2 s in block 1 of rollup A", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fee_hook_that_does_not_compile_is_exit_2_with_the_csharp_error_at_the_scenario_position()
    {
        var outcome = RunWith("csharp { Pay(Role.L1, block.Collected); }", "broken.proto-script");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(string.Empty, outcome.Stdout);
        Assert.Contains("broken.proto-script:8:38: error CS0117:", outcome.Stderr, StringComparison.Ordinal);
    }
}
