using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

/// <summary><c>cross_arbitrage { path = [A, B] ... }</c> in <c>workload</c>: what binds, and each mistake's located diagnostic.</summary>
public class CrossArbitrageBindingTests
{
    // Line 21 is the `path` line, 22 `searchers`, 23 `mode`.
    private const string TwoRollups = """
        scenario "x" {
          duration 1 min
          token usdc { decimals = 6 }
          token dai { decimals = 18 }
          rollup A {
            block_time = 2 s
            accounts 10 funded 1 eth, 1_000 usdc
            amm "ETH/USDC" { reserves = (100 eth, 300_000 usdc) }
          }
          rollup B {
            block_time = 2 s
            accounts 10 funded 1 eth, 1_000 usdc
            amm "ETH/DAI" { reserves = (100 eth, 300_000 dai) }
            amm "ETH/USDC" { reserves = (100 eth, 310_000 usdc) }
          }
          rollup C like A {}
          builder b1 for A, B { simulate = cross_chain }
          workload {
            users = poisson(5 / s) on A, B, C
            cross_arbitrage {
              path = [A, B]
              searchers = 3
              mode = atomic
            }
          }
          expect {
            report.cross_chain.cross_arbitrage.completed > 0
            report.cross_chain.cross_arbitrage.profit > 0
          }
        }
        """;

    private static string With(string original, string replacement) => TwoRollups.Replace(original, replacement, StringComparison.Ordinal);

    [Fact]
    public void A_path_binds_its_rollups_searchers_mode_the_matching_pool_and_its_metrics()
    {
        var result = TestSources.Compile(TwoRollups);
        Assert.Empty(result.Diagnostics);
        var path = Assert.Single(result.Model!.Workload.CrossArbitrage);
        Assert.Equal(new[] { "A", "B" }, path.Path.ToArray());
        Assert.Equal(3, path.Searchers);
        Assert.Equal(CrossArbitrageMode.Atomic, path.Mode);
        Assert.Equal(1, path.SecondPool); // B's ETH/USDC pool, not its first
        Assert.Equal(new MetricPath("cross_chain", "cross_arbitrage.completed", MetricUnit.Count), result.Model.Expectations[0].Metric);
    }

    [Fact]
    public void Searchers_default_to_one_and_mode_to_atomic_and_independent_needs_no_coordinator()
    {
        var model = TestSources.Compile(With("      searchers = 3\n      mode = atomic\n", "      mode = independent\n").Replace("builder b1 for A, B { simulate = cross_chain }", string.Empty, StringComparison.Ordinal)).Model!;
        var path = Assert.Single(model.Workload.CrossArbitrage);
        Assert.Equal(1, path.Searchers);
        Assert.Equal(CrossArbitrageMode.Independent, path.Mode);
        Assert.Equal(CrossArbitrageMode.Atomic, TestSources.Compile(With("      mode = atomic\n", string.Empty)).Model!.Workload.CrossArbitrage[0].Mode);
    }

    [Fact]
    public void A_path_naming_an_unknown_rollup_is_PS3007_at_the_name_listing_the_declared_rollups()
    {
        var error = TestSources.Single(With("path = [A, B]", "path = [A, BB]"));
        Assert.Equal(("PS3007", 21, 18), (error.Code, error.Position.Line, error.Position.Column));
        Assert.Equal("no rollup named `BB`", error.Message);
        Assert.Equal("declared rollups: A, B, C", error.Hint);
    }

    [Theory]
    [InlineData("path = [A, A]", "PS3005 21:18 rollup `A` is named twice: an arbitrage between two rollups trades two different rollups' pools")]
    [InlineData("path = [A]", "PS3005 21:14 a cross-rollup arbitrage path names exactly 2 rollups, found 1")]
    [InlineData("path = [A, B, C]", "PS3005 21:14 a cross-rollup arbitrage path names exactly 2 rollups, found 3")]
    [InlineData("path = A", "PS3005 21:14 `path` must be a list of two rollups in brackets")]
    public void A_path_that_is_not_two_different_rollups_is_an_error_at_the_path(string path, string expected)
    {
        Assert.Equal([expected], TestSources.Errors(With("path = [A, B]", path)));
    }

    [Fact]
    public void A_rollup_without_a_pool_of_the_pair_is_PS3002_naming_the_pair()
    {
        var error = TestSources.Single(With("    amm \"ETH/USDC\" { reserves = (100 eth, 310_000 usdc) }\n", string.Empty));
        Assert.Equal(("PS3002", 20, 7), (error.Code, error.Position.Line, error.Position.Column));
        Assert.Equal("rollup `B` has no pool of eth/usdc, the pair of `A`'s first pool", error.Message);
    }

    [Fact]
    public void An_atomic_path_without_a_common_builder_or_shared_sequencer_is_an_error_at_the_mode()
    {
        var error = TestSources.Single(With("builder b1 for A, B { simulate = cross_chain }", "builder b1 for A, C { simulate = cross_chain }"));
        Assert.Equal(("PS3005", 23, 7), (error.Code, error.Position.Line, error.Position.Column));
        Assert.Equal("`mode = atomic` needs one shared sequencer or builder that holds both A and B, and none does", error.Message);
        Assert.Equal("add `builder NAME for A, B { simulate = cross_chain }`, or write `mode = independent`", error.Hint);
    }

    [Theory]
    [InlineData("searchers = 3", "searchers = 0", "PS3006")]
    [InlineData("searchers = 3", "searchers = 101", "PS3006")]
    [InlineData("mode = atomic", "mode = async", "PS3005")]
    [InlineData("searchers = 3", "searcher = 3", "PS3001")]
    public void Bad_fields_are_located_errors(string original, string replacement, string code)
    {
        var error = TestSources.Single(With(original, replacement));
        Assert.Equal(code, error.Code);
        Assert.True(error.Position.Line is >= 20 and <= 24, error.ToString());
    }
}
