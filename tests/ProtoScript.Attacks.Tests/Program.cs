using System.Text.Json;
using ProtoScript.Cli;

namespace ProtoScript.Attacks.Tests;

/// <summary>
/// The attack runner: the test assembly started as a program by <see cref="AttackSuite"/>, so
/// that hostile hooks never run inside the test host. It runs each named attack of the corpus
/// in each mode through the CLI's own entry point (<see cref="CliApp.Run"/>; <c>--isolate</c>
/// starts its worker as the tool does) and prints one JSON line before and one after each.
/// </summary>
public static class Program
{
    /// <summary>The verb that starts the runner.</summary>
    public const string RunnerVerb = "--attack-runner";

    /// <summary><c>--attack-runner CORPUS-DIR FILE:MODE...</c>: runs each file in each mode, in order.</summary>
    public static int Main(string[] args)
    {
        if (args is not [RunnerVerb, var corpus, .. var tasks])
        {
            Console.Error.WriteLine($"usage: {RunnerVerb} CORPUS-DIR FILE:MODE...");
            return 2;
        }

        // Diagnostics name the file as given: relative names keep them the same wherever the repository is.
        Environment.CurrentDirectory = corpus;
        var stdout = Console.Out;
        var attacks = new Dictionary<string, Attack>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            var file = task[..task.LastIndexOf(':')];
            var mode = task[(task.LastIndexOf(':') + 1)..];
            if (!attacks.TryGetValue(file, out var attack))
            {
                attacks[file] = attack = Attack.Read(Path.Combine(corpus, file));
            }

            stdout.WriteLine(JsonSerializer.Serialize(new RunnerLine(file, mode, Started: true, 0, null, null)));
            stdout.Flush();
            var output = new StringWriter { NewLine = "\n" };
            var error = new StringWriter { NewLine = "\n" };
            var exit = CliApp.Run(Modes.Arguments(mode, file, attack.IsolateArguments), output, error);
            stdout.WriteLine(JsonSerializer.Serialize(new RunnerLine(file, mode, Started: false, exit, output.ToString(), error.ToString())));
            stdout.Flush();
        }

        return 0;
    }
}

/// <summary>One line of the runner's output: a mode started, or its result.</summary>
internal sealed record RunnerLine(string File, string Mode, bool Started, int ExitCode, string? Stdout, string? Stderr);
