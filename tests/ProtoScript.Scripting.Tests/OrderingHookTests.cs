using ProtoScript.Engine.Simulation;
using ProtoScript.Language;
using ProtoScript.Language.Model;
using static ProtoScript.Scripting.Tests.Hooks;

namespace ProtoScript.Scripting.Tests;

public class OrderingHookTests
{
    [Fact]
    public void An_expression_hook_orders_by_what_it_returns()
    {
        var hook = Expression("y.PriorityFeePerGas.CompareTo(x.PriorityFeePerGas)");
        using var hooks = CompileOk(hook);
        var rule = hooks.OrderingRule(hook);

        Assert.True(rule.Compare(Tx(1, fee: 10), Tx(2, fee: 20)) > 0);
        Assert.True(rule.Compare(Tx(1, fee: 30), Tx(2, fee: 20)) < 0);
        Assert.Equal(0, rule.Compare(Tx(1, fee: 5), Tx(2, fee: 5)));
    }

    [Fact]
    public void A_statement_hook_can_use_locals_linq_and_return()
    {
        var hook = Statements("""

                var fees = new List<UInt128> { x.PriorityFeePerGas, y.PriorityFeePerGas };
                var byFee = y.PriorityFeePerGas.CompareTo(x.PriorityFeePerGas);
                if (fees.Distinct().Count() == 1)
                {
                    return x.ArrivalSequence.CompareTo(y.ArrivalSequence);
                }

                return byFee;
            """);
        using var hooks = CompileOk(hook);
        var rule = hooks.OrderingRule(hook);

        Assert.True(rule.Compare(Tx(1, fee: 5), Tx(2, fee: 5)) < 0);
        Assert.True(rule.Compare(Tx(3, fee: 5), Tx(2, fee: 5)) > 0);
        Assert.True(rule.Compare(Tx(1, fee: 5), Tx(2, fee: 6)) > 0);
    }

    [Fact]
    public void The_view_copies_every_field_of_the_transaction()
    {
        var tx = new Engine.Mempool.Transaction(3, 4, 5, 6, 7, 8, SimDuration.FromMilliseconds(9), 10);
        var view = HookOrderingRule.View(tx);
        Assert.Equal(new ProtoScript.Hooks.TransactionView(3, 4, 5, 6, 7, 8, 9000, 10), view);
        Assert.Equal(TimeSpan.FromMilliseconds(9), view.SubmitTime);
    }

    [Fact]
    public void Two_hooks_of_one_scenario_compile_together_and_each_keeps_its_own_code()
    {
        var byFee = Expression("y.PriorityFeePerGas.CompareTo(x.PriorityFeePerGas)");
        var byArrival = Expression("x.ArrivalSequence.CompareTo(y.ArrivalSequence)", "other.proto-script");
        var compiler = new HookCompiler(NoCache);
        var result = compiler.Compile([byFee, byArrival]);
        Assert.True(result.Success);
        using var hooks = result.Hooks;

        Assert.Equal(1, compiler.CompilationCount);
        Assert.True(hooks.OrderingRule(byFee).Compare(Tx(1, fee: 1), Tx(2, fee: 2)) > 0);
        Assert.True(hooks.OrderingRule(byArrival).Compare(Tx(1, fee: 1), Tx(2, fee: 2)) < 0);
    }

    [Fact]
    public void A_derivation_hook_compiles_and_its_reason_drops_a_batch_of_more_than_three_blocks()
    {
        var code = "batch.Blocks.Count > 3 ? \"too many blocks\" : null";
        var hook = Locate(TestPath, "rollup A {\n  derivation = csharp => " + code + "\n}\n", code, isExpression: true, HookKind.Derivation, "rollup A derivation");
        using var hooks = CompileOk([hook]);
        var rule = hooks.DerivationRule(hook);

        static Engine.DataAvailability.BatchBlock Block(ulong n) => new(n, (long)n * 2_000_000, 1, []);
        Assert.Null(rule.Check(new Engine.Derivation.DerivationBatch(new([Block(1), Block(2), Block(3)]), 2, [12_000_000, 24_000_000])));
        Assert.Equal("too many blocks", rule.Check(new Engine.Derivation.DerivationBatch(new([Block(1), Block(2), Block(3), Block(4)]), 2, [12_000_000, 24_000_000])));
    }

