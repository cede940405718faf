using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Markets;
using ProtoScript.Engine.Simulation;
using ProtoScript.Engine.Trading;
using ProtoScript.Language;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using static ProtoScript.Scripting.Tests.Hooks;

namespace ProtoScript.Scripting.Tests;

public class StrategyHookTests
{
    private static readonly UInt128 Eth = 1_000_000_000_000_000_000UL;

    [Fact]
    public void The_hook_sees_the_market_itself_and_the_built_in_trade()
    {
        // Echo what the hook sees through the fields of the trade it returns.
        var hook = Strategy("new ArbitrageTrade(TradeDirection.SellBase, market.ReserveBase / 1_000, market.CexPrice + (UInt128)market.FeeBasisPoints, best.PriorityFeePerGas + market.BaseFeePerGas, me.QuoteBalance + (UInt128)me.Index + market.SwapGas)");
        using var hooks = CompileOk(hook);
        var pool = new ConstantProductPool(1_000 * Eth, 3_000_000_000_000, SwapFee.FromBasisPoints(30));
        var best = new ArbitrageOrder(true, SwapDirection.OneForZero, 5, 4, 7, 0);
        var situation = new ArbitrageSituation(new FixedPrice(3_000_000_000), pool, 2, false, 1, 10 * Eth, 500, best, SimDuration.FromSeconds(3));

        var order = hooks.Strategy(hook).Decide(in situation);

        Assert.Equal(new ArbitrageOrder(true, SwapDirection.ZeroForOne, Eth, 3_000_000_030, 9, 500 + 1 + 100_000), order);
    }

    [Fact]
    public void Returning_the_built_in_trade_reproduces_the_built_in_run()
    {
        var plain = ScenarioCompiler.Compile("s.proto-script", Scenario(string.Empty));
        var hooked = Compile(Scenario("arbitrage_strategy = csharp => best"));
        using var hooks = HookCompiler.CompileFile(hooked)!.Hooks!;

        var builtIn = Simulator.Run(plain.Model!);
        var scripted = Simulator.Run(hooked.Model!, new SimulationOptions { Rules = hooks });

        Assert.True(builtIn.Rollups[0].Trading!.ArbitragesIncluded > 0);
        Assert.Equal(builtIn.Rollups[0].StateRoot, scripted.Rollups[0].StateRoot);
        Assert.Equal(builtIn.Rollups[0].Trading!.Mev, scripted.Rollups[0].Trading!.Mev);
    }

    [Fact]
    public void A_strategy_that_never_trades_leaves_the_arbitrage_to_nobody()
    {
        var hooked = Compile(Scenario("arbitrage_strategy = csharp => ArbitrageTrade.None"));
        using var hooks = HookCompiler.CompileFile(hooked)!.Hooks!;
        var run = Simulator.Run(hooked.Model!, new SimulationOptions { Rules = hooks });

        Assert.Equal(0, run.Rollups[0].Trading!.ArbitragesSubmitted);
        Assert.Equal(UInt128.Zero, run.Rollups[0].Trading!.Mev.Total);
    }

    [Fact]
    public void An_impossible_trade_fails_the_run_naming_the_hook_time_and_block()
    {
        var hooked = Compile(Scenario("arbitrage_strategy = csharp => new ArbitrageTrade(TradeDirection.SellBase, me.BaseBalance + 1, 0, 0, 0)"));
        using var hooks = HookCompiler.CompileFile(hooked)!.Hooks!;
        var e = Assert.Throws<RuleFailedException>(() => Simulator.Run(hooked.Model!, new SimulationOptions { Rules = hooks }));
        var hook = Assert.IsType<HookException>(e.InnerException);

        // Arbitrageurs decide 50 ms before each 2 s block and start with the pool's 1_000 ETH.
        Assert.Equal("at 1950 ms in block 1 of rollup A", e.When);
        Assert.Equal(
            "hook `workload arbitrage_strategy` returned an impossible trade: a trade of 1000000000000000000001 wei while holding 1000000000000000000000 at 1950 ms in block 1 of rollup A",
            hook.ToDiagnostic(e.When).Message);
    }

