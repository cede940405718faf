using System.Collections.Immutable;
using ProtoScript.Language;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Reporting;
using ProtoScript.Reporting.Sweeps;

namespace ProtoScript.Cli.Isolation;

/// <summary>
/// A sweep whose runs execute in workers, one worker per job lane. A run that crashes, times
/// out or runs out of memory fails its point only: the point is reported as failed with the
/// diagnostic, every other point keeps its results, and the exit code is 1. The report of a
/// sweep where nothing failed is byte for byte the in-process one (the parent folds the same
/// values in the same run order).
/// </summary>
internal static class IsolatedSweep
{
    /// <summary>Runs the sweep of <paramref name="result"/> (compiled without errors from <paramref name="text"/>) and prints its report.</summary>
    public static int Run(CompilationResult result, string text, IsolatedRun.Request request, IsolationLimits limits, TextWriter stdout, TextWriter stderr)
    {
        // What the in-process path prints and refuses before any hook code exists.
        ScenarioLoader.Report(result, stderr, request.Diagnostics);
        if (RunCommand.NotYetSimulated(result) is { } unsupported)
        {
            stderr.Write(DiagnosticFormatter.Format([unsupported], request.Diagnostics));
            return ExitCodes.BadInput;
        }

        if (RunCommand.WrongView(result, request.View, stderr))
        {
            return ExitCodes.BadInput;
        }

        var sweep = result.Sweep!;
        if (request.Seed is { } s)
        {
            sweep = sweep with { Points = [.. sweep.Points.Select(p => p with { Model = p.Model.WithSeed(s) })] };
        }

        var runs = sweep.Runs;
        var points = sweep.Points;
        var values = points.Select(_ => new double[runs][]).ToArray();
        var failures = points.Select(_ => new bool[runs][]).ToArray();

        // Per point, its lowest failed run and that run's diagnostic. Runs above a failed one
        // are skipped; runs below it always run, so the same run is named on every machine.
        var failedRun = points.Select(_ => int.MaxValue).ToArray();
        var failedText = new (string Diagnostic, string Summary)[points.Length];
        var gate = new object();
        var finished = 0;
        var progress = ProgressLine.For(stderr);
        string? prepareFailure = null;
        string? warnings = null;
        var format = request.Diagnostics switch
        {
            DiagnosticFormat.MSBuild => "msbuild",
            DiagnosticFormat.Json => "json",
            _ => "text",
        };

        WorkerLanes.Run(points.Length * runs, request.Jobs, limits, item =>
        {
            var (point, run) = (item / runs, item % runs);
            lock (gate)
            {
                if (prepareFailure is not null || failedRun[point] < run)
                {
                    return null;
                }
            }

            return new WorkerRequest(WorkerRequest.SweepRun, Path: request.Path, Text: text, Seed: request.Seed, DiagnosticFormat: format, Point: point, Run: run, Overrides: request.Overrides.Length == 0 ? null : request.Overrides);
        }, (item, reply, death) =>
        {
            var (point, run) = (item / runs, item % runs);
            progress?.OnSweepRun(Interlocked.Increment(ref finished), points.Length * runs);
            lock (gate)
            {
                if (reply is { ExitCode: ExitCodes.Success, OutOfMemory: false, Values: { } v, Failures: { } f })
                {
                    values[point][run] = v;
                    failures[point][run] = f;
                    warnings ??= reply.Warnings;
                    return;
                }

                if (reply is { ExitCode: ExitCodes.BadInput, OutOfMemory: false })
                {
                    // The hooks do not compile: the same in every worker, and no run can start.
                    prepareFailure ??= reply.Stderr;
                    return;
                }

                string diagnostic, summary;
                if (reply is { OutOfMemory: false })
                {
                    (diagnostic, summary) = (reply.Stderr, $"run {run} (seed {Seed(points[point], run)}): {reply.Summary}");
                    warnings ??= reply.Warnings;
                }
                else
                {
                    var what = $"run {run} (seed {Seed(points[point], run)}) at {Describe(sweep, points[point])}";
                    var d = IsolationDiagnostics.For(death ?? new WorkerDeath(WorkerDeathKind.OutOfMemory, null), request.Path, limits, what);
                    (diagnostic, summary) = (DiagnosticFormatter.Format([d], request.Diagnostics), $"{d.Code}: {d.Message}");
                }

                if (run < failedRun[point])
                {
                    failedRun[point] = run;
                    failedText[point] = (diagnostic, summary);
                }
            }
        });

        progress?.Clear();
        if (prepareFailure is not null)
        {
            stderr.Write(prepareFailure);
            return ExitCodes.BadInput;
        }

        stderr.Write(warnings ?? string.Empty);
        var results = points.Select((p, k) => failedRun[k] == int.MaxValue
            ? SweepAggregation.Fold(p, values[k], failures[k])
            : SweepAggregation.Failed(p, runs, failedText[k].Summary)).ToImmutableArray();
        var outcome = new SweepResult(points[0].Model.Name, sweep, results);
        var report = ScenarioReports.Render(outcome, request.Format, request.View);

        // A failed point's diagnostic, as an in-process run would have printed it, then the
        // report with every point that finished.
        for (var k = 0; k < points.Length; k++)
        {
            if (failedRun[k] != int.MaxValue)
            {
                stderr.Write(failedText[k].Diagnostic);
            }
        }

        if (!RunCommand.TryWriteHtml(request.HtmlPath, report, stderr))
        {
            return ExitCodes.BadInput;
        }

        stdout.Write(report.Text);
        RunCommand.WriteFailedExpectations(report, stderr, RunCommand.Rerun(request));
        return report.ExpectationsHeld ? ExitCodes.Success : ExitCodes.RunFailed;
    }

    private static ulong Seed(Language.Model.SweepPoint point, int run) => SweepAggregation.RunSeed(point.Model.Seed, run);

    private static string Describe(Language.Model.SweepModel sweep, Language.Model.SweepPoint point) =>
        string.Join(", ", sweep.Axes.Select((a, i) => $"{a.Path} = {point.Labels[i]}"));
}
