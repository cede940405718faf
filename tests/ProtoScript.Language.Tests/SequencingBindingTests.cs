using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

public class SequencingBindingTests
{
    private static string WithRollupLines(string lines) =>
        TestSources.Valid.Replace("accounts 100 funded 1 eth", "accounts 100 funded 1 eth\n    " + lines, StringComparison.Ordinal);

    [Fact]
    public void Without_settings_the_sequencer_never_fails_and_there_is_no_forced_inclusion()
    {
        var rollup = TestSources.Compile(TestSources.Valid).Model!.Rollups[0];
        Assert.Equal(SequencerModel.Reliable, rollup.Sequencer);
        Assert.Equal(ForcedInclusionModel.None, rollup.ForcedInclusion);
    }

    [Fact]
    public void Several_outages_and_a_censor_window_bind_in_source_order()
    {
        var result = TestSources.Compile(WithRollupLines("sequencer {\n      down = 10 s for 5 s\n      down = 30 s for 20 s\n      censor = 10 % at 5 s for 50 s\n    }"));
        Assert.Empty(result.Diagnostics);
        var sequencer = result.Model!.Rollups[0].Sequencer;
        Assert.Equal([new TimeWindow(SimDuration.FromSeconds(10), SimDuration.FromSeconds(5)), new TimeWindow(SimDuration.FromSeconds(30), SimDuration.FromSeconds(20))], sequencer.Down.ToArray());
        var censor = Assert.Single(sequencer.Censor);
        Assert.Equal(0.1, censor.AccountShare, 12);
        Assert.Equal(new TimeWindow(SimDuration.FromSeconds(5), SimDuration.FromSeconds(50)), censor.Window);
    }

