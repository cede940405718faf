namespace ProtoScript.Cli.Tests;

/// <summary>Constructs that bind but are not simulated yet must stop `run`, never be silently ignored.</summary>
public class NotYetSimulatedTests
{
    private const string Pool = """
        scenario "pool" {
          duration 1 min
          token usdc { decimals = 6 }
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
            amm "ETH/USDC" { reserves = (1_000 eth, 3_000_000 usdc) }
          }
          workload { users = poisson(5 / s) on A }
        }
        """;

    [Fact]
    public void Check_accepts_a_pool_but_run_refuses_it_with_exit_2_and_no_report()
    {
        var path = TempFiles.Write("pool.proto-script", Pool);
        Assert.Equal(0, Cli.Run("check", path).ExitCode);
        var run = Cli.Run("run", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains("error PS3005: `amm` pools are checked by `proto-script check` but not simulated by this version yet", run.Stderr, StringComparison.Ordinal);
    }
}
