using System.Text;

namespace ProtoScript.Cli.Tests;

/// <summary>
/// The command line as a new user meets it, through the real executable: usage, typo
/// corrections, option errors, capped diagnostics, one-point reruns and overrides, the
/// snapshot workflow, <c>new</c> and <c>explain</c>, and the binder's messages for common slips.
/// </summary>
public class CliUxTests
{
    // 1 min of 2 s blocks is 30 blocks; of 1 s blocks 60, of 4 s blocks 15.
    private const string Sweep = """
        scenario "blocks" {
          seed 5
          duration 1 min
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
          }
          workload { users = poisson(2 / s) on A }
          expect {
            report.A.blocks == 30
          }
        }

        sweep rollup.A.block_time in [1 s, 2 s, 4 s] runs 3

        """;

    private static string NewDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "protoscript-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void No_arguments_prints_the_usage_with_every_command()
    {
        var outcome = Exe.Run();
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("Usage:", outcome.Stdout, StringComparison.Ordinal);
        foreach (var command in new[] { "run", "check", "verify", "fmt", "test", "new", "explain", "lsp" })
        {
            Assert.Contains($"\n  {command} ", outcome.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_mistyped_command_gets_did_you_mean_run_and_exit_2()
    {
        var outcome = Exe.Run("rnu", Repository.Example("quickstart.proto-script"));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("'rnu' was not matched. Did you mean one of the following?\nrun\n", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("proto-script: error PS0003: Unrecognized command or argument 'rnu'.", outcome.Stderr, StringComparison.Ordinal);
        Assert.Empty(outcome.Stdout);
    }

    [Fact]
    public void A_seed_that_is_not_a_number_says_expected_a_number_without_a_type_name()
    {
        var outcome = Exe.Run("run", Repository.Example("quickstart.proto-script"), "--seed", "abc");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("proto-script: error PS0003: --seed: `abc` is not a seed; expected a number", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", outcome.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, Exe.Run("run", Repository.Example("quickstart.proto-script"), "--seed", "1_000").ExitCode);
    }

    [Fact]
    public void A_timeout_without_a_unit_is_an_error_that_names_the_units()
    {
        var outcome = Exe.Run("run", Repository.Example("quickstart.proto-script"), "--timeout", "5");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("proto-script: error PS0003: --timeout: `5` has no unit; accepted units are ms, s, min and h", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_hundreds_of_errors_prints_50_and_says_how_many_more()
    {
        var text = new StringBuilder("scenario \"many\" {\n  duration 1 min\n  rollup A {\n    block_time = 2 s\n    accounts 10 funded 1 eth\n");
        for (var i = 0; i < 300; i++)
        {
            text.Append("    gas_limt = 1\n");
        }

        text.Append("  }\n}\n");
        var path = TempFiles.Write("many.proto-script", text.ToString());
        var outcome = Exe.Run("check", path);
        Assert.Equal(2, outcome.ExitCode);
        var errors = outcome.Stderr.Split('\n').Count(l => l.Contains(": error PS3001: ", StringComparison.Ordinal));
        Assert.Equal(50, errors);
        Assert.EndsWith($"{path}: and 250 more errors, not shown; fix the first 50 (an early one often causes the rest) and run again\n", outcome.Stderr, StringComparison.Ordinal);

        // JSON is for tools: every diagnostic.
        Assert.Equal(300, Exe.Run("check", path, "--diagnostic-format", "json").Stderr.Split("PS3001").Length - 1);
    }

    [Fact]
    public void A_failed_sweep_expectation_names_its_points_and_seeds_and_point_reruns_one_run()
    {
        var path = TempFiles.Write("blocks.proto-script", Sweep);
        foreach (var isolation in new[] { "--isolate", "--no-isolate" })
        {
            var outcome = Exe.Run("run", path, isolation);
            Assert.Equal(1, outcome.ExitCode);
            var lines = outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("PS5001", StringComparison.Ordinal)).ToList();
            Assert.Equal(
            [
                $"{path}:10:5: error PS5001: expectation failed: report.A.blocks == 30 at point 1 (rollup.A.block_time = 1 s), runs 3/3: seeds 5, 6, 7; rerun one with `proto-script run {path} --point 1 --seed 5`",
                $"{path}:10:5: error PS5001: expectation failed: report.A.blocks == 30 at point 3 (rollup.A.block_time = 4 s), runs 3/3: seeds 5, 6, 7; rerun one with `proto-script run {path} --point 3 --seed 5`",
            ], lines);
        }

        // The point alone is a single run with the point's value, named on top of its report.
        var point = Exe.Run("run", path, "--point", "3", "--seed", "6");
        Assert.Equal(1, point.ExitCode);
        Assert.StartsWith("point 3 of 3: rollup.A.block_time = 4 s, seed 6\n\nProtoScript simulation report\n", point.Stdout, StringComparison.Ordinal);
        Assert.Contains("error PS5001: expectation failed: report.A.blocks == 30 (actual: 15)", point.Stderr, StringComparison.Ordinal);
        Assert.Equal(point.Stdout, Exe.Run("run", path, "--point", "3", "--seed", "6", "--engine", "compiled").Stdout);

        // ... the same report as the scenario without its sweep, with the value set from the command line.
        var single = TempFiles.Write("single.proto-script", Sweep.Replace("sweep rollup.A.block_time in [1 s, 2 s, 4 s] runs 3", string.Empty, StringComparison.Ordinal));
        var set = Exe.Run("run", single, "--set", "rollup.A.block_time=4 s", "--seed", "6");
        Assert.Equal(point.Stdout[point.Stdout.IndexOf("ProtoScript simulation report", StringComparison.Ordinal)..], set.Stdout);

        Assert.Contains("--point 4: the sweep of", Exe.Run("run", path, "--point", "4").Stderr, StringComparison.Ordinal);
        Assert.Contains("declares no sweep", Exe.Run("run", single, "--point", "1").Stderr, StringComparison.Ordinal);
        Assert.Equal(0, Exe.Run("run", path, "--point", "2").ExitCode);
    }

    [Fact]
    public void Set_overrides_a_setting_in_a_single_run_and_in_every_point_of_a_sweep()
    {
        var path = TempFiles.Write("blocks.proto-script", Sweep);

        // Two minutes double every point's blocks (1 s: 120, 2 s: 60, 4 s: 30), so now the 4 s point
        // holds `blocks == 30` and the first two fail.
        var outcome = Exe.Run("run", path, "--set", "duration=2 min", "--set", "workload.users=poisson(1 / s)");
        Assert.Equal(1, outcome.ExitCode);
        var failed = outcome.Stderr.Split('\n').Where(l => l.Contains("PS5001", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, failed.Count);
        Assert.Contains("at point 1 (rollup.A.block_time = 1 s)", failed[0], StringComparison.Ordinal);
        Assert.Contains("at point 2 (rollup.A.block_time = 2 s)", failed[1], StringComparison.Ordinal);
        Assert.Contains($"rerun one with `proto-script run {path} --set 'duration=2 min' --set 'workload.users=poisson(1 / s)' --point 1 --seed 5`", failed[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Set_errors_point_into_the_argument_with_did_you_mean()
    {
        var path = TempFiles.Write("blocks.proto-script", Sweep);
        var outcome = Exe.Run("run", path, "--set", "rollup.A.blok_time=1 s", "--set", "duraton=1 min", "--set", "rollup.A.gas_limit=12 s", "--set", "rollup.B.gas_limit=1", "--set", "rollup.A.block_time=1 s", "--set", "seed");
        Assert.Equal(2, outcome.ExitCode);
        var stderr = outcome.Stderr;
        Assert.Contains("--set:1:10: error PS3001: ", stderr, StringComparison.Ordinal);
        Assert.Contains("did you mean `block_time`?", stderr, StringComparison.Ordinal);
        Assert.Contains("--set:1:1: error PS3001: cannot set `duraton`\n     1 | duraton=1 min\n       | ^~~~~~~\n       = help: did you mean `duration`?", stderr, StringComparison.Ordinal);
        Assert.Contains("--set:1:20: error PS3003: expected an amount of gas (gas), found a time (ms, s, min, h)\n     1 | rollup.A.gas_limit=12 s\n       |                    ^~~~\n", stderr, StringComparison.Ordinal);
        Assert.Contains("--set:1:8: error PS3007: no rollup named `B`", stderr, StringComparison.Ordinal);
        Assert.Contains("--set:1:1: error PS0003: the file sweeps `rollup.A.block_time`; `--set` cannot fix a swept setting", stderr, StringComparison.Ordinal);
        Assert.Contains("--set:1:1: error PS0003: `--set seed` needs a setting, `=` and a value", stderr, StringComparison.Ordinal);
        Assert.Empty(outcome.Stdout);
    }

    [Fact]
    public void Test_writes_a_received_file_with_a_diff_removes_it_on_pass_and_accept_promotes_it()
    {
        var dir = NewDirectory();
        var scenario = Path.Combine(dir, "s.proto-script");
        File.WriteAllText(scenario, Sweep.Replace("sweep rollup.A.block_time in [1 s, 2 s, 4 s] runs 3", string.Empty, StringComparison.Ordinal));
        var report = Exe.Run("run", scenario).Stdout;
        var lines = report.Split('\n');
        var verified = Path.Combine(dir, "s.verified.txt");
        var received = Path.Combine(dir, "s.received.txt");

        // The snapshot with its fourth line changed: the diff shows that line and three of context around it.
        File.WriteAllText(verified, string.Join('\n', lines.Select((l, i) => i == 3 ? "  duration  2 min" : l)));
        var failed = Exe.Run("test", scenario);
        Assert.Equal(1, failed.ExitCode);
        Assert.Equal(report, File.ReadAllText(received));
        var diff = string.Join('\n', ["--- s.verified.txt", "+++ s.received.txt", "@@ -1,7 +1,7 @@", .. lines[..3].Select(l => " " + l), "-  duration  2 min", "+" + lines[3], .. lines[4..7].Select(l => " " + l)]) + "\n";
        Assert.Contains($"; wrote s.received.txt (accept it with `proto-script test --accept {scenario}`)\n" + diff + "\n1 scenario: 0 passed, 1 failed, 0 crashed\n", failed.Stdout, StringComparison.Ordinal);

        var accepted = Exe.Run("test", "--accept", dir);
        Assert.Equal(0, accepted.ExitCode);
        Assert.Equal($"accepted {verified}\n\n1 snapshot accepted\n", accepted.Stdout);
        Assert.False(File.Exists(received));
        Assert.Equal(report, File.ReadAllText(verified));
        Assert.Equal(0, Exe.Run("test", scenario).ExitCode);

        // A received file left from an earlier failure goes once the report matches again.
        File.WriteAllText(received, "stale");
        Assert.Equal(0, Exe.Run("test", scenario).ExitCode);
        Assert.False(File.Exists(received));
        Assert.StartsWith("nothing to accept", Exe.Run("test", "--accept", dir).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void New_writes_a_starter_that_runs_and_is_formatted_and_never_overwrites()
    {
        var dir = NewDirectory();
        var created = Exe.In(dir, "new", "study");
        Assert.Equal(0, created.ExitCode);
        var path = Path.Combine(dir, "study.proto-script");
        Assert.StartsWith("// study: a starting point.", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(0, Exe.In(dir, "fmt", "--check", "study.proto-script").ExitCode);
        var run = Exe.In(dir, "run", "study.proto-script");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("conserved total_supply              passed (conserved on every rollup)", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stderr);

        File.WriteAllText(path, "mine");
        var again = Exe.In(dir, "new", "study.proto-script");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("`study.proto-script` already exists; `new` never overwrites a file", again.Stderr, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(path));
    }

    [Fact]
    public void Explain_prints_the_codes_section_of_the_embedded_document_and_suggests_a_code_for_a_typo()
    {
        var doc = File.ReadAllText(Path.Combine(Repository.Root, "docs", "diagnostics.md")).ReplaceLineEndings("\n");
        var start = doc.IndexOf("### PS3002\n", StringComparison.Ordinal);
        var end = doc.IndexOf("\n### PS3003\n", StringComparison.Ordinal);

        // Run from a folder without the repository: the text comes from the tool itself.
        var outcome = Exe.In(NewDirectory(), "explain", "PS3002");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(doc[start..end].TrimEnd('\n') + "\n", outcome.Stdout);
        Assert.Equal(outcome.Stdout, Exe.Run("explain", "3002").Stdout);

        // PS5001, printed by `run` after a simulation, is explained by the exit codes' section.
        var failed = Exe.Run("explain", "PS5001").Stdout;
        Assert.StartsWith("## Exit codes\n", failed, StringComparison.Ordinal);
        Assert.Contains("error PS5001: expectation failed", failed, StringComparison.Ordinal);

        var unknown = Exe.Run("explain", "PS3020");
        Assert.Equal(2, unknown.ExitCode);
        Assert.StartsWith("proto-script: error PS0003: `PS3020` is not a diagnostic code; did you mean `PS3002`?", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_expectations_on_one_line_say_one_statement_per_line()
    {
        var path = TempFiles.Write("one-line.proto-script", Sweep.Replace("report.A.blocks == 30", "conserved total_supply  derivable", StringComparison.Ordinal).Replace("sweep rollup.A.block_time in [1 s, 2 s, 4 s] runs 3", string.Empty, StringComparison.Ordinal));
        var outcome = Exe.Run("check", path);
        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith($"{path}:10:29: error PS3005: one statement per line: `derivable` starts another expectation\n", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("only `total_supply`", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Funding_with_zero_of_a_token_says_the_amount_must_be_more_than_zero()
    {
        var path = TempFiles.Write("zero.proto-script", Sweep.Replace("accounts 100 funded 1 eth", "accounts 10 funded 0 eth, 0 usdc", StringComparison.Ordinal).Replace("duration 1 min", "duration 1 min\n  token usdc { decimals = 6 }", StringComparison.Ordinal));
        var outcome = Exe.Run("check", path);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("error PS3006: a token amount here must be more than zero, found `0 usdc`", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("reserve", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("decimals", outcome.Stderr.Replace("decimals = 6", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "amm \"ETH/USDC\"", "PS3008")] // no `token usdc`
    [InlineData("token usdc { decimals = 6 }", "amm \"USDC/ETH\"", "PS3005")] // the pair named backwards
    public void A_broken_pool_is_one_error_without_a_cascade_about_a_missing_pool(string token, string pool, string code)
    {
        var text = $$"""
            scenario "pool" {
              duration 1 min
              {{token}}
              rollup A {
                block_time = 2 s
                accounts 10 funded 1 eth
                {{pool}} {
                  reserves = (1_000 eth, 3_000_000 usdc)
                }
              }
              workload {
                users = poisson(2 / s) on A
                swaps = 30 %
              }
            }

            """;
        var outcome = Exe.Run("check", TempFiles.Write("pool.proto-script", text));
        Assert.Equal(2, outcome.ExitCode);
        var errors = outcome.Stderr.Split('\n').Where(l => l.Contains(": error PS", StringComparison.Ordinal)).ToList();
        Assert.Single(errors);
        Assert.Contains($"error {code}", errors[0], StringComparison.Ordinal);
        Assert.DoesNotContain("has no `amm` pool", outcome.Stderr, StringComparison.Ordinal);
        if (code == "PS3008")
        {
            Assert.Contains("declare it first with `token usdc { decimals = 6 }`", outcome.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Swapping_users_without_the_quote_token_get_a_warning_and_their_swaps_paying_in_it_are_rejected()
    {
        var text = """
            scenario "unfunded" {
              duration 2 min
              token usdc { decimals = 6 }
              rollup A {
                block_time = 2 s
                accounts 100 funded 10 eth
                amm "ETH/USDC" {
                  reserves = (1_000 eth, 3_000_000 usdc)
                }
              }
              workload {
                users = poisson(4 / s) on A
                swaps = 50 %
                swap_size = exponential(0.1 eth)
              }
            }

            """;
        var path = TempFiles.Write("unfunded.proto-script", text);
        var outcome = Exe.Run("run", path);
        Assert.Equal(0, outcome.ExitCode);
        Assert.StartsWith($"{path}:13:5: warning PS3005: the accounts of rollup `A` hold no usdc, the quote token of its pool", outcome.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"insufficient_balance +[1-9]", outcome.Stdout);

        // Funded in usdc too: no warning, and no swap lacks balance.
        var funded = Exe.Run("run", TempFiles.Write("funded.proto-script", text.Replace("funded 10 eth", "funded 10 eth, 30_000 usdc", StringComparison.Ordinal)));
        Assert.Equal(string.Empty, funded.Stderr);
        Assert.Matches(@"insufficient_balance +0\n", funded.Stdout);
    }
}
