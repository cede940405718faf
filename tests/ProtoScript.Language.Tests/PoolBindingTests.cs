using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

public class PoolBindingTests
{
    private const string Base = """
        scenario "pool" {
          duration 1 min
          rollup A {
            block_time = 1 s
            accounts 100 funded 1 eth
            MEMPOOL
          }
          workload {
            value = constant(0.001 eth)
            WORKLOAD
          }
        }
        """;

    private const string TwoPopulations = """
        population honest {
              users = poisson(4 / s) on A
              accounts = 90
              priority_fee = exponential(0.05 gwei)
            }
            population spammers {
              users = poisson(40 / s) on A
              hash_rate = 250_000 / s
              solves_pow = false
              replace = 50 %
              bump = 1 %
            }
        """;

    private static string Scenario(string mempool, string workload = TwoPopulations) =>
        Base.Replace("MEMPOOL", mempool, StringComparison.Ordinal).Replace("WORKLOAD", workload, StringComparison.Ordinal);

    [Fact]
    public void Two_populations_bind_with_their_own_rates_accounts_fees_and_behaviour()
    {
        var result = TestSources.Compile(Scenario("mempool { pow = 16 bits  rate_limit = 5  rate_window = 10 s  max_pending = 2_000  max_per_sender = 16  replacement_bump = 12 %  public = false }"));
        Assert.Empty(result.Diagnostics);
        var model = result.Model!;
        var honest = model.Workload.Streams[0];
        var spam = model.Workload.Streams[1];
        Assert.Equal(("honest", 4.0, 90, DistributionKind.Exponential, 5e7), (honest.Name, honest.RatePerSecond, honest.Accounts, honest.PriorityFee.Kind, honest.PriorityFee.A));
        Assert.Equal(1e15, honest.Value.A); // the workload's value is every population's default
        Assert.Equal(("spammers", 40.0, 0, 250_000.0, false, 0.5, 0.01), (spam.Name, spam.RatePerSecond, spam.Accounts, spam.HashRate, spam.SolvesPow, spam.ReplaceShare, spam.ReplaceBump));
        Assert.Equal(
            new MempoolModel { PowDifficulty = 16, RateLimit = 5, RateWindow = SimDuration.FromSeconds(10), MaxPending = 2_000, MaxPerSender = 16, ReplacementBump = 0.12, Public = false },
            model.Rollups[0].Mempool);
    }

    [Fact]
    public void The_single_users_form_still_binds_as_one_unnamed_stream_and_a_rollup_without_mempool_has_none()
    {
        var model = TestSources.Compile(TestSources.Valid).Model!;
        Assert.Null(model.Workload.Streams.Single().Name);
        Assert.Null(model.Rollups[0].Mempool);
    }

    [Fact]
    public void Users_beside_populations_is_refused_at_users()
    {
        Assert.Equal(
            ["PS3005 10:5 a workload has either `users` or populations, not both: each `population` declares its own `users`"],
            TestSources.Errors(Scenario(string.Empty, "users = poisson(1 / s) on A\n    " + TwoPopulations)));
    }

    [Fact]
    public void A_population_declared_twice_is_a_duplicate()
    {
        Assert.Equal(
            ["PS3004 22:16 population `honest` is already declared (line 10)"],
            TestSources.Errors(Scenario(string.Empty, TwoPopulations + "\n    population honest { users = poisson(1 / s) on A  accounts = 1 }")));
    }

    [Fact]
    public void Populations_that_take_more_accounts_than_the_rollup_has_are_out_of_range()
    {
        Assert.Equal(
            ["PS3006 15:5 the populations on rollup `A` take 100 accounts and leave none for population `spammers`, but it has 100 user accounts"],
            TestSources.Errors(Scenario(string.Empty, TwoPopulations.Replace("accounts = 90", "accounts = 100", StringComparison.Ordinal))));
    }

    [Fact]
    public void Two_populations_of_a_rollup_without_accounts_are_refused_at_the_second()
    {
        Assert.Equal(
            ["PS3005 15:5 population `spammers` and population `honest` (line 10) both leave `accounts` out on rollup `A`: only one population of a rollup can take the accounts the others leave"],
            TestSources.Errors(Scenario(string.Empty, TwoPopulations.Replace("accounts = 90", string.Empty, StringComparison.Ordinal))));
    }

