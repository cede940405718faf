using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

/// <summary><c>bundles { path = [...] ... }</c> in <c>workload</c>: what binds, and each mistake's located diagnostic.</summary>
public class BundleBindingTests
{
    // Line 16 is the `path` line, 17 `rate`, 18 `leg`.
    private const string ThreeRollups = """
        scenario "x" {
          duration 1 min
          token usdc { decimals = 6 }
          rollup A {
            block_time = 2 s
            accounts 10 funded 1 eth, 1_000 usdc
            amm "ETH/USDC" { reserves = (100 eth, 300_000 usdc) }
          }
          rollup B like A {}
          rollup C like A {}
          builder b1 for A, B, C { simulate = cross_chain }
          workload {
            users = poisson(5 / s) on A, B, C
            bundles {
              value = 0.2 eth
              path = [A, B, A]
              rate = 2 / s
              leg = swap
              priority_fee = 1 gwei
            }
          }
          expect {
            report.cross_chain.bundles.included > 0
            report.cross_chain.bundles.latency.p99 <= 2 s
          }
        }
        """;

    private static string With(string original, string replacement) => ThreeRollups.Replace(original, replacement, StringComparison.Ordinal);

    [Fact]
    public void A_bundle_stream_binds_its_path_rate_leg_value_and_fee_and_its_metrics()
    {
        var result = TestSources.Compile(ThreeRollups);
        Assert.Empty(result.Diagnostics);
        var stream = Assert.Single(result.Model!.Workload.Bundles);
        Assert.Equal(new[] { "A", "B", "A" }, stream.Path.ToArray());
        Assert.Equal("A→B→A", stream.Name);
        Assert.Equal(2.0, stream.RatePerSecond, 12);
        Assert.Equal(BundleLegKind.Swap, stream.Leg);
        Assert.Equal(200_000_000_000_000_000UL, (ulong)stream.Value);
        Assert.Equal(1_000_000_000UL, (ulong)stream.PriorityFee);
        Assert.Equal(new MetricPath("cross_chain", "bundles.included", MetricUnit.Count), result.Model.Expectations[0].Metric);
        Assert.Equal(new MetricPath("cross_chain", "bundles.latency.p99", MetricUnit.Time), result.Model.Expectations[1].Metric);
    }

    [Fact]
    public void Several_streams_bind_in_order_with_the_defaults()
    {
        var model = TestSources.Compile(With("    bundles {\n", "    bundles { path = [C, B]  rate = 1 / s }\n    bundles {\n")).Model!;
        Assert.Equal(new[] { "C→B", "A→B→A" }, model.Workload.Bundles.Select(b => b.Name).ToArray());
        var first = model.Workload.Bundles[0];
        Assert.Equal(BundleLegKind.Transfer, first.Leg);
        Assert.Equal(1_000_000_000_000_000UL, (ulong)first.Value);
        Assert.Equal(0UL, (ulong)first.PriorityFee);
    }

    [Fact]
    public void A_path_naming_an_unknown_rollup_is_PS3007_at_the_name_with_a_suggestion()
    {
        var error = TestSources.Single(With("path = [A, B, A]", "path = [A, D, A]"));
        Assert.Equal(("PS3007", 16, 18), (error.Code, error.Position.Line, error.Position.Column));
        Assert.Equal("no rollup named `D`", error.Message);
        Assert.NotNull(error.Hint);
    }

    [Theory]
    [InlineData("path = [A]", "PS3005 16:14 a bundle path needs at least 2 legs, found 1")]
    [InlineData("path = []", "PS3005 16:14 a bundle path needs at least 2 legs, found 0")]
    [InlineData("path = [A, A, B]", "PS3005 16:18 rollup `A` follows itself in the path: two legs in a row on one rollup are one leg")]
    [InlineData("path = A", "PS3005 16:14 `path` must be a list of rollups in brackets")]
    public void A_path_of_fewer_than_two_legs_or_with_a_repeated_leg_is_an_error_at_the_path(string path, string expected)
    {
        Assert.Equal([expected], TestSources.Errors(With("path = [A, B, A]", path)));
    }

    [Fact]
    public void A_swap_leg_on_a_rollup_without_a_pool_is_PS3002_naming_the_rollup()
    {
        var text = With("rollup B like A {}", "rollup B {\n    block_time = 2 s\n    accounts 10 funded 1 eth\n  }");
        var errors = TestSources.Errors(text);
        Assert.Equal(["PS3002 21:7 rollup `B` has no `amm` pool: a swap leg trades on each path rollup's first pool"], errors);
        Assert.Empty(TestSources.Errors(text.Replace("leg = swap", "leg = transfer", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_path_without_a_common_builder_or_shared_sequencer_warns_that_it_goes_asynchronously()
    {
        var result = TestSources.Compile(With("builder b1 for A, B, C { simulate = cross_chain }", "builder b1 for A, C { simulate = cross_chain }"));
        var warning = Assert.Single(result.Diagnostics);
        Assert.False(warning.IsError);
        Assert.Equal(("PS3005", 16, 7), (warning.Code, warning.Position.Line, warning.Position.Column));
        Assert.Equal("no shared sequencer or builder holds all of A, B: the bundles of path A→B→A go asynchronously, each hop a cross-chain message delivered in a later block", warning.Message);
        Assert.Equal("to land every leg in one slot, add `builder NAME for A, B { simulate = cross_chain }`", warning.Hint);
        Assert.True(result.Success);
    }

    [Theory]
    [InlineData("rate = 2 / s", "rate = 2 s", "PS3003")]
    [InlineData("rate = 2 / s", "rate = 20_000 / s", "PS3006")]
    [InlineData("leg = swap", "leg = call", "PS3005")]
    [InlineData("value = 0.2 eth", "value = 0 eth", "PS3006")]
    [InlineData("value = 0.2 eth", "valeu = 0.2 eth", "PS3001")]
    public void Bad_fields_are_located_errors(string original, string replacement, string code)
    {
        var error = TestSources.Single(With(original, replacement));
        Assert.Equal(code, error.Code);
        Assert.True(error.Position.Line is >= 15 and <= 19, error.ToString());
    }

    [Fact]
    public void A_bundle_stream_without_path_or_rate_names_the_missing_field()
    {
        var errors = TestSources.Errors(With("      path = [A, B, A]\n      rate = 2 / s\n", string.Empty));
        Assert.Equal(2, errors.Length);
        Assert.Contains(errors, e => e.StartsWith("PS3002", StringComparison.Ordinal) && e.Contains("`path`", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("PS3002", StringComparison.Ordinal) && e.Contains("`rate`", StringComparison.Ordinal));
    }

    [Fact]
    public void Withholding_is_refused_on_a_rollup_whose_workload_sends_bundles_since_a_reorg_cannot_take_back_a_message()
    {
        const string Text = """
            scenario "x" {
              duration 1 min
              rollup A {
                block_time = 2 s
                accounts 10 funded 1 eth
                sequencer { withhold = 10 s for 20 s }
              }
              rollup B { block_time = 2 s; accounts 10 funded 1 eth }
              workload {
                users = poisson(5 / s) on A, B
                bundles { path = [A, B]  rate = 1 / s }
              }
            }
            """;
        Assert.Contains(TestSources.Errors(Text), e => e.StartsWith("PS3005", StringComparison.Ordinal) && e.Contains("cross-chain bundles", StringComparison.Ordinal));
    }
}
