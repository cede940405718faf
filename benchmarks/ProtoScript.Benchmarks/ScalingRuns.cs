using System.Diagnostics;
using System.Globalization;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;
using ProtoScript.Scripting;

namespace ProtoScript.Benchmarks;

/// <summary>
/// The <c>--scaling [ROLLUPS] [TRANSACTIONS]</c> mode: how the cost of a run grows with the number
/// of rollups and of transactions, outside BenchmarkDotNet (a 10^7-transaction case is one long
/// run, not something to repeat dozens of times). For each case — the workload of
/// <see cref="CompiledEngineBenchmarks"/> with <c>priority_fee</c> ordering: 100 simulated seconds,
/// 1 000 accounts per rollup, blocks every 100 ms sized for twice the demand — it runs the
/// scripted engine, the compiled engine and the hand-written scenario once each after a warm-up
/// (each on the same case cut to 2 simulated seconds), checks that the three give equal results,
/// and prints a markdown row per run.
/// </summary>
public static class ScalingRuns
{
    /// <summary>The rollup counts run when none are given.</summary>
    public static readonly IReadOnlyList<int> DefaultRollups = [1, 10, 100];

    /// <summary>The transaction totals run when none are given.</summary>
    public static readonly IReadOnlyList<int> DefaultTransactions = [100_000, 1_000_000, 10_000_000];

    private const string ClearRefs = "/proc/self/clear_refs";

    /// <summary>Parses the optional comma-separated lists and runs every combination.</summary>
    /// <returns>0; 1 when two engines disagree on a case; 2 for arguments that are not lists of positive integers.</returns>
    public static int Command(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count > 2 || !TryParse(args.Count > 0 ? args[0] : null, DefaultRollups, out var rollups) || !TryParse(args.Count > 1 ? args[1] : null, DefaultTransactions, out var transactions))
        {
            Console.Error.WriteLine("usage: --scaling [ROLLUPS] [TRANSACTIONS], each a comma-separated list of positive integers, e.g. --scaling 1,10,100 100000,1000000");
            return 2;
        }

        return Run(rollups, transactions, Console.Out);
    }

    /// <summary>Runs every combination of <paramref name="rollups"/> and <paramref name="transactions"/>, smallest first, and writes the table.</summary>
    /// <returns>0, or 1 when two engines disagree on a case.</returns>
    public static int Run(IReadOnlyList<int> rollups, IReadOnlyList<int> transactions, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(rollups);
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(output);
        var resetsPeak = TryResetPeak();
        output.WriteLine("| rollups | transactions | included | engine | wall s | µs per tx | tx/s | allocated per tx | peak working set |");
        output.WriteLine("| ---: | ---: | ---: | :--- | ---: | ---: | ---: | ---: | ---: |");
        var cacheDirectory = Path.Combine(Path.GetTempPath(), "protoscript-scaling", Guid.NewGuid().ToString("N"));
        var status = 0;
        try
        {
            foreach (var t in transactions.Distinct().Order())
            {
                foreach (var r in rollups.Distinct().Order())
                {
                    status = Math.Max(status, RunCase(new CompiledEngineCase(r, t, HookHeavy: false), cacheDirectory, resetsPeak, output));
                }
            }
        }
        finally
        {
            if (Directory.Exists(cacheDirectory))
            {
                Directory.Delete(cacheDirectory, recursive: true);
            }
        }

        output.WriteLine(resetsPeak
            ? "Peak working set: the run's own peak resident set (VmHWM, reset before each run)."
            : "Peak working set: the process's peak so far (this system cannot reset it per run).");
        return status;
    }

    private static int RunCase(CompiledEngineCase c, string cacheDirectory, bool resetsPeak, TextWriter output)
    {
        var (model, hooks) = CompiledEngineBenchmarks.Model(c);
        using var compiled = CompiledScenario.Compile(model, hooks, new HookOptions { CacheDirectory = cacheDirectory }).Scenario
            ?? throw new InvalidOperationException("The scaling scenario does not compile.");
        var handWritten = new HandWrittenScenario(model);
        var warmUp = model with { Duration = SimDuration.FromSeconds(2) };
        var handWrittenWarmUp = new HandWrittenScenario(warmUp);
        (string Name, Func<ScenarioModel, HandWrittenResult> Run)[] engines =
        [
            ("scripted", m => HandWrittenScenario.Summarize(Simulator.Run(m))),
            ("compiled", m => HandWrittenScenario.Summarize(Simulator.Run(m, new SimulationOptions { Rules = compiled }))),
            ("hand-written", m => (ReferenceEquals(m, warmUp) ? handWrittenWarmUp : handWritten).Run()),
        ];

        HandWrittenResult? first = null;
        foreach (var (name, run) in engines)
        {
            run(warmUp);
            Settle();
            if (resetsPeak)
            {
                TryResetPeak();
            }

            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var result = run(model);
            watch.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            var peak = PeakWorkingSet();
            var included = result.Included;
            var seconds = watch.Elapsed.TotalSeconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {c.Rollups} | {c.Transactions:N0} | {included:N0} | {name} | {seconds:F2} | {seconds * 1e6 / included:F3} | {included / seconds:N0} | {(double)allocated / included:F0} B | {peak / 1048576.0:F0} MiB |"));
            output.Flush();
            if (first is null)
            {
                first = result;
            }
            else if (!first.Equals(result))
            {
                output.WriteLine($"**{name} disagrees with scripted on {c.Rollups} rollups, {c.Transactions} transactions:**\n\n```\nscripted: {first.Describe()}\n{name}: {result.Describe()}\n```");
                return 1;
            }
        }

        return 0;
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static bool TryResetPeak()
    {
        // Linux: writing 5 resets the peak resident set size (VmHWM) to the current one.
        try
        {
            File.WriteAllText(ClearRefs, "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    private static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private static bool TryParse(string? text, IReadOnlyList<int> defaults, out IReadOnlyList<int> values)
    {
        if (text is null)
        {
            values = defaults;
            return true;
        }

        var parsed = new List<int>();
        foreach (var part in text.Split(','))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                values = [];
                return false;
            }

            parsed.Add(value);
        }

        values = parsed;
        return true;
    }
}
