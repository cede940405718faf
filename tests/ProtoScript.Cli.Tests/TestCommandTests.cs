namespace ProtoScript.Cli.Tests;

public class TestCommandTests
{
    private const string Scenario = """
        scenario "tested" {
          seed 5
          duration 30 s
          HOOKS
          rollup A {
            block_time = 2 s
            ORDERING
            accounts 100 funded 1 eth
          }
          workload { users = poisson(4 / s) on A }
          EXPECT
        }

        """;

    private static string Write(string dir, string name, string ordering = "ordering = fcfs", string hooks = "", string expect = "")
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, Scenario.Replace("ORDERING", ordering, StringComparison.Ordinal).Replace("HOOKS", hooks, StringComparison.Ordinal).Replace("EXPECT", expect, StringComparison.Ordinal));
        return path;
    }

    private static string NewDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "protoscript-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void Test_prints_passed_failed_and_crashed_lines_in_file_order_and_a_summary_and_exits_1()
    {
        var dir = NewDirectory();
        var pass = Write(dir, "pass.proto-script", expect: "expect { report.A.transactions.included > 10 }");
        File.WriteAllText(Path.Combine(dir, "pass.verified.txt"), Cli.Run("run", pass).Stdout);
        var failing = Write(dir, "fails-expectation.proto-script", expect: "expect { report.A.transactions.included > 1_000_000 }");
        var stale = Write(dir, "stale.proto-script");
        var staleReport = Cli.Run("run", stale).Stdout;
        File.WriteAllText(Path.Combine(dir, "stale.verified.txt"), "an older report\n" + staleReport[(staleReport.IndexOf('\n', StringComparison.Ordinal) + 1)..]);
        var crash = Write(dir, "crash.proto-script", "ordering = csharp { IEnumerable<long> e = new long[] { 1 }; for (var i = 0; i < 1_000_000; i++) { e = e.Select(v => v + 1); } return (int)(e.First() % 2); }", "hooks { max_steps = 10_000_000  max_allocated = 1024 MiB }");

        var outcome = Cli.Run("test", dir);

        Assert.Equal(1, outcome.ExitCode);
        var lines = outcome.Stdout.Split('\n');
        Assert.StartsWith($"CRASHED {crash}: PS4009: the run crashed its worker process with a stack overflow", lines[0], StringComparison.Ordinal);
        var expectation = FirstLine(Cli.Run("run", failing).Stderr);
        Assert.Contains("error PS5001: expectation failed: report.A.transactions.included > 1_000_000 (actual: ", expectation, StringComparison.Ordinal);
        Assert.Equal($"FAILED  {failing}: {expectation}", lines[1]);
        Assert.Equal($"passed  {pass}", lines[2]);
        Assert.Equal($"FAILED  {stale}: report differs from stale.verified.txt at line 1: expected `an older report`, got `{FirstLine(staleReport)}`; wrote stale.received.txt (accept it with `proto-script test --accept {stale}`)", lines[3]);

        // Then the unified diff of the one changed line, and the summary.
        Assert.Equal(["--- stale.verified.txt", "+++ stale.received.txt", "@@ -1,4 +1,4 @@", "-an older report", $"+{FirstLine(staleReport)}"], lines[4..9]);
        Assert.Equal(string.Empty, lines[^3]);
        Assert.Equal("4 scenarios: 1 passed, 2 failed, 1 crashed", lines[^2]);

        // The diagnostics of what failed, unchanged, and never a stack trace.
        Assert.Contains("error PS4009", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("error PS5001", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_exits_0_when_every_scenario_passes_in_a_worker_or_in_process()
    {
        var dir = NewDirectory();
        var first = Write(dir, "a.proto-script", expect: "expect { report.A.transactions.included > 10 }");
        File.WriteAllText(Path.Combine(dir, "a.verified.txt"), Cli.Run("run", first).Stdout);
        var second = Write(dir, "b.proto-script");

        foreach (var mode in new[] { "--isolate", "--no-isolate" })
        {
            var outcome = Cli.Run("test", first, second, mode);
            Assert.Equal(0, outcome.ExitCode);
            Assert.Equal($"passed  {first}\npassed  {second}\n\n2 scenarios: 2 passed, 0 failed, 0 crashed\n", outcome.Stdout);
            Assert.Equal(string.Empty, outcome.Stderr);
        }
    }

    [Fact]
    public void Test_of_a_path_that_does_not_exist_is_exit_2_with_PS0001()
    {
        var outcome = Cli.Run("test", Path.Combine(NewDirectory(), "missing"));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("error PS0001", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("no *.proto-script files", Cli.Run("test", NewDirectory()).Stderr, StringComparison.Ordinal);
    }

    private static string FirstLine(string text) => text[..text.IndexOf('\n', StringComparison.Ordinal)];
}
