using System.Globalization;
using ProtoScript.Language;
using ProtoScript.Language.Binding;

namespace ProtoScript.Cli.Tests;

/// <summary>
/// Every bound the binder accepts must run: each range the binder checks a value against (read
/// from the binder itself through <see cref="ScenarioBinder.RangeObserver"/>, so a new field is
/// covered as soon as an example uses it) is run at both its ends, in the first example that
/// uses the field, for a short simulated time. A run may fail an expectation or be refused for
/// a rule between two fields that `check` reports too, but never end in an internal error.
/// </summary>
public class BinderRangeRunTests
{
    // The first base: a scenario that stays cheap at the longest duration, the slowest blocks and the fewest users.
    private const string Minimal = """
        scenario "minimal" {
          seed 1
          duration 10 s
          l1 ethereum {
            slot_time = 12 s
          }
          rollup A {
            block_time = 2 s
            accounts 2 funded 1 eth
          }
          workload {
            users = poisson(0.001 / s) on A
          }
        }

        """;

    // The second: fields no example uses (hook budgets, the blob market, derivation, issuance, a shared sequencer).
    private const string Extras = """
        scenario "extras" {
          seed 1
          duration 2 min
          hooks { max_steps = 1_000_000  max_call_depth = 256  max_allocated = 64 MiB }
          l1 ethereum {
            slot_time = 12 s
            background_gas = 50 %
            finality = 1 min
            blobs { target = 6  max = 9  update_fraction = 5_007_716  base_fee = 1 wei  background = 1 }
          }
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
            base_fee = 0.001 gwei
            batch { every = 1 min  to = ethereum.blobs  compression = brotli }
            derivation = standard { sequencing_window = 3_600  channel_timeout = 50  max_sequencer_drift = 30 min }
            fees {
              l1_data_fee = true
              base_fee = burn
              issuance = 0.001 gwei per block
              issuance_to = treasury
              distribute = split {
                sequencer = 30 %
                treasury = 70 %
              }
            }
          }
          rollup B like A { }
          shared_sequencer espresso for A, B {
            consensus = bft { nodes = 4  faulty = 1  round = 500 ms }
            executes = false
            kind = external
            hop = 200 ms
          }
          workload {
            users = poisson(5 / s) on A, B
            value = 0.01 eth
            cross_chain = 10 %
          }
        }

        """;

    private const string ShortDuration = "2 min";

    private sealed record Bound(string Key, string File, CheckedRange Range);

