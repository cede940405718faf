using System.CommandLine;
using ProtoScript.Application;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Reporting;
using ProtoScript.Reporting.Sweeps;

namespace ProtoScript.Cli;

/// <summary><c>proto-script run FILE [--seed N] [--format text|json]</c>: simulate and print the report.</summary>
internal static class RunCommand
{
    /// <param name="stdout">Where the report goes.</param>
    /// <param name="stderr">Where diagnostics go.</param>
    /// <param name="inWorker">True in an isolated worker, which always runs in process.</param>
    public static Command Build(TextWriter stdout, TextWriter stderr, bool inWorker = false)
    {
        var file = new Argument<string>("file") { Description = "The scenario to run." };
        var seed = new Option<ulong?>("--seed") { Description = "Overrides the scenario's seed; the same seed always gives the same report." };
        var format = new Option<string>("--format") { Description = "Report format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "html");
        var html = new Option<string?>("--html") { Description = "Also writes the report as one self-contained HTML page with SVG charts to this file (replaced whole, never half-written).", HelpName = "FILE" };
        var diagnosticFormat = CommonOptions.DiagnosticFormat();
        var jobs = CommonOptions.Jobs("How many runs of a sweep may execute at once; the report does not depend on it.");
        var engine = new Option<string>("--engine")
        {
            Description = "scripted runs the engine's components with hooks compiled apart; compiled emits the scenario as specialised C# and compiles it in memory. The report is the same.",
            DefaultValueFactory = _ => "scripted",
        };
        engine.AcceptOnlyFromAmong("scripted", "compiled");
        var baseline = new Option<int>("--baseline")
        {
            Description = "Sweeps: the point (counting from 1, in the sweep's order) every other point's paired differences are taken to.",
            DefaultValueFactory = _ => 1,
        };
        baseline.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError($"--baseline {r.GetValueOrDefault<int>()}: points are counted from 1.");
            }
        });
        var metrics = new Option<string?>("--metrics") { Description = "Sweeps: the metrics to show, as comma-separated globs on CHAIN.METRIC or METRIC, e.g. latency.*,A.fees.*" };
        var command = new Command("run", "Run a scenario, or the sweep it declares, and print its report.") { file, seed, format, html, diagnosticFormat, jobs, engine, baseline, metrics };
        var isolation = new Isolation.IsolationOptions("Sweeps run isolated by default, one worker per job.");
        isolation.AddTo(command);
        command.SetAction(parse =>
        {
            // A worker runs a command line its parent already checked (and warned about).
            // A page that cannot be written is known before a long run, not after it.
            if (parse.GetValue(html) is { } htmlPath && Path.GetDirectoryName(Path.GetFullPath(htmlPath)) is { } htmlDir && !Directory.Exists(htmlDir))
            {
                stderr.Write($"{htmlPath}: error: cannot write the HTML report: the directory {htmlDir} does not exist\n  = help: give --html a path in a directory that exists and that you may write to\n");
                return ExitCodes.BadInput;
            }

            var jobCount = CommonOptions.ResolveJobs(parse.GetValue(jobs), inWorker ? null : stderr, Environment.ProcessorCount);
            var view = new SweepView(parse.GetValue(baseline), [.. (parse.GetValue(metrics) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
            var request = new Isolation.IsolatedRun.Request(parse.GetValue(file)!, parse.GetValue(seed), FormatOf(parse.GetValue(format)), CommonOptions.ToFormat(parse.GetValue(diagnosticFormat)), jobCount) { View = view, HtmlPath = parse.GetValue(html) };
            if (!inWorker && Isolation.IsolatedRun.TryRun(parse, isolation, request, stdout, stderr, out var isolated))
            {
                return isolated;
            }

            var result = ScenarioLoader.Load(parse.GetValue(file)!);
            if (ScenarioLoader.Report(result, stderr, CommonOptions.ToFormat(parse.GetValue(diagnosticFormat))) || result.Model is null)
            {
                return ExitCodes.BadInput;
            }

            if (WrongView(result, view, stderr))
            {
                return ExitCodes.BadInput;
            }

            var diagnosticsFormat = CommonOptions.ToFormat(parse.GetValue(diagnosticFormat));
            if (!HookRuntime.TryPrepare(result, stderr, diagnosticsFormat, parse.GetValue(engine) == "compiled" ? EngineKind.Compiled : EngineKind.Scripted, out var prepared))
            {
                return ExitCodes.BadInput;
            }

            using var scenario = prepared;
            var reportFormat = FormatOf(parse.GetValue(format));
            if (!HookRuntime.TryRun(() => scenario.Report(parse.GetValue(seed), reportFormat, jobCount, view), stderr, diagnosticsFormat, out var report))
            {
                return ExitCodes.RunFailed;
            }

            if (!TryWriteHtml(parse.GetValue(html), report, stderr))
            {
                return ExitCodes.BadInput;
            }

            stdout.Write(report.Text);
            WriteFailedExpectations(report, stderr);
            return report.ExpectationsHeld ? ExitCodes.Success : ExitCodes.RunFailed;
        });
        return command;
    }

    private static ReportFormatKind FormatOf(string? format) => format switch
    {
        "json" => ReportFormatKind.Json,
        "html" => ReportFormatKind.Html,
        _ => ReportFormatKind.Text,
    };

    /// <summary>Writes the report's HTML page to <paramref name="path"/> when one was asked for; false, with a diagnostic, when the file cannot be written.</summary>
    internal static bool TryWriteHtml(string? path, RenderedReport report, TextWriter stderr)
    {
        if (path is null || report.HtmlPage is not { } page)
        {
            return true;
        }

        try
        {
            Language.Text.FileText.WriteAtomically(path, page());
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.Write($"{path}: error: cannot write the HTML report: {e.Message}\n  = help: give --html a path in a directory that exists and that you may write to\n");
            return false;
        }
    }

    /// <summary>
    /// Refuses <c>--baseline</c> or <c>--metrics</c> that do not fit the file before anything runs:
    /// given for a file without a sweep, a baseline past the last point, a glob matching nothing.
    /// </summary>
    internal static bool WrongView(Language.CompilationResult result, SweepView view, TextWriter stderr)
    {
        var problem = result.Sweep is { } sweep
            ? view.Check(sweep)
            : view == SweepView.Default || (view.Baseline == 1 && view.Metrics.IsDefaultOrEmpty) ? null : "--baseline and --metrics apply to sweeps; this file declares no `sweep`";
        if (problem is null)
        {
            return false;
        }

        stderr.Write($"proto-script: error {DiagnosticCodes.InvalidArgument}: {problem}\n");
        return true;
    }

    /// <summary>Prints the expectations a run or a sweep failed, after its report: a failed expectation is a finding, not lost output.</summary>
    internal static void WriteFailedExpectations(RenderedReport report, TextWriter stderr)
    {
        foreach (var outcome in report.FailedExpectations)
        {
            var e = outcome.Expectation;
            stderr.Write($"{e.Location}: error {ExpectationChecker.FailedCode}: expectation failed: {e.Text} (actual: {outcome.Actual})\n");
        }

        foreach (var point in report.Sweep?.Points ?? [])
        {
            foreach (var (e, failures) in point.ExpectationFailures.Where(f => f.Failures > 0))
            {
                stderr.Write($"{e.Location}: error {ExpectationChecker.FailedCode}: expectation failed: {e.Text} (in {failures} of {point.Seeds.Length} runs at {string.Join(", ", point.Labels)})\n");
            }
        }
    }

    /// <summary>The first construct that binds but that the engine cannot run (hooks, or what its validator refuses), as a diagnostic.</summary>
    internal static Diagnostic? NotYetSimulated(Language.CompilationResult result)
    {
        var model = result.Model!;
        // What the binder cannot see but the engine refuses (e.g. a pool fee finer than a basis point).
        var problems = Engine.Simulation.ScenarioValidator.Validate(model);
        return problems.Count == 0
            ? null
            : new Diagnostic(DiagnosticCodes.InvalidValue, DiagnosticSeverity.Error, string.Join("; ", problems), result.Source, new Language.Text.TextSpan(0, 0), "change the scenario so the engine can run it");
    }
}
