namespace ProtoScript.Cli.Tests;

/// <summary>Constructs that bind but that the engine cannot run must stop `run`, never be silently ignored; pools now run.</summary>
public class PoolRunTests
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
    public void A_pool_scenario_runs_and_reports_its_trading_section()
    {
        var path = TempFiles.Write("pool.proto-script", Pool);
        Assert.Equal(0, Cli.Run("check", path).ExitCode);
        var run = Cli.Run("run", path);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
        Assert.Contains("    pool ETH/USDC\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("reserve usdc", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pool_fee_finer_than_a_basis_point_is_an_error_at_the_fee_with_exit_2()
    {
        var text = Pool.Replace("3_000_000 usdc) }", "3_000_000 usdc)  fee = 0.025 % }", StringComparison.Ordinal);
        var path = TempFiles.Write("finefee.proto-script", text);
        var run = Cli.Run("run", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains("finefee.proto-script:7:68: error PS3006: `fee` must be at least 0 % and below 100 %, in whole basis points (0.01 %)", run.Stderr, StringComparison.Ordinal);
    }
}
