using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

public class PbsBindingTests
{
    private const string Scenario = """
        scenario "x" {
          duration 1 min
          rollup A {
            block_time = 2 s
            accounts 10 funded 1 eth
            pbs { price = second  deadline = 150 ms }
          }
          rollup B like A {}
          builder fast for A { latency = 20 ms  exclusive_flow = 10 %  bid = 90 % }
          builder slow for A { latency = 200 ms }
          workload {
            users = poisson(5 / s) on A, B
          }
        }
        """;

    [Fact]
    public void Builders_of_one_rollup_bind_into_its_pbs_model_with_their_settings_and_defaults()
    {
        var result = TestSources.Compile(Scenario);
        Assert.Empty(result.Diagnostics);
        var model = result.Model!;
        Assert.Empty(model.Builders); // no cross-chain builder
        var pbs = model.Rollups[0].Pbs!;
        Assert.Equal(AuctionPrice.Second, pbs.Price);
        Assert.Equal(SimDuration.FromMilliseconds(150), pbs.Deadline);
        Assert.Equal(
            [
                new PbsBuilderModel("fast", SimDuration.FromMilliseconds(20), 100_000, 900_000, PbsStrategy.Greedy),
                new PbsBuilderModel("slow", SimDuration.FromMilliseconds(200), 0, 1_000_000, PbsStrategy.Greedy),
            ],
            pbs.Builders.ToArray());
        Assert.Null(model.Rollups[1].Pbs); // `like` does not copy another rollup's builders
    }

    [Fact]
    public void Builders_without_a_pbs_block_get_a_first_price_auction_closing_100_ms_after_the_seal()
    {
        var pbs = TestSources.Compile(Scenario.Replace("pbs { price = second  deadline = 150 ms }", string.Empty, StringComparison.Ordinal)).Model!.Rollups[0].Pbs!;
        Assert.Equal(AuctionPrice.First, pbs.Price);
        Assert.Equal(SimDuration.FromMilliseconds(100), pbs.Deadline);
    }

    [Theory]
    [InlineData("bid = 90 %", "bid = 120 %", "PS3006 9:70 `bid` must be between 0 % and 100 %, found 120 %")]
    [InlineData("bid = 90 %", "bid = 90 ms", "PS3003 9:70 `bid` must be a percentage, found a time (ms, s, min, h)")]
    [InlineData("exclusive_flow = 10 %", "exclusive_flow = 101 %", "PS3006 9:58 `exclusive_flow` must be between 0 % and 100 %, found 101 %")]
    [InlineData("latency = 200 ms", "latency = 200 ms  exclusive_flow = 95 %", "PS3006 10:42 the builders of rollup `A` take 105 % of its users as exclusive flow; at most 100 % can be")]
    [InlineData("latency = 20 ms", "latency = 2 min", "PS3006 9:34 `latency` must be between 0 s and 1 min")]
    [InlineData("deadline = 150 ms", "deadline = soon", "PS3003 6:38 expected a time (ms, s, min, h), found a name")]
    [InlineData("price = second", "price = third", "PS3005 6:19 `third` is not a valid `price`")]
    [InlineData("builder slow for A", "builder slow for Z", "PS3007 10:20 no rollup named `Z`")]
    [InlineData("builder slow for A { latency = 200 ms }", "builder slow for A { simulate = none }", "PS3005 10:24 `simulate` is a setting of a cross-chain builder, which lists several rollups")]
    [InlineData("rollup B like A {}", "rollup B like A { ordering = auction }\n  builder b2 for B {}", "PS3005 9:18 a builder for a rollup that another PBS rule excludes: rollup `B` has PBS builders, but `ordering = auction` sells the top of its blocks")]
    [InlineData("builder slow for A { latency = 200 ms }", "builder slow for A, B { latency = 200 ms }", "PS3005 10:27 `latency` is a setting of a PBS builder, which lists one rollup")]
    [InlineData("accounts 10 funded 1 eth", "accounts 10 funded 1 eth\n    sequencer { withhold = 10 s for 10 s }", "PS3005 10:20 a builder for a rollup that another PBS rule excludes: rollup `A` has PBS builders, but its sequencer withholds, and a reorg cannot roll the builders' private pools back")]
    [InlineData("rollup B like A {}", "rollup B like A { pbs { price = first } }", "PS3005 8:21 rollup `B` has a `pbs` block but no builder of its own")]
    [InlineData("accounts 10 funded 1 eth", "accounts 10 funded 1 eth\n    flashblocks = 200 ms", "PS3005 10:20 a builder for a rollup that another PBS rule excludes: rollup `A` has PBS builders, but it streams `flashblocks`, whose sub-blocks the sequencer fills before any builder's bid arrives")]
    [InlineData("users = poisson(5 / s) on A, B", "users = poisson(5 / s) on A, B\n    bundles { path = [A, B]  rate = 1 / s }", "PS3005 9:20 a builder for a rollup that another PBS rule excludes: rollup `A` has PBS builders, but a `bundles` path goes through it, whose legs a shared sequencer or cross-chain builder lands, not its PBS builders")]
    [InlineData("accounts 10 funded 1 eth", "accounts 10 funded 1 eth\n    sequencer { censor = 20 % at 10 s for 10 s }", "PS3005 10:20 a builder for a rollup that another PBS rule excludes: rollup `A` has PBS builders, but its sequencer censors, and the builders, not the proposer, choose its blocks' transactions")]
    public void Pbs_errors_point_at_the_faulty_value(string original, string replacement, string expected)
    {
        var text = Scenario.Replace(original, replacement, StringComparison.Ordinal);
        Assert.Contains(expected, TestSources.Errors(text));
    }

