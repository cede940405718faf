using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Sequencing.Consensus;
using ProtoScript.Engine.Simulation;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

/// <summary>
/// A BFT set whose proposer a rule names, as a <c>proposer = csharp ...</c> hook names it: asked
/// once per round as it starts, with a view of the height, the round and the set.
/// </summary>
public class ProposerHookTests
{
    // One rollup, 2 s blocks, 4 users a second; its set's proposer is a hook (the test's rule runs it), written last because an expression hook runs to the end of its line.
    private const string Scenario = """
        scenario "set" {
          seed 3
          duration 58 s
          l1 ethereum { slot_time = 12 s }
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
            derivation = standard { sequencing_window = 10 }
            forced_inclusion = deposits
            sequencer {
              consensus = bft {
                nodes = 4  vote_delay = 500 ms  timeout_commit = 0 s
                SET
              }
            }
          }
          workload {
            users = poisson(4 / s) on A
            value = constant(0.001 eth)
          }
        }
        """;

    private static ScenarioModel Model(string set) => TestScenarios.Bind(Scenario.Replace("SET", set, StringComparison.Ordinal));

    private static SimulationResult Run(string set, Func<ProposerView, int> rule) =>
        Simulator.Run(Model(set + "\n    proposer = csharp => 1"), new SimulationOptions { Rules = new Provider(new Rule(rule)) });

    [Fact]
    public void A_hook_that_names_crashed_node_2_first_and_node_3_next_costs_every_height_exactly_one_round_of_timeouts()
    {
        // Round 0 of every height waits out the 3 s propose timeout and two 500 ms nil votes; node 3
        // then commits 1.5 s later, so a height takes 5.5 s and starts where the last one committed:
        // at 2 s, 7.5 s, …, 51.5 s (committed at 57 s), 10 heights by 58 s. The 11th starts at 57 s
        // with node 2: its timeout and its missed round count as the round starts.
        var result = Run("crashed = [2]", r => r.Round == 0 ? 2 : 3);

        var consensus = Assert.Single(result.Sequencers).Consensus!;
        Assert.Equal(10, consensus.Heights);
        Assert.Equal([new RoundsCount(2, 10)], consensus.RoundsPerHeight.ToArray());
        Assert.Equal(10, consensus.ExtraRounds);
        Assert.Equal(SimDuration.FromSeconds(33), consensus.TimeInTimeouts);
        Assert.Equal([0L, 0, 10, 0], consensus.PerNode.Select(n => n.Proposed).ToArray());
        Assert.Equal([0L, 11, 0, 0], consensus.PerNode.Select(n => n.Missed).ToArray());
        Assert.Equal(10, result.Rollups[0].Blocks);
        Assert.True(result.Rollups[0].Supply.Conserved);
    }

    [Fact]
    public void A_hook_equal_to_round_robin_gives_exactly_the_built_in_run()
    {
        var hooked = Run("crashed = [1]", r => r.RoundRobin);
        var builtIn = Simulator.Run(Model("crashed = [1]"));

        Assert.Equal(Assert.Single(builtIn.Sequencers).Consensus, Assert.Single(hooked.Sequencers).Consensus);
        Assert.Equal(builtIn.Rollups[0].Blocks, hooked.Rollups[0].Blocks);
        Assert.Equal(builtIn.Rollups[0].StateRoot, hooked.Rollups[0].StateRoot);
        Assert.Equal(builtIn.Rollups[0].InclusionLatency, hooked.Rollups[0].InclusionLatency);
    }

    [Fact]
    public void The_hook_sees_the_height_the_round_the_previous_proposer_the_stakes_and_the_crashed_nodes()
    {
        var seen = new List<(long Height, int Round, long Time, int Previous, ulong Stake1, bool Crashed2, int Nodes)>();
        Run("stakes = [40, 30, 20, 10]  crashed = [2]", r =>
        {
            seen.Add((r.Height, r.Round, r.TimeMicroseconds, r.PreviousProposer, r.Stake(1), r.IsCrashed(2), r.Nodes));
            return r.Round == 0 ? 2 : 3;
        });

        Assert.Equal(
            [
                (1L, 0, 2_000_000L, 0, 40UL, true, 4),
                (1L, 1, 6_000_000L, 0, 40UL, true, 4),
                (2L, 0, 7_500_000L, 3, 40UL, true, 4),
            ],
            seen.Take(3));
    }

    [Fact]
    public void A_set_with_a_proposer_hook_and_no_compiled_rule_is_refused_rather_than_run_by_round_robin()
    {
        var model = Model("proposer = csharp => 1");
        Assert.Throws<ArgumentException>(() => Simulator.Run(model));
    }

    [Fact]
    public void A_hook_that_throws_stops_the_run_with_the_time_and_height()
    {
        var failure = Assert.Throws<RuleFailedException>(() => Run(string.Empty, r => r.Height == 3 ? throw new InvalidOperationException("boom") : r.RoundRobin));

        Assert.Equal("A", failure.Rollup);
        Assert.Equal(3, failure.Block);
        Assert.IsType<InvalidOperationException>(failure.InnerException);
    }

    private sealed class Rule(Func<ProposerView, int> choose) : IProposerRule
    {
        public int Proposer(ProposerView round) => choose(round);
    }

    private sealed class Provider(IProposerRule rule) : IRuleProvider
    {
        public object? Create(HookModel hook, RandomStream? random) => hook.Kind == HookKind.BftProposer ? rule : null;
    }
}
