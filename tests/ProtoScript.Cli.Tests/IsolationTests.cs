using System.Diagnostics;
using ProtoScript.Cli.Isolation;

namespace ProtoScript.Cli.Tests;

/// <summary>
/// <c>--isolate</c>, isolated sweeps and their limits. The crashing hooks here are real: each
/// one would take an in-process run down (or hang it), so they only ever run isolated.
/// </summary>
public class IsolationTests
{
    private const string Scenario = """
        scenario "isolated" {
          seed 3
          duration 1 min
          HOOKS
          rollup A {
            block_time = 2 s
            gas_limit = 210_000
            ORDERING
            accounts 100 funded 1 eth
          }
          workload {
            users = poisson(8 / s) on A
            priority_fee = exponential(1 gwei)
          }
        }

        """;

    private const string ByArrival = "x.ArrivalSequence.CompareTo(y.ArrivalSequence)";

    // A million nested Select operators: the runtime's own recursion through them overflows the
    // stack although the hook's call depth stays 1, so no budget can stop it.
    private const string DeepRecursion = "IEnumerable<long> e = new long[] { 1 }; for (var i = 0; i < 1_000_000; i++) { e = e.Select(v => v + 1); } return (int)(e.First() % 2);";
    private const string DeepBudget = "hooks { max_steps = 10_000_000  max_allocated = 1024 MiB }";

    // Gigabytes in 80 MB arrays, within a hook budget raised to 16 000 MiB.
    private const string AllocationBomb = "var l = new List<long[]>(); for (var i = 0; i < 200; i++) { l.Add(new long[10_000_000]); } return l.Count % 2;";
    private const string BombBudget = "hooks { max_allocated = 16_000 MiB }";

    // One library call that runs for minutes and takes no budget step.
    private const string LongLibraryCall = "return (int)(Enumerable.Repeat(1L, int.MaxValue).Sum() % 2);";

    private static string Write(string name, string ordering, string hooks = "", string sweep = "") =>
        TempFiles.Write(name, Scenario.Replace("ORDERING", ordering, StringComparison.Ordinal).Replace("HOOKS", hooks, StringComparison.Ordinal) + sweep);

    private static string Hook(string body) => "ordering = csharp { " + body + " }";

    [Fact]
    public void An_isolated_run_prints_byte_for_byte_what_an_in_process_run_prints()
    {
        foreach (var format in new[] { "text", "json" })
        {
            var inProcess = Cli.Run("run", Repository.Example("fee-bands.proto-script"), "--format", format);
            var isolated = Cli.Run("run", Repository.Example("fee-bands.proto-script"), "--format", format, "--isolate");
            Assert.Equal(0, isolated.ExitCode);
            Assert.Equal(inProcess.Stdout, isolated.Stdout);
            Assert.Equal(inProcess.Stderr, isolated.Stderr);
        }
    }

    [Fact]
    public void An_isolated_run_passes_the_workers_hook_diagnostic_through_unchanged()
    {
        var path = Write("throws.proto-script", "ordering = csharp => (int)(x.Nonce / (y.Nonce - y.Nonce))");
        var inProcess = Cli.Run("run", path);
        var isolated = Cli.Run("run", path, "--isolate");
        Assert.Equal(1, isolated.ExitCode);
        Assert.Contains("error PS4006", isolated.Stderr, StringComparison.Ordinal);
        Assert.Equal(inProcess.Stderr, isolated.Stderr);
        Assert.Equal(string.Empty, isolated.Stdout);
    }