    [Fact]
    public void Swaps_ride_on_the_workloads_users_and_are_refused_beside_populations()
    {
        Assert.Equal(
            ["PS3005 10:5 `withdrawals` rides on the workload's `users`, which a workload of populations does not have; populations send plain transfers"],
            TestSources.Errors(Scenario(string.Empty, "withdrawals = 10 %\n    " + TwoPopulations)));
    }

    [Theory]
    [InlineData("new_accounts = 20 %")]
    [InlineData("storage_writes = 10 %")]
    public void State_growth_rides_on_the_workloads_users_and_is_refused_beside_populations(string line)
    {
        var field = line[..line.IndexOf(' ', StringComparison.Ordinal)];
        Assert.Equal(
            [$"PS3005 10:5 `{field}` rides on the workload's `users`, which a workload of populations does not have; populations send plain transfers"],
            TestSources.Errors(Scenario(string.Empty, line + "\n    " + TwoPopulations)));
    }

    [Theory]
    [InlineData("mempool { pow = 25 bits }", "PS3006")]
    [InlineData("mempool { rate_window = 10 s }", "PS3002")]
    [InlineData("mempool { replacement_bump = 2000 % }", "PS3006")]
    [InlineData("mempool { max_pending = 10  max_per_sender = 11 }", "PS3006")]
    [InlineData("mempool { public = maybe }", "PS3005")]
    [InlineData("mempool { size = 10 }", "PS3001")]
    public void Bad_mempool_settings_are_located_errors(string mempool, string code)
    {
        var errors = TestSources.Compile(Scenario(mempool)).Diagnostics.Where(d => d.IsError).ToList();
        var error = Assert.Single(errors);
        Assert.Equal((code, 6), (error.Code, error.Position.Line));
    }

    [Fact]
    public void A_private_pool_is_refused_beside_back_runners_who_watch_the_public_one()
    {
        var text = """
            scenario "pool" {
              duration 1 min
              token usdc { decimals = 6 }
              rollup A {
                block_time = 1 s
                ordering = priority_fee
                accounts 100 funded 10 eth, 30_000 usdc
                amm "ETH/USDC" { reserves = (1_000 eth, 3_000_000 usdc) }
                mempool { public = false }
              }
              workload {
                users = poisson(2 / s) on A
                swaps = 50 %
                cex_price = gbm(start = 3000 usdc, volatility = 60 %)
                back_runners = 2
              }
            }
            """;
        Assert.Equal(
            ["PS3005 9:15 the private mempool of rollup `A` cannot be combined with back-runners (`back_runners`): a back-runner trades behind the swaps it sees in the public mempool, and a private pool shows it none"],
            TestSources.Errors(text));
    }

    [Fact]
    public void Proof_of_work_is_refused_on_a_rollup_with_a_pool_whose_traders_do_not_stamp_their_swaps()
    {
        var text = """
            scenario "pool" {
              duration 1 min
              token usdc { decimals = 6 }
              rollup A {
                block_time = 1 s
                accounts 100 funded 10 eth, 30_000 usdc
                amm "ETH/USDC" { reserves = (1_000 eth, 3_000_000 usdc) }
                mempool { pow = 8 bits }
              }
              workload {
                users = poisson(2 / s) on A
              }
            }
            """;
        Assert.Equal(
            ["PS3005 8:15 the proof of work of rollup `A` cannot be combined with an `amm` pool: the traders' swaps (users', arbitrageurs', back-runners', searchers') do not search for a proof of work yet, so the pool would refuse them all"],
            TestSources.Errors(text));
    }

    [Fact]
    public void Pool_defences_are_refused_beside_an_express_lane()
    {
        var errors = TestSources.Errors(Scenario("mempool { max_pending = 10 }\n    express_lane { }"));
        Assert.Equal(["PS3005 6:5 the mempool defences of rollup `A` cannot be combined with an express lane (`express_lane`): its delayed transactions reach the pool past the admission checks"], errors);
    }
}
