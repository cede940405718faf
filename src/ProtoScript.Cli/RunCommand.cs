using System.CommandLine;
using ProtoScript.Application;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Reporting;
using ProtoScript.Reporting.Sweeps;

namespace ProtoScript.Cli;

/// <summary><c>proto-script run FILE [--seed N] [--format text|json|csv|html] [--series] [--html FILE] [--set PATH=VALUE]... [--point N]</c>: simulate and print the report.</summary>
internal static class RunCommand
{
    /// <param name="stdout">Where the report goes.</param>
    /// <param name="stderr">Where diagnostics go.</param>
    /// <param name="inWorker">True in an isolated worker, which always runs in process.</param>
    public static Command Build(TextWriter stdout, TextWriter stderr, bool inWorker = false)
    {
        var file = new Argument<string>("file") { Description = "The scenario to run." };
        var seed = CommonOptions.Seed("Overrides the scenario's seed; the same seed always gives the same report.");
        var format = new Option<string>("--format") { Description = "Report format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "csv", "html");
        var series = new Option<bool>("--series") { Description = "With --format csv: write the run's per-block time series instead of its metrics (single runs only)." };
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
        var sets = new Option<string[]>("--set")
        {
            Description = "Replaces a setting, e.g. --set 'rollup.A.block_time=500 ms' (the paths `sweep` takes; repeatable, a later one wins).",
            AllowMultipleArgumentsPerToken = false,
        };
        var point = new Option<int?>("--point")
        {
            Description = "Runs point N (1 = the first) of the file's sweep once, as a single run; with --seed S it repeats the sweep's run with seed S.",
            CustomParser = r =>
            {
                var token = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
                if (int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1)
                {
                    return n;
                }

                r.AddError($"--point: `{token}` is not a point; expected a number from 1 (the sweep's first point).");
                return null;
            },
        };
        var command = new Command("run", "Run a scenario, or the sweep it declares, and print its report.") { file, seed, format, series, html, diagnosticFormat, jobs, engine, baseline, metrics, sets, point };
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
            var reportFormat = ReportFormatOf(parse.GetValue(format), parse.GetValue(series));
            if (reportFormat is null || (reportFormat == ReportFormatKind.CsvSeries && ScenarioLoader.Load(parse.GetValue(file)!).Sweep is not null))
            {
                stderr.Write(reportFormat is null
                    ? "error: --series writes a run's time series as CSV: add --format csv\n"
                    : "error: --series writes one run's time series, and a sweep keeps only its metrics: run without --series, or run a scenario without a sweep\n");
                return ExitCodes.BadInput;
            }

            var view = new SweepView(parse.GetValue(baseline), [.. (parse.GetValue(metrics) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
            var overrides = parse.GetValue(sets) ?? [];
            var request = new Isolation.IsolatedRun.Request(parse.GetValue(file)!, parse.GetValue(seed), reportFormat.Value, CommonOptions.ToFormat(parse.GetValue(diagnosticFormat)), jobCount, overrides, parse.GetValue(point)) { View = view, HtmlPath = parse.GetValue(html) };
            if (!inWorker && Isolation.IsolatedRun.TryRun(parse, isolation, request, stdout, stderr, out var isolated))
            {
                return isolated;
            }

            var result = ScenarioLoader.Load(parse.GetValue(file)!, overrides);
            if (ScenarioLoader.Report(result, stderr, CommonOptions.ToFormat(parse.GetValue(diagnosticFormat))) || result.Model is null)
            {
                return ExitCodes.BadInput;
            }

            if (WrongView(result, view, stderr))
            {
                return ExitCodes.BadInput;
            }

            var header = string.Empty;
            if (request.Point is { } n)
            {
                if (!TrySelectPoint(result, n, request, out result, out header, out var problem))
                {
                    stderr.Write($"proto-script: error {DiagnosticCodes.InvalidArgument}: {problem}\n");
                    return ExitCodes.BadInput;
                }
            }

            var diagnosticsFormat = CommonOptions.ToFormat(parse.GetValue(diagnosticFormat));
            if (!HookRuntime.TryPrepare(result, stderr, diagnosticsFormat, parse.GetValue(engine) == "compiled" ? EngineKind.Compiled : EngineKind.Scripted, out var prepared))
            {
                return ExitCodes.BadInput;
            }

            using var scenario = prepared;
            var progress = inWorker ? null : ProgressLine.For(stderr);
            var ran = HookRuntime.TryRun(() => scenario.Report(parse.GetValue(seed), reportFormat.Value, jobCount, view, progress), stderr, diagnosticsFormat, out var report);
            progress?.Clear();
            if (!ran || report is null)
            {
                return ExitCodes.RunFailed;
            }

            if (!TryWriteHtml(parse.GetValue(html), report, stderr))
            {
                return ExitCodes.BadInput;
            }

            if (header.Length > 0)
            {
                // Text gets the point on top; JSON stays one document, so the note goes to stderr.
                (reportFormat == ReportFormatKind.Text ? stdout : stderr).Write(header);
            }

            stdout.Write(report.Text);
            WriteFailedExpectations(report, stderr, Rerun(request));
            return report.ExpectationsHeld ? ExitCodes.Success : ExitCodes.RunFailed;
        });
        return command;
    }

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

    /// <summary>
    /// The file with its sweep replaced by point <paramref name="number"/> (1-based) as its scenario,
    /// and the header that says which point it is; false with the problem when there is no such point.
    /// </summary>
    internal static bool TrySelectPoint(Language.CompilationResult result, int number, Isolation.IsolatedRun.Request request, out Language.CompilationResult selected, out string header, out string problem)
    {
        selected = result;
        header = problem = string.Empty;
        if (result.Sweep is not { } sweep)
        {
            problem = $"--point {number}: `{request.Path}` declares no sweep; --point runs one point of a sweep";
            return false;
        }

        if (number > sweep.Points.Length)
        {
            problem = $"--point {number}: the sweep of `{request.Path}` has {sweep.Points.Length} point{(sweep.Points.Length == 1 ? string.Empty : "s")}; give 1 to {sweep.Points.Length}";
            return false;
        }

        var chosen = sweep.Points[number - 1];
        selected = result with { Model = chosen.Model, Sweep = null };
        var seedText = request.Seed is { } s ? $"seed {s}" : $"seed {chosen.Model.Seed} (the point's first run; --seed S repeats run seed S)";
        header = $"point {number} of {sweep.Points.Length}: {Describe(sweep, chosen)}, {seedText}\n\n";
        return true;
    }

    /// <summary>The command line that reruns this file alone: <c>proto-script run FILE [--set ...]</c>, quoted for a POSIX shell where needed.</summary>
    internal static string Rerun(Isolation.IsolatedRun.Request request) =>
        string.Join(' ', new[] { "proto-script", "run", request.Path }.Concat(request.Overrides.SelectMany(o => new[] { "--set", o })).Select(ShellQuote));

    /// <summary>The report format of <c>--format</c> and <c>--series</c>; null when <c>--series</c> comes without <c>--format csv</c>.</summary>
    private static ReportFormatKind? ReportFormatOf(string? format, bool series) => (format, series) switch
    {
        ("csv", true) => ReportFormatKind.CsvSeries,
        (_, true) => null,
        ("json", _) => ReportFormatKind.Json,
        ("csv", _) => ReportFormatKind.Csv,
        ("html", _) => ReportFormatKind.Html,
        _ => ReportFormatKind.Text,
    };

    /// <summary>Prints the expectations a run or a sweep failed, after its report: a failed expectation is a finding, not lost output.</summary>
    /// <param name="report">The rendered report.</param>
    /// <param name="stderr">Where the lines go.</param>
    /// <param name="rerun">The command that reruns the file (see <see cref="Rerun"/>), to which a failed sweep point's line adds <c>--point N --seed S</c>.</param>
    internal static void WriteFailedExpectations(RenderedReport report, TextWriter stderr, string rerun)
    {
        foreach (var outcome in report.FailedExpectations)
        {
            var e = outcome.Expectation;
            stderr.Write($"{e.Location}: error {ExpectationChecker.FailedCode}: expectation failed: {e.Text} (actual: {outcome.Actual})\n");
        }

        if (report.Sweep is not { } sweep)
        {
            return;
        }

        for (var k = 0; k < sweep.Points.Length; k++)
        {
            var point = sweep.Points[k];
            for (var x = 0; x < point.ExpectationFailures.Length; x++)
            {
                var (e, failures) = point.ExpectationFailures[x];
                if (failures == 0)
                {
                    continue;
                }

                var runs = x < point.FailedRuns.Length ? point.FailedRuns[x] : [];
                var seeds = runs.Select(r => point.Seeds[r].ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
                var named = seeds.Count == 0 ? string.Empty : $": seed{(seeds.Count == 1 ? string.Empty : "s")} {string.Join(", ", seeds.Take(10))}{(seeds.Count > 10 ? ", …" : string.Empty)}; rerun one with `{rerun} --point {k + 1} --seed {seeds[0]}`";
                stderr.Write($"{e.Location}: error {ExpectationChecker.FailedCode}: expectation failed: {e.Text} at point {k + 1} ({Describe(sweep.Sweep, sweep.Sweep.Points[k])}), runs {failures}/{point.Seeds.Length}{named}\n");
            }
        }
    }

    /// <summary>A point's value on each axis: <c>rollup.A.block_time = 1 s, duration = 5 min</c>.</summary>
    internal static string Describe(Language.Model.SweepModel sweep, Language.Model.SweepPoint point) =>
        string.Join(", ", sweep.Axes.Select((a, i) => $"{a.Path} = {point.Labels[i]}"));

    private static string ShellQuote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '/' or '-' or '_' or '=' or ':' or '+' or ',')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

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
