using System.CommandLine;
using ProtoScript.Language;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Reporting;

namespace ProtoScript.Cli.Isolation;

/// <summary>
/// Where <c>run</c> decides between this process and workers: a sweep with C# hooks runs
/// isolated unless <c>--no-isolate</c>; a hook-free sweep, which runs no user code, runs in
/// process unless <c>--isolate</c>, <c>--timeout</c> or <c>--memory-limit</c> asks for workers;
/// a single run only with <c>--isolate</c>.
/// </summary>
internal static class IsolatedRun
{
    /// <summary>What <c>run</c> was asked for, as far as isolation needs to know.</summary>
    /// <param name="Path">The scenario file.</param>
    /// <param name="Seed">The <c>--seed</c> override, if any.</param>
    /// <param name="Format">The report's format.</param>
    /// <param name="Diagnostics">How diagnostics are printed.</param>
    /// <param name="Jobs">How many runs may execute at once.</param>
    /// <param name="Overrides">The <c>--set PATH=VALUE</c> arguments, in order.</param>
    /// <param name="Point">The <c>--point N</c> to run alone, if any (1-based).</param>
    internal sealed record Request(string Path, ulong? Seed, ReportFormatKind Format, DiagnosticFormat Diagnostics, int Jobs, string[] Overrides, int? Point)
    {
        /// <summary>Where <c>--html</c> writes the HTML page too, or null.</summary>
        public string? HtmlPath { get; init; }

        /// <summary>The sweep's baseline and metrics (<c>--baseline</c>, <c>--metrics</c>).</summary>
        public Reporting.Sweeps.SweepView View { get; init; } = Reporting.Sweeps.SweepView.Default;
    }

    /// <summary>
    /// Runs the file isolated when it should be, and returns true with the exit code; false
    /// leaves the run to the in-process path (also for a file that does not compile: its
    /// diagnostics are the same either way, and no hook code runs for it).
    /// </summary>
    public static bool TryRun(ParseResult parse, IsolationOptions isolation, Request request, TextWriter stdout, TextWriter stderr, out int exitCode)
    {
        exitCode = ExitCodes.Success;
        var mode = isolation.Mode(parse);
        if (mode == IsolationMode.InProcess || !ScenarioLoader.TryRead(request.Path, out var text, out _))
        {
            return false;
        }

        var result = ScenarioCompiler.Compile(request.Path, text, [.. request.Overrides]);
        if (!result.Success)
        {
            return false;
        }

        var limits = isolation.Limits(parse);
        // One point of a sweep is a single run: isolated only when asked, like any single run.
        if (result.Sweep is not null && request.Point is null)
        {
            if (!SweepIsolated(result, mode, isolation.LimitsGiven(parse)))
            {
                return false;
            }

            exitCode = IsolatedSweep.Run(result, text, request, limits, stdout, stderr);
            return true;
        }

        if (mode != IsolationMode.Isolated)
        {
            return false;
        }

        // The worker parses the same command line; it runs in process there, whatever the switches say.
        exitCode = RunWhole([.. parse.Tokens.Select(t => t.Value)], request.Path, limits, request.Diagnostics, stdout, stderr);
        return true;
    }

    /// <summary>
    /// Whether a sweep runs in workers: with <c>--isolate</c>, or by default when its scenario has
    /// C# hooks or a limit (<c>--timeout</c>, <c>--memory-limit</c>) was asked for; a hook-free
    /// sweep runs nothing but the engine, and workers would only cost their start.
    /// </summary>
    internal static bool SweepIsolated(CompilationResult result, IsolationMode mode, bool limitsGiven) => mode switch
    {
        IsolationMode.Isolated => true,
        IsolationMode.InProcess => false,
        _ => !result.AllHooks.IsEmpty || limitsGiven,
    };

    /// <summary>Runs one command line in a fresh worker and prints what it printed, or the diagnostic for its death.</summary>
    public static int RunWhole(string[] args, string path, IsolationLimits limits, DiagnosticFormat diagnostics, TextWriter stdout, TextWriter stderr)
    {
        var reply = Send(args, limits, out var death);
        if (reply is not null)
        {
            stdout.Write(reply.Stdout);
            stderr.Write(reply.Stderr);
            return reply.ExitCode;
        }

        stderr.Write(DiagnosticFormatter.Format([IsolationDiagnostics.For(death!, path, limits)], diagnostics));
        return ExitCodes.RunFailed;
    }

    /// <summary>The reply of a fresh worker to one command line; null with why when it died or reached its memory limit.</summary>
    public static WorkerReply? Send(string[] args, IsolationLimits limits, out WorkerDeath? death)
    {
        using var worker = WorkerProcess.TryStart(limits, out death);
        if (worker?.Send(new WorkerRequest(WorkerRequest.Cli, Args: args), out death) is not { } reply)
        {
            return null;
        }

        if (reply.OutOfMemory)
        {
            death = new WorkerDeath(WorkerDeathKind.OutOfMemory, null);
            return null;
        }

        return reply;
    }
}