    [Fact]
    public void A_derivation_view_gives_the_landing_blocks_time_and_any_origins_time()
    {
        var block = new Engine.DataAvailability.BatchBlock(3, 6_000_000, 1, [default, default]);
        var view = HookDerivationRule.View(new Engine.Derivation.DerivationBatch(new([block]), 2, [12_000_000, 24_000_000]));

        Assert.Equal(2UL, view.L1Block);
        Assert.Equal(24_000_000, view.L1BlockTimeMicroseconds);
        Assert.Equal(new ProtoScript.Hooks.DerivationBlockView(3, 6_000_000, 1, 2), Assert.Single(view.Blocks));
        Assert.Equal(0, view.L1TimeOf(0));
        Assert.Equal(12_000_000, view.L1TimeOf(1));
        Assert.Equal(long.MaxValue, view.L1TimeOf(3));
    }

    [Fact]
    public void A_run_with_a_priority_fee_hook_matches_the_built_in_priority_fee_rule()
    {
        var compiled = ScenarioCompiler.Compile("congestion.proto-script", CongestionScenario);
        Assert.True(compiled.Success);
        var model = compiled.Model!;
        var hook = Statements("""

                var byFee = y.PriorityFeePerGas.CompareTo(x.PriorityFeePerGas);
                return byFee != 0 ? byFee : x.ArrivalSequence.CompareTo(y.ArrivalSequence);
            """);
        var hooked = model with
        {
            Rollups = [.. model.Rollups.Select(r => r.Name == "auction" ? r with { Ordering = OrderingRule.Fcfs, OrderingHook = hook } : r)],
            Hooks = [hook],
        };

        using var hooks = CompileOk([.. hooked.Hooks]);
        var builtIn = Simulator.Run(model);
        var scripted = Simulator.Run(hooked, new SimulationOptions { Rules = hooks });

        var auction = scripted.Rollups.Single(r => r.Name == "auction");
        Assert.Equal(builtIn.Rollups.Single(r => r.Name == "auction").StateRoot, auction.StateRoot);
        Assert.Equal(builtIn.Rollups.Single(r => r.Name == "auction").InclusionLatency, auction.InclusionLatency);
        Assert.NotEqual(builtIn.Rollups.Single(r => r.Name == "fifo").InclusionLatency, auction.InclusionLatency);
    }

    [Fact]
    public void A_run_with_an_ordering_hook_but_no_compiled_rule_is_refused()
    {
        var compiled = ScenarioCompiler.Compile("congestion.proto-script", CongestionScenario);
        var model = compiled.Model!;
        var hook = Expression("0");
        var hooked = model with { Rollups = [.. model.Rollups.Select(r => r with { OrderingHook = hook })] };

        var e = Assert.Throws<ArgumentException>(() => Simulator.Run(hooked));
        Assert.Contains("rollup A ordering", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compiled_hooks_leave_rollups_without_a_hook_to_their_built_in_rule()
    {
        var hook = Expression("0");
        using var hooks = CompileOk(hook);
        var plain = new RollupModel("B", SimDuration.FromSeconds(1), 1, OrderingRule.PriorityFee, 0, 1, 1);

        Assert.Null(RuleRegistry.Ordering.Resolve(plain, hooks));
        Assert.IsType<HookOrderingRule>(RuleRegistry.Ordering.Resolve(plain with { OrderingHook = hook }, hooks));
        Assert.Null(hooks.Create(Expression("1"), random: null));
        Assert.Equal<HookModel>([hook], hooks.Hooks);
    }

    private const string CongestionScenario = """
        scenario "congestion" {
          seed 7
          duration 1 min
          rollup fifo {
            block_time = 1 s
            gas_limit = 420_000
            ordering = fcfs
            accounts 500 funded 1 eth
          }
          rollup auction like fifo {
            ordering = priority_fee
          }
          workload {
            users = poisson(22 / s) on fifo, auction
            priority_fee = exponential(0.05 gwei)
            value = constant(0.001 eth)
          }
        }
        """;
}
