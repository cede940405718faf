using System.Globalization;
using BenchmarkDotNet.Running;
using ProtoScript.Language.Model;

namespace ProtoScript.Benchmarks;

/// <summary>Entry point: every BenchmarkDotNet command-line option works (<c>--filter</c>, <c>--job</c>, ...).</summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected on the command line.</summary>
    /// <returns>0, or 1 when a benchmark failed (its setup threw, its build failed or it did not run), so CI notices.</returns>
    public static int Main(string[] args)
    {
        if (args is ["--hooks-cold", var cacheDirectory])
        {
            return HookBenchmarks.RunColdStart(cacheDirectory);
        }

        if (args is ["--engine-loop", var runs, var ordering])
        {
            return EngineMemory.Loop(int.Parse(runs, CultureInfo.InvariantCulture), Enum.Parse<OrderingRule>(ordering, ignoreCase: true));
        }

        if (args is ["--full-run", var fullRuns, .. var compression])
        {
            return FullRunLoop(int.Parse(fullRuns, CultureInfo.InvariantCulture), compression is [var kind] ? Enum.Parse<CompressionKind>(kind, ignoreCase: true) : CompressionKind.Brotli);
        }

        if (args is ["--engine-memory", var rate, .. var durations])
        {
            return EngineMemory.Run(double.Parse(rate, CultureInfo.InvariantCulture), [.. durations.Select(d => int.Parse(d, CultureInfo.InvariantCulture))], sampleMillis: 2000);
        }

        if (args is ["--scaling", .. var lists])
        {
            return ScalingRuns.Command(lists);
        }

        if (args is ["--hand-written", var seconds, var rule])
        {
            return HandWrittenCheck.Run(int.Parse(seconds, CultureInfo.InvariantCulture), Enum.Parse<OrderingRule>(rule, ignoreCase: true));
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToList();
        var failed = summaries
            .SelectMany(s => s.HasCriticalValidationErrors ? [s.Title] : s.Reports.Where(r => !r.Success).Select(r => r.BenchmarkCase.DisplayInfo))
            .ToList();
        foreach (var name in failed)
        {
            Console.Error.WriteLine("benchmark failed: " + name);
        }

        return failed.Count == 0 ? 0 : 1;
    }

    // The full-run scenario in a plain loop, each run then each run with derivation: the
    // process to profile, and a quick measurement outside BenchmarkDotNet.
    private static int FullRunLoop(int runs, CompressionKind compression)
    {
        for (var i = 0; i < runs; i++)
        {
            foreach (var derive in (bool[])[false, true])
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var counts = derive ? FullRunScenario.RunAndDerive(compression) : FullRunScenario.Run(compression);
                watch.Stop();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {i + 1}{(derive ? " + derive" : string.Empty)}: {counts.Included} tx ({counts.Swaps} swaps, {counts.BlocksMatched} blocks derived and matched) in {watch.Elapsed.TotalSeconds:F3} s = {counts.Included / watch.Elapsed.TotalSeconds:F0} tx/s"));
            }
        }

        return 0;
    }
}
