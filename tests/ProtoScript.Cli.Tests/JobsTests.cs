namespace ProtoScript.Cli.Tests;

public class JobsTests
{
    private const string Scenario = """
        scenario "jobs" {
          duration 10 s
          rollup A {
            block_time = 2 s
            accounts 10 funded 1 eth
          }
          workload { users = poisson(1 / s) on A }
        }

        """;

    [Theory]
    [InlineData(1, 2, 1)]
    [InlineData(8, 2, 8)]
    [InlineData(30, 2, 8)]
    [InlineData(5, 1, 4)]
    public void Jobs_are_capped_at_four_per_core(int requested, int cores, int expected)
    {
        var warnings = new StringWriter();

        Assert.Equal(expected, CommonOptions.ResolveJobs(requested, warnings, cores));
        Assert.Equal(requested > expected, warnings.ToString().Length > 0);
    }

    [Fact]
    public void Run_with_more_jobs_than_the_cap_warns_and_still_runs()
    {
        var path = TempFiles.Write("jobs.proto-script", Scenario);
        var cap = CommonOptions.JobsPerCore * Environment.ProcessorCount;

        var outcome = Cli.Run("run", path, "--jobs", (cap + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-isolate");

        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        Assert.Contains($"proto-script: warning PS0003: --jobs {cap + 1} is more than 4 per processor core", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains($"running {cap} at once", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_with_more_jobs_than_the_cap_warns_and_jobs_within_it_do_not()
    {
        var path = TempFiles.Write("jobs.proto-script", Scenario);
        var cap = CommonOptions.JobsPerCore * Environment.ProcessorCount;

        var over = Cli.Run("test", path, "--jobs", "100000", "--no-isolate");
        var within = Cli.Run("test", path, "--jobs", cap.ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-isolate");

        Assert.Equal(ExitCodes.Success, over.ExitCode);
        Assert.Contains("--jobs 100000 is more than 4 per processor core", over.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, within.ExitCode);
        Assert.DoesNotContain("warning", within.Stderr, StringComparison.Ordinal);
    }
}