    [Fact]
    public void An_isolated_sweep_reports_exactly_what_an_in_process_sweep_reports()
    {
        var path = Write("sweep.proto-script", "ordering = priority_fee", sweep: "sweep rollup.A.block_time in [1 s, 4 s] runs 3\n");
        var inProcess = Cli.Run("run", path, "--no-isolate");
        var isolated = Cli.Run("run", path, "--jobs", "2", "--isolate");
        Assert.Equal(0, isolated.ExitCode);
        Assert.Contains("rollup.A.block_time in [1 s, 4 s]", isolated.Stdout, StringComparison.Ordinal);
        Assert.Equal(inProcess.Stdout, isolated.Stdout);
        Assert.Equal(inProcess.Stderr, isolated.Stderr);
        Assert.Equal(inProcess.Stdout, Cli.Run("run", path, "--jobs", "1", "--isolate").Stdout);
        Assert.Equal(inProcess.Stdout, Cli.Run("run", path, "--jobs", "2").Stdout);

        // The baseline and the metrics shown are the parent's choice: the same bytes either way.
        string[] view = ["--baseline", "2", "--metrics", "latency.soft.*,A.fees.*"];
        var chosen = Cli.Run(["run", path, "--no-isolate", .. view]);
        Assert.Equal(0, chosen.ExitCode);
        Assert.Contains("Δ: the paired difference to 4 s", chosen.Stdout, StringComparison.Ordinal);
        Assert.Equal(chosen.Stdout, Cli.Run(["run", path, "--isolate", "--jobs", "2", .. view]).Stdout);
    }

    [Fact]
    public void A_sweep_runs_in_workers_by_default_only_when_its_scenario_has_hooks_or_a_limit_is_given()
    {
        var hookFree = ProtoScript.Language.ScenarioCompiler.Compile("free.proto-script", File.ReadAllText(Write("free.proto-script", "ordering = priority_fee", sweep: "sweep rollup.A.block_time in [1 s, 4 s] runs 3\n")));
        var hooked = ProtoScript.Language.ScenarioCompiler.Compile("hooked.proto-script", File.ReadAllText(Write("hooked.proto-script", "ordering = csharp => x.Nonce.CompareTo(y.Nonce)", sweep: "sweep rollup.A.block_time in [1 s, 4 s] runs 3\n")));
        Assert.True(hookFree.Success && hooked.Success);
        Assert.False(IsolatedRun.SweepIsolated(hookFree, IsolationMode.Default, limitsGiven: false));
        Assert.True(IsolatedRun.SweepIsolated(hookFree, IsolationMode.Default, limitsGiven: true));
        Assert.True(IsolatedRun.SweepIsolated(hookFree, IsolationMode.Isolated, limitsGiven: false));
        Assert.True(IsolatedRun.SweepIsolated(hooked, IsolationMode.Default, limitsGiven: false));
        Assert.False(IsolatedRun.SweepIsolated(hooked, IsolationMode.InProcess, limitsGiven: false));
    }

