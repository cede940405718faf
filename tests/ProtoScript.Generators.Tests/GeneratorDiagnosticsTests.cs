using Microsoft.CodeAnalysis;
using ProtoScript.Language;
using LanguageSeverity = ProtoScript.Language.Diagnostics.DiagnosticSeverity;

namespace ProtoScript.Generators.Tests;

public class GeneratorDiagnosticsTests
{
    private const string Broken = """
        scenario "broken" {
          duration 1 min
          l1 ethereum { slot_time = 12 s }
          rollup A {
            block_time = 2 gwei
            gas_limit = 1_000_000
            accounts 10 funded 1 eth
          }
          workload { users = poisson(1 / s) on A }
        }
        """;

    [Fact]
    public void A_broken_scenario_fails_the_build_at_its_file_line_and_column()
    {
        var path = Path.Combine(Path.GetTempPath(), "project", "broken.proto-script");

        var (run, _) = GeneratorHarness.Run([new InMemoryAdditionalText(path, Broken)]);

        var error = Assert.Single(run.Diagnostics);
        Assert.Equal("PS3003", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        var span = error.Location.GetLineSpan();
        Assert.Equal(path, span.Path);

        // Roslyn counts from zero: line 5, column 18 as the CLI prints it.
        Assert.Equal(new Microsoft.CodeAnalysis.Text.LinePosition(4, 17), span.StartLinePosition);
        Assert.Equal(new Microsoft.CodeAnalysis.Text.LinePosition(4, 23), span.EndLinePosition);
        Assert.Equal("2 gwei", Broken.Substring(error.Location.SourceSpan.Start, error.Location.SourceSpan.Length));
        Assert.Empty(run.GeneratedTrees);
    }

    [Fact]
    public void Every_language_diagnostic_keeps_its_code_severity_message_and_span()
    {
        const string text = """
            scenario "many" {
              seed 1
              duration 1 s
              l1 ethereum { slot_time = 12 s }
              rollup A {
                block_time = 2 s
                gas_limit = 1_000_000
                ordering = fifo
                accounts 10 funded 1 eth
              }
              rollup B like Z { }
            }
            """;
        var path = "/project/many.proto-script";
        var expected = ScenarioCompiler.Compile("many.proto-script", text).Diagnostics;
        Assert.Contains(expected, d => d.Severity == LanguageSeverity.Warning);
        Assert.Contains(expected, d => d.Severity == LanguageSeverity.Error);

        var (run, _) = GeneratorHarness.Run([new InMemoryAdditionalText(path, text)], compilation: GeneratorHarness.Compilation(warningsAsErrors: false));

        var actual = run.Diagnostics.Select(d => (d.Id, d.Severity, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), d.Location.GetLineSpan().Path, d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Location.GetLineSpan().StartLinePosition.Character + 1, d.Location.SourceSpan.Length));
        var wanted = expected.Select(d => (d.Code, d.IsError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, d.Hint is null ? d.Message : d.Message + " (" + d.Hint + ")", path, d.Position.Line, d.Position.Column, d.Span.Length));
        Assert.Equal(wanted, actual);
    }

