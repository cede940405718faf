using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

public class ExpressLaneBindingTests
{
    // TestSources.Valid with fcfs ordering and LINES after the rollup's accounts (line 9 onwards).
    private static string With(string lines) =>
        TestSources.Valid
            .Replace("ordering = priority_fee", "ordering = fcfs", StringComparison.Ordinal)
            .Replace("accounts 100 funded 1 eth", "accounts 100 funded 1 eth\n    " + lines, StringComparison.Ordinal);

    private static string Located(Diagnostics.Diagnostic d) => $"{d.Code} {d.Position.Line}:{d.Position.Column} {d.Message}";

    [Fact]
    public void An_empty_express_lane_block_has_Arbitrums_parameters()
    {
        var result = TestSources.Compile(With("express_lane { }"));
        Assert.Empty(result.Diagnostics);
        var lane = result.Model!.Rollups[0].ExpressLane!;
        Assert.Equal(ExpressLaneModel.Arbitrum, lane);
        Assert.Equal(SimDuration.FromSeconds(60), lane.Round);
        Assert.Equal(SimDuration.FromSeconds(15), lane.Closing);
        Assert.Equal(SimDuration.FromMilliseconds(200), lane.Delay);
        Assert.Equal((UInt128)1_000_000_000_000_000, lane.Reserve);
        Assert.Equal(AuctionPrice.Second, lane.Price);
    }

    [Fact]
    public void Every_setting_is_read_and_a_like_rollup_inherits_the_lane()
    {
        var text = With("express_lane {\n      round = 30 s\n      closing = 5 s\n      delay = 100 ms\n      reserve = 0.01 eth\n      price = first\n    }")
            .Replace("  workload {", "  rollup B like A {}\n  workload {", StringComparison.Ordinal)
            .Replace("on A", "on A, B", StringComparison.Ordinal);
        var result = TestSources.Compile(text);
        Assert.Empty(result.Diagnostics);
        var expected = new ExpressLaneModel(SimDuration.FromSeconds(30), SimDuration.FromSeconds(5), SimDuration.FromMilliseconds(100), 10_000_000_000_000_000, AuctionPrice.First);
        Assert.Equal(expected, result.Model!.Rollups[0].ExpressLane);
        Assert.Equal(expected, result.Model.Rollups[1].ExpressLane);
        Assert.Null(TestSources.Compile(TestSources.Valid).Model!.Rollups[0].ExpressLane);
    }

    [Fact]
    public void The_lanes_fields_can_be_swept()
    {
        var result = TestSources.Compile(With("express_lane { delay = 200 ms }") + "\nsweep rollup.A.express_lane.delay in [0 ms, 50 ms, 500 ms] runs 2\n");
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
    }

