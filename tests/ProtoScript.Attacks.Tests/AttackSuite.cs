using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ProtoScript.Attacks.Tests;

/// <summary>What one mode printed for one attack in one process, or why it has no answer.</summary>
/// <param name="ExitCode">The command's exit code.</param>
/// <param name="Stdout">What it printed on standard output.</param>
/// <param name="Stderr">What it printed on standard error.</param>
/// <param name="Died">Null when it answered; else what happened to the runner process (it died, or hung).</param>
internal sealed record ModeResult(int ExitCode, string Stdout, string Stderr, string? Died);

/// <summary>
/// Runs the whole corpus once per test run, in two runner processes (A and B) at the same
/// time: A runs every attack in every mode, B in every mode that runs in its own process, so
/// each mode's output is compared across two processes (the isolated run's with A's run). A runner that dies or stops answering is killed, its current attack and mode
/// are recorded as such, and a fresh runner continues with the next ones, so one escape
/// cannot hide the others.
/// </summary>
internal sealed class AttackSuite
{
    /// <summary>How long one attack in one mode may take before its runner counts as hung.</summary>
    public static readonly TimeSpan ModeTimeout = TimeSpan.FromSeconds(
        double.TryParse(Environment.GetEnvironmentVariable("PROTOSCRIPT_ATTACK_MODE_TIMEOUT_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : 600);

    private static readonly Lazy<AttackSuite> Shared = new(() => new AttackSuite(Attack.Corpus), LazyThreadSafetyMode.ExecutionAndPublication);

    private AttackSuite(IReadOnlyList<Attack> attacks)
    {
        var clock = Stopwatch.StartNew();
        var cache = Path.Combine(Path.GetTempPath(), "protoscript-attacks", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(cache);
        var tasks = attacks.SelectMany(a => Modes.All.Where(a.Modes.Contains).Select(m => (a.File, Mode: m))).ToList();

        // B runs what runs inside its own process; the isolated run is compared with A's run in
        // process instead, already across two processes (its worker and A), which halves the
        // worker starts, the suite's largest cost.
        var inProcess = tasks.Where(t => t.Mode != Modes.Isolate).ToList();
        try
        {
            var a = Task.Run(() => RunAll("A", tasks, cache));
            var b = Task.Run(() => RunAll("B", inProcess, cache));
            A = a.GetAwaiter().GetResult();
            B = b.GetAwaiter().GetResult();
        }
        finally
        {
            try
            {
                Directory.Delete(cache, recursive: true);
            }
            catch (IOException)
            {
                // A worker may still hold a file; the folder is in the temporary directory.
            }
        }

        Elapsed = clock.Elapsed;
    }

    /// <summary>The suite's results, running it on first use.</summary>
    public static AttackSuite Results => Shared.Value;

    /// <summary>Process A's results, by file and mode.</summary>
    public IReadOnlyDictionary<(string File, string Mode), ModeResult> A { get; }

    /// <summary>Process B's results, by file and mode (all but the isolated runs).</summary>
    public IReadOnlyDictionary<(string File, string Mode), ModeResult> B { get; }

    /// <summary>Wall-clock time of the whole suite (both processes, concurrently).</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>How many runner processes were started (two, plus one per death or hang).</summary>
    public int RunnerStarts => _starts;

    private int _starts;

    /// <summary>Where runner <paramref name="label"/> logs each attack and mode as it finishes, to follow a long run.</summary>
    public static string ProgressLog(string label) => Path.Combine(Path.GetTempPath(), $"protoscript-attacks-{label}.log");

    private Dictionary<(string File, string Mode), ModeResult> RunAll(string label, List<(string File, string Mode)> tasks, string cache)
    {
        File.WriteAllText(ProgressLog(label), string.Empty);
        var results = new Dictionary<(string, string), ModeResult>();
        var next = 0;
        while (next < tasks.Count)
        {
            Interlocked.Increment(ref _starts);
            next = RunSome(label, tasks, next, cache, results);
        }

        return results;
    }

    /// <summary>Starts a runner on the tasks from <paramref name="first"/> on; returns the index of the first task it did not finish (or skipped after a death).</summary>
    private static int RunSome(string label, List<(string File, string Mode)> tasks, int first, string cache, Dictionary<(string, string), ModeResult> results)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.ArgumentList.Add(Program.RunnerVerb);
        start.ArgumentList.Add(Attack.CorpusDirectory);
        foreach (var (file, mode) in tasks.Skip(first))
        {
            start.ArgumentList.Add(file + ":" + mode);
        }

        start.Environment["PROTOSCRIPT_CACHE_DIR"] = cache;
        start.Environment["PROTOSCRIPT_DEBUG"] = null;
        if (label == "B")
        {
            // B runs on "another machine": another time zone and locale, so what leaks the
            // machine's clock settings or culture into a report shows as a difference.
            start.Environment["TZ"] = "Pacific/Chatham";
            start.Environment["LANG"] = "de_DE.UTF-8";
            start.Environment["LC_ALL"] = "de_DE.UTF-8";
        }

        // A safety net, not a limit the attacks test: above the isolated runs' 2 GiB default,
        // so an allocation that escapes its budget fails here instead of taking the machine.
        start.Environment["DOTNET_GCHeapHardLimit"] = "0xC0000000";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("the attack runner did not start");
        process.StandardInput.Close();
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                if (e.Data is not null && stderr.Length < 4096)
                {
                    stderr.Append(e.Data).Append('\n');
                }
            }
        };
        process.BeginErrorReadLine();

        (string File, string Mode)? current = null;
        var index = first;
        while (true)
        {
            string? line;
            using (var timeout = new CancellationTokenSource(ModeTimeout))
            {
                try
                {
                    line = process.StandardOutput.ReadLineAsync(timeout.Token).AsTask().GetAwaiter().GetResult();
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                    var hung = current ?? tasks[index];
                    results[hung] = new ModeResult(-1, string.Empty, string.Empty, $"runner {label} gave no answer within {ModeTimeout.TotalSeconds} s and was killed (a hang)");
                    return tasks.IndexOf(hung) + 1;
                }
            }

            if (line is null)
            {
                process.WaitForExit();
                if (current is { } died)
                {
                    string tail;
                    lock (stderr)
                    {
                        tail = stderr.ToString().Trim();
                    }

                    results[died] = new ModeResult(-1, string.Empty, string.Empty, $"runner {label} died with exit code {process.ExitCode}: {(tail.Length > 600 ? tail[..600] + "..." : tail)}");
                    return tasks.IndexOf(died) + 1;
                }

                return tasks.Count;
            }

            RunnerLine? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize<RunnerLine>(line);
            }
            catch (JsonException)
            {
                parsed = null;
            }

            if (parsed is null)
            {
                // Something other than the runner wrote to its standard output: an escape.
                var culprit = current ?? tasks[index];
                results[culprit] = new ModeResult(-1, string.Empty, string.Empty, $"runner {label}'s standard output was written to from outside the runner: {line}");
                continue;
            }

            var task = (parsed.File, parsed.Mode);
            if (parsed.Started)
            {
                current = task;
                index = tasks.IndexOf(task);
            }
            else
            {
                var result = new ModeResult(parsed.ExitCode, parsed.Stdout ?? string.Empty, parsed.Stderr ?? string.Empty, null);
                results.TryAdd(task, result);
                current = null;
                File.AppendAllText(ProgressLog(label), FormattableString.Invariant($"{DateTime.UtcNow:HH:mm:ss} {parsed.File} {parsed.Mode}: {Outcome.Of(result.ExitCode, result.Stderr)}\n"));
            }
        }
    }

    private static string DotnetHost()
    {
        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            return process;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }
}
