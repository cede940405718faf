using Microsoft.CodeAnalysis;

namespace ProtoScript.Generators.Tests;

/// <summary>The generator's caching, as Roslyn's driver reports it step by step.</summary>
public class IncrementalTests
{
    [Fact]
    public void A_second_run_with_unchanged_files_is_served_from_the_cache()
    {
        var compilation = GeneratorHarness.Compilation();
        var driver = GeneratorHarness.Driver([GeneratorHarness.Example("quickstart.proto-script"), GeneratorHarness.Example("congestion.proto-script")]);
        driver = driver.RunGenerators(compilation);

        // A new compilation (as after any C# edit) with the same scenario files.
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class Edited { }")));

        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        var compile = steps[ScenarioGenerator.StepNames.Compile];
        Assert.Equal(2, compile.Length);
        Assert.All(compile.SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        // The compilation is new, so what is read from it is recomputed, found equal, and stops there.
        Assert.All(steps[ScenarioGenerator.StepNames.References].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.All(steps[ScenarioGenerator.StepNames.Settings].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.All(driver.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_one_scenario_recompiles_only_that_one()
    {
        var quickstart = GeneratorHarness.Example("quickstart.proto-script");
        var congestion = GeneratorHarness.Example("congestion.proto-script");
        var compilation = GeneratorHarness.Compilation();
        var driver = GeneratorHarness.Driver([quickstart, congestion]).RunGenerators(compilation);

        var edited = new InMemoryAdditionalText(congestion.Path, congestion.GetText()!.ToString().Replace("seed 7", "seed 8", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(congestion, edited).RunGenerators(compilation);

        var compile = driver.GetRunResult().Results.Single().TrackedSteps[ScenarioGenerator.StepNames.Compile];
        var reasons = compile.SelectMany(s => s.Outputs).Select(o => (((EmittedScenario)o.Value).ClassName, o.Reason)).Order().ToList();
        Assert.Equal([("Congestion", IncrementalStepRunReason.Modified), ("Quickstart", IncrementalStepRunReason.Cached)], reasons);
        Assert.Contains("8UL,", driver.GetRunResult().GeneratedTrees.Single(t => t.FilePath.EndsWith("Congestion.g.cs", StringComparison.Ordinal)).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Saving_a_scenario_without_changing_its_text_leaves_the_output_unchanged()
    {
        var quickstart = GeneratorHarness.Example("quickstart.proto-script");
        var compilation = GeneratorHarness.Compilation();
        var driver = GeneratorHarness.Driver([quickstart]).RunGenerators(compilation);

        // A new AdditionalText object with the same path and text, as an editor's save produces.
        driver = driver.ReplaceAdditionalText(quickstart, new InMemoryAdditionalText(quickstart.Path, quickstart.GetText()!.ToString())).RunGenerators(compilation);

        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        Assert.All(steps[ScenarioGenerator.StepNames.Read].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.All(steps[ScenarioGenerator.StepNames.Compile].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }
}
