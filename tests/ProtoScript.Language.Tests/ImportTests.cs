using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

public class ImportTests
{
    private const string Chains = """
        token usdc { decimals = 6 }
        l1 ethereum { slot_time = 6 s }
        rollup op_stack {
          block_time = 2 s
          accounts 1_000 funded 1 eth
          batch { every = 30 s }
        }

        """;

    private const string Main = """
        import "lib/chains.proto-script"

        scenario "uses imports" {
          duration 1 min
          rollup A like op_stack { }
          rollup B like op_stack { block_time = 250 ms }
          workload { users = poisson(5 / s) on A, B }
        }

        """;

    private static CompilationResult Compile(string main, params (string Path, string Text)[] files)
    {
        var map = files.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);
        return ScenarioCompiler.Compile("scenarios/main.proto-script", main, path => map.GetValueOrDefault(path.Replace('\\', '/')));
    }

    [Fact]
    public void Imported_rollups_are_templates_for_like_and_imported_tokens_and_l1_are_declared()
    {
        var result = Compile(Main, ("scenarios/lib/chains.proto-script", Chains));
        Assert.Empty(result.Diagnostics);
        var model = result.Model!;
        Assert.Equal(["A", "B"], model.Rollups.Select(r => r.Name));
        Assert.Equal(SimDuration.FromSeconds(2), model.Rollups[0].BlockTime);
        Assert.Equal(SimDuration.FromMilliseconds(250), model.Rollups[1].BlockTime);
        Assert.Equal(SimDuration.FromSeconds(30), model.Rollups[1].Batch.Every);
        Assert.Equal(SimDuration.FromSeconds(6), model.L1.SlotTime);
        Assert.Equal([new TokenModel("usdc", 6)], model.Tokens.ToArray());
    }

    [Fact]
    public void An_error_in_an_imported_file_is_reported_once_in_that_file()
    {
        var result = Compile(Main, ("scenarios/lib/chains.proto-script", Chains.Replace("block_time = 2 s", "block_time = 2 gwei", StringComparison.Ordinal)));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("scenarios/lib/chains.proto-script", 4, 16, "PS3003"), (error.Path, error.Position.Line, error.Position.Column, error.Code));
    }

    [Fact]
    public void A_missing_import_is_PS0001_at_the_file_name_in_the_importing_file()
    {
        var error = Compile(Main).Diagnostics.First();
        Assert.Equal(("scenarios/main.proto-script", 1, 8, "PS0001"), (error.Path, error.Position.Line, error.Position.Column, error.Code));
        Assert.Equal("imported file `scenarios/lib/chains.proto-script` does not exist", error.Message);
    }

    [Fact]
    public void An_import_cycle_is_an_error_naming_the_cycle()
    {
        var result = Compile(
            Main,
            ("scenarios/lib/chains.proto-script", "import \"more.proto-script\"\n" + Chains),
            ("scenarios/lib/more.proto-script", "import \"chains.proto-script\"\n"));
        Assert.Contains(result.Diagnostics, d => d.Message == "`chains.proto-script` imports itself through a cycle: main.proto-script -> chains.proto-script -> more.proto-script -> chains.proto-script");
    }

    [Fact]
    public void An_imported_file_may_not_hold_a_scenario_or_workload()
    {
        var result = Compile(Main, ("scenarios/lib/chains.proto-script", Chains + "workload { users = poisson(5 / s) on op_stack }\n"));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("scenarios/lib/chains.proto-script", "PS3001", "unknown name `workload` at the top level of an imported file"), (error.Path, error.Code, error.Message));
    }
}
