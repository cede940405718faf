using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Text;

namespace ProtoScript.Cli.Isolation;

/// <summary>A worker that died without a reply, as a diagnostic naming the scenario, what happened and how to fix it.</summary>
internal static class IsolationDiagnostics
{
    /// <summary>The diagnostic for <paramref name="death"/>; <paramref name="what"/> says which run (e.g. "run 2 (seed 9) of point ...") or is empty for a whole run.</summary>
    public static Diagnostic For(WorkerDeath death, string path, IsolationLimits limits, string what = "")
    {
        var run = what.Length == 0 ? "the run" : what;
        var (code, message, hint) = death.Kind switch
        {
            WorkerDeathKind.TimedOut => (
                DiagnosticCodes.WorkerTimedOut,
                $"{run} did not finish within {IsolationOptions.FormatDuration(limits.Timeout)} (wall clock) and its worker process was killed",
                "raise --timeout if the scenario needs longer; otherwise check its hooks for work that takes no budget steps (one long library call)"),
            WorkerDeathKind.OutOfMemory => (
                DiagnosticCodes.WorkerOutOfMemory,
                $"{run} used more than its memory limit of {IsolationOptions.FormatBytes(limits.MemoryLimitBytes)} and its worker process was stopped",
                "raise --memory-limit if the scenario needs more; otherwise check its hooks, and lower `hooks { max_allocated }` so the hook that allocates is named"),
            WorkerDeathKind.StackOverflow => (
                DiagnosticCodes.WorkerCrashed,
                $"{run} crashed its worker process with a stack overflow: a hook recursed too deeply, itself or inside a library call (e.g. thousands of nested LINQ operators)",
                "make the hook iterative; for its own recursion, lower `hooks { max_call_depth }` so it stops with a diagnostic"),
            WorkerDeathKind.CouldNotStart => (
                DiagnosticCodes.WorkerCrashed,
                $"could not start a worker process for {run}: {death.Detail}",
                "run with --no-isolate to run in this process"),
            _ => (
                DiagnosticCodes.WorkerCrashed,
                $"{run} crashed its worker process ({(death.ExitCode is { } c ? $"exit code {c}" : "no exit code")}{(death.Detail.Length > 0 ? ", " + death.Detail : string.Empty)})",
                "check the scenario's hooks; run it with --no-isolate and PROTOSCRIPT_DEBUG=1 to see where it fails"),
        };

        // No span: the parent cannot tell which line of the file the worker was running.
        return new Diagnostic(code, DiagnosticSeverity.Error, message, new SourceText(path, string.Empty), default, hint);
    }
}
