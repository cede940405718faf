using System.Diagnostics.CodeAnalysis;
using ProtoScript.Application;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Scripting;

namespace ProtoScript.Cli;

/// <summary>
/// What every command that runs a scenario does around the run: refuse what the engine
/// cannot run, prepare the file's rules (once for the scenario and all its sweep points) and
/// turn a hook that throws or runs away into a diagnostic.
/// </summary>
internal static class HookRuntime
{
    /// <summary>
    /// Checks that the engine can run the file and prepares its rules on the chosen engine path
    /// (<see cref="PreparedScenario"/>), printing any diagnostic. False (exit 2) when it cannot run.
    /// </summary>
    public static bool TryPrepare(CompilationResult result, TextWriter stderr, DiagnosticFormat format, EngineKind engine, [NotNullWhen(true)] out PreparedScenario? prepared)
    {
        prepared = null;
        if (RunCommand.NotYetSimulated(result) is { } unsupported)
        {
            // Running would silently ignore what the scenario asks for; refuse instead.
            stderr.Write(DiagnosticFormatter.Format([unsupported], format));
            return false;
        }

        var scenario = PreparedScenario.Prepare(result, engine);
        if (scenario.Diagnostics.Count > 0)
        {
            stderr.Write(DiagnosticFormatter.Format(scenario.Diagnostics, format));
        }

        if (!scenario.Success)
        {
            scenario.Dispose();
            return false;
        }

        prepared = scenario;
        return true;
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
