using ProtoScript.Application;
using ProtoScript.Language;
using ProtoScript.Language.Model;

namespace ProtoScript.Reporting.Tests;

public class DerivableExpectationTests
{
    private const string Source = """
        scenario "d" {
          seed 3
          duration 3 min
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
          }
          workload { users = poisson(5 / s) on A }
          expect {
            derivable
          }
        }
        """;

    [Fact]
    public void A_scenario_that_expects_derivable_keeps_its_L1_data_and_the_expectation_holds()
    {
        var compiled = ScenarioCompiler.Compile("d.proto-script", Source);
        Assert.True(ExpectationChecker.NeedsL1Data(compiled.Model!));

        var report = ScenarioRunner.Report(compiled);

        Assert.True(report.ExpectationsHeld);
        Assert.Contains("derivable", report.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Derivable_fails_with_a_reason_on_a_run_that_kept_no_L1_data()
    {
        var compiled = ScenarioCompiler.Compile("d.proto-script", Source);
        var model = compiled.Model!;

        var outcome = Assert.Single(ExpectationChecker.Check(model, SampleResults.Small()));

        Assert.Equal(ExpectationKind.Derivable, outcome.Expectation.Kind);
        Assert.False(outcome.Passed);
        Assert.Equal("the run did not keep its L1 data, so it cannot be derived", outcome.Actual);
    }

    [Fact]
    public void A_scenario_without_derivable_does_not_keep_L1_data()
    {
        var compiled = ScenarioCompiler.Compile("d.proto-script", Source.Replace("derivable", "conserved total_supply", StringComparison.Ordinal));

        Assert.False(ExpectationChecker.NeedsL1Data(compiled.Model!));
    }
}
