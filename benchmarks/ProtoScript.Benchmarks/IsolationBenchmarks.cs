using System.Diagnostics;
using BenchmarkDotNet.Attributes;

namespace ProtoScript.Benchmarks;

/// <summary>
/// Issue 18: what process isolation costs a sweep. The same <c>proto-script run</c> of
/// <c>Scenarios/isolation-sweep.proto-script</c> (4 points × 10 runs, <c>--jobs 2</c>) in process
/// (<c>--no-isolate</c>, the baseline) and as <c>run</c> does it by default: isolated in a pool of
/// two workers, reused across every point, for the scenario with its C# ordering hook; in process
/// for the hook-free variant. Each invocation is a fresh process, as a user's command is, so
/// runtime start and JIT count on both sides. Target: isolated ≤ 1.2× in process.
/// </summary>
public class IsolationBenchmarks
{
    private string _cli = string.Empty;
    private string _scenario = string.Empty;

    /// <summary>With the C# ordering hook (isolated by default) or with <c>priority_fee</c> (in process by default).</summary>
    [Params("hooks", "hook-free")]
    public string Scenario { get; set; } = "hooks";

    /// <summary>Finds the built CLI and writes the scenario variant; throws unless both modes print the same report.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "ProtoScript.sln")))
        {
            root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar))
                ?? throw new InvalidOperationException("The repository root (ProtoScript.sln) is not above " + AppContext.BaseDirectory);
        }

        _cli = Path.Combine(root, "src", "ProtoScript.Cli", "bin", "Release", "net10.0", "proto-script.dll");
        if (!File.Exists(_cli))
        {
            throw new InvalidOperationException($"{_cli} is missing: run `dotnet build src/ProtoScript.Cli -c Release` first.");
        }

        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scenarios", "isolation-sweep.proto-script"));
        if (Scenario == "hook-free")
        {
            text = text.Replace("csharp => y.PriorityFeePerGas.CompareTo(x.PriorityFeePerGas)", "priority_fee", StringComparison.Ordinal);
        }

        _scenario = Path.Combine(Path.GetTempPath(), $"protoscript-isolation-{Scenario}-{Environment.ProcessId}.proto-script");
        File.WriteAllText(_scenario, text);
        var inProcess = Run("--no-isolate");
        var isolated = Run("--isolate");
        if (inProcess != isolated || !inProcess.StartsWith("sweep of", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The isolated sweep's report differs from the in-process one.");
        }
    }

    /// <summary>Removes the scenario variant.</summary>
    [GlobalCleanup]
    public void Cleanup() => File.Delete(_scenario);

    /// <summary><c>run FILE --jobs 2 --no-isolate</c>.</summary>
    [Benchmark(Baseline = true, Description = "in process (--no-isolate)")]
    public string InProcess() => Run("--no-isolate");

    /// <summary><c>run FILE --jobs 2</c>: isolated with hooks, in process without.</summary>
    [Benchmark(Description = "default (hooks: isolated)")]
    public string Default() => Run(null);

    /// <summary><c>run FILE --jobs 2 --isolate</c>: workers whatever the scenario.</summary>
    [Benchmark(Description = "--isolate")]
    public string Isolated() => Run("--isolate");

    private string Run(string? isolation)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { _cli, "run", _scenario, "--jobs", "2" })
        {
            start.ArgumentList.Add(arg);
        }

        if (isolation is not null)
        {
            start.ArgumentList.Add(isolation);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"proto-script exited {process.ExitCode}: {stderr.Result}");
        }

        return stdout;
    }
}
