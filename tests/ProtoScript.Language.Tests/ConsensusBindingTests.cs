using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

/// <summary><c>sequencer { consensus = bft { ... } }</c> and <c>raft { ... }</c>: what binds, and each mistake's located diagnostic.</summary>
public class ConsensusBindingTests
{
    // Line 7 is `consensus`, 8 `nodes`, 9 `crashed`, 10 `censor`.
    private const string Scenario = """
        scenario "x" {
          duration 30 min
          rollup A {
            block_time = 2 s
            accounts 10 funded 1 eth
            sequencer {
              consensus = bft {
                nodes = 4
                crashed = 1 at 10 min for 5 min
                censor = 10 % by [3]
              }
            }
          }
          workload { users = poisson(5 / s) on A }
        }
        """;

    private static string With(string original, string replacement) => Scenario.Replace(original, replacement, StringComparison.Ordinal);

    [Fact]
    public void A_bft_set_binds_with_cometbft_timeouts_and_faults_by_count_window_and_named_node()
    {
        var result = TestSources.Compile(Scenario);
        Assert.Empty(result.Diagnostics);
        var set = result.Model!.Rollups[0].Sequencer.Consensus!;
        Assert.Equal(ConsensusProtocol.Bft, set.Protocol);
        Assert.Equal(4, set.Nodes);
        Assert.Equal(3, set.Quorum);
        Assert.Equal(ConsensusTimeouts.CometBft, set.Timeouts);
        Assert.Equal(SimDuration.FromMilliseconds(4_000), set.Timeouts.ProposeAt(2));
        var crashed = set.Faults[0];
        Assert.Equal((NodeFaultKind.Crashed, 0), (crashed.Kind, Assert.Single(crashed.Nodes)));
        Assert.Equal(new TimeWindow(SimDuration.FromSeconds(600), SimDuration.FromSeconds(300)), crashed.Window);
        Assert.Equal((NodeFaultKind.Censoring, 2, 0.1), (set.Faults[1].Kind, Assert.Single(set.Faults[1].Nodes), set.Faults[1].CensoredShare));
    }

    [Fact]
    public void A_raft_set_binds_with_its_failover_and_replication()
    {
        var result = TestSources.Compile(With("consensus = bft {\n        nodes = 4\n        crashed = 1 at 10 min for 5 min\n        censor = 10 % by [3]", "consensus = raft {\n        nodes = 5\n        failover = 2 s\n        crashed = [1] at 10 min for 5 min"));
        Assert.Empty(result.Diagnostics);
        var set = result.Model!.Rollups[0].Sequencer.Consensus!;
        Assert.Equal((ConsensusProtocol.Raft, 5, 3), (set.Protocol, set.Nodes, set.Quorum));
        Assert.Equal(SimDuration.FromSeconds(2), set.Failover);
        Assert.Equal(SimDuration.FromMilliseconds(10), set.Replication);
    }

    [Theory]
    [InlineData("crashed = 1 at 10 min for 5 min", "crashed = 5", "PS3006 9:19 a set of 4 nodes has 4 node(s) left for `crashed`, not 5")]
    [InlineData("censor = 10 % by [3]", "censor = 10 % by [5]", "PS3006 10:27 `a node number` must be a whole number between 1 and 4")]
    [InlineData("censor = 10 % by [3]", "censor = 10 % by [1, 1]", "PS3004 10:30 node 1 is listed twice")]
    [InlineData("censor = 10 % by [3]", "censor = 10 %", "PS3005 10:9 `censor` is written `censor = SHARE by COUNT` or `censor = SHARE by [NODE, ...]`")]
    [InlineData("censor = 10 % by [3]", "equivocate = 1 at 5 min for 1 min", "PS2001 10:27 unexpected arguments after `equivocate`")]
    [InlineData("nodes = 4", "nodes = 4\n        stakes = [1, 2, 3, 4]", "PS3005 9:9 `stakes` choose the proposer only with `proposer = stake_weighted` or a `proposer` hook")]
    [InlineData("nodes = 4", "nodes = 4\n        proposer = stake_weighted\n        stakes = [1, 2]", "PS3006 10:18 `stakes` has 2 entries for 4 nodes")]
    [InlineData("consensus = bft {", "consensus = pbft {", "PS3005 7:19 `consensus` must be a BFT set or a Raft set")]
    [InlineData("nodes = 4", "nodes = 4\n        faulty = 1", "PS3001 9:9 unknown name `faulty` in the `bft` set of rollup `A`")]
    [InlineData("nodes = 4", "nodes = 4\n        proposer = leader", "PS3005 9:20 `leader` is not a valid `proposer`")]
    public void A_bad_set_is_a_located_error(string original, string replacement, string expected)
    {
        var error = TestSources.Single(With(original, replacement));
        Assert.Equal(expected, $"{error.Code} {error.Position.Line}:{error.Position.Column} {error.Message}");
    }

