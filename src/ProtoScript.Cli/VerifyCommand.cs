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
        var seed = CommonOptions.Seed("Overrides the scenario's seed.");
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
            stdout.Write(RenderSpeed(report));
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

    /// <summary>
    /// How fast this machine re-executed each rollup's derived blocks, and how long a node as fast
    /// would take to sync the whole run and a day of it at the run's load. Wall-clock, so it differs
    /// from run to run: it is printed here only and never enters a report.
    /// </summary>
    internal static string RenderSpeed(VerificationReport report)
    {
        var text = new System.Text.StringBuilder("re-execution on this machine (wall clock, varies from run to run; not part of any report):\n");
        var day = TimeSpan.FromDays(1).TotalSeconds;
        var duration = report.Result.Duration.TotalSeconds;
        foreach (var rollup in report.Rollups)
        {
            if (rollup.Speed is not { } speed)
            {
                continue;
            }

            var c = CultureInfo.InvariantCulture;
            text.Append(c, $"  {rollup.Rollup}: {speed.Blocks} blocks, {speed.Transactions} transactions, {speed.Gas} gas in {Seconds(speed.Elapsed)}");
            if (speed.GasPerSecond <= 0)
            {
                text.Append(": too fast to time\n");
                continue;
            }

            text.Append(c, $": {speed.GasPerSecond / 1e6:0.0} Mgas/s, {speed.TransactionsPerSecond:0} tx/s");
            if (report.Result.Rollups.FirstOrDefault(r => r.Name == rollup.Rollup) is { } result && duration > 0)
            {
                var perDay = (ulong)Math.Round(result.GasUsed * day / duration);
                text.Append(c, $"; to sync the whole run ({result.Blocks} blocks, {result.GasUsed} gas) about {Seconds(speed.TimeFor(result.GasUsed)!.Value)}, a day at this load ({perDay} gas) about {Seconds(speed.TimeFor(perDay)!.Value)}");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds switch
    {
        < 60 => time.TotalSeconds.ToString("0.000 's'", CultureInfo.InvariantCulture),
        < 3600 => time.TotalMinutes.ToString("0.0 'min'", CultureInfo.InvariantCulture),
        < 86_400 => time.TotalHours.ToString("0.0 'h'", CultureInfo.InvariantCulture),
        _ => time.TotalDays.ToString("0.0 'days'", CultureInfo.InvariantCulture),
    };
}
