using System.CommandLine;
using ProtoScript.Application;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Reporting;

namespace ProtoScript.Cli;

/// <summary><c>proto-script run FILE [--seed N] [--format text|json|csv] [--series]</c>: simulate and print the report.</summary>
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
        format.AcceptOnlyFromAmong("text", "json", "csv");
        var series = new Option<bool>("--series") { Description = "With --format csv: write the run's per-block time series instead of its metrics (single runs only)." };
        var diagnosticFormat = CommonOptions.DiagnosticFormat();
        var jobs = CommonOptions.Jobs("How many runs of a sweep may execute at once; the report does not depend on it.");
        var engine = new Option<string>("--engine")
        {
            Description = "scripted runs the engine's components with hooks compiled apart; compiled emits the scenario as specialised C# and compiles it in memory. The report is the same.",
            DefaultValueFactory = _ => "scripted",
        };
        engine.AcceptOnlyFromAmong("scripted", "compiled");
        var command = new Command("run", "Run a scenario, or the sweep it declares, and print its report.") { file, seed, format, series, diagnosticFormat, jobs, engine };
        var isolation = new Isolation.IsolationOptions("Sweeps run isolated by default, one worker per job.");
        isolation.AddTo(command);
        command.SetAction(parse =>
        {
            // A worker runs a command line its parent already checked (and warned about).
            var jobCount = CommonOptions.ResolveJobs(parse.GetValue(jobs), inWorker ? null : stderr, Environment.ProcessorCount);
            var reportFormat = ReportFormatOf(parse.GetValue(format), parse.GetValue(series));
            if (reportFormat is null || (reportFormat == ReportFormatKind.CsvSeries && ScenarioLoader.Load(parse.GetValue(file)!).Sweep is not null))
            {
                stderr.Write(reportFormat is null
                    ? "error: --series writes a run's time series as CSV: add --format csv\n"
                    : "error: --series writes one run's time series, and a sweep keeps only its metrics: run without --series, or run a scenario without a sweep\n");
                return ExitCodes.BadInput;
            }

            var request = new Isolation.IsolatedRun.Request(parse.GetValue(file)!, parse.GetValue(seed), reportFormat.Value, CommonOptions.ToFormat(parse.GetValue(diagnosticFormat)), jobCount);
            if (!inWorker && Isolation.IsolatedRun.TryRun(parse, isolation, request, stdout, stderr, out var isolated))
            {
                return isolated;
            }

            var result = ScenarioLoader.Load(parse.GetValue(file)!);
            if (ScenarioLoader.Report(result, stderr, CommonOptions.ToFormat(parse.GetValue(diagnosticFormat))) || result.Model is null)
            {
                return ExitCodes.BadInput;
            }

            var diagnosticsFormat = CommonOptions.ToFormat(parse.GetValue(diagnosticFormat));
            if (!HookRuntime.TryPrepare(result, stderr, diagnosticsFormat, parse.GetValue(engine) == "compiled" ? EngineKind.Compiled : EngineKind.Scripted, out var prepared))
            {
                return ExitCodes.BadInput;
            }

            using var scenario = prepared;
            if (!HookRuntime.TryRun(() => scenario.Report(parse.GetValue(seed), reportFormat.Value, jobCount), stderr, diagnosticsFormat, out var report))
            {
                return ExitCodes.RunFailed;
            }

            stdout.Write(report.Text);
            WriteFailedExpectations(report, stderr);
            return report.ExpectationsHeld ? ExitCodes.Success : ExitCodes.RunFailed;
        });
        return command;
    }

    /// <summary>The report format of <c>--format</c> and <c>--series</c>; null when <c>--series</c> comes without <c>--format csv</c>.</summary>
    private static ReportFormatKind? ReportFormatOf(string? format, bool series) => (format, series) switch
    {
        ("csv", true) => ReportFormatKind.CsvSeries,
        (_, true) => null,
        ("json", _) => ReportFormatKind.Json,
        ("csv", _) => ReportFormatKind.Csv,
        _ => ReportFormatKind.Text,
    };

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
