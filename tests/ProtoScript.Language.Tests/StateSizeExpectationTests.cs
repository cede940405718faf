namespace ProtoScript.Language.Tests;

public class StateSizeExpectationTests
{
    private static string Source(string expectation) => $$"""
        scenario "s" {
          duration 1 min
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
          }
          workload { users = poisson(5 / s) on A }
          expect {
            {{expectation}}
          }
        }
        """;

    [Theory]
    [InlineData("report.A.state.growth_per_hour < 1 MiB", "state.growth_per_hour", 1_048_576)]
    [InlineData("report.A.state.size <= 64 KiB", "state.size", 65_536)]
    [InlineData("report.A.state.size.genesis == 3200", "state.size.genesis", 3_200)]
    [InlineData("report.A.state.accounts >= 101", "state.accounts", 101)]
    public void State_size_metrics_bind_with_a_size_unit_or_a_plain_number_of_bytes(string text, string metric, long threshold)
    {
        var result = TestSources.Compile(Source(text));

        Assert.Empty(result.Diagnostics);
        var expectation = Assert.Single(result.Model!.Expectations);
        Assert.Equal(metric, expectation.Metric!.Name);
        Assert.Equal(threshold, expectation.Threshold);
    }

    [Fact]
    public void A_state_size_compared_with_a_time_is_an_error_that_shows_a_size()
    {
        var errors = TestSources.Errors(Source("report.A.state.size < 2 s"));

        Assert.Contains(errors, e => e.Contains("a size (B, KiB, MiB)", StringComparison.Ordinal));
    }
}
