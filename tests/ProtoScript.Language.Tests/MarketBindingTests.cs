using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

public class MarketBindingTests
{
    private const string Market = """
        scenario "m" {
          duration 1 min
          token usdc { decimals = 6 }
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
            amm "ETH/USDC" { reserves = (1_000 eth, 3_000_000 usdc)  fee = 0.3 % }
          }
          workload {
            users = poisson(5 / s) on A
            swaps = 30 %
            swap_size = exponential(0.5 eth)
            cex_price = gbm(start = 3000 usdc, volatility = 60 % per year)
            arbitrageurs = 3
            sync_delay = 500 ms
          }
        }
        """;

    [Fact]
    public void Tokens_pools_and_traders_bind_in_each_tokens_smallest_unit()
    {
        var result = TestSources.Compile(Market);

        // The one diagnostic: its swapping users hold no usdc (a warning; the scenario binds).
        Assert.Equal(["PS3005 Warning: the accounts of rollup `A` hold no usdc, the quote token of its pool: until a user has bought some, each of its swaps that pays in usdc is rejected (insufficient_balance)"], result.Diagnostics.Select(d => $"{d.Code} {d.Severity}: {d.Message}"));
        Assert.Empty(TestSources.Compile(Market.Replace("accounts 100 funded 1 eth", "accounts 100 funded 1 eth, 5_000 usdc", StringComparison.Ordinal)).Diagnostics);
        var model = result.Model!;
        Assert.Equal([new TokenModel("usdc", 6)], model.Tokens.ToArray());
        var pool = Assert.Single(model.Rollups[0].Amms);
        Assert.Equal(new AmmModel("ETH/USDC", "eth", "usdc", 1_000 * Wei.PerEther, 3_000_000_000_000, 3000), pool);
        var trading = model.Workload.Trading;
        Assert.Equal(0.3, trading.SwapShare, 12);
        Assert.Equal(new DistributionModel(DistributionKind.Exponential, 5e17, 0), trading.SwapSize);
        Assert.Equal(new PriceProcessModel("usdc", 3_000_000_000, 0.6, 0), trading.CexPrice);
        Assert.Equal(3, trading.Arbitrageurs);
        Assert.Equal(SimDuration.FromMilliseconds(500), trading.SyncDelay);
    }

    [Fact]
    public void Accounts_may_be_funded_in_declared_tokens_too()
    {
        var model = TestSources.Compile(Market.Replace("accounts 100 funded 1 eth", "accounts 100 funded 1 eth, 5_000 usdc", StringComparison.Ordinal)).Model!;
        Assert.Equal([new TokenBalanceModel("usdc", 5_000_000_000)], model.Rollups[0].TokenBalances.ToArray());
        Assert.Contains("PS3004 6:40 accounts are funded in usdc twice", TestSources.Errors(Market.Replace("accounts 100 funded 1 eth", "accounts 100 funded 1 eth, 5 usdc, 6 usdc", StringComparison.Ordinal)));
    }

    [Fact]
    public void Volatility_per_day_is_annualised_by_the_square_root_of_time()
    {
        var model = TestSources.Compile(Market.Replace("60 % per year", "2 % per day", StringComparison.Ordinal)).Model!;
        Assert.Equal(0.02 * Math.Sqrt(365), model.Workload.Trading.CexPrice!.Volatility, 12);
    }

    [Fact]
    public void Gbm_arguments_may_be_positional_and_drift_is_optional()
    {
        var model = TestSources.Compile(Market.Replace("gbm(start = 3000 usdc, volatility = 60 % per year)", "gbm(2500 usdc, 80 %, drift = 5 %)", StringComparison.Ordinal)).Model!;
        Assert.Equal(new PriceProcessModel("usdc", 2_500_000_000, 0.8, 0.05), model.Workload.Trading.CexPrice);
    }

    [Theory]
    [InlineData("token usdc { decimals = 6 }\n", "", "PS3008 6:55 unknown unit `usdc`")]
    [InlineData("\"ETH/USDC\"", "\"USDC/ETH\"", "PS3005 7:9 the pool is named \"USDC/ETH\" but its reserves are in eth and usdc")]
    [InlineData("fee = 0.3 %", "fee = 0.3", "PS3003 7:68 `fee` must be a percentage, found a plain number")]
    [InlineData("volatility = 60 % per year", "volatlity = 60 % per year", "PS3001 13:52 `gbm` has no parameter `volatlity`")]
    [InlineData("volatility = 60 % per year", "volatility = 60 % per block", "PS3003 13:62 `volatility` is per a time (e.g. `per year`), not per `block`")]
    [InlineData("start = 3000 usdc", "start = 3000 eth", "PS3003 13:29 the CEX price is the price of ether in a token, not in ether")]
    [InlineData("swaps = 30 %", "swaps = 130 %", "PS3005 11:13 `swaps` must be a percentage between 0 % and 100 %, found a percentage")]
    [InlineData("token usdc { decimals = 6 }", "token gwei { decimals = 6 }", "PS3004 3:9 `gwei` is already a unit")]
    public void Market_errors_point_at_the_faulty_value(string original, string replacement, string expected)
    {
        var text = Market.Replace(original, replacement, StringComparison.Ordinal);
        Assert.Contains(expected, TestSources.Errors(text));
    }

    [Fact]
    public void Arbitrageurs_without_a_cex_price_are_an_error()
    {
        var text = Market.Replace("    cex_price = gbm(start = 3000 usdc, volatility = 60 % per year)\n", string.Empty, StringComparison.Ordinal);
        Assert.Contains("PS3002 13:5 arbitrageurs need a CEX price to arbitrage against", TestSources.Errors(text));
    }

    [Fact]
    public void Swaps_on_a_rollup_without_a_pool_are_an_error_naming_the_rollup()
    {
        var text = Market.Replace("    amm \"ETH/USDC\" { reserves = (1_000 eth, 3_000_000 usdc)  fee = 0.3 % }\n", string.Empty, StringComparison.Ordinal);
        var errors = TestSources.Errors(text);
        Assert.Contains("PS3002 10:5 rollup `A` has no `amm` pool: `swaps` trade on each target rollup's first pool", errors);
        Assert.Contains("PS3005 12:5 rollup `A` has no pool quoted in usdc for arbitrageurs to trade against the CEX", errors);
    }

    [Fact]
    public void A_child_rollup_inherits_pools_and_may_replace_one_with_the_same_pair()
    {
        var text = Market.Replace("  workload {", "  rollup B like A { amm \"ETH/USDC\" { reserves = (10 eth, 30_000 usdc) } }\n  workload {", StringComparison.Ordinal);
        var model = TestSources.Compile(text).Model!;
        Assert.Equal(1_000 * Wei.PerEther, model.Rollups[0].Amms[0].BaseReserve);
        var pool = Assert.Single(model.Rollups[1].Amms);
        Assert.Equal(10 * Wei.PerEther, pool.BaseReserve);
        Assert.Equal(3000, pool.FeePpm);
    }
}