    [Theory]
    [InlineData("closing = 60 s", "PS3006 10:30 the express lane's `closing` (1 min) must be shorter than its `round` (1 min)")]
    [InlineData("round = 10 s  closing = 15 s", "PS3006 10:44 the express lane's `closing` (15 s) must be shorter than its `round` (10 s)")]
    [InlineData("round = 10 s", "PS3006 10:28 the express lane's `closing` (15 s) must be shorter than its `round` (10 s)")]
    [InlineData("delay = 2 min", "PS3006 10:28 the express lane's `delay` (2 min) must be shorter than its `round` (1 min)")]
    public void A_closing_or_delay_not_shorter_than_the_round_is_located_at_its_value_or_at_the_round_when_defaulted(string settings, string message)
    {
        var d = TestSources.Single(With("express_lane { " + settings + " }"));
        Assert.StartsWith(message, Located(d), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("price = vickrey", "PS3005")]
    [InlineData("reserve = 5 s", "PS3003")]
    [InlineData("delay = 200", "PS3003")]
    [InlineData("deadline = 1 s", "PS3001")]
    public void A_bad_setting_is_a_located_error(string settings, string code)
    {
        var d = TestSources.Single(With("express_lane { " + settings + " }"));
        Assert.Equal(code, d.Code);
        Assert.Equal(10, d.Position.Line);
    }

    [Theory]
    [InlineData("priority_fee", "`ordering = priority_fee`")]
    [InlineData("auction", "`ordering = auction`")]
    [InlineData("random", "`ordering = random`")]
    [InlineData("csharp => x.ArrivalSequence.CompareTo(y.ArrivalSequence)", "a C# ordering hook")]
    public void An_ordering_other_than_fcfs_is_refused_at_the_ordering_naming_it(string ordering, string named)
    {
        var text = With("express_lane { }").Replace("ordering = fcfs", "ordering = " + ordering, StringComparison.Ordinal);
        var d = TestSources.Single(text);
        Assert.Equal("PS3005", d.Code);
        Assert.Equal(8, d.Position.Line);
        Assert.Equal(5, d.Position.Column);
        Assert.Equal($"rollup `A` has an express lane (line 10), which needs `ordering = fcfs`, not {named}: Timeboost is a first-come-first-served sequencer that delays every transaction but the holder's", d.Message);
        Assert.StartsWith("use `ordering = fcfs`", d.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("flashblocks = 500 ms", "`express_lane` cannot be combined with `flashblocks` (line 11)")]
    [InlineData("sequencer {\n      withhold = 10 s for 10 s\n    }", "`express_lane` cannot be combined with a sequencer that withholds (line 11)")]
    public void The_lane_with_streamed_blocks_or_a_withholding_sequencer_is_refused_at_the_lane(string other, string message)
    {
        var d = TestSources.Single(With("express_lane { }\n    " + other));
        Assert.Equal("PS3005", d.Code);
        Assert.Equal(10, d.Position.Line);
        Assert.Equal(5, d.Position.Column);
        Assert.StartsWith(message, d.Message, StringComparison.Ordinal);
        Assert.StartsWith("remove `express_lane`", d.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sequencer {\n      down = 10 s for 10 s\n    }")]
    [InlineData("sequencer {\n      censor = 10 % at 10 s for 10 s\n    }")]
    [InlineData("forced_inclusion = deposits")]
    [InlineData("validity = csharp => true")]
    public void The_lane_runs_with_outages_censorship_forced_inclusion_and_validity_hooks(string other)
    {
        var result = TestSources.Compile(With("express_lane { }\n    " + other));
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        Assert.NotNull(result.Model!.Rollups[0].ExpressLane);
    }

    [Theory]
    [InlineData("shared_sequencer espresso for A, B {}", "shared_sequencer")]
    [InlineData("builder b1 for A, B {}", "builder")]
    public void A_lane_rollup_in_a_shared_sequencer_or_cross_chain_builder_is_located_at_its_name(string coordinator, string what)
    {
        var text = $$"""
            scenario "x" {
              duration 1 min
              rollup A {
                block_time = 2 s
                accounts 10 funded 1 eth
              }
              rollup B like A {
                express_lane { }
              }
              {{coordinator}}
              workload {
                users = poisson(5 / s) on A, B
              }
            }
            """;
        var d = TestSources.Single(text);
        var column = coordinator.IndexOf(", B", StringComparison.Ordinal) + 3 + 2;
        Assert.StartsWith($"PS3005 10:{column} rollup `B` has an express lane (`express_lane`), which cannot be combined with a `{what}`", Located(d), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pbs_builder_for_a_lane_rollup_is_refused_at_the_builder()
    {
        var text = With("express_lane { }").Replace("  workload {", "  builder b1 for A { bid = 90 % }\n  workload {", StringComparison.Ordinal);
        var d = TestSources.Single(text);
        Assert.Equal("PS3005", d.Code);
        Assert.Equal(12, d.Position.Line);
        Assert.Contains("its `express_lane` delays transactions", d.Message, StringComparison.Ordinal);
    }
}
