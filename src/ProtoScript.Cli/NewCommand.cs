using System.CommandLine;
using ProtoScript.Language.Diagnostics;

namespace ProtoScript.Cli;

/// <summary>
/// <c>proto-script new NAME</c>: writes <c>NAME.proto-script</c>, a small commented scenario that
/// runs as it is, to start a new study from. It never overwrites a file.
/// </summary>
internal static class NewCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var name = new Argument<string>("name") { Description = "The scenario's name, or a path; .proto-script is added when missing." };
        var command = new Command("new", "Write a commented starter scenario NAME.proto-script (never overwrites a file).") { name };
        command.SetAction(parse =>
        {
            var given = parse.GetValue(name)!;
            var path = given.EndsWith(".proto-script", StringComparison.Ordinal) ? given : given + ".proto-script";
            var scenarioName = Path.GetFileNameWithoutExtension(path);
            if (scenarioName.Length == 0 || scenarioName.Any(c => c is '"' or '\\' || char.IsControl(c)))
            {
                stderr.Write($"proto-script: error {DiagnosticCodes.InvalidArgument}: `{given}` cannot name a scenario; use letters, digits, `-` and `_`\n");
                return ExitCodes.BadInput;
            }

            try
            {
                // CreateNew fails if anything is already there, so a race cannot overwrite either.
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
                writer.Write(Starter(scenarioName));
            }
            catch (IOException) when (File.Exists(path) || Directory.Exists(path))
            {
                stderr.Write($"proto-script: error {DiagnosticCodes.InvalidArgument}: `{path}` already exists; `new` never overwrites a file (choose another name, or delete the file first)\n");
                return ExitCodes.BadInput;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.Write(DiagnosticFormatter.Format([ScenarioLoader.FileProblem(path, $"cannot write `{path}`: {e.Message}", "check that the folder exists and is writable")], DiagnosticFormat.Text));
                return ExitCodes.BadInput;
            }

            stdout.Write($"wrote {path}\nrun it:  proto-script run {path}\ncheck it: proto-script check {path}\n");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The starter scenario: in the formatter's layout, with every line explained.</summary>
    internal static string Starter(string name) => $$"""
        // {{name}}: a starting point. Describe the question this scenario answers here, e.g.
        // "how does the rollup's block time change the users' latency?". Every setting below is
        // explained in docs/language.md; `proto-script check` finds mistakes without running.
        scenario "{{name}}" {
          seed 1 // the same seed always gives the same report
          duration 5 min // simulated time, not wall-clock time

          l1 ethereum {
            slot_time = 12 s
          }

          rollup A {
            block_time = 2 s
            gas_limit = 30_000_000
            ordering = fcfs // or priority_fee
            accounts 1_000 funded 10 eth
          }

          workload {
            users = poisson(10 / s) on A // transactions arrive at random, 10 a second on average
            priority_fee = exponential(0.01 gwei)
            value = uniform(0.001 eth, 0.1 eth)
          }

          // Checked after every run; a failing line makes `run` and `test` exit 1.
          expect {
            conserved total_supply
            report.A.transactions.included > 0
          }
        }

        // To compare settings, uncomment a sweep: each value runs 5 times with seeds 1 … 5.
        // sweep rollup.A.block_time in [1 s, 2 s, 4 s] runs 5

        """;
}
