namespace ProtoScript.Cli.Tests;

/// <summary>Shared sequencers run by sets of nodes (heights and rounds, Raft, the one-draw form past its bound), from the CLI on both engines.</summary>
public class SharedSequencerSetRunTests
{
    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void The_shared_sequencer_sets_example_prints_the_same_report_on_the_scripted_and_the_compiled_engine(string format)
    {
        var path = Path.Combine(Repository.Examples, "shared-sequencer-sets.proto-script");

        var scripted = Cli.Run("run", path, "--engine", "scripted", "--format", format);
        var compiled = Cli.Run("run", path, "--engine", "compiled", "--format", format);

        Assert.Equal(0, scripted.ExitCode);
        Assert.Equal(scripted, compiled);
    }

    [Theory]
    [InlineData("scripted")]
    [InlineData("compiled")]
    public void A_failing_proposer_hook_of_a_shared_sequencer_names_the_shared_sequencer_not_a_rollup(string engine)
    {
        var path = TempFiles.Write("shared-proposer-throws.proto-script", """
            scenario "shared proposer throws" {
              seed 3
              duration 2 min
              rollup A {
                block_time = 2 s
                accounts 100 funded 1 eth
              }
              rollup B like A { }
              shared_sequencer S for A, B {
                consensus = bft {
                  nodes = 4
                  proposer = csharp => round.Height == 3 ? throw new System.InvalidOperationException("boom") : round.RoundRobin
                }
              }
              workload {
                users = poisson(4 / s) on A, B
              }
            }
            """);

        var run = Cli.Run("run", path, "--engine", engine);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("shared-proposer-throws.proto-script:12:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(" error PS4006: hook `shared sequencer S proposer` threw InvalidOperationException: boom at ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(" in height 3 of shared sequencer S", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("of rollup", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scripted")]
    [InlineData("compiled")]
    public void The_one_draw_form_past_its_bound_runs_and_reports_the_halt_instead_of_being_refused(string engine)
    {
        var path = TempFiles.Write("shared-halted.proto-script", """
            scenario "shared halted" {
              seed 3
              duration 2 min
              l1 ethereum { slot_time = 12 s }
              rollup A {
                block_time = 2 s
                accounts 100 funded 1 eth
                derivation = standard { sequencing_window = 10 }
                forced_inclusion = deposits
              }
              rollup B like A { }
              shared_sequencer S for A, B {
                consensus = bft { nodes = 4  faulty = 2  round = 300 ms }
              }
              workload {
                users = poisson(4 / s) on A, B
              }
            }
            """);

        var run = Cli.Run("run", path, "--engine", engine);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("    halted (no quorum alive)                              2 min\n    block times halted                                    60\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("      node 2 (crashed)\n", run.Stdout, StringComparison.Ordinal);
    }
}
