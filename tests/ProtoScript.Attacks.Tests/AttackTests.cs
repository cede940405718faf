using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace ProtoScript.Attacks.Tests;

/// <summary>
/// The attack suite: every hostile hook of Corpus/ is refused at compile time or stopped at
/// run time with its expected code by <c>check</c>, <c>run</c>, <c>run --isolate</c> and
/// <c>run --engine compiled</c>, and every mode prints byte for byte the same in two processes
/// (the isolated run: the same as the run in process).
/// One test case per corpus file, named by the file, so a failure names the attack.
/// </summary>
public class AttackTests(ITestOutputHelper output)
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var attack in Attack.Corpus)
        {
            data.Add(attack.File);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_attack_has_its_expected_outcome_in_every_mode_and_the_same_output_in_two_processes(string file)
    {
        var attack = Attack.Corpus.Single(a => a.File == file);
        var suite = AttackSuite.Results;
        var problems = new List<string>();
        var answered = new Dictionary<string, ModeResult>(StringComparer.Ordinal);
        foreach (var mode in Modes.All.Where(attack.Modes.Contains))
        {
            var a = suite.A.GetValueOrDefault((file, mode));
            var b = mode == Modes.Isolate ? a : suite.B.GetValueOrDefault((file, mode));
            if (a is null || b is null || a.Died is not null || b.Died is not null)
            {
                problems.Add($"{mode}: no answer: {a?.Died ?? b?.Died ?? "not run"}");
                continue;
            }

            answered[mode] = a;
            var expected = attack.Expected.For(mode);
            var actual = Outcome.Of(a.ExitCode, a.Stderr);
            if (actual != expected)
            {
                problems.Add($"{mode}: expected {expected}, got {actual}{Excerpt(a)}");
            }

            if (mode != Modes.Check && expected.ExitCode != 0 && actual.ExitCode != 0 && a.Stdout.Length > 0)
            {
                problems.Add($"{mode}: it failed but printed a report on standard output{Excerpt(a)}");
            }

            Compare(problems, $"{mode} in process A", a, $"{mode} in process B", b);
            foreach (var forbidden in attack.Forbidden)
            {
                foreach (var (name, text) in new[] { ("stdout", a.Stdout), ("stderr", a.Stderr) })
                {
                    if (forbidden.Match(text) is { Success: true } match)
                    {
                        problems.Add($"{mode}: {name} holds what the attack forges (/{forbidden}/): {Visible(match.Value.Length > 80 ? match.Value[..80] + "..." : match.Value)}");
                    }
                }
            }
        }

        // Every mode that runs the scenario prints the same bytes as the in-process run (for the
        // isolated run, the comparison across two processes: its worker's and A's).
        var running = Modes.Running.Where(answered.ContainsKey).ToList();
        foreach (var mode in running.Skip(1))
        {
            Compare(problems, running[0], answered[running[0]], mode, answered[mode]);
        }

        output.WriteLine($"{file}: {attack.Description}; expect {attack.Expected} in {string.Join(", ", attack.Modes)}");
        Assert.True(problems.Count == 0, $"{file} ({attack.Category}: {attack.Description}):\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void The_corpus_has_at_least_60_attacks_in_every_category_with_well_formed_headers()
    {
        var corpus = Attack.Corpus;
        Assert.True(corpus.Length >= 60, $"{corpus.Length} attacks");
        Assert.All(corpus, a => Assert.Matches(@"^\d{3}-[a-z0-9-]+\.proto-script$", a.File));
        Assert.Equal(corpus.Length, corpus.Select(a => a.File[..3]).Distinct(StringComparer.Ordinal).Count());
        Assert.All(corpus, a => Assert.Contains(a.Category, Attack.Categories));
        Assert.All(corpus, a => Assert.All(a.Modes, m => Assert.Contains(m, Modes.All)));
        Assert.All(corpus.Where(a => a.Modes.Length < Modes.All.Length), a => Assert.False(string.IsNullOrWhiteSpace(a.Why), a.File + " runs in fewer modes and must say why"));
        Assert.All(corpus, a => Assert.Contains(Modes.Check, a.Modes));
        foreach (var category in Attack.Categories)
        {
            Assert.Contains(corpus, a => a.Category == category);
        }

        // The issue names these evasions of the budget: each must have an attack of its own.
        var budget = string.Join("\n", corpus.Where(a => a.Category == "budget").Select(a => File.ReadAllText(Path.Combine(Attack.CorpusDirectory, a.File))));
        foreach (var construct in new[] { "catch", "finally", "when (", "goto", "recursion" })
        {
            Assert.Contains(construct, budget, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_suite_reports_how_long_it_took()
    {
        var suite = AttackSuite.Results;
        var modes = suite.A.Count + suite.B.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"attack suite: {Attack.Corpus.Length} attacks, {modes} runs of a mode in 2 processes, {suite.RunnerStarts} runner starts, {suite.Elapsed.TotalSeconds:F0} s"));
        Assert.Equal(Attack.Corpus.Sum(a => a.Modes.Length + a.Modes.Count(m => m != Modes.Isolate)), modes);
    }

    [Theory]
    [InlineData(2, "x.proto-script:1:2: error PS4003: `System.Environment` ...\nmore\n", "exit 2 PS4003")]
    [InlineData(2, "x.proto-script:1:2: error CS0103: The name 'Console' ...\n", "exit 2 CS0103")]
    [InlineData(1, "x:1:1: warning PS1001: ...\nx:2:2: error PS4005: hook ...\n", "exit 1 PS4005")]
    [InlineData(0, "", "exit 0")]
    public void An_outcome_is_the_exit_code_and_the_first_error_code(int exit, string stderr, string expected) =>
        Assert.Equal(expected, Outcome.Of(exit, stderr).ToString());

    private static void Compare(List<string> problems, string nameA, ModeResult a, string nameB, ModeResult b)
    {
        foreach (var (stream, x, y) in new[] { ("stdout", a.Stdout, b.Stdout), ("stderr", a.Stderr, b.Stderr) })
        {
            if (!string.Equals(x, y, StringComparison.Ordinal))
            {
                var at = 0;
                while (at < x.Length && at < y.Length && x[at] == y[at])
                {
                    at++;
                }

                problems.Add($"{nameA} and {nameB} differ on {stream} at character {at}: {Visible(Around(x, at))} vs {Visible(Around(y, at))}");
            }
        }
    }

    private static string Around(string text, int at) => text.Length == 0 ? "(nothing)" : text.Substring(Math.Max(0, at - 40), Math.Min(text.Length, at + 80) - Math.Max(0, at - 40));

    private static string Excerpt(ModeResult r)
    {
        var text = (r.Stderr.Length > 0 ? r.Stderr : r.Stdout).Split('\n').FirstOrDefault() ?? string.Empty;
        return text.Length == 0 ? string.Empty : ": " + Visible(text.Length > 300 ? text[..300] + "..." : text);
    }

    private static string Visible(string text) => Regex.Replace(text, @"[^\x20-\x7E]", m => $"\\u{(int)m.Value[0]:X4}");
}
