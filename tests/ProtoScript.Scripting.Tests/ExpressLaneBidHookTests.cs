using ProtoScript.Engine.Simulation;
using ProtoScript.Engine.Timeboost;
using ProtoScript.Language;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting.Tests;

public class ExpressLaneBidHookTests
{
    // Rounds of 10 s whose auctions close 2 s before: in 45 s the auctions of rounds 1 to 4 close (at 8, 18, 28 and 38 s).
    private const int Auctions = 4;

    [Fact]
    public void Constant_bids_make_the_highest_bidder_hold_every_round_and_pay_the_runner_up_bid()
    {
        var lane = Run("price = second", "bid = csharp => me.Index == 0 ? (UInt128)5 : 3");

        Assert.Equal(Auctions, lane.RoundsSold);
        Assert.Equal(Auctions * 4, lane.Bids);
        Assert.Equal((UInt128)(Auctions * 3), lane.Revenue);
        Assert.Equal((UInt128)3, lane.PriceMax);
        Assert.Equal(Auctions, lane.Arbitrageurs[0].RoundsWon);
        Assert.Equal((UInt128)(Auctions * 3), lane.Arbitrageurs[0].Paid);
        Assert.All(lane.Arbitrageurs.Skip(1), a => Assert.Equal(0, a.RoundsWon));
    }

    [Fact]
    public void Under_the_first_price_rule_the_holder_pays_its_own_bid()
    {
        var lane = Run("price = first", "bid = csharp => me.Index == 0 ? (UInt128)5 : 3");

        Assert.Equal((UInt128)(Auctions * 5), lane.Revenue);
        Assert.Equal(Auctions, lane.Arbitrageurs[0].RoundsWon);
    }

    [Fact]
    public void The_hook_sees_the_round_being_sold_and_the_bidder()
    {
        // Round r's bids are 1000·r + index: arb4 wins and pays arb3's bid, 1000·r + 2.
        var lane = Run("price = second", "bid = csharp => (UInt128)(auction.Round * 1000 + me.Index)");

        Assert.Equal(Auctions, lane.Arbitrageurs[3].RoundsWon);
        Assert.Equal((UInt128)(1002 + 2002 + 3002 + 4002), lane.Revenue);
    }

    [Fact]
    public void A_zero_bid_sends_no_bid_and_an_unsold_lane_delays_nothing()
    {
        var lane = Run("price = second", "bid = csharp => 0");

        Assert.Equal(0, lane.Bids);
        Assert.Equal(0, lane.RoundsSold);
        Assert.Equal(0, lane.Delayed);
    }

    [Fact]
    public void Returning_the_built_in_bid_reproduces_the_built_in_run()
    {
        var plain = ScenarioCompiler.Compile("s.proto-script", Scenario("price = second", string.Empty));
        var hooked = Compile(Scenario("price = second", "bid = csharp => me.BuiltInBid"));
        using var hooks = HookCompiler.CompileFile(hooked)!.Hooks!;

        var builtIn = Simulator.Run(plain.Model!);
        var scripted = Simulator.Run(hooked.Model!, new SimulationOptions { Rules = hooks });

        Assert.True(builtIn.Rollups[0].ExpressLane!.RoundsSold > 0);
        Assert.Equal(builtIn.Rollups[0].ExpressLane, scripted.Rollups[0].ExpressLane);
        Assert.Equal(builtIn.Rollups[0].ExpressLane!.Revenue, scripted.Rollups[0].ExpressLane!.Revenue);
        Assert.Equal(builtIn.Rollups[0].StateRoot, scripted.Rollups[0].StateRoot);
    }

    [Fact]
    public void A_bid_above_the_bidders_ether_fails_the_run_at_the_hook_naming_the_time_and_block()
    {
        var hooked = Compile(Scenario("price = second", "bid = csharp => me.BaseBalance + 1"));
        using var hooks = HookCompiler.CompileFile(hooked)!.Hooks!;

        var e = Assert.Throws<RuleFailedException>(() => Simulator.Run(hooked.Model!, new SimulationOptions { Rules = hooks }));
        var hook = Assert.IsType<HookException>(e.InnerException);
        var diagnostic = hook.ToDiagnostic(e.When);

        // The first bids are sent 50 ms before the first closing (8 s); 32 blocks of 250 ms were sealed by then.
        Assert.Equal("at 7950 ms in block 32 of rollup A", e.When);
        Assert.Equal(DiagnosticCodes.HookThrew, diagnostic.Code);
        Assert.StartsWith("hook `rollup A express_lane bid` returned an impossible bid: a bid of ", diagnostic.Message, StringComparison.Ordinal);
        var at = hooked.Model!.Rollups[0].ExpressLane!.Bid!.Location;
        Assert.Equal((18, 23), (at.Line, at.Column));
        Assert.Equal("return at most `me.BaseBalance` wei (the bidder's ether), or 0 for no bid", diagnostic.Hint);
    }