    [Fact]
    public void A_baseline_past_the_last_point_a_glob_that_matches_nothing_or_either_option_without_a_sweep_is_PS0003_before_anything_runs()
    {
        var path = Write("view.proto-script", "ordering = priority_fee", sweep: "sweep rollup.A.block_time in [1 s, 4 s] runs 2\n");
        var past = Cli.Run("run", path, "--baseline", "3");
        Assert.Equal(2, past.ExitCode);
        Assert.Equal("proto-script: error PS0003: --baseline 3: the sweep has 2 points; choose 1 … 2 (in the order of the report's columns)\n", past.Stderr);
        Assert.Equal(string.Empty, past.Stdout);

        var nothing = Cli.Run("run", path, "--metrics", "latency.*,mev.*", "--isolate");
        Assert.Equal(2, nothing.ExitCode);
        Assert.StartsWith("proto-script: error PS0003: --metrics: `mev.*` matches no metric of this sweep", nothing.Stderr, StringComparison.Ordinal);

        Assert.Equal(2, Cli.Run("run", path, "--baseline", "0").ExitCode);
        var single = Cli.Run("run", Repository.Example("quickstart.proto-script"), "--metrics", "latency.*");
        Assert.Equal(2, single.ExitCode);
        Assert.Contains("--baseline and --metrics apply to sweeps", single.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hook_that_overflows_the_stack_is_a_PS4009_diagnostic_with_exit_1_and_no_stack_trace()
    {
        var path = Write("deep.proto-script", Hook(DeepRecursion), DeepBudget);
        var outcome = Cli.Run("run", path, "--isolate");
        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(string.Empty, outcome.Stdout);
        Assert.StartsWith(path + ":1:1: error PS4009: the run crashed its worker process with a stack overflow", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("= help: make the hook iterative", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Stack overflow.", outcome.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("try { return new long[int.MaxValue].Length; } catch (Exception) { return x.ArrivalSequence.CompareTo(y.ArrivalSequence); }")]
    [InlineData("return (int)(Enumerable.Repeat(1L, int.MaxValue).ToArray().Length % 2);")]
    public void A_huge_allocation_the_runtime_refuses_is_PS4005_in_process_and_isolated(string body)
    {
        var path = Write("refused.proto-script", Hook(body));
        var inProcess = Cli.Run("run", path);
        var isolated = Cli.Run("run", path, "--isolate");

        Assert.Equal(1, inProcess.ExitCode);
        Assert.Contains("error PS4005: hook `rollup A ordering` exceeded its budget: it allocated more than 67108864 bytes in one call", inProcess.Stderr, StringComparison.Ordinal);
        Assert.Equal(inProcess.ExitCode, isolated.ExitCode);
        Assert.Equal(inProcess.Stdout, isolated.Stdout);
        Assert.Equal(inProcess.Stderr, isolated.Stderr);
    }

    [Fact]
    public async Task A_hook_formats_numbers_the_same_when_the_environment_turns_globalization_on()
    {
        // With DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=0 the runtime loads ICU and takes its culture
        // from LANG, where 1.5 prints as "1,5"; a hook call runs with the invariant culture anyway.
        var path = Write("culture.proto-script", Hook("if ($\"{x.From * 1.5}|{(x.From * 1.5).ToString()}\".Contains(',')) { throw new InvalidOperationException(\"the culture leaked into the hook\"); } return x.ArrivalSequence.CompareTo(y.ArrivalSequence);"));
        var inProcess = Cli.Run("run", path);
        var (fileName, prefix) = WorkerLocation.Resolve();
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in prefix.Append("run").Append(path))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "0";
        start.Environment["LANG"] = "de_DE.UTF-8";
        start.Environment["LC_ALL"] = "de_DE.UTF-8";
        using var process = Process.Start(start)!;
        var stderrRead = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await stderrRead;
        await process.WaitForExitAsync();

        Assert.Equal(0, inProcess.ExitCode);
        Assert.Equal(string.Empty, stderr);
        Assert.Equal(0, process.ExitCode);
        Assert.Equal(inProcess.Stdout, stdout);
    }

    [Fact]
    public void Throwing_OutOfMemoryException_is_refused_before_any_run_in_process_and_isolated()
    {
        var path = Write("throw-oom.proto-script", Hook("throw new OutOfMemoryException();"));
        var inProcess = Cli.Run("run", path);
        var isolated = Cli.Run("run", path, "--isolate");

        Assert.Equal(2, inProcess.ExitCode);
        Assert.Contains("error PS4003: `System.OutOfMemoryException", inProcess.Stderr, StringComparison.Ordinal);
        Assert.Equal(inProcess.ExitCode, isolated.ExitCode);
        Assert.Equal(inProcess.Stderr, isolated.Stderr);
    }

    [Fact]
    public void An_allocation_bomb_stops_at_the_memory_limit_with_PS4008_naming_the_limit()
    {
        var path = Write("bomb.proto-script", Hook(AllocationBomb), BombBudget);
        var outcome = Cli.Run("run", path, "--isolate", "--memory-limit", "256MiB");
        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(string.Empty, outcome.Stdout);
        Assert.StartsWith(path + ":1:1: error PS4008: the run used more than its memory limit of 256 MiB", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("raise --memory-limit", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_that_outlives_its_timeout_is_killed_and_reported_as_PS4007()
    {
        var path = Write("spin.proto-script", Hook(LongLibraryCall));
        var clock = Stopwatch.StartNew();
        var outcome = Cli.Run("run", path, "--isolate", "--timeout", "3s");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(string.Empty, outcome.Stdout);
        Assert.StartsWith(path + ":1:1: error PS4007: the run did not finish within 3 s (wall clock) and its worker process was killed", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("raise --timeout", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void In_a_sweep_a_crashing_point_fails_alone_and_every_other_point_keeps_its_results()
    {
        // The hook crashes only once a transaction sent after 30 s is ordered: in the 1 min point, never in the 24 s one.
        var hook = Hook("if (x.SubmitTimeMicroseconds > 30_000_000) { " + DeepRecursion + " } return " + ByArrival + ";");
        var path = Write("crashing-sweep.proto-script", hook, DeepBudget, "sweep duration in [24 s, 1 min] runs 2\n");
        var alone = Write("alone.proto-script", hook, DeepBudget, "sweep duration in [24 s] runs 2\n");

        var outcome = Cli.Run("run", path, "--jobs", "2");
        var reference = Cli.Run("run", alone, "--no-isolate");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(0, reference.ExitCode);
        Assert.Equal(string.Empty, reference.Stderr);
        Assert.StartsWith(path + ":1:1: error PS4009: run 0 (seed 3) at duration = 1 min crashed its worker process with a stack overflow", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("\nfailed points\n  1 min: PS4009: run 0 (seed 3) at duration = 1 min crashed its worker process with a stack overflow", outcome.Stdout, StringComparison.Ordinal);

        // Every metric's row holds, for the 24 s point, the same numbers as a sweep of that point
        // alone, and reads failed for the 1 min point.
        var rows = Rows(outcome.Stdout);
        Assert.NotEmpty(rows);
        Assert.Equal(Rows(reference.Stdout).Select(r => r[..(Array.IndexOf(r, "±") + 2)]), rows.Select(r => r[..(Array.IndexOf(r, "±") + 2)]));
        Assert.All(rows, r => Assert.Equal("failed", r[^1]));
    }

    [Fact]
    public void Isolation_switches_and_limits_are_checked_as_arguments()
    {
        var quickstart = Repository.Example("quickstart.proto-script");
        Assert.Contains("error PS0003", Cli.Run("run", quickstart, "--isolate", "--no-isolate").Stderr, StringComparison.Ordinal);
        Assert.Contains("--timeout: `soon` is not a duration", Cli.Run("run", quickstart, "--timeout", "soon").Stderr, StringComparison.Ordinal);
        Assert.Equal(2, Cli.Run("run", quickstart, "--memory-limit", "1MiB").ExitCode);
    }

    [Theory]
    [InlineData("2GiB", 2147483648L)]
    [InlineData("512 MiB", 536870912L)]
    [InlineData("1GB", 1000000000L)]
    [InlineData("100000000", 100000000L)]
    public void Memory_limits_are_read_in_binary_and_decimal_units(string text, long bytes)
    {
        Assert.True(IsolationOptions.TryParseBytes(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("60s", 60_000)]
    [InlineData("500ms", 500)]
    [InlineData("5min", 300_000)]
    [InlineData("1.5 s", 1_500)]
    public void Timeouts_are_read_with_their_unit(string text, int milliseconds)
    {
        Assert.True(IsolationOptions.TryParseDuration(text, out var parsed));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), parsed);
    }

    /// <summary>The words of every metric row of the table (not its paired-difference rows).</summary>
    private static List<string[]> Rows(string report) =>
        [.. report[..report.IndexOf("\n\n", report.IndexOf("\n\n", StringComparison.Ordinal) + 2, StringComparison.Ordinal)].Split('\n')
            .Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("    Δ", StringComparison.Ordinal) && l.Contains('±', StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
}