    [Fact]
    public void A_proposer_hook_binds_as_the_bft_proposer_site_of_the_rollup_and_may_read_stakes()
    {
        var result = TestSources.Compile(With("nodes = 4", "nodes = 4\n        stakes = [4, 3, 2, 1]\n        proposer = csharp => round.RoundRobin"));
        Assert.Empty(result.Diagnostics);
        var set = result.Model!.Rollups[0].Sequencer.Consensus!;
        Assert.Equal(ProposerRotation.Hooked, set.Rotation);
        Assert.Equal([4UL, 3, 2, 1], set.Stakes.ToArray());
        var hook = set.ProposerHook!;
        Assert.Equal((HookKind.BftProposer, "rollup A proposer", "round.RoundRobin"), (hook.Kind, hook.Owner, hook.Code.Trim()));
        Assert.Contains(hook, result.Model.Hooks);
    }

    [Fact]
    public void An_unknown_proposer_rule_lists_the_rotations_and_the_hook()
    {
        var error = TestSources.Single(With("nodes = 4", "nodes = 4\n        proposer = leader"));
        Assert.Equal("valid values: round_robin, stake_weighted, csharp { ... }", error.Hint);
    }

    [Fact]
    public void A_shared_sequencers_proposer_hook_is_named_for_the_shared_sequencer()
    {
        const string Shared = """
            scenario "x" {
              duration 30 min
              rollup A { block_time = 2 s; accounts 10 funded 1 eth }
              rollup B like A { }
              shared_sequencer S for A, B {
                consensus = bft {
                  nodes = 4
                  proposer = csharp { return round.Round == 0 ? 1 : 2; }
                }
              }
              workload { users = poisson(5 / s) on A, B }
            }
            """;
        var result = TestSources.Compile(Shared);
        Assert.Empty(result.Diagnostics);
        var hook = Assert.Single(result.Model!.SharedSequencers).Set!.ProposerHook!;
        Assert.Equal((HookKind.BftProposer, "shared sequencer S proposer"), (hook.Kind, hook.Owner));
    }

    [Fact]
    public void A_set_cannot_also_be_ordered_by_a_shared_sequencer()
    {
        var text = Scenario
            .Replace("  workload", "  rollup B like A {\n    sequencer { }\n  }\n  shared_sequencer S for A, B { }\n  workload", StringComparison.Ordinal)
            .Replace("on A }", "on A, B }", StringComparison.Ordinal);
        var error = TestSources.Single(text);
        Assert.Equal(("PS3005", 6), (error.Code, error.Position.Line));
        Assert.Contains("shared sequencer `S`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shared_sequencer_takes_heights_and_rounds_but_not_mixed_with_the_one_draw_form()
    {
        const string Shared = """
            scenario "x" {
              duration 30 min
              rollup A { block_time = 2 s; accounts 10 funded 1 eth }
              rollup B like A { }
              shared_sequencer S for A, B {
                consensus = bft { CONSENSUS }
              }
              workload { users = poisson(5 / s) on A, B }
            }
            """;
        var rounds = TestSources.Compile(Shared.Replace("CONSENSUS", "nodes = 7  vote_delay = 200 ms  crashed = 2", StringComparison.Ordinal));
        Assert.Empty(rounds.Diagnostics);
        var sequencer = Assert.Single(rounds.Model!.SharedSequencers);
        Assert.Equal((7, 5, SimDuration.FromMilliseconds(200)), (sequencer.Set!.Nodes, sequencer.Set.Quorum, sequencer.Set.VoteDelay));

        var original = TestSources.Compile(Shared.Replace("CONSENSUS", "nodes = 4  faulty = 1  round = 500 ms", StringComparison.Ordinal));
        Assert.Empty(original.Diagnostics);
        Assert.Null(Assert.Single(original.Model!.SharedSequencers).Set);

        var error = TestSources.Single(Shared.Replace("CONSENSUS", "nodes = 4  faulty = 1  crashed = 1", StringComparison.Ordinal));
        Assert.Equal(("PS3005", 6, 34), (error.Code, error.Position.Line, error.Position.Column));
        Assert.StartsWith("`faulty` belongs to the one-draw form", error.Message, StringComparison.Ordinal);
    }
}