    [Fact]
    public void A_rollup_with_PBS_builders_and_a_cross_chain_builder_is_refused_where_the_builder_names_it()
    {
        var text = Scenario.Replace("builder slow for A { latency = 200 ms }", "builder slow for A { latency = 200 ms }\n  builder cross for A, B {}", StringComparison.Ordinal);
        Assert.Contains("PS3005 9:20 a builder for a rollup that another PBS rule excludes: rollup `A` has PBS builders, but cross-chain builder `cross` builds its blocks", TestSources.Errors(text));
    }

    [Fact]
    public void A_rollup_with_PBS_builders_that_a_cross_arbitrage_path_trades_is_refused_at_the_builder()
    {
        var text = Scenario
            .Replace("accounts 10 funded 1 eth", "accounts 10 funded 1 eth, 30_000 usdc\n    amm \"ETH/USDC\" { reserves = (100 eth, 300_000 usdc) }", StringComparison.Ordinal)
            .Replace("duration 1 min", "duration 1 min\n  token usdc { decimals = 6 }", StringComparison.Ordinal)
            .Replace("users = poisson(5 / s) on A, B", "users = poisson(5 / s) on A, B\n    cross_arbitrage { path = [A, B]  mode = independent }", StringComparison.Ordinal);

        var errors = TestSources.Errors(text);

        Assert.Contains(errors, e => e.StartsWith("PS3005 ", StringComparison.Ordinal) && e.Contains("rollup `A` has PBS builders, but a `cross_arbitrage` path trades its pool", StringComparison.Ordinal));
    }

    [Fact]
    public void A_builder_s_bid_and_strategy_hooks_bind_as_builder_hooks_in_place_of_the_built_in_rules()
    {
        var result = TestSources.Compile("""
            scenario "x" {
              duration 1 min
              rollup A { block_time = 2 s; accounts 10 funded 1 eth }
              builder b1 for A {
                bid = csharp => BuilderBidView.Gwei(5)
                strategy = csharp { return pool.Greedy(); }
              }
              builder b2 for A { bid = 80 % }
              workload { users = poisson(5 / s) on A }
            }
            """);

        Assert.Empty(result.Diagnostics);
        var builders = result.Model!.Rollups[0].Pbs!.Builders;
        var bid = builders[0].BidHook!;
        var strategy = builders[0].StrategyHook!;
        Assert.Equal((HookKind.BuilderBid, "builder b1 bid", "BuilderBidView.Gwei(5)", true), (bid.Kind, bid.Owner, bid.Code, bid.IsExpression));
        Assert.Equal((HookKind.BuilderStrategy, "builder b1 strategy", false), (strategy.Kind, strategy.Owner, strategy.IsExpression));
        Assert.Equal(PbsModel.Million, builders[0].BidPpm);
        Assert.Null(builders[1].BidHook);
        Assert.Null(builders[1].StrategyHook);
        Assert.Equal(800_000, builders[1].BidPpm);
        Assert.Equal([bid, strategy], result.AllHooks.ToArray());
    }
}
