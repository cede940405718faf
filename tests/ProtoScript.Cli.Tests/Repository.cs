namespace ProtoScript.Cli.Tests;

internal static class Repository
{
    /// <summary>The repository root, found from the test binary by the solution file.</summary>
    public static string Root { get; } = FindRoot();

    public static string Examples => Path.Combine(Root, "examples");

    public static string Example(string name) => Path.Combine(Examples, name);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProtoScript.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ProtoScript.sln not found above " + AppContext.BaseDirectory);
    }
}

internal static class TempFiles
{
    /// <summary>Writes a file into a fresh temporary folder and returns its path.</summary>
    public static string Write(string name, string content)
    {
        var dir = Path.Combine(Path.GetTempPath(), "protoscript-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}

/// <summary>A fresh temporary folder for one test.</summary>
internal sealed record TempDir(string Path)
{
    public static TempDir Create()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "protoscript-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return new TempDir(path);
    }

    /// <summary>Writes a file into the folder and returns its path.</summary>
    public string Write(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, content);
        return path;
    }
}

internal sealed record CliOutcome(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>What <c>verify</c> printed before its measured re-execution speed, which is wall-clock and differs from run to run.</summary>
    public string Agreement => Stdout.IndexOf("re-execution on this machine", StringComparison.Ordinal) is var at and >= 0 ? Stdout[..at] : Stdout;
}

internal static class Cli
{
    public static CliOutcome Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = CliApp.Run(args, stdout, stderr);
        return new CliOutcome(code, stdout.ToString(), stderr.ToString());
    }
}
