using Microsoft.CodeAnalysis;

namespace ProtoScript.Generators.Tests;

/// <summary>
/// Scenarios that import other files: the imports come from the project's AdditionalFiles
/// (never the compiler's working directory), and they are inputs of the pipeline.
/// </summary>
public class ImportGenerationTests
{
    private const string Chains = """
        l1 ethereum { slot_time = 6 s }
        rollup op_stack {
          block_time = 2 s
          accounts 100 funded 1 eth
          batch { every = 30 s }
        }

        """;

    private const string Main = """
        import "lib/chains.proto-script"

        scenario "uses imports" {
          seed 3
          duration 1 min
          rollup A like op_stack { }
          workload { users = poisson(2 / s) on A }
        }

        """;

    private const string Other = """
        scenario "other" {
          seed 5
          duration 1 min
          l1 ethereum { slot_time = 12 s }
          rollup B {
            block_time = 2 s
            accounts 10 funded 1 eth
          }
          workload { users = poisson(1 / s) on B }
        }

        """;

    // A folder that does not exist: a generator that read the disk, or resolved against its
    // working directory, would not find the import.
    private static readonly string Project = Path.Combine(Path.GetTempPath(), "protoscript-no-such-project-" + Guid.NewGuid().ToString("N"));

    private static InMemoryAdditionalText File(string relative, string text) => new(Path.Combine(Project, relative), text);

    private static string Generated(GeneratorDriverRunResult run, string className) =>
        run.GeneratedTrees.Single(t => t.FilePath.EndsWith(className + ".g.cs", StringComparison.Ordinal)).ToString();

    [Fact]
    public void A_scenario_that_imports_a_file_of_the_project_is_generated_with_the_imported_template()
    {
        var (run, output) = GeneratorHarness.Run([File("scenarios/main.proto-script", Main), File("scenarios/lib/chains.proto-script", Chains)]);

        Assert.Empty(run.Diagnostics);

        // The imported file only declares templates: it gets no class of its own.
        Assert.Equal(["Main.g.cs"], run.GeneratedTrees.Select(t => Path.GetFileName(t.FilePath)).Order(StringComparer.Ordinal));

        // The imported L1's slot time (6 s) and the template's block time (2 s) reach the model.
        var model = Generated(run, "Main");
        Assert.Contains("L1Model(", model, StringComparison.Ordinal);
        Assert.Contains("SimDuration(6000000L)", model, StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void An_import_missing_from_AdditionalFiles_is_PS0001_at_the_import()
    {
        var (run, _) = GeneratorHarness.Run([File("scenarios/main.proto-script", Main)]);

        var error = run.Diagnostics.First();
        Assert.Equal("PS0001", error.Id);
        Assert.Equal(Path.Combine(Project, "scenarios/main.proto-script"), error.Location.GetLineSpan().Path);
        Assert.Equal("\"lib/chains.proto-script\"", Main.Substring(error.Location.SourceSpan.Start, error.Location.SourceSpan.Length));
        Assert.Empty(run.GeneratedTrees);
    }

    [Fact]
    public void An_error_inside_an_imported_file_is_reported_at_that_files_line_and_column()
    {
        var broken = Chains.Replace("block_time = 2 s", "block_time = 2 gwei", StringComparison.Ordinal);

        var (run, _) = GeneratorHarness.Run([File("scenarios/main.proto-script", Main), File("scenarios/lib/chains.proto-script", broken)]);

        var error = Assert.Single(run.Diagnostics);
        Assert.Equal("PS3003", error.Id);
        var span = error.Location.GetLineSpan();
        Assert.Equal(Path.Combine(Project, "scenarios/lib/chains.proto-script").Replace('\\', '/'), span.Path.Replace('\\', '/'));
        Assert.Equal(2, span.StartLinePosition.Line); // Roslyn counts from zero: line 3
        Assert.Equal("2 gwei", broken.Substring(error.Location.SourceSpan.Start, error.Location.SourceSpan.Length));
    }

    [Fact]
    public void Editing_an_imported_file_recompiles_the_scenarios_that_import_it_and_nothing_else()
    {
        var main = File("scenarios/main.proto-script", Main);
        var chains = File("scenarios/lib/chains.proto-script", Chains);
        var other = File("scenarios/other.proto-script", Other);
        var compilation = GeneratorHarness.Compilation();
        var driver = GeneratorHarness.Driver([main, chains, other]).RunGenerators(compilation);

        var edited = new InMemoryAdditionalText(chains.Path, Chains.Replace("slot_time = 6 s", "slot_time = 4 s", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(chains, edited).RunGenerators(compilation);

        var run = driver.GetRunResult();
        var compile = run.Results.Single().TrackedSteps[ScenarioGenerator.StepNames.Compile];
        var reasons = compile.SelectMany(s => s.Outputs).Select(o => (((EmittedScenario)o.Value).ClassName, o.Reason)).Order().ToList();

        // The library itself is re-read (its text changed) and found to generate nothing, as before.
        Assert.Equal(
            [("Chains", IncrementalStepRunReason.Unchanged), ("Main", IncrementalStepRunReason.Modified), ("Other", IncrementalStepRunReason.Cached)],
            reasons);
        Assert.Contains("SimDuration(4000000L)", Generated(run, "Main"), StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_a_scenario_or_the_CSharp_leaves_a_scenario_that_imports_an_unchanged_file_cached()
    {
        var main = File("scenarios/main.proto-script", Main);
        var chains = File("scenarios/lib/chains.proto-script", Chains);
        var other = File("scenarios/other.proto-script", Other);
        var compilation = GeneratorHarness.Compilation();
        var driver = GeneratorHarness.Driver([main, chains, other]).RunGenerators(compilation);

        var edited = new InMemoryAdditionalText(other.Path, Other.Replace("seed 5", "seed 6", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(other, edited)
            .RunGenerators(compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class Edited { }")));

        var compile = driver.GetRunResult().Results.Single().TrackedSteps[ScenarioGenerator.StepNames.Compile];
        var reasons = compile.SelectMany(s => s.Outputs).Select(o => (((EmittedScenario)o.Value).ClassName, o.Reason)).Order().ToList();
        Assert.Equal(
            [("Chains", IncrementalStepRunReason.Cached), ("Main", IncrementalStepRunReason.Cached), ("Other", IncrementalStepRunReason.Modified)],
            reasons);
    }

    [Fact]
    public void Adding_a_missing_import_to_the_project_recompiles_the_scenario_that_asked_for_it()
    {
        var main = File("scenarios/main.proto-script", Main);
        var compilation = GeneratorHarness.Compilation();
        var driver = GeneratorHarness.Driver([main]).RunGenerators(compilation);
        Assert.Contains(driver.GetRunResult().Diagnostics, d => d.Id == "PS0001");

        driver = driver.AddAdditionalTexts([File("scenarios/lib/chains.proto-script", Chains)]).RunGenerators(compilation);

        var run = driver.GetRunResult();
        Assert.Empty(run.Diagnostics);
        Assert.Contains(run.GeneratedTrees, t => t.FilePath.EndsWith("Main.g.cs", StringComparison.Ordinal));
    }
}