    [Fact]
    public void Every_field_runs_at_both_ends_of_the_range_the_binder_accepts()
    {
        var dir = Path.Combine(Path.GetTempPath(), "protoscript-tests", "ranges-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var example in Directory.GetFiles(Repository.Examples, "*.proto-script"))
        {
            File.Copy(example, Path.Combine(dir, Path.GetFileName(example)));
        }

        File.WriteAllText(Path.Combine(dir, "00-minimal.proto-script"), Minimal);
        File.WriteAllText(Path.Combine(dir, "01-extras.proto-script"), Extras);
        var bases = Directory.GetFiles(dir, "*.proto-script").Order(StringComparer.Ordinal)
            .Where(f => !File.ReadAllText(f).Contains("\nsweep", StringComparison.Ordinal))
            .ToList();

        var bounds = new Dictionary<string, Bound>(StringComparer.Ordinal);
        foreach (var file in bases)
        {
            var ranges = new List<CheckedRange>();
            ScenarioBinder.RangeObserver = ranges.Add;
            try
            {
                Assert.True(ScenarioCompiler.Compile(file, File.ReadAllText(file)).Success, file);
            }
            finally
            {
                ScenarioBinder.RangeObserver = null;
            }

            foreach (var range in ranges.Where(r => r.Source.Path == file))
            {
                var key = $"{Name(range)} [{range.Min} … {range.Max}]";
                bounds.TryAdd(key, new Bound(key, file, range));
            }
        }

        // The fields every scenario has, and some only examples use: if these are missing, the observer is not being told.
        Assert.Contains(bounds.Keys, k => k.StartsWith("accounts ", StringComparison.Ordinal));
        Assert.Contains(bounds.Keys, k => k.StartsWith("block_time ", StringComparison.Ordinal));
        Assert.Contains(bounds.Keys, k => k.StartsWith("slot_time ", StringComparison.Ordinal));
        Assert.True(bounds.Count >= 40, $"only {bounds.Count} ranges found:\n" + string.Join('\n', bounds.Keys));

        var failures = new List<string>();
        var runs = 0;
        foreach (var bound in bounds.Values)
        {
            var text = File.ReadAllText(bound.File);
            foreach (var end in new[] { bound.Range.Min, bound.Range.Max })
            {
                var variant = Path.Combine(dir, $"v{runs++}-{Path.GetFileName(bound.File)}");
                var (changed, at) = Substitute(text, bound, end);
                File.WriteAllText(variant, changed);
                var run = Cli.Run("run", variant, "--no-isolate", "--jobs", "1");
                var position = new Language.Text.SourceText(variant, changed).GetPosition(at);
                var verdict = Judge(variant, run, string.Create(CultureInfo.InvariantCulture, $"{variant}:{position.Line}:{position.Column}: error"));
                if (verdict is not null)
                {
                    failures.Add($"{bound.Key} at {end} in {Path.GetFileName(bound.File)}: {verdict}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {runs} runs failed:\n" + string.Join('\n', failures));
    }

    private static string Name(CheckedRange range)
    {
        if (range.Field is { } field)
        {
            return field;
        }

        // An amount read without its field's name: the first word of its line names it.
        var line = range.Source.GetLineText(range.Source.GetPosition(range.Span.Start).Line).Trim();
        return line.Split([' ', '='], 2)[0];
    }

    /// <summary>The file with the bound written in place of the value, and (unless the bound is the duration's) a short duration.</summary>
    private static (string Text, int BoundStart) Substitute(string text, Bound bound, string end)
    {
        var edits = new List<(int Start, int Length, string Text)> { (bound.Range.Span.Start, bound.Range.Span.Length, end) };
        if (bound.Range.Field != "duration")
        {
            var ranges = new List<CheckedRange>();
            ScenarioBinder.RangeObserver = ranges.Add;
            try
            {
                ScenarioCompiler.Compile(bound.File, text);
            }
            finally
            {
                ScenarioBinder.RangeObserver = null;
            }

            if (ranges.FirstOrDefault(r => r.Field == "duration" && r.Source.Path == bound.File) is { } duration && duration.Span != bound.Range.Span)
            {
                edits.Add((duration.Span.Start, duration.Span.Length, ShortDuration));
            }
        }

        var boundStart = bound.Range.Span.Start + edits.Where(e => e.Start < bound.Range.Span.Start).Sum(e => e.Text.Length - e.Length);
        foreach (var (start, length, replacement) in edits.OrderByDescending(e => e.Start))
        {
            text = text[..start] + replacement + text[(start + length)..];
        }

        return (text, boundStart);
    }

    /// <summary>Null when the run is acceptable: it ran (passed or failed an expectation), or `check` refuses the file too.</summary>
    private static string? Judge(string variant, CliOutcome run, string atTheBound)
    {
        if (run.Stderr.Contains(atTheBound, StringComparison.Ordinal))
        {
            // The test wrote the bound wrongly, or the binder refuses a value it says it accepts.
            return $"the bound itself is refused: {FirstLine(run.Stderr)}";
        }

        if (run.ExitCode == ExitCodes.InternalError || run.Stderr.Contains("internal error", StringComparison.Ordinal))
        {
            return $"exit {run.ExitCode}: {FirstLine(run.Stderr)}";
        }

        if (run.ExitCode == ExitCodes.BadInput)
        {
            var check = Cli.Run("check", variant);
            if (check.ExitCode == ExitCodes.Success)
            {
                return $"check accepts it but run refuses it: {FirstLine(run.Stderr)}";
            }
        }

        return run.ExitCode is ExitCodes.Success or ExitCodes.RunFailed or ExitCodes.BadInput
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"exit {run.ExitCode}: {FirstLine(run.Stderr)}");
    }

    private static string FirstLine(string text) => text.Split('\n').FirstOrDefault(l => l.Length > 0) ?? string.Empty;
}
