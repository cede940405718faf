using System.CommandLine;
using System.Globalization;
using ProtoScript.Application;
using ProtoScript.Engine.Derivation;

namespace ProtoScript.Cli;

/// <summary>
/// <c>proto-script verify FILE [--seed N]</c>: run the scenario, re-derive every rollup from the
/// L1 data alone, and compare state roots block by block.
/// </summary>
internal static class VerifyCommand
{
    // Enough derivation errors to see what went wrong without flooding the terminal.
    private const int ErrorsShown = 5;

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "The scenario to run and verify." };
        var seed = new Option<ulong?>("--seed") { Description = "Overrides the scenario's seed." };
        var diagnosticFormat = CommonOptions.DiagnosticFormat();
        var command = new Command("verify", "Run a scenario, re-derive every rollup from its L1 data alone, and compare state roots block by block.") { file, seed, diagnosticFormat };
        command.SetAction(parse =>
        {
            var format = CommonOptions.ToFormat(parse.GetValue(diagnosticFormat));
            var result = ScenarioLoader.Load(parse.GetValue(file)!);
            if (ScenarioLoader.Report(result, stderr, format) || result.Model is null)
            {
                return ExitCodes.BadInput;
            }

            if (!HookRuntime.TryPrepare(result, stderr, format, EngineKind.Scripted, out var prepared))
            {
                return ExitCodes.BadInput;
            }

            using var scenario = prepared;

            // A sweep's points are variations of the scenario; verification checks the scenario itself.
            if (!HookRuntime.TryRun(() => scenario.Verify(parse.GetValue(seed)), stderr, format, out var report))
            {
                return ExitCodes.RunFailed;
            }

            stdout.Write(Render(report));
            return report.AllMatch ? ExitCodes.Success : ExitCodes.RunFailed;
        });
        return command;
    }

    /// <summary>One line per rollup, then the first few derivation errors under it.</summary>
    internal static string Render(VerificationReport report)
    {
        var text = new System.Text.StringBuilder();
        foreach (var rollup in report.Rollups)
        {
            text.Append(rollup.Describe()).Append('\n');
            foreach (var error in rollup.Errors.Take(ErrorsShown))
            {
                text.Append(CultureInfo.InvariantCulture, $"  L1 block {error.L1Block}: {error.Reason}\n");
            }

            if (rollup.Errors.Count > ErrorsShown)
            {
                text.Append(CultureInfo.InvariantCulture, $"  ... and {rollup.Errors.Count - ErrorsShown} more derivation errors\n");
            }
        }

        return text.ToString();
    }
}