    [Fact]
    public void A_hook_that_throws_is_located_at_the_hook()
    {
        var hooked = Compile(Scenario("price = second", "bid = csharp => me.BaseBalance / (UInt128)(me.Index - me.Index)"));
        using var hooks = HookCompiler.CompileFile(hooked)!.Hooks!;

        var e = Assert.Throws<RuleFailedException>(() => Simulator.Run(hooked.Model!, new SimulationOptions { Rules = hooks }));
        var hook = Assert.IsType<HookException>(e.InnerException);

        Assert.False(hook.BudgetExceeded);
        Assert.Equal("hook `rollup A express_lane bid` threw DivideByZeroException: Attempted to divide by zero. at 7950 ms in block 32 of rollup A", hook.ToDiagnostic(e.When).Message);
    }

    [Fact]
    public void A_hook_that_loops_past_its_budget_is_stopped()
    {
        var hooked = Compile(Scenario("price = second", "bid = csharp { while (true) { } }"));
        using var hooks = HookCompiler.CompileFile(hooked)!.Hooks!;

        var e = Assert.Throws<RuleFailedException>(() => Simulator.Run(hooked.Model!, new SimulationOptions { Rules = hooks }));

        Assert.True(Assert.IsType<HookException>(e.InnerException).BudgetExceeded);
    }

    [Fact]
    public void A_run_with_a_bid_hook_but_no_compiled_rule_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Simulator.Run(Compile(Scenario("price = second", "bid = csharp => 0")).Model!));
        Assert.Contains("rollup A express_lane bid", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bid_that_is_not_a_hook_is_an_error_at_the_field()
    {
        var result = ScenarioCompiler.Compile("s.proto-script", Scenario("price = second", "bid = 5"));

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(DiagnosticCodes.InvalidValue, error.Code);
        Assert.Equal("the express lane's `bid` takes a C# hook", error.Message);
    }

    [Fact]
    public void The_site_is_registered_with_its_signature()
    {
        var site = RuleRegistry.Find(HookKind.ExpressLaneBid)!;

        Assert.Equal(typeof(IExpressLaneBidRule), site.RuleType);
        Assert.Equal(typeof(UInt128), site.Signature.ReturnType);
        Assert.Equal(["auction", "me", "market"], site.Signature.Parameters.Select(p => p.Name));
    }

    private static ExpressLaneResult Run(string price, string bid)
    {
        var hooked = Compile(Scenario(price, bid));
        using var hooks = HookCompiler.CompileFile(hooked)!.Hooks!;
        var run = Simulator.Run(hooked.Model!, new SimulationOptions { Rules = hooks });
        return run.Rollups[0].ExpressLane!;
    }

    private static CompilationResult Compile(string text)
    {
        var compiled = ScenarioCompiler.Compile("s.proto-script", text);
        Assert.True(compiled.Success, DiagnosticFormatter.Format(compiled.Diagnostics, DiagnosticFormat.Text));
        return compiled;
    }

    private static string Scenario(string price, string bid) => $$"""
        scenario "lane" {
          seed 7
          duration 45 s
          token usdc {
            decimals = 6
          }
          rollup A {
            block_time = 250 ms
            accounts 50 funded 10 eth, 30_000 usdc
            amm "ETH/USDC" {
              reserves = (1_000 eth, 3_000_000 usdc)
            }
            express_lane {
              round = 10 s
              closing = 2 s
              reserve = 0 eth
              {{price}}
              {{bid}}
            }
          }
          workload {
            users = poisson(2 / s) on A
            swaps = 30 %
            swap_size = exponential(0.5 eth)
            cex_price = gbm(start = 3000 usdc, volatility = 60 % per year)
            arbitrageurs = 4
            sync_delay = 0 ms
          }
        }
        """;
}
