using ProtoScript.Application;
using ProtoScript.Language;
using ProtoScript.Reporting;

namespace ProtoScript.Cli.Tests;

/// <summary>The application layer's composition root: one preparation and one run path for every caller.</summary>
public class PreparedScenarioTests
{
    private static CompilationResult Compile(string example) =>
        ScenarioCompiler.Compile(example, File.ReadAllText(Repository.Example(example)));

    [Fact]
    public void A_prepared_file_prints_the_report_the_run_command_prints()
    {
        var file = Compile("fee-split.proto-script");
        using var prepared = PreparedScenario.Prepare(file);
        var stdout = new StringWriter { NewLine = "\n" };

        CliApp.RunInProcess(["run", Repository.Example("fee-split.proto-script"), "--no-isolate"], stdout, new StringWriter());

        Assert.True(prepared.Success);
        Assert.NotNull(prepared.Rules);
        Assert.Equal(stdout.ToString(), prepared.Report().Text);
    }

    [Fact]
    public void Both_engine_paths_prepare_rules_that_print_the_same_report()
    {
        var file = Compile("prover-selection.proto-script");
        using var scripted = PreparedScenario.Prepare(file, EngineKind.Scripted);
        using var compiled = PreparedScenario.Prepare(file, EngineKind.Compiled);

        Assert.IsType<Scripting.CompiledHooks>(scripted.Rules);
        Assert.IsType<Scripting.CompiledScenario>(compiled.Rules);
        Assert.Equal(scripted.Report(seed: 3, ReportFormatKind.Json).Text, compiled.Report(seed: 3, ReportFormatKind.Json).Text);
    }

    [Fact]
    public void A_file_without_hooks_prepares_no_rules_and_a_hook_that_does_not_compile_fails_with_its_diagnostic()
    {
        using var plain = PreparedScenario.Prepare(Compile("quickstart.proto-script"));
        var broken = ScenarioCompiler.Compile("broken.proto-script", File.ReadAllText(Repository.Example("spam-filter.proto-script")).Replace("sender.", "sender.NoSuchMember + sender.", StringComparison.Ordinal));
        Assert.True(broken.Success);
        using var failed = PreparedScenario.Prepare(broken);

        Assert.True(plain.Success);
        Assert.Null(plain.Rules);
        Assert.False(failed.Success);
        Assert.Null(failed.Rules);
        Assert.Contains(failed.Diagnostics, d => d.Code == "CS1061");
    }
}
