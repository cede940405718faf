using ProtoScript.Engine.Simulation;
using ProtoScript.Engine.Validity;
using ProtoScript.Language;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using static ProtoScript.Scripting.Tests.Hooks;

namespace ProtoScript.Scripting.Tests;

public class ValidityHookTests
{
    [Fact]
    public void A_fee_floor_hook_accepts_exactly_the_fees_at_or_above_it()
    {
        var hook = Validity("tx.PriorityFeePerGas >= 1_000_000_000", isExpression: true);
        using var hooks = CompileOk(hook);
        var rule = hooks.ValidityRule(hook);
        var sender = new SenderRecord(1, 0, 0, null);

        Assert.True(rule.Accepts(Tx(1, fee: 1_000_000_000), in sender, 1, SimDuration.FromSeconds(1)));
        Assert.False(rule.Accepts(Tx(1, fee: 999_999_999), in sender, 1, SimDuration.FromSeconds(1)));
    }

    [Fact]
    public void The_hook_sees_the_senders_history_the_block_and_the_clock()
    {
        var hook = Validity(
            """
             return sender.Account == 1 && sender.Included == 2 && sender.IncludedThisBlock == 1
                    && sender.LastIncludedMicroseconds == 4_000_000 && block == 3 && now == TimeSpan.FromSeconds(6)
                    && sender.SinceLastIncluded(now) == TimeSpan.FromSeconds(2);
            """,
            isExpression: false);
        using var hooks = CompileOk(hook);
        var rule = hooks.ValidityRule(hook);

        Assert.True(rule.Accepts(Tx(1, fee: 0), new SenderRecord(1, 2, 1, SimDuration.FromSeconds(4)), 3, SimDuration.FromSeconds(6)));
        Assert.False(rule.Accepts(Tx(1, fee: 0), new SenderRecord(1, 2, 1, null), 3, SimDuration.FromSeconds(6)));
    }

    [Fact]
    public void A_sender_never_included_is_infinitely_long_ago()
    {
        var view = new ProtoScript.Hooks.SenderView(0, 0, 0, -1);
        Assert.False(view.HasIncluded);
        Assert.Equal(TimeSpan.MaxValue, view.SinceLastIncluded(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void A_hook_that_accepts_everything_changes_nothing_and_one_that_refuses_everything_includes_nothing()
    {
        var plain = Simulator.Run(Scenario(string.Empty).Model!);
        var open = RunWithHooks(Scenario("validity = csharp => true"));
        var closed = RunWithHooks(Scenario("validity = csharp => false"));

        Assert.Equal(plain.Rollups[0].StateRoot, open.Rollups[0].StateRoot);
        Assert.Equal(0, open.Rollups[0].Transactions.Rejected.Single(r => r.Reason == "rejected_by_validity_rule").Count);
        Assert.DoesNotContain(plain.Rollups[0].Transactions.Rejected, r => r.Reason == "rejected_by_validity_rule");

        var txs = closed.Rollups[0].Transactions;
        Assert.Equal(0, txs.Included);
        Assert.Equal(txs.Submitted, txs.RejectedTotal + txs.Pending);
        Assert.True(txs.Rejected.Single(r => r.Reason == "rejected_by_validity_rule").Count > 0);
    }

    [Fact]
    public void A_rate_limit_hook_never_lets_a_sender_in_twice_within_its_window()
    {
        // Accounts 0..9 send about 2 transactions a second each; the limit is one per 3 s.
        var limited = RunWithHooks(Scenario("validity = csharp => sender.SinceLastIncluded(now) >= TimeSpan.FromSeconds(3)", accounts: 10, rate: 20));
        var txs = limited.Rollups[0].Transactions;

        // 60 s of 1 s blocks: each of 10 senders can be included at most in blocks 1, 4, 7, ..., 58: 20 times.
        Assert.InRange(txs.Included, 1, 10 * 20);
        Assert.True(txs.Rejected.Single(r => r.Reason == "rejected_by_validity_rule").Count > 0);
    }

    [Fact]
    public void A_validity_hook_that_throws_fails_the_run_with_its_block_and_time()
    {
        var compiled = Scenario("validity = csharp => 10 / (int)sender.Included > 0");
        using var hooks = HookCompiler.CompileFile(compiled)!.Hooks!;
        var e = Assert.Throws<RuleFailedException>(() => Simulator.Run(compiled.Model!, new SimulationOptions { Rules = hooks }));
        var hook = Assert.IsType<HookException>(e.InnerException);
        Assert.Equal("at 1 s in block 1 of rollup A", e.When);
        Assert.Contains("DivideByZeroException", hook.ToDiagnostic(e.When).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_with_a_validity_hook_but_no_compiled_rule_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Simulator.Run(Scenario("validity = csharp => true").Model!));
        Assert.Contains("rollup A validity", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_compile_error_in_a_validity_hook_points_into_the_scenario()
    {
        var result = HookCompiler.CompileFile(Scenario("validity = csharp => tx.PriorityFee > 0"))!;
        Assert.False(result.Success);
        var line = DiagnosticFormatter.FormatText(result.Diagnostics[0]).Split('\n')[0];
        Assert.StartsWith("validity.proto-script:7:29: error CS1061: 'TransactionView' does not contain a definition for 'PriorityFee'", line, StringComparison.Ordinal);
    }

    private static HookModel Validity(string code, bool isExpression) =>
        Locate(
            TestPath,
            "scenario \"hooks\" {\n  duration 1 min\n  rollup A {\n    validity = csharp " + (isExpression ? "=> " + code : "{" + code + "}") + "\n  }\n}\n",
            code,
            isExpression,
            HookKind.TransactionValidity,
            "rollup A validity");

    private static CompilationResult Scenario(string validity, int accounts = 100, int rate = 10)
    {
        var text = $$"""
            scenario "validity" {
              seed 3
              duration 1 min
              rollup A {
                block_time = 1 s
                accounts {{accounts}} funded 1 eth
                {{validity}}
              }
              workload {
                users = poisson({{rate}} / s) on A
                value = constant(0.001 eth)
              }
            }
            """;
        var compiled = ScenarioCompiler.Compile("validity.proto-script", text);
        Assert.True(compiled.Success, DiagnosticFormatter.Format(compiled.Diagnostics, DiagnosticFormat.Text));
        return compiled;
    }

    private static Engine.Results.SimulationResult RunWithHooks(CompilationResult compiled)
    {
        using var hooks = HookCompiler.CompileFile(compiled)!.Hooks!;
        return Simulator.Run(compiled.Model!, new SimulationOptions { Rules = hooks });
    }
}
