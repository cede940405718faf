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
    [InlineData("faulty = 1", "faulty = 4", "PS3006 11:34 `faulty` (4) must be below `nodes` (4)")]
    [InlineData("faulty = 1", "faulty = 2", "PS3006 11:34 a BFT set of 4 nodes tolerates at most 1 faulty; with 2 it cannot reach a quorum and halts")]
    [InlineData("executes = false", "executes = 3", "PS3005 12:16 `executes` must be `true` or `false`, found a plain number")]
    [InlineData("simulate = cross_chain", "simulate = everything", "PS3005 14:36 `everything` is not a valid `simulate`")]
    [InlineData("rollup C like A {}", "rollup C like A { block_time = 1 s }", "PS3005 14:18 the rollups of `builder` share one slot, but their block times differ: C 1 s, D 2 s")]
    [InlineData("for C, D {", "for A {", "PS3005 14:18 a builder for a rollup that another PBS rule excludes: rollup `A` has PBS builders, but shared sequencer `espresso` orders its blocks")]
    public void Sequencing_errors_point_at_the_faulty_value(string original, string replacement, string expected)
    {
        var text = Scenario.Replace(original, replacement, StringComparison.Ordinal);
        Assert.Contains(expected, TestSources.Errors(text));
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
