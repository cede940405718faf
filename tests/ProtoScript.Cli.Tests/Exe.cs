using System.Diagnostics;
using ProtoScript.Cli.Isolation;

namespace ProtoScript.Cli.Tests;

/// <summary>Runs the real <c>proto-script</c> executable (as <c>dotnet proto-script.dll</c>), the way a user's shell does.</summary>
internal static class Exe
{
    public static CliOutcome In(string? workingDirectory, params string[] args)
    {
        var (fileName, prefix) = WorkerLocation.Resolve();
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var arg in prefix.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CliOutcome(process.ExitCode, stdout, stderr.Result);
    }

    public static CliOutcome Run(params string[] args) => In(null, args);
}
