using ProtoScript.Application;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language;
using ProtoScript.Reporting;
using ProtoScript.Scripting;

namespace ProtoScript.Generators.Tests;

/// <summary>
/// The scripted engine, the compiled engine (emitted at run time, compiled in memory) and the
/// generator-built engine must print the same bytes for every example and several seeds.
/// </summary>
public class ThreePathTests
{
    private static readonly ulong?[] Seeds = [null, 1, 12345];

    public static TheoryData<string> AllExamples() =>
        new(Directory.GetFiles(Path.Combine(Repository.Root, "examples"), "*.proto-script").Order(StringComparer.Ordinal).Select(f => Path.GetFileName(f)));

    [Theory]
    [MemberData(nameof(AllExamples))]
    public void Scripted_compiled_and_generated_engines_print_identical_reports_for_several_seeds(string example)
    {
        var file = ScenarioCompiler.Compile(example, File.ReadAllText(Repository.Example(example)));
        Assert.True(file.Success);
        var hookResult = HookCompiler.CompileFile(file);
        using var hooks = hookResult?.Hooks;
        Assert.True(hookResult is null or { Success: true });
        var compiled = CompiledScenario.Compile(file, HookOptions.FromLimits(file.Model!.HookLimits) with { UseCache = false });
        using var scenario = compiled.Scenario;
        Assert.True(compiled.Success);

        var (_, output) = GeneratorHarness.Run([GeneratorHarness.Example(example)]);
        var type = GeneratorHarness.Load(output).GetType("Consumer.Scenarios." + Emit.ScenarioEmitter.ClassNameFromPath(example), throwOnError: true)!;
        var generatedRun = type.GetMethod("Run", [typeof(ulong?), typeof(SimulationOptions)])!;
        var generatedRules = (IRuleProvider)type.GetProperty("Rules")!.GetValue(null)!;

        foreach (var seed in Seeds)
        {
            // The whole report, sweep included, in both formats: scripted against compiled.
            foreach (var format in new[] { ReportFormatKind.Text, ReportFormatKind.Json })
            {
                var scripted = ScenarioRunner.Report(file, seed, format, jobs: 2, hooks);
                var fromCompiled = ScenarioRunner.Report(file, seed, format, jobs: 2, scenario);
                Assert.Equal(scripted.Text, fromCompiled.Text);
            }

            // The generated class holds the scenario, not its sweep: its run is the scenario's
            // own. The compiled scenario and the generated class resolve every hook site
            // themselves: neither is given the scripted hook set.
            var model = seed is { } s ? file.Model.WithSeed(s) : file.Model;
            var options = new SimulationOptions { RetainL1Data = RunBuilder.NeedsL1Data(model) };
            var baseline = Simulator.Run(model, options with { Rules = hooks });
            var viaCompiled = Simulator.Run(scenario!.Model.WithSeed(model.Seed), options with { Rules = scenario });
            var generated = (SimulationResult)generatedRun.Invoke(null, [seed, options])!;
            // `derivable` derives each run with its own path's derivation rules.
            var expected = TextReportWriter.Write(baseline, ExpectationChecker.Check(model, baseline, hooks));
            Assert.Equal(expected, TextReportWriter.Write(viaCompiled, ExpectationChecker.Check(model, viaCompiled, scenario)));
            Assert.Equal(expected, TextReportWriter.Write(generated, ExpectationChecker.Check(model, generated, generatedRules)));
        }
    }
}
