using ProtoScript.Application;
using ProtoScript.Engine.Results;
using ProtoScript.Language;

namespace ProtoScript.Reporting.Tests;

/// <summary>The repository's example scenarios, run the way the CLI runs them.</summary>
internal static class Examples
{
    public static string Root { get; } = FindRoot();

    /// <summary>Every example's name (without extension).</summary>
    public static IEnumerable<string> Names =>
        Directory.GetFiles(Path.Combine(Root, "examples"), "*.proto-script").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static CompilationResult Compile(string name)
    {
        var path = Path.Combine(Root, "examples", name + ".proto-script");
        var compiled = ScenarioCompiler.Compile(Path.GetFileName(path), File.ReadAllText(path));
        Assert.True(compiled.Success, name + " does not compile");
        return compiled;
    }

    /// <summary>The example's report as <c>proto-script run</c> prints it.</summary>
    public static string Report(string name, ReportFormatKind format)
    {
        using var prepared = Prepare(name);
        return prepared.Report(format: format, jobs: 2).Text;
    }

    /// <summary>The example's scenario (a sweep's base scenario) run once, with its hooks.</summary>
    public static SimulationResult RunOnce(string name)
    {
        using var prepared = Prepare(name);
        return prepared.Run().Run();
    }

    private static PreparedScenario Prepare(string name)
    {
        var prepared = PreparedScenario.Prepare(Compile(name));
        Assert.True(prepared.Success, name + "'s hooks do not compile");
        return prepared;
    }

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
