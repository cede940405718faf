using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

public class SharedSequencingBindingTests
{
    private const string Scenario = """
        scenario "x" {
          duration 1 min
          rollup A {
            block_time = 2 s
            accounts 10 funded 1 eth
          }
          rollup B like A {}
          rollup C like A {}
          rollup D like A {}
          shared_sequencer espresso for A, B {
            consensus = bft { nodes = 4  faulty = 1  round = 500 ms }
            executes = false
          }
          builder b1 for C, D { simulate = cross_chain }
          workload {
            users = poisson(5 / s) on A, B, C, D
            cross_chain = 10 %
          }
        }
        """;

    [Fact]
    public void Shared_sequencers_and_builders_bind_with_their_rollups_and_settings()
    {
        var result = TestSources.Compile(Scenario);
        Assert.Empty(result.Diagnostics);
        var sequencer = Assert.Single(result.Model!.SharedSequencers);
        Assert.Equal("espresso", sequencer.Name);
        Assert.Equal(new BftModel(4, 1, SimDuration.FromMilliseconds(500)), sequencer.Consensus);
        Assert.Equal(["A", "B"], sequencer.Rollups.ToArray());
        Assert.False(sequencer.Executes);
        Assert.Equal(SharedSequencerKind.Enshrined, sequencer.Kind);
        Assert.Equal(SimDuration.Zero, sequencer.Hop);
        var builder = Assert.Single(result.Model.Builders);
        Assert.Equal("b1", builder.Name);
        Assert.Equal(["C", "D"], builder.Rollups.ToArray());
        Assert.True(builder.SimulatesCrossChain);
    }

    [Fact]
    public void An_external_sequencer_has_a_hop()
    {
        var text = Scenario.Replace("executes = false", "executes = false\n    kind = external\n    hop = 300 ms", StringComparison.Ordinal)
            .Replace("builder b1 for C, D { simulate = cross_chain }", string.Empty, StringComparison.Ordinal);
        var sequencer = Assert.Single(TestSources.Compile(text).Model!.SharedSequencers);
        Assert.Equal(SharedSequencerKind.External, sequencer.Kind);
        Assert.Equal(SimDuration.FromMilliseconds(300), sequencer.Hop);
    }

    [Theory]
    [InlineData("builder b1 for C, D", "shared_sequencer s2 for C, B", "PS3004 14:30 rollup `B` already has its blocks ordered by `espresso` (line 10)")]
    [InlineData("for C, D {", "for C, B {", "PS3005 14:18 a builder for rollups of shared sequencer `espresso` builds its whole slot: list exactly A, B")]
    [InlineData("for A, B {", "for A, X {", "PS3007 10:36 no rollup named `X`")]
    [InlineData("faulty = 1", "faulty = 5", "PS3006 11:34 `faulty` (5) cannot exceed `nodes` (4)")]
    [InlineData("consensus = bft {", "consensus = pbft {", "PS3005 11:17 `consensus` must be a BFT set or a Raft set")]
    [InlineData("executes = false", "executes = 3", "PS3005 12:16 `executes` must be `true` or `false`, found a plain number")]
    [InlineData("simulate = cross_chain", "simulate = everything", "PS3005 14:36 `everything` is not a valid `simulate`")]
    [InlineData("rollup C like A {}", "rollup C like A { block_time = 1 s }", "PS3005 14:18 the rollups of `builder` share one slot, but their block times differ: C 1 s, D 2 s")]
    [InlineData("for C, D {", "for A {", "PS3005 14:18 a builder for a rollup that another PBS rule excludes: rollup `A` has PBS builders, but shared sequencer `espresso` orders its blocks")]
    public void Sequencing_errors_point_at_the_faulty_value(string original, string replacement, string expected)
    {
        var text = Scenario.Replace(original, replacement, StringComparison.Ordinal);
        Assert.Contains(expected, TestSources.Errors(text));
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(4, true)]
    [InlineData(1, false)]
    public void The_one_draw_form_binds_faulty_nodes_past_the_bound_as_a_set_that_halts(int faulty, bool halts)
    {
        // Quorum of 4 is 3: with f crashed, 4 − f nodes are alive, so f = 2 or more halts, f = 1 (the bound ⌊3 / 3⌋) does not.
        var result = TestSources.Compile(Scenario.Replace("faulty = 1", $"faulty = {faulty}", StringComparison.Ordinal));
        Assert.Empty(result.Diagnostics);
        var sequencer = Assert.Single(result.Model!.SharedSequencers);
        Assert.Equal(new BftModel(4, faulty, SimDuration.FromMilliseconds(500)), sequencer.Consensus);
        Assert.Equal(halts, sequencer.Consensus.Halts);
        Assert.Null(sequencer.Set);
    }

    [Theory]
    [InlineData(1, 0, false)]
    [InlineData(3, 0, false)]
    [InlineData(3, 1, true)]
    [InlineData(7, 2, false)]
    [InlineData(7, 3, true)]
    [InlineData(7, 7, true)]
    public void A_bft_set_halts_exactly_past_a_third_of_its_nodes_less_one(int nodes, int faulty, bool halts)
    {
        // n = 3: ⌊2 / 3⌋ = 0 tolerated (quorum 3, 2 alive); n = 7: ⌊6 / 3⌋ = 2 tolerated (quorum 5).
        Assert.Equal(halts, new BftModel(nodes, faulty, SimDuration.Zero).Halts);
    }

    [Fact]
    public void A_shared_sequencer_takes_a_raft_set()
    {
        var text = Scenario.Replace("consensus = bft { nodes = 4  faulty = 1  round = 500 ms }", "consensus = raft { nodes = 5  failover = 2 s  crashed = [1] at 10 s for 20 s }", StringComparison.Ordinal);
        var result = TestSources.Compile(text);
        Assert.Empty(result.Diagnostics);
        var set = Assert.Single(result.Model!.SharedSequencers).Set!;
        Assert.Equal((ConsensusProtocol.Raft, 5, 3, SimDuration.FromSeconds(2), SimDuration.FromMilliseconds(10)), (set.Protocol, set.Nodes, set.Quorum, set.Failover, set.Replication));
        Assert.Equal(new TimeWindow(SimDuration.FromSeconds(10), SimDuration.FromSeconds(20)), Assert.Single(set.Faults).Window);
    }

    [Fact]
    public void A_builder_may_build_the_slots_of_a_shared_sequencer_with_the_same_rollups()
    {
        var result = TestSources.Compile(Scenario.Replace("builder b1 for C, D", "builder b1 for B, A", StringComparison.Ordinal));
        Assert.Empty(result.Diagnostics);
        Assert.Single(result.Model!.SharedSequencers);
        Assert.Equal(["B", "A"], Assert.Single(result.Model.Builders).Rollups.ToArray());
    }
}
