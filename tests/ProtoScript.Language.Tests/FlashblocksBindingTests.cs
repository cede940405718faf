using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

public class FlashblocksBindingTests
{
    private static string With(string lines) =>
        TestSources.Valid.Replace("ordering = priority_fee", "ordering = priority_fee\n    " + lines, StringComparison.Ordinal);

    private static string Located(Diagnostics.Diagnostic d) => $"{d.Code} {d.Position.Line}:{d.Position.Column} {d.Message}";

    [Fact]
    public void Flashblocks_of_200_ms_in_2_s_blocks_stream_10_sub_blocks_per_block()
    {
        var result = TestSources.Compile(With("flashblocks = 200 ms"));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(new FlashblocksModel(SimDuration.FromMilliseconds(200), 10), result.Model!.Rollups[0].Flashblocks);
    }

    [Fact]
    public void A_rollup_without_flashblocks_is_not_streamed_and_a_like_rollup_inherits_them()
    {
        Assert.Null(TestSources.Compile(TestSources.Valid).Model!.Rollups[0].Flashblocks);
        var text = With("flashblocks = 500 ms").Replace("  workload {", "  rollup B like A {}\n  workload {", StringComparison.Ordinal)
            .Replace("on A", "on A, B", StringComparison.Ordinal);
        var model = TestSources.Compile(text).Model!;
        Assert.Equal(4, model.Rollups[1].Flashblocks!.PerBlock);
    }

    [Fact]
    public void An_interval_that_does_not_divide_the_block_time_is_located_with_a_divisor_to_use()
    {
        var d = TestSources.Single(With("flashblocks = 300 ms"));
        Assert.Equal("PS3005 9:19 `flashblocks` (300 ms) must divide `block_time` (2 s) exactly, so that the last sub-block ends when the block is sealed", Located(d));
        Assert.Equal("write e.g. `flashblocks = 250 ms`", d.Hint);
    }

    [Theory]
    [InlineData("2 s")]
    [InlineData("4 s")]
    public void An_interval_not_shorter_than_the_block_time_is_out_of_range(string interval)
    {
        var d = TestSources.Single(With("flashblocks = " + interval));
        Assert.Equal($"PS3006 9:19 `flashblocks` ({interval}) must be shorter than `block_time` (2 s): a block is streamed as several sub-blocks", Located(d));
        Assert.Contains("`flashblocks = 200 ms`", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interval_without_a_time_unit_is_a_unit_error()
    {
        var d = TestSources.Single(With("flashblocks = 200"));
        Assert.Equal("PS3003", d.Code);
        Assert.Equal(9, d.Position.Line);
    }

    [Theory]
    [InlineData("ordering = auction", "`flashblocks` cannot be combined with `ordering = auction` (line 8)")]
    [InlineData("sequencer {\n      down = 10 s for 10 s\n    }", "`flashblocks` cannot be combined with a sequencer that goes down or withholds (line 10)")]
    [InlineData("sequencer {\n      withhold = 10 s for 10 s\n    }", "`flashblocks` cannot be combined with a sequencer that goes down or withholds (line 10)")]
    [InlineData("forced_inclusion = deposits", "`flashblocks` cannot be combined with `forced_inclusion` (line 10)")]
    public void Flashblocks_with_a_construct_that_takes_over_block_building_is_a_located_error(string other, string message)
    {
        var text = With("flashblocks = 200 ms\n    " + other);
        if (other.StartsWith("ordering", StringComparison.Ordinal))
        {
            text = With("flashblocks = 200 ms").Replace("ordering = priority_fee", other, StringComparison.Ordinal);
        }

        var d = TestSources.Single(text);
        Assert.Equal("PS3005", d.Code);
        Assert.Equal(9, d.Position.Line);
        Assert.Equal(5, d.Position.Column);
        Assert.StartsWith(message, d.Message, StringComparison.Ordinal);
        Assert.StartsWith("remove `flashblocks`", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_censoring_sequencer_may_stream_its_blocks()
    {
        var result = TestSources.Compile(With("flashblocks = 200 ms\n    sequencer {\n      censor = 10 % at 10 s for 10 s\n    }"));
        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Model!.Rollups[0].Flashblocks);
    }

    [Theory]
    [InlineData("shared_sequencer espresso for A, B {}", "shared_sequencer")]
    [InlineData("builder b1 for A, B {}", "builder")]
    public void A_streamed_rollup_in_a_shared_sequencer_or_cross_chain_builder_is_located_at_its_name_in_the_for_list(string coordinator, string what)
    {
        var text = $$"""
            scenario "x" {
              duration 1 min
              rollup A {
                block_time = 2 s
                accounts 10 funded 1 eth
              }
              rollup B like A {
                flashblocks = 200 ms
              }
              {{coordinator}}
              workload {
                users = poisson(5 / s) on A, B
              }
            }
            """;
        var d = TestSources.Single(text);
        var column = coordinator.IndexOf(", B", StringComparison.Ordinal) + 3 + 2;
        Assert.Equal($"PS3005 10:{column} rollup `B` streams its blocks (`flashblocks`), which cannot be combined with a `{what}`: it opens and fills the rollup's blocks itself, slot by slot", Located(d));
    }
}
