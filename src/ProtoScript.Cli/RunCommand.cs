using System.CommandLine;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Reporting;
using ProtoScript.Scripting;

namespace ProtoScript.Cli;

/// <summary><c>proto-script run FILE [--seed N] [--format text|json]</c>: simulate and print the report.</summary>
internal static class RunCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "The scenario to run." };
        var seed = new Option<ulong?>("--seed") { Description = "Overrides the scenario's seed; the same seed always gives the same report." };
        var format = new Option<string>("--format") { Description = "Report format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var diagnosticFormat = CommonOptions.DiagnosticFormat();
        var jobs = new Option<int>("--jobs") { Description = "How many runs of a sweep may execute at once; the report does not depend on it.", DefaultValueFactory = _ => Environment.ProcessorCount };
        jobs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--jobs must be at least 1.");
            }
        });
        var command = new Command("run", "Run a scenario, or the sweep it declares, and print its report.") { file, seed, format, diagnosticFormat, jobs };
        command.SetAction(parse =>
        {
            var result = ScenarioLoader.Load(parse.GetValue(file)!);
            if (ScenarioLoader.Report(result, stderr, CommonOptions.ToFormat(parse.GetValue(diagnosticFormat))) || result.Model is null)
            {
                return ExitCodes.BadInput;
            }

            if (NotYetSimulated(result) is { } unsupported)
            {
                // Running would silently ignore what the scenario asks for; refuse instead.
                stderr.Write(DiagnosticFormatter.Format([unsupported], CommonOptions.ToFormat(parse.GetValue(diagnosticFormat))));
                return ExitCodes.BadInput;
            }

            var diagnosticsFormat = CommonOptions.ToFormat(parse.GetValue(diagnosticFormat));
            var hooks = HookRuntime.Compile(result);
            if (hooks is not null && hooks.Diagnostics.Count > 0)
            {
                stderr.Write(DiagnosticFormatter.Format(hooks.Diagnostics, diagnosticsFormat));
            }

            if (hooks is { Success: false })
            {
                return ExitCodes.BadInput;
            }

            using var compiledHooks = hooks?.Hooks;
            RenderedReport report;
            try
            {
                report = ScenarioReports.Run(result, parse.GetValue(seed), parse.GetValue(format) == "json" ? ReportFormatKind.Json : ReportFormatKind.Text, parse.GetValue(jobs), compiledHooks);
            }
            catch (RuleFailedException e) when (e.InnerException is HookException hook)
            {
                stderr.Write(DiagnosticFormatter.Format([hook.ToDiagnostic(e.When)], diagnosticsFormat));
                return ExitCodes.RunFailed;
            }
            catch (HookException hook)
            {
                stderr.Write(DiagnosticFormatter.Format([hook.ToDiagnostic()], diagnosticsFormat));
                return ExitCodes.RunFailed;
            }

            stdout.Write(report.Text);

            // The report is printed in full first: a failed expectation is a finding, not lost output.
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

            return report.ExpectationsHeld ? ExitCodes.Success : ExitCodes.RunFailed;
        });
        return command;
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