    [Fact]
    public void A_hook_sees_every_pool_of_every_rollup_and_can_send_a_leg_on_another_rollup()
    {
        // On A, the hook trades the built-in trade and half of it again on B's pool; on B it never trades itself.
        const string Strategy = """
            arbitrage_strategy = csharp {
                  if (market.Rollup != "A" || best.IsNone || market.Pools.Count != 2 || market.Pools[1].Rollup != "B" || !market.Pools[1].Tradable) {
                    return ArbitrageTrade.None;
                  }

                  return best with { Legs = new List<TradeLeg> { new TradeLeg("B", 0, best.Direction, best.AmountIn / 2, 0) } };
                }
            """;
        var hooked = Compile(Scenario(Strategy).Replace("users = poisson(2 / s) on A", "users = poisson(2 / s) on A, B", StringComparison.Ordinal).Replace("  workload {", "  rollup B like A { }\n  workload {", StringComparison.Ordinal));
        using var hooks = HookCompiler.CompileFile(hooked)!.Hooks!;
        var run = Simulator.Run(hooked.Model!, new SimulationOptions { Rules = hooks });

        var a = run.Rollups[0].Trading!;
        var b = run.Rollups[1].Trading!;
        Assert.True(a.ArbitragesIncluded > 0);
        Assert.Equal(a.ArbitragesSubmitted / 3, b.ArbitragesSubmitted / 3); // one leg on B per trade on A, for each of the 3 arbitrageurs
        Assert.True(b.ArbitragesIncluded > 0);
        Assert.All(run.Rollups, r => Assert.True(r.Supply.Conserved && r.Trading!.TokensConserved));
    }

    [Fact]
    public void A_leg_on_a_rollup_without_arbitrageurs_fails_the_run_naming_it()
    {
        var hooked = Compile(Scenario("arbitrage_strategy = csharp => best.IsNone ? best : best with { Legs = new List<TradeLeg> { new TradeLeg(\"Z\", 0, best.Direction, 1, 0) } }"));
        using var hooks = HookCompiler.CompileFile(hooked)!.Hooks!;
        var e = Assert.Throws<RuleFailedException>(() => Simulator.Run(hooked.Model!, new SimulationOptions { Rules = hooks }));
        var hook = Assert.IsType<HookException>(e.InnerException);
        Assert.Contains("returned an impossible trade: leg 1 names rollup `Z`, on which the arbitrageurs do not trade", hook.ToDiagnostic(e.When).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_strategy_without_arbitrageurs_is_an_error()
    {
        var text = Scenario("arbitrage_strategy = csharp => best").Replace("arbitrageurs = 3", "arbitrageurs = 0", StringComparison.Ordinal);
        var result = ScenarioCompiler.Compile("s.proto-script", text);
        Assert.Contains(result.Diagnostics, d => d.Message == "`arbitrage_strategy` needs arbitrageurs to run it");
    }

    [Fact]
    public void A_run_with_a_strategy_hook_but_no_compiled_strategy_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Simulator.Run(Compile(Scenario("arbitrage_strategy = csharp => best")).Model!));
        Assert.Contains("workload arbitrage_strategy", e.Message, StringComparison.Ordinal);
    }

    private static HookModel Strategy(string expression) =>
        Locate(
            TestPath,
            "scenario \"hooks\" {\n  workload {\n    arbitrage_strategy = csharp => " + expression + "\n  }\n}\n",
            expression,
            isExpression: true,
            HookKind.Strategy,
            "workload arbitrage_strategy");

    private static CompilationResult Compile(string text)
    {
        var compiled = ScenarioCompiler.Compile("s.proto-script", text);
        Assert.True(compiled.Success, DiagnosticFormatter.Format(compiled.Diagnostics, DiagnosticFormat.Text));
        return compiled;
    }

    private static string Scenario(string strategy) => $$"""
        scenario "strategy" {
          seed 11
          duration 2 min
          token usdc {
            decimals = 6
          }
          rollup A {
            block_time = 2 s
            ordering = priority_fee
            accounts 50 funded 10 eth, 30_000 usdc
            amm "ETH/USDC" {
              reserves = (1_000 eth, 3_000_000 usdc)
            }
          }
          workload {
            users = poisson(2 / s) on A
            swaps = 30 %
            swap_size = exponential(0.5 eth)
            cex_price = gbm(start = 3000 usdc, volatility = 60 % per year)
            arbitrageurs = 3
            {{strategy}}
          }
        }
        """;
}
