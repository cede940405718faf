namespace ProtoScript.Language.Tests;

/// <summary><c>back_runners</c> and <c>back_run_min_profit</c> in <c>workload</c>: what binds, and each mistake's located diagnostic.</summary>
public class BackRunBindingTests
{
    // Line 13 is `swaps`, 14 `back_runners`, 15 `back_run_min_profit`.
    private const string Scenario = """
        scenario "x" {
          duration 1 min
          token usdc { decimals = 6 }
          rollup A {
            block_time = 2 s
            ordering = priority_fee
            accounts 10 funded 1 eth, 1_000 usdc
            amm "ETH/USDC" { reserves = (100 eth, 300_000 usdc) }
          }
          workload {
            users = poisson(5 / s) on A
            swap_size = constant(1 eth)
            swaps = 30 %
            back_runners = 2
            back_run_min_profit = 1 usdc
          }
        }
        """;

    private static string With(string original, string replacement) => Scenario.Replace(original, replacement, StringComparison.Ordinal);

    [Fact]
    public void Back_runners_bind_with_their_minimum_profit_in_the_quote_tokens_smallest_unit()
    {
        var result = TestSources.Compile(Scenario);
        Assert.Empty(result.Diagnostics);
        var trading = result.Model!.Workload.Trading;
        Assert.Equal(2, trading.BackRunners);
        Assert.Equal((UInt128)1_000_000, trading.BackRunMinProfit);
        Assert.Equal(0, TestSources.Compile(With("    back_runners = 2\n    back_run_min_profit = 1 usdc\n", string.Empty)).Model!.Workload.Trading.BackRunners);
    }

    [Theory]
    [InlineData("ordering = priority_fee", "ordering = fcfs", "PS3005 14:5 back-running on rollup `A` is not modelled: `ordering = fcfs` does not put a back-run right behind the swap it follows")]
    [InlineData("ordering = priority_fee", "ordering = random", "PS3005 14:5 back-running on rollup `A` is not modelled: `ordering = random` does not put a back-run right behind the swap it follows")]
    [InlineData("swaps = 30 %", "swaps = 0 %", "PS3002 14:5 back-runners need users' swaps to trade behind, and the workload sends none")]
    [InlineData("    swaps = 30 %\n", "", "PS3002 13:5 back-runners need users' swaps to trade behind, and the workload sends none")]
    [InlineData("back_runners = 2", "back_runners = 101", "PS3006 14:20 `back_runners` must be a whole number between 0 and 100")]
    [InlineData("back_run_min_profit = 1 usdc", "back_run_min_profit = 1 eth", "PS3003 14:5 `back_run_min_profit` is in eth, but rollup `A`'s first pool is quoted in usdc")]
    public void A_bad_back_running_setup_is_a_located_error(string original, string replacement, string expected)
    {
        var error = TestSources.Single(With(original, replacement));
        Assert.Equal(expected, $"{error.Code} {error.Position.Line}:{error.Position.Column} {error.Message}");
    }

    [Fact]
    public void Back_runners_on_a_rollup_without_a_pool_are_one_error_at_the_swaps_they_follow()
    {
        var error = TestSources.Single(With("    amm \"ETH/USDC\" { reserves = (100 eth, 300_000 usdc) }\n", string.Empty));
        Assert.Equal(("PS3002", 12), (error.Code, error.Position.Line));
        Assert.Contains("rollup `A` has no `amm` pool", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Back_running_on_a_PBS_rollup_is_refused_at_the_field()
    {
        var source = With("  workload {", "  builder b1 for A {\n    latency = 10 ms\n    bid = 90 %\n  }\n  workload {").Replace("ordering = priority_fee", "ordering = priority_fee\n    pbs {\n      price = second\n      deadline = 100 ms\n    }", StringComparison.Ordinal);
        var errors = TestSources.Compile(source).Diagnostics.Where(d => d.Severity == Diagnostics.DiagnosticSeverity.Error).ToList();
        Assert.Contains(errors, e => e.Code == "PS3005" && e.Message.Contains("it uses PBS", StringComparison.Ordinal));
    }

    [Fact]
    public void A_minimum_profit_without_back_runners_is_an_error()
    {
        var error = TestSources.Single(With("    back_runners = 2\n", string.Empty));
        Assert.Equal(("PS3002", 14), (error.Code, error.Position.Line));
        Assert.Equal("`back_run_min_profit` without `back_runners`: nobody back-runs", error.Message);
    }
}
