namespace ProtoScript.Cli.Tests;

/// <summary>A BFT set's proposer as a C# hook (<c>proposer = csharp ...</c>), run from the CLI on both engines.</summary>
public class ProposerHookRunTests
{
    // Two rollups under one shared sequencer run by heights and rounds; PROPOSER is each test's line.
    private const string Shared = """
        scenario "shared proposer" {
          seed 3
          duration 5 min
          l1 ethereum { slot_time = 12 s }
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
            derivation = standard { sequencing_window = 10 }
            forced_inclusion = deposits
          }
          rollup B like A { }
          shared_sequencer S for A, B {
            consensus = bft {
              nodes = 4
              vote_delay = 500 ms
              crashed = [1]
              PROPOSER
            }
          }
          workload {
            users = poisson(4 / s) on A, B
            value = constant(0.001 eth)
          }
          expect {
            derivable
            conserved total_supply
          }
        }
        """;

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void The_proposer_hook_example_prints_the_same_report_on_the_scripted_and_the_compiled_engine(string format)
    {
        var path = Path.Combine(Repository.Examples, "proposer-hook.proto-script");

        var scripted = Cli.Run("run", path, "--engine", "scripted", "--format", format);
        var compiled = Cli.Run("run", path, "--engine", "compiled", "--format", format);

        Assert.Equal(0, scripted.ExitCode);
        Assert.Equal(scripted, compiled);
    }

    [Theory]
    [InlineData("scripted")]
    [InlineData("compiled")]
    public void A_shared_sequencers_proposer_hook_equal_to_round_robin_prints_exactly_the_built_in_report(string engine)
    {
        var builtIn = TempFiles.Write("shared-round-robin.proto-script", Shared.Replace("PROPOSER", "proposer = round_robin", StringComparison.Ordinal));
        var hooked = TempFiles.Write("shared-round-robin-hook.proto-script", Shared.Replace("PROPOSER", "proposer = csharp => round.RoundRobin", StringComparison.Ordinal));

        var expected = Cli.Run("run", builtIn, "--engine", "scripted");
        var actual = Cli.Run("run", hooked, "--engine", engine);

        Assert.Equal(0, expected.ExitCode);
        Assert.Contains("extra rounds", expected.Stdout, StringComparison.Ordinal);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("scripted")]
    [InlineData("compiled")]
    public void A_hook_that_names_crashed_node_1_first_and_node_2_next_costs_every_height_one_extra_round(string engine)
    {
        var path = TempFiles.Write("shared-node-1-first.proto-script", Shared.Replace("PROPOSER", "proposer = csharp => round.Round == 0 ? 1 : 2", StringComparison.Ordinal));

        var run = Cli.Run("run", path, "--engine", engine, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var report = System.Text.Json.JsonDocument.Parse(run.Stdout);
        var consensus = report.RootElement.GetProperty("sequencers").EnumerateArray().Single().GetProperty("consensus");
        var heights = consensus.GetProperty("heights").GetInt64();
        Assert.True(heights > 0);
        Assert.Equal(heights, consensus.GetProperty("extraRounds").GetInt64());
    }
}
