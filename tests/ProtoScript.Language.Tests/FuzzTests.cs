using System.Globalization;
using System.Text;
using CsCheck;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Tests.Fuzzing;
using Xunit.Abstractions;

namespace ProtoScript.Language.Tests;

/// <summary>
/// Property-style tests: whatever the input, compiling it returns diagnostics and never
/// throws, overflows the stack or hangs. The fixed-seed tests below reproduce exactly; the
/// <c>Category=Fuzz</c> tests are a time-bounded CsCheck fuzzer over mutated examples
/// (<c>PROTOSCRIPT_FUZZ_SECONDS</c>, see tests/README.md), and every input it ever failed on
/// is replayed from Data/fuzz-regressions.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    /// <summary>The fuzzer's total time when PROTOSCRIPT_FUZZ_SECONDS is not set: what CI spends.</summary>
    private const int DefaultFuzzSeconds = 60;

    /// <summary>How long one input may take before it counts as a hang: compiling an example takes milliseconds.</summary>
    private static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(20);

    private static readonly string[] Fragments =
    [
        "scenario", "\"x\"", "{", "}", "(", ")", "[", "]", ",", ";", "=", "==", "+", "-", "*", "/", "%", ".",
        "rollup", "A", "like", "for", "on", "per", "seed", "duration", "l1", "workload", "users", "poisson",
        "12", "1_000", "0.5", "s", "gwei", "eth", "csharp {", "csharp =>", "//c\n", "/*", "*/", "\n", " ",
        "block_time", "accounts", "funded", "expect", "!", "&&", "\"unterminated", "@", "\u00e9", "\0",
    ];

    private static string Quickstart()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProtoScript.sln")))
        {
            dir = dir.Parent;
        }

        return File.ReadAllText(Path.Combine(dir!.FullName, "examples", "quickstart.proto-script"));
    }

    private static void CompilesWithoutThrowingOrHanging(string input)
    {
        CompilationResult? result = null;
        var task = Task.Run(() => result = ScenarioCompiler.Compile("fuzz.proto-script", input));

        // A guard against hangs, not a performance assertion: every input here compiles in milliseconds.
        Assert.True(task.Wait(TimeSpan.FromSeconds(30)), "compilation did not finish for input:\n" + input);
        Assert.NotNull(result);
        Assert.True(result!.Success || result.Diagnostics.Any(d => d.IsError), "a failed compilation must say why");
        foreach (var d in result.Diagnostics)
        {
            // Every diagnostic must render, with a position inside the file.
            Assert.NotEmpty(DiagnosticFormatter.FormatText(d));
            Assert.InRange(d.Span.Start, 0, input.Length);
        }
    }

    [Fact]
    public void Random_token_soup_never_throws()
    {
        var rng = new Random(12345);
        for (var i = 0; i < 2_000; i++)
        {
            var sb = new StringBuilder();
            var n = rng.Next(1, 60);
            for (var k = 0; k < n; k++)
            {
                sb.Append(Fragments[rng.Next(Fragments.Length)]).Append(rng.Next(3) == 0 ? "\n" : " ");
            }

            CompilesWithoutThrowingOrHanging(sb.ToString());
        }
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var rng = new Random(777);
        for (var i = 0; i < 500; i++)
        {
            var chars = new char[rng.Next(0, 400)];
            for (var k = 0; k < chars.Length; k++)
            {
                chars[k] = (char)rng.Next(0, 0x3000);
            }

            CompilesWithoutThrowingOrHanging(new string(chars));
        }
    }

    [Fact]
    public void Mutations_of_a_valid_example_never_throw()
    {
        var original = Quickstart();
        var rng = new Random(4242);
        for (var i = 0; i < 2_000; i++)
        {
            var text = new StringBuilder(original);
            var edits = rng.Next(1, 4);
            for (var e = 0; e < edits && text.Length > 0; e++)
            {
                var at = rng.Next(text.Length);
                switch (rng.Next(3))
                {
                    case 0:
                        text.Remove(at, Math.Min(rng.Next(1, 8), text.Length - at));
                        break;
                    case 1:
                        text.Insert(at, Fragments[rng.Next(Fragments.Length)]);
                        break;
                    default:
                        var other = rng.Next(text.Length);
                        (text[at], text[other]) = (text[other], text[at]);
                        break;
                }
            }

            CompilesWithoutThrowingOrHanging(text.ToString());
        }
    }

    [Theory]
    [InlineData(100_000, "{")]
    [InlineData(100_000, "(")]
    [InlineData(100_000, "[")]
    [InlineData(100_000, "-")]
    [InlineData(100_000, "!")]
    [InlineData(50_000, "a.")]
    [InlineData(50_000, "x = ")]
    [InlineData(30_000, "csharp { $\"{")]
    public void Pathological_repetition_is_a_diagnostic_not_a_crash(int count, string unit)
    {
        CompilesWithoutThrowingOrHanging(new StringBuilder().Insert(0, unit, count).ToString());
    }

    [Fact]
    public void A_50_megabyte_file_is_refused_with_a_diagnostic()
    {
        var result = ScenarioCompiler.Compile("huge.proto-script", new string(' ', 50 * 1024 * 1024));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.FileTooLarge, d.Code);
    }

    [Fact]
    public void A_number_with_400_digits_in_a_scenario_is_a_diagnostic()
    {
        var text = TestSources.Valid.Replace("seed 1", "seed " + new string('7', 400), StringComparison.Ordinal);
        Assert.Contains(DiagnosticCodes.InvalidNumber, TestSources.Compile(text).Diagnostics.Select(d => d.Code));
    }

    [Theory]
    [Trait("Category", "Fuzz")]
    [InlineData("compile")]
    [InlineData("format")]
    [InlineData("scan")]
    public void Fuzzed_examples_keep_the_property(string property)
    {
        var check = FuzzProperties.All.Single(p => p.Name == property).Check;
        var total = int.TryParse(Environment.GetEnvironmentVariable("PROTOSCRIPT_FUZZ_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : DefaultFuzzSeconds;
        var threads = int.TryParse(Environment.GetEnvironmentVariable("PROTOSCRIPT_FUZZ_THREADS"), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : 1;
        var seconds = Math.Max(1, total / FuzzProperties.All.Count);
        var summary = string.Empty;
        var started = DateTime.UtcNow;
        FuzzInputs.Cases.Sample(
            c => FuzzProperties.Guarded(property, check, c.Text, HangTimeout, save: true),
            writeLine: line => summary += line,
            iter: -1,
            time: seconds,
            threads: threads,
            print: c => FuzzInputs.Escape(c.Text));

        // One line per property, for benchmarks/RESULTS.md-style records of long runs.
        var record = FormattableString.Invariant($"fuzz {property}: {(DateTime.UtcNow - started).TotalSeconds:F0} s, {summary.Trim()}, seeds {FuzzInputs.Seeds.Length}, 0 failures");
        output.WriteLine(record);
        if (Environment.GetEnvironmentVariable("PROTOSCRIPT_FUZZ_LOG") is { Length: > 0 } log)
        {
            File.AppendAllText(log, FormattableString.Invariant($"{DateTime.UtcNow:u} {record}\n"));
        }
    }

    public static TheoryData<string> RegressionInputs()
    {
        var data = new TheoryData<string>();
        if (Directory.Exists(FuzzProperties.RegressionDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(FuzzProperties.RegressionDirectory, "*.txt").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RegressionInputs))]
    public void An_input_the_fuzzer_once_failed_on_keeps_every_property(string file)
    {
        var text = FuzzInputs.Unescape(File.ReadAllText(Path.Combine(FuzzProperties.RegressionDirectory, file)).TrimEnd('\n'));
        foreach (var (name, check) in FuzzProperties.All)
        {
            FuzzProperties.Guarded(name, check, text, HangTimeout, save: false);
        }
    }

    [Fact]
    public void Regression_inputs_survive_their_escaping_exactly()
    {
        var tricky = "a\\u0041\r\n\u2028\uD800\0\u00E9\\";
        Assert.Equal(tricky, FuzzInputs.Unescape(FuzzInputs.Escape(tricky)));
        Assert.DoesNotContain(FuzzInputs.Escape(tricky), c => c is < ' ' or > '~');
    }

    [Fact]
    public void The_fuzzer_starts_from_every_example_and_its_mutations_change_them()
    {
        var examples = Directory.GetFiles(Path.Combine(FuzzInputs.Root, "examples"), "*.proto-script").Length;
        Assert.True(FuzzInputs.Seeds.Length >= examples, $"{FuzzInputs.Seeds.Length} seeds for {examples} examples");
        var changed = 0;
        FuzzInputs.Cases.Sample(c => changed += c.Text == FuzzInputs.Seeds[c.Seed] ? 0 : 1, iter: 200, threads: 1, seed: "0N0XIzNsQ0O2");
        Assert.InRange(changed, 100, 200);
    }
}