    [Fact]
    public void An_outage_that_ends_after_the_run_is_an_error_at_the_window()
    {
        var error = Assert.Single(TestSources.Errors(WithRollupLines("sequencer {\n      down = 30 s for 60 s\n    }")));
        Assert.StartsWith("PS3006 11:14 the window ends at 90 s, after the run ends at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_outage_without_a_length_says_how_to_write_it()
    {
        var diagnostic = TestSources.Single(WithRollupLines("sequencer { down = 30 s }"));
        Assert.Equal("PS3005", diagnostic.Code);
        Assert.Equal("`down` needs a start and a length: `down = 10 min for 30 min`", diagnostic.Message);
    }

    [Fact]
    public void A_censor_window_must_start_with_a_share_of_accounts()
    {
        var diagnostic = TestSources.Single(WithRollupLines("sequencer { censor = 2 s at 5 s for 10 s }"));
        Assert.Equal("PS3005", diagnostic.Code);
        Assert.StartsWith("`censor` must start with the share of user accounts it censors", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forced_inclusion_routes_bind_with_Arbitrum_defaults_for_the_delayed_inbox()
    {
        Assert.Equal(ForcedInclusionKind.Deposits, TestSources.Compile(WithRollupLines("forced_inclusion = deposits")).Model!.Rollups[0].ForcedInclusion.Kind);
        Assert.Equal(ForcedInclusionModel.ArbitrumDelayedInbox, TestSources.Compile(WithRollupLines("forced_inclusion = delayed_inbox")).Model!.Rollups[0].ForcedInclusion);
        var custom = TestSources.Compile(WithRollupLines("forced_inclusion = delayed_inbox { delay_blocks = 50  delay = 10 min }")).Model!.Rollups[0].ForcedInclusion;
        Assert.Equal(new ForcedInclusionModel(ForcedInclusionKind.DelayedInbox, 50, SimDuration.FromSeconds(600)), custom);
    }

    [Fact]
    public void An_unknown_forced_inclusion_route_lists_the_routes()
    {
        var diagnostic = TestSources.Single(WithRollupLines("forced_inclusion = deposit"));
        Assert.Equal("PS3005", diagnostic.Code);
        Assert.Equal("did you mean `deposits`? valid values: none, deposits, delayed_inbox", diagnostic.Hint);
    }

    [Fact]
    public void An_OP_window_no_longer_than_the_batch_interval_plus_two_slots_is_a_warning()
    {
        // 7 blocks × 12 s = 84 s ≤ 60 s + 24 s.
        var diagnostic = Assert.Single(TestSources.Compile(WithRollupLines("derivation = standard { sequencing_window = 7 }\n    forced_inclusion = deposits")).Diagnostics);
        Assert.False(diagnostic.IsError);
        Assert.Equal("PS3006", diagnostic.Code);
        Assert.StartsWith("rollup `A`'s sequencing window (7 L1 blocks, ", diagnostic.Message, StringComparison.Ordinal);
        Assert.Empty(TestSources.Compile(WithRollupLines("derivation = standard { sequencing_window = 8 }\n    forced_inclusion = deposits")).Diagnostics);
    }

    [Fact]
    public void Withholding_windows_bind_in_source_order_beside_outages()
    {
        var result = TestSources.Compile(WithRollupLines("sequencer {\n      withhold = 10 s for 20 s\n      down = 5 s for 1 s\n      withhold = 40 s for 5 s\n    }"));
        Assert.Empty(result.Diagnostics);
        var sequencer = result.Model!.Rollups[0].Sequencer;
        Assert.Equal([new TimeWindow(SimDuration.FromSeconds(10), SimDuration.FromSeconds(20)), new TimeWindow(SimDuration.FromSeconds(40), SimDuration.FromSeconds(5))], sequencer.Withhold.ToArray());
        Assert.Single(sequencer.Down);
        Assert.True(sequencer.HasFaults);
        Assert.NotEqual(SequencerModel.Reliable, sequencer);
    }

    [Fact]
    public void A_withholding_window_without_a_length_says_how_to_write_it()
    {
        var diagnostic = TestSources.Single(WithRollupLines("sequencer { withhold = 30 s }"));
        Assert.Equal("PS3005", diagnostic.Code);
        Assert.Equal("`withhold` needs a start and a length: `withhold = 10 min for 30 min`", diagnostic.Message);
    }

    [Theory]
    [InlineData("withhold = 10.5 us for 20 s", "times are simulated in whole microseconds; this one is finer")]
    [InlineData("down = 1 s for 0.25 us", "times are simulated in whole microseconds; this one is finer")]
    [InlineData("withhold = 10 s for 3 gwei", "expected a time (ms, s, min, h), found an ether amount (wei, gwei, eth)")]
    public void A_window_s_times_are_read_by_the_same_reader_as_every_other_time(string line, string message)
    {
        var diagnostic = TestSources.Single(WithRollupLines("sequencer { " + line + " }"));
        Assert.Equal(message, diagnostic.Message);
    }

    [Fact]
    public void A_withholding_window_that_ends_after_the_run_is_an_error()
    {
        var error = Assert.Single(TestSources.Errors(WithRollupLines("sequencer {\n      withhold = 30 s for 60 s\n    }")));
        Assert.StartsWith("PS3006 11:18 the window ends at 90 s, after the run ends at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Withholding_on_a_rollup_whose_state_a_reorg_cannot_roll_back_is_refused_at_its_sequencer()
    {
        var diagnostic = TestSources.Single(WithRollupLines("fees { base_fee = burn }\n    sequencer { withhold = 10 s for 20 s }"));
        Assert.Equal("PS3005", diagnostic.Code);
        Assert.Equal(11, diagnostic.Position.Line);
        Assert.Equal("rollup `A` withholds batches, which can reorg its blocks, and also has a `fees` block, whose state a reorg does not yet roll back", diagnostic.Message);
        Assert.Empty(TestSources.Compile(WithRollupLines("sequencer { withhold = 10 s for 20 s }")).Diagnostics);
    }

    [Fact]
    public void A_set_that_can_commit_conflicting_blocks_on_a_rollup_whose_state_a_reorg_cannot_roll_back_is_refused_at_its_sequencer()
    {
        // Two equivocators of four: the smaller honest half (1) plus the two reach the quorum of 3, so the losing block is reorged.
        var diagnostic = TestSources.Single(WithRollupLines("fees { base_fee = burn }\n    sequencer { consensus = bft { nodes = 4  equivocate = 2 } }"));
        Assert.Equal("PS3005", diagnostic.Code);
        Assert.Equal(11, diagnostic.Position.Line);
        Assert.Equal("rollup `A`'s sequencer set has enough equivocating nodes to commit two blocks at one height, whose losing block is reorged out, and the rollup also has a `fees` block, whose state a reorg does not yet roll back", diagnostic.Message);

        // One equivocator of four can never commit two blocks, so nothing is reorged and the fees block stays.
        Assert.Empty(TestSources.Compile(WithRollupLines("fees { base_fee = burn }\n    sequencer { consensus = bft { nodes = 4  equivocate = 1 } }")).Diagnostics);
        Assert.Empty(TestSources.Compile(WithRollupLines("sequencer { consensus = bft { nodes = 4  equivocate = 2 } }")).Diagnostics);
    }
}
