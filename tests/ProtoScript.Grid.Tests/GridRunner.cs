using System.Globalization;
using ProtoScript.Application;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Reporting;
using ProtoScript.Scripting;

namespace ProtoScript.Grid.Tests;

/// <summary>
/// Runs one grid scenario in process the way <c>proto-script run</c> does (bind, refuse what the
/// engine cannot run, compile hooks, <see cref="ScenarioRunner.Report"/>) on the scripted and the
/// compiled engine at every seed, and says what went wrong. A failing seed's scenario is written
/// to <see cref="FailureDirectory"/> with its seed, so <c>proto-script run FILE</c> reruns it.
/// </summary>
internal static class GridRunner
{
    /// <summary>Where failing scenarios are written: <c>bin/.../grid-failures</c> beside the test assembly.</summary>
    public static string FailureDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "grid-failures");

    /// <summary>Every failure of the case, each naming its feature set, seed and written file; empty when all held.</summary>
    public static IReadOnlyList<string> Run(GridCase gridCase)
    {
        var failures = new List<string>();

        // Hooks and the compiled scenario are built once from the first seed's file; the other seeds
        // override the seed as `run --seed` does, which gives the same run as the file written with it.
        var file = Compile(gridCase, Grid.Seeds[0]);
        if (Unrunnable(file) is { } refusal)
        {
            failures.Add(Failure(gridCase, Grid.Seeds[0], refusal));
            return failures;
        }

        var hooks = HookCompiler.CompileFile(file);
        using var scripted = hooks?.Hooks;
        using var compiled = CompiledScenario.Compile(file) is { Success: true } c ? c.Scenario : null;
        if (hooks is { Success: false } || compiled is null)
        {
            failures.Add(Failure(gridCase, Grid.Seeds[0], "hooks do not compile:\n" + DiagnosticFormatter.Format(hooks?.Diagnostics ?? [], DiagnosticFormat.MSBuild)));
            return failures;
        }

        foreach (var seed in Grid.Seeds)
        {
            var problems = new List<string>();
            try
            {
                var json = ScenarioRunner.Report(file, seed, ReportFormatKind.Json, 1, scripted);
                var text = ScenarioRunner.Report(file, seed, ReportFormatKind.Text, 1, scripted);
                problems.AddRange(json.FailedExpectations.Select(o => $"expectation failed: {o.Expectation.Text} (actual: {o.Actual})"));
                problems.AddRange(SupplyIdentity.Check(json.Text).Select(p => "independent conservation check: " + p));
                problems.AddRange(Unexercised(gridCase, json.Text));

                var compiledJson = ScenarioRunner.Report(file, seed, ReportFormatKind.Json, 1, compiled);
                var compiledText = ScenarioRunner.Report(file, seed, ReportFormatKind.Text, 1, compiled);
                if ((FirstDifference(text.Text, compiledText.Text) ?? FirstDifference(json.Text, compiledJson.Text)) is { } difference)
                {
                    problems.Add("the compiled engine's report differs from the scripted engine's: " + difference);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                problems.Add($"the run threw {e.GetType().Name}: {e.Message}");
            }

            if (problems.Count > 0)
            {
                failures.Add(Failure(gridCase, seed, string.Join("\n    ", problems)));
            }
        }

        return failures;
    }

    /// <summary>Binds the case's file at <paramref name="seed"/>, under the name its failure file would have.</summary>
    public static CompilationResult Compile(GridCase gridCase, ulong seed) =>
        ScenarioCompiler.Compile(FileName(gridCase, seed), gridCase.Text(seed));

    /// <summary>The levels of the case whose sign is missing from the report: the fragment did not do what it is there to do.</summary>
    private static IEnumerable<string> Unexercised(GridCase gridCase, string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var problems = new List<string>();
        for (var i = 0; i < gridCase.Levels.Length; i++)
        {
            var factor = Features.All[i];
            var level = factor.Levels[gridCase.Levels[i]];
            if (level.Evidence?.Invoke(document.RootElement) is { } problem)
            {
                problems.Add($"{factor.Name}={level.Id} took no effect: {problem}");
            }
        }

        return problems;
    }

    private static string? Unrunnable(CompilationResult file)
    {
        if (!file.Success || file.Model is null || file.Diagnostics.Count > 0)
        {
            return "the scenario does not bind cleanly:\n" + DiagnosticFormatter.Format(file.Diagnostics, DiagnosticFormat.MSBuild);
        }

        var problems = ScenarioValidator.Validate(file.Model);
        return problems.Count == 0 ? null : "the engine refuses the scenario: " + string.Join("; ", problems);
    }

    private static string Failure(GridCase gridCase, ulong seed, string what)
    {
        Directory.CreateDirectory(FailureDirectory);
        var path = Path.Combine(FailureDirectory, FileName(gridCase, seed));
        File.WriteAllText(path, gridCase.Text(seed));
        return string.Create(CultureInfo.InvariantCulture, $"{gridCase.Name} [{gridCase.FeatureSet}] at seed {seed}:\n    {what}\n  rerun: proto-script run {path}");
    }

    private static string FileName(GridCase gridCase, ulong seed) => string.Create(CultureInfo.InvariantCulture, $"{gridCase.Name}-seed{seed}.proto-script");

    private static string? FirstDifference(string expected, string actual)
    {
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return null;
        }

        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var line = 0;
        while (line < a.Length && line < b.Length && string.Equals(a[line], b[line], StringComparison.Ordinal))
        {
            line++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"line {line + 1}: scripted `{(line < a.Length ? a[line] : "(end)")}`, compiled `{(line < b.Length ? b[line] : "(end)")}`");
    }
}
