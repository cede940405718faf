namespace ProtoScript.Language.Tests;

/// <summary>
/// The order of the binding passes is explicit: rollups are bound in a context made of the
/// already bound L1 and duration, and imported templates in a context of their own.
/// </summary>
public class BindingPassTests
{
    private const string Library = """
        rollup faulty {
          block_time = 2 s
          accounts 100 funded 1 eth
          sequencer { down = 5 min for 10 min }
        }

        """;

    private static CompilationResult Compile(string main) =>
        ScenarioCompiler.Compile("main.proto-script", main, path => path.EndsWith("lib.proto-script", StringComparison.Ordinal) ? Library : null);

    [Fact]
    public void A_template_is_bound_without_a_run_and_its_windows_are_checked_against_the_scenario_that_uses_it()
    {
        // The template alone has no duration to exceed: importing it into a long enough run is clean.
        var fits = Compile("import \"lib.proto-script\"\nscenario \"s\" {\n  duration 30 min\n  rollup A like faulty { }\n  workload { users = poisson(1 / s) on A }\n}\n");
        Assert.True(fits.Success, string.Join("\n", fits.Diagnostics));

        // A scenario shorter than the window reports it once, in the template's file, for the rollup that uses it.
        var tooShort = Compile("import \"lib.proto-script\"\nscenario \"s\" {\n  duration 10 min\n  rollup A like faulty { }\n  workload { users = poisson(1 / s) on A }\n}\n");
        var error = Assert.Single(tooShort.Diagnostics, d => d.IsError);
        Assert.Equal("PS3006", error.Code);
        Assert.Equal("lib.proto-script", error.Path);
        Assert.Equal(4, error.Position.Line);
        Assert.StartsWith("the window ends at 15 min", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_target_is_checked_against_the_l1_bound_before_the_rollups()
    {
        var text = TestSources.Valid
            .Replace("l1 ethereum", "l1 mainnet", StringComparison.Ordinal)
            .Replace("    gas_limit = 1_000_000\n", "    gas_limit = 1_000_000\n    batch { to = ethereum.blobs }\n", StringComparison.Ordinal);
        var error = TestSources.Single(text);
        Assert.Equal("`ethereum.blobs` is not a data-availability target", error.Message);
        Assert.Equal("valid values: mainnet.blobs, mainnet.calldata, mainnet.auto", error.Hint);
    }
}