    [Fact]
    public void A_scenario_with_only_warnings_still_generates_its_class()
    {
        const string text = """
            scenario "short" {
              duration 1 s
              l1 ethereum { slot_time = 12 s }
              rollup A {
                block_time = 1 s
                gas_limit = 1_000_000
                accounts 10 funded 1 eth
              }
            }
            """;

        var (run, _) = GeneratorHarness.Run([new InMemoryAdditionalText("/p/short.proto-script", text)], compilation: GeneratorHarness.Compilation(warningsAsErrors: false));

        Assert.NotEmpty(run.Diagnostics);
        Assert.All(run.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Single(run.GeneratedTrees);
    }

    [Fact]
    public void A_scenario_warning_is_an_error_in_a_project_that_treats_warnings_as_errors()
    {
        const string text = """
            scenario "short" {
              duration 1 s
              l1 ethereum { slot_time = 12 s }
            }
            """;

        var (run, _) = GeneratorHarness.Run([new InMemoryAdditionalText("/p/short.proto-script", text)], compilation: GeneratorHarness.Compilation(warningsAsErrors: true));

        Assert.Contains(run.Diagnostics, d => d.Id == "PS3006" && d.Severity == DiagnosticSeverity.Error && d.IsWarningAsError);
    }

    [Fact]
    public void Two_files_with_the_same_class_name_generate_one_class_and_say_which_file_to_rename()
    {
        var text = File.ReadAllText(Repository.Example("quickstart.proto-script"));

        var (run, output) = GeneratorHarness.Run([new InMemoryAdditionalText("/p/b/quickstart.proto-script", text), new InMemoryAdditionalText("/p/a/quickstart.proto-script", text)]);

        var error = Assert.Single(run.Diagnostics);
        Assert.Equal("PSG0001", error.Id);
        Assert.Equal("/p/b/quickstart.proto-script", error.Location.GetLineSpan().Path);
        Assert.Contains("/p/a/quickstart.proto-script", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Single(run.GeneratedTrees);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_project_without_the_language_library_gets_a_diagnostic_instead_of_uncompilable_code()
    {
        var bare = GeneratorHarness.Compilation(references: [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);

        var (run, _) = GeneratorHarness.Run([GeneratorHarness.Example("quickstart.proto-script")], compilation: bare);

        Assert.Equal("PSG0002", Assert.Single(run.Diagnostics).Id);
        Assert.Empty(run.GeneratedTrees);
    }

    [Fact]
    public void Files_that_are_not_scenarios_are_ignored()
    {
        var (run, _) = GeneratorHarness.Run([new InMemoryAdditionalText("/p/notes.txt", "scenario {")]);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.GeneratedTrees);
    }

    private const string HookReadingAFile = """
        scenario "peeks" {
          duration 1 min
          rollup A {
            block_time = 2 s
            gas_limit = 1_000_000
            validity = csharp => System.IO.File.Exists("allow.txt")
            accounts 10 funded 1 eth
          }
          workload { users = poisson(1 / s) on A }
        }
        """;

    [Fact]
    public void A_hook_outside_the_sandbox_fails_the_build_at_its_file_line_and_column_when_the_generator_compiles_hooks()
    {
        var path = Path.Combine(Path.GetTempPath(), "project", "peeks.proto-script");

        var (run, _) = GeneratorHarness.Run([new InMemoryAdditionalText(path, HookReadingAFile)]);

        // The sandbox's verdict as the CLI gives it: PS4003 at `System.IO.File`, line 6, column 26.
        var expected = Assert.Single(Scripting.HookCompiler.CompileFile(ScenarioCompiler.Compile("peeks.proto-script", HookReadingAFile))!.Diagnostics);
        var error = Assert.Single(run.Diagnostics);
        Assert.Equal("PS4003", error.Id);
        Assert.Equal(expected.Code, error.Id);
        Assert.Equal(path, error.Location.GetLineSpan().Path);
        Assert.Equal(new Microsoft.CodeAnalysis.Text.LinePosition(expected.Position.Line - 1, expected.Position.Column - 1), error.Location.GetLineSpan().StartLinePosition);
        Assert.Empty(run.GeneratedTrees);
    }

    [Fact]
    public void Without_a_reference_to_ProtoScript_Scripting_a_scenarios_hooks_are_not_compiled_and_its_class_has_no_rule_for_them()
    {
        var references = GeneratorHarness.Compilation().References.Where(r => !(r.Display ?? string.Empty).EndsWith("ProtoScript.Scripting.dll", StringComparison.Ordinal));
        var (run, output) = GeneratorHarness.Run([GeneratorHarness.Example("fee-split.proto-script")], compilation: GeneratorHarness.Compilation(references));

        Assert.Empty(run.Diagnostics);
        Assert.Equal(["FeeSplit.g.cs"], run.Results.Single().GeneratedSources.Select(s => s.HintName));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
