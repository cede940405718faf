using ProtoScript.Language.Diagnostics;
using static ProtoScript.Scripting.Tests.Hooks;

namespace ProtoScript.Scripting.Tests;

public class BudgetTests
{
    private static readonly HookOptions Small = NoCache with { MaxSteps = 10_000, MaxCallDepth = 50, MaxAllocatedBytes = 8L * 1024 * 1024 };

    private static HookException Run(string statements, HookOptions? options = null)
    {
        var hook = Statements(" " + statements + " ");
        var result = new HookCompiler(options ?? Small).Compile([hook]);
        Assert.True(result.Success, DiagnosticFormatter.Format(result.Diagnostics, DiagnosticFormat.Text));
        using var hooks = result.Hooks;
        var rule = hooks.OrderingRule(hook);
        return Assert.Throws<HookException>(() => rule.Compare(Tx(1, 1), Tx(2, 2)));
    }

    [Fact]
    public void An_endless_loop_stops_at_the_step_limit()
    {
        var e = Run("while (true) { } ");
        Assert.True(e.BudgetExceeded);
        Assert.Equal("exceeded its budget: it ran more than 10000 steps (loop iterations and calls) in one call", e.Reason);
    }

    [Theory]
    [InlineData("for (;;) { }")]
    [InlineData("do { } while (x.From >= 0); return 0;")]
    [InlineData("foreach (var i in Enumerable.Range(0, int.MaxValue)) { } return 0;")]
    [InlineData("again: if (x.From >= 0) goto again; return 0;")]
    [InlineData("return Enumerable.Range(0, int.MaxValue).Select(i => i % 2).Sum();")]
    public void Every_kind_of_loop_counts_steps(string statements)
    {
        Assert.True(Run(statements).BudgetExceeded);
    }

    [Fact]
    public void Endless_recursion_stops_at_the_depth_limit_before_the_stack_overflows()
    {
        var e = Run("int F(int n) => F(n + 1) + 1; return F(0);", Small with { MaxSteps = long.MaxValue });
        Assert.Equal("exceeded its budget: it nested calls more than 50 deep", e.Reason);
    }

    [Fact]
    public void Recursion_through_a_lambda_is_bounded_too()
    {
        var e = Run("Func<int, int> f = null; f = n => f(n + 1); return f(0);", Small with { MaxSteps = long.MaxValue });
        Assert.Equal("exceeded its budget: it nested calls more than 50 deep", e.Reason);
    }

    [Fact]
    public void The_default_depth_limit_is_reached_without_a_stack_overflow()
    {
        var e = Run("int F(int n) { var a = new long[4]; return F(n + 1) + (int)a[0]; } return F(0);", NoCache);
        Assert.Contains("nested calls more than 256 deep", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_depth_limit_set_too_high_for_the_stack_still_stops_before_it_overflows()
    {
        var e = Run("int F(int n) => F(n + 1) + 1; return F(0);", Small with { MaxSteps = long.MaxValue, MaxCallDepth = int.MaxValue });
        Assert.Contains("too deep for the stack", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unbounded_allocation_stops_at_the_memory_limit()
    {
        var e = Run("var keep = new List<byte[]>(); while (true) { keep.Add(new byte[1 << 20]); }", Small with { MaxSteps = long.MaxValue });
        Assert.Equal($"exceeded its budget: it allocated more than {8 * 1024 * 1024} bytes in one call", e.Reason);
    }

    [Fact]
    public void Catching_the_budget_exception_does_not_let_a_hook_continue()
    {
        var e = Run("while (true) { try { while (true) { } } catch (Exception) { } }");
        Assert.True(e.BudgetExceeded);
    }

    [Fact]
    public void Catching_the_budget_exception_and_returning_still_fails_the_call()
    {
        var e = Run("try { while (true) { } } catch { } return 0;");
        Assert.True(e.BudgetExceeded);
    }

    [Fact]
    public void The_budget_is_per_call_so_many_cheap_calls_never_exceed_it()
    {
        var hook = Statements(" var s = 0; for (var i = 0; i < 1000; i++) { s += i; } return s > 0 ? 0 : 1; ");
        using var hooks = new HookCompiler(Small).Compile([hook]).Hooks!;
        var rule = hooks.OrderingRule(hook);
        for (var call = 0; call < 100; call++)
        {
            Assert.Equal(0, rule.Compare(Tx(1, 1), Tx(2, 2)));
        }
    }

    [Fact]
    public void A_hook_that_throws_names_itself_its_location_and_the_message()
    {
        var hook = Expression("(int)(x.Nonce / (y.Nonce - y.Nonce))");
        using var hooks = CompileOk(hook);
        var rule = hooks.OrderingRule(hook);

        var e = Assert.Throws<HookException>(() => rule.Compare(Tx(1, 1), Tx(2, 2)));

        Assert.False(e.BudgetExceeded);
        Assert.IsType<DivideByZeroException>(e.InnerException);
        Assert.Equal("test.proto-script:4:26: hook `rollup A ordering` threw DivideByZeroException: Attempted to divide by zero.", e.Message);
        var text = DiagnosticFormatter.FormatText(e.ToDiagnostic("at 12 s in block 6 of rollup A"));
        Assert.StartsWith(
            "test.proto-script:4:26: error PS4006: hook `rollup A ordering` threw DivideByZeroException: Attempted to divide by zero. at 12 s in block 6 of rollup A\n",
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Arithmetic_overflow_in_a_hook_is_an_error_not_a_wrap_around()
    {
        var hook = Expression("(int)(x.PriorityFeePerGas - y.PriorityFeePerGas)");
        using var hooks = CompileOk(hook);

        var e = Assert.Throws<HookException>(() => hooks.OrderingRule(hook).Compare(Tx(1, 1), Tx(2, 2)));
        Assert.IsType<OverflowException>(e.InnerException);
    }

    [Fact]
    public void A_budget_failure_becomes_a_PS4005_diagnostic_at_the_hook()
    {
        var e = Run("while (true) { }");
        var d = e.ToDiagnostic();
        Assert.Equal(DiagnosticCodes.HookBudgetExceeded, d.Code);
        Assert.Equal("while (true) { }", d.Source!.GetText(d.Span));
        Assert.Equal(e.Hook.Source, d.Source);
    }
}
