using System.Diagnostics;
using System.Globalization;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Benchmarks;

/// <summary>
/// Command-line modes outside BenchmarkDotNet for the engine: a plain loop of runs to attach a
/// profiler to, and the long-run memory check (the live managed heap sampled during runs of
/// growing length must stay flat).
/// </summary>
public static class EngineMemory
{
    /// <summary>
    /// Runs the engine benchmark's scenario <paramref name="runs"/> times and prints each run's
    /// wall time and transactions per second: the process to profile (e.g. with dotnet-trace).
    /// </summary>
    public static int Loop(int runs, OrderingRule ordering)
    {
        var model = EngineWorkload.Model(ordering);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            var result = Simulator.Run(model);
            watch.Stop();
            var included = result.Rollups[0].Transactions.Included;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {i + 1}: {included} tx in {watch.Elapsed.TotalSeconds:F3} s = {included / watch.Elapsed.TotalSeconds:F0} tx/s"));
        }

        return 0;
    }

    /// <summary>
    /// For each duration (simulated seconds), runs the benchmark scenario at
    /// <paramref name="ratePerSecond"/> transactions per second once while a sampler thread forces a full collection every
    /// <paramref name="sampleMillis"/> ms and reads the live managed heap; prints the peak and
    /// last live heap, the bytes allocated and the peak working set per run.
    /// </summary>
    public static int Run(double ratePerSecond, IReadOnlyList<int> durations, int sampleMillis)
    {
        Console.WriteLine("| transactions | simulated s | wall s | tx/s | peak live heap | live heap, last sample | samples | allocated per tx | L1 postings pending at end | batches |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var seconds in durations)
        {
            var model = EngineWorkload.Model(OrderingRule.Fcfs, ratePerSecond) with { Duration = SimDuration.FromSeconds(seconds) };
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            long peak = 0, last = 0;
            var samples = 0;
            using var done = new ManualResetEventSlim();
            var sampler = new Thread(() =>
            {
                while (!done.Wait(sampleMillis))
                {
                    last = GC.GetTotalMemory(forceFullCollection: true) - baseline;
                    peak = Math.Max(peak, last);
                    samples++;
                }
            })
            { IsBackground = true };
            var watch = Stopwatch.StartNew();
            sampler.Start();
            var result = Simulator.Run(model);
            done.Set();
            sampler.Join();
            watch.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var included = result.Rollups[0].Transactions.Included;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {included:N0} | {seconds} | {watch.Elapsed.TotalSeconds:F1} | {included / watch.Elapsed.TotalSeconds:F0} | {peak / 1048576.0:F1} MiB | {last / 1048576.0:F1} MiB | {samples} | {(double)allocated / included:F0} B | {result.L1.PendingPostings} | {result.Rollups[0].DataAvailability.Batches} |"));
        }

        return 0;
    }
}
