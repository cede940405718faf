namespace ProtoScript.Cli.Tests;

public class ProverHookRunTests
{
    private const string Scenario = """
        scenario "prover hooks" {
          seed 5
          duration 1 min
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
          }
          workload { users = poisson(4 / s) on A }
          provers for A {
            count = 3
            SELECTION
            proof_time = normal(5 s, 1 s) per block
            cost = 1 gwei per block
          }
        }

        """;

    private static CliOutcome RunWith(string selection, string name) =>
        Cli.Run("run", TempFiles.Write(name, Scenario.Replace("SELECTION", selection, StringComparison.Ordinal)));

    [Fact]
    public void A_selection_hook_that_takes_turns_reports_exactly_what_round_robin_does()
    {
        var builtIn = RunWith("selection = round_robin", "rr.proto-script");
        var hook = RunWith("selection = csharp => (int)((block.Number - 1) % (ulong)provers.Count)", "rr-hook.proto-script");
        Assert.Equal(0, hook.ExitCode);
        Assert.Equal(string.Empty, hook.Stderr);
        Assert.Contains("    selection                  csharp\n", hook.Stdout, StringComparison.Ordinal);
        Assert.Equal(builtIn.Stdout, hook.Stdout.Replace("    selection                  csharp\n", "    selection                  round_robin\n", StringComparison.Ordinal));
    }

    [Fact]
    public void A_selection_hook_sees_busy_provers_and_the_scenarios_random_stream_deterministically()
    {
        const string hook = """
            selection = csharp {
                  var free = provers.Where(p => p.IsFreeAt(block.ReadyMicroseconds)).ToList();
                  return free.Count > 0 ? free[random.NextInt(free.Count)].Index : random.NextInt(provers.Count);
                }
            """;
        var first = RunWith(hook, "free.proto-script");
        var second = RunWith(hook, "free.proto-script");
        var roundRobin = RunWith("selection = round_robin", "rr2.proto-script");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Stdout, second.Stdout);

        // Picking a free prover never queues behind a busy one, so no proof waits longer than under round robin's turns.
        Assert.Contains("pending at end", first.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(roundRobin.Stdout, first.Stdout);
    }

    [Fact]
    public void A_selection_hook_that_returns_an_index_out_of_range_stops_the_run_naming_hook_place_time_and_block()
    {
        var outcome = RunWith("selection = csharp => block.Number == 4 ? provers.Count : 0", "bad-index.proto-script");
        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(string.Empty, outcome.Stdout);
        Assert.Contains(
            "bad-index.proto-script:11:27: error PS4006: hook `provers for A selection` returned prover 3, but the provers are numbered 0 to 2 at 8 s in block 4 of rollup A",
            outcome.Stderr,
            StringComparison.Ordinal);
        Assert.Contains("help: return the `Index` of one of `provers`", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Stderr, StringComparison.Ordinal);
    }
}
