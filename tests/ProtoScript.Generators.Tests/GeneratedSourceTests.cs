using System.Reflection;
using Microsoft.CodeAnalysis;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language;
using ProtoScript.Language.Model;
using ProtoScript.Reporting;
using ProtoScript.Testing;

namespace ProtoScript.Generators.Tests;

public class GeneratedSourceTests
{
    public static TheoryData<string> Examples() => new() { "quickstart.proto-script", "congestion.proto-script" };

    /// <summary>Every example scenario: the emitted model must equal the compiled one for all of them.</summary>
    public static TheoryData<string> AllExamples() => new(ExampleFiles());

    /// <summary>Examples the plain engine runs without compiled hooks (no C# hooks); ThreePathTests compares the others with the scripted hook set.</summary>
    public static TheoryData<string> RunnableExamples() =>
        new(ExampleFiles().Where(e => ScenarioCompiler.Compile(e, File.ReadAllText(Repository.Example(e))).Model is { Hooks.IsEmpty: true }));

    private static IEnumerable<string> ExampleFiles() =>
        Directory.GetFiles(Path.Combine(Repository.Root, "examples"), "*.proto-script").Order(StringComparer.Ordinal).Select(f => Path.GetFileName(f));

    [Theory]
    [MemberData(nameof(Examples))]
    public void Generated_source_matches_its_verified_snapshot(string example)
    {
        var (run, _) = GeneratorHarness.Run([GeneratorHarness.Example(example)]);

        var generated = Assert.Single(Assert.Single(run.Results).GeneratedSources);
        var className = Emit.ScenarioEmitter.ClassNameFromPath(example);
        Assert.Equal(className + ".g.cs", generated.HintName);
        Snapshot.Verify(generated.SourceText.ToString(), Repository.Snapshot(className + ".g.verified.txt"));
    }

    [Fact]
    public void A_scenario_with_a_hook_generates_its_class_and_its_internal_hook_set_matching_the_verified_snapshot()
    {
        var (run, _) = GeneratorHarness.Run([GeneratorHarness.Example("fee-split.proto-script")]);

        var sources = Assert.Single(run.Results).GeneratedSources;
        Assert.Equal(["FeeSplit.g.cs", "FeeSplit.hooks.g.cs"], sources.Select(s => s.HintName));
        Snapshot.Verify(
            string.Join("\n// ---- next file ----\n", sources.Select(s => s.SourceText.ToString())),
            Repository.Snapshot("FeeSplit.g.verified.txt"));
    }

    [Fact]
    public void Generated_code_compiles_without_any_diagnostic_under_nullable_and_warnings_as_errors()
    {
        var (run, output) = GeneratorHarness.Run([GeneratorHarness.Example("quickstart.proto-script"), GeneratorHarness.Example("congestion.proto-script")]);

        Assert.Empty(run.Diagnostics);
        Assert.Equal(2, run.GeneratedTrees.Length);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Info));
    }

    [Fact]
    public void Generating_twice_gives_the_same_text()
    {
        var first = GeneratorHarness.Run([GeneratorHarness.Example("congestion.proto-script")]).Run;
        var second = GeneratorHarness.Run([GeneratorHarness.Example("congestion.proto-script")]).Run;

        Assert.Equal(first.GeneratedTrees.Single().ToString(), second.GeneratedTrees.Single().ToString());
    }

    [Theory]
    [MemberData(nameof(AllExamples))]
    public void Generated_model_equals_the_compiled_model_field_by_field(string example)
    {
        var (_, output) = GeneratorHarness.Run([GeneratorHarness.Example(example)]);
        var assembly = GeneratorHarness.Load(output);

        var generated = ModelOf(assembly, "Consumer.Scenarios." + Emit.ScenarioEmitter.ClassNameFromPath(example));
        var compiled = ScenarioCompiler.Compile(example, File.ReadAllText(Repository.Example(example))).Model;

        Assert.NotNull(compiled);
        Assert.Equal(ModelDump.Of(compiled), ModelDump.Of(generated));
    }

    [Theory]
    [MemberData(nameof(RunnableExamples))]
    public void Generated_run_gives_the_report_of_the_scripted_path_for_several_seeds(string example)
    {
        var (_, output) = GeneratorHarness.Run([GeneratorHarness.Example(example)]);
        var type = GeneratorHarness.Load(output).GetType("Consumer.Scenarios." + Emit.ScenarioEmitter.ClassNameFromPath(example), throwOnError: true)!;
        var run = type.GetMethod("Run", [typeof(ulong?)])!;
        var compiled = ScenarioCompiler.Compile(example, File.ReadAllText(Repository.Example(example))).Model!;

        foreach (ulong? seed in new ulong?[] { null, 1, 12345 })
        {
            var generated = (SimulationResult)run.Invoke(null, [seed])!;
            var model = seed is { } s ? compiled.WithSeed(s) : compiled;
            // As the CLI runs it: with its L1 data kept when it expects `derivable`.
            var scripted = Simulator.Run(model, new SimulationOptions { RetainL1Data = ExpectationChecker.NeedsL1Data(model) });
            var report = TextReportWriter.Write(scripted, ExpectationChecker.Check(model, scripted));
            Assert.DoesNotContain("the run did not keep its L1 data", report, StringComparison.Ordinal);
            Assert.Equal(
                report,
                TextReportWriter.Write(generated, ExpectationChecker.Check(model, generated)));
        }
    }

    private static ScenarioModel ModelOf(Assembly assembly, string typeName) =>
        (ScenarioModel)assembly.GetType(typeName, throwOnError: true)!.GetProperty("Model")!.GetValue(null)!;
}
