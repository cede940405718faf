namespace ProtoScript.Cli.Tests;

/// <summary>A proof market of named provers with bid rules, one a C# hook (site <c>prover-bid</c>), run from the CLI on both engines.</summary>
public class ProofMarketRunTests
{
    // One rollup; 1 s proofs every 2 s block, so every prover is free at each auction. BID is each test's hook.
    private const string Market = """
        scenario "market" {
          seed 5
          duration 1 min
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
          }
          workload { users = poisson(4 / s) on A }
          provers for A {
            selection = market {
              prover cheap { cost = 0.001 eth per block  bid = cost_plus { margin = 10 % } }
              prover hooked { cost = 0.005 eth per block  bid = BID }
            }
            proof_time = constant(1 s) per block
          }
        }
        """;

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void The_proof_market_example_prints_the_same_report_on_the_scripted_and_the_compiled_engine(string format)
    {
        var path = Path.Combine(Repository.Examples, "proof-market.proto-script");

        var scripted = Cli.Run("run", path, "--engine", "scripted", "--format", format);
        var compiled = Cli.Run("run", path, "--engine", "compiled", "--format", format);

        Assert.Equal(0, scripted.ExitCode);
        Assert.Equal(scripted, compiled);
    }

    [Theory]
    [InlineData("scripted")]
    [InlineData("compiled")]
    public void A_bid_hook_that_returns_a_constant_below_every_other_bid_wins_every_job_at_that_price(string engine)
    {
        var path = TempFiles.Write("market-constant.proto-script", Market.Replace("BID", "csharp => 7", StringComparison.Ordinal));

        var run = Cli.Run("run", path, "--engine", engine, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var report = System.Text.Json.JsonDocument.Parse(run.Stdout);
        var market = report.RootElement.GetProperty("rollups")[0].GetProperty("proving").GetProperty("market");
        var jobs = market.GetProperty("jobs").GetInt64();
        Assert.Equal(30, jobs);
        Assert.Equal("7", market.GetProperty("priceMedianWei").GetString());
        var provers = market.GetProperty("provers");
        Assert.Equal(0, provers[0].GetProperty("won").GetInt64());
        Assert.Equal(jobs, provers[1].GetProperty("won").GetInt64());
        Assert.True(provers[1].GetProperty("loss").GetBoolean());
    }

    [Theory]
    [InlineData("scripted")]
    [InlineData("compiled")]
    public void An_absurd_bid_stops_the_run_at_the_hook_with_the_time_and_block_on_both_engines(string engine)
    {
        var path = TempFiles.Write("market-absurd.proto-script", Market.Replace("BID", "csharp => UInt128.MaxValue", StringComparison.Ordinal));

        var run = Cli.Run("run", path, "--engine", engine);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error PS4006: hook `provers for A prover hooked bid` returned an absurd bid for A block 1", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("at 2 s in block 1 of rollup A", run.Stderr, StringComparison.Ordinal);
    }
}
