using System.Diagnostics.CodeAnalysis;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Scripting;

namespace ProtoScript.Cli;

/// <summary>
/// What every command that runs a scenario does around the run: refuse what the engine
/// cannot run, compile the file's C# hooks (once for the scenario and all its sweep points),
/// and turn a hook that throws or runs away into a diagnostic.
/// </summary>
internal static class HookRuntime
{
    /// <summary>
    /// Checks that the engine can run the file and compiles its hooks, printing any diagnostic.
    /// False (exit 2) when it cannot run; <paramref name="hooks"/> is null when it has none.
    /// </summary>
    public static bool TryPrepare(CompilationResult result, TextWriter stderr, DiagnosticFormat format, out CompiledHooks? hooks)
    {
        hooks = null;
        if (RunCommand.NotYetSimulated(result) is { } unsupported)
        {
            // Running would silently ignore what the scenario asks for; refuse instead.
            stderr.Write(DiagnosticFormatter.Format([unsupported], format));
            return false;
        }

        var compiled = HookCompiler.CompileFile(result);
        if (compiled is not null && compiled.Diagnostics.Count > 0)
        {
            stderr.Write(DiagnosticFormatter.Format(compiled.Diagnostics, format));
        }

        hooks = compiled?.Hooks;
        return compiled is null or { Success: true };
    }

    /// <summary>
    /// Like <see cref="TryPrepare(CompilationResult, TextWriter, DiagnosticFormat, out CompiledHooks?)"/>, or, when
    /// <paramref name="compiled"/> is set, emits the scenario as specialised C# and compiles it
    /// (<see cref="CompiledScenario"/>); <paramref name="rules"/> are the run's ordering rules.
    /// </summary>
    public static bool TryPrepare(CompilationResult result, TextWriter stderr, DiagnosticFormat format, bool compiled, out IOrderingRuleResolver? rules)
    {
        rules = null;
        if (!compiled)
        {
            var prepared = TryPrepare(result, stderr, format, out var hooks);
            rules = hooks;
            return prepared;
        }

        if (RunCommand.NotYetSimulated(result) is { } unsupported)
        {
            stderr.Write(DiagnosticFormatter.Format([unsupported], format));
            return false;
        }

        var scenario = CompiledScenario.Compile(result);
        if (scenario.Diagnostics.Count > 0)
        {
            stderr.Write(DiagnosticFormatter.Format(scenario.Diagnostics, format));
        }

        rules = scenario.Scenario;
        return scenario.Success;
    }

    /// <summary>Runs <paramref name="run"/>; false (exit 1) after printing a hook's failure with where in the run it happened.</summary>
    public static bool TryRun<T>(Func<T> run, TextWriter stderr, DiagnosticFormat format, [NotNullWhen(true)] out T? value)
    {
        if (TryRun(run, out value, out var failure))
        {
            return true;
        }

        stderr.Write(DiagnosticFormatter.Format([failure], format));
        return false;
    }

    /// <summary>Runs <paramref name="run"/>; false with the hook's failure as a diagnostic when a hook threw or ran out of budget.</summary>
    public static bool TryRun<T>(Func<T> run, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out Diagnostic? failure)
    {
        failure = null;
        try
        {
            value = run()!;
            return true;
        }
        catch (RuleFailedException e) when (e.InnerException is HookException hook)
        {
            failure = hook.ToDiagnostic(e.When);
        }
        catch (HookException hook)
        {
            failure = hook.ToDiagnostic();
        }

        value = default;
        return false;
    }
}
