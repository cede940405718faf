using System.Globalization;
using ProtoScript.Language.Diagnostics;
using static ProtoScript.Scripting.Tests.Hooks;

namespace ProtoScript.Scripting.Tests;

/// <summary>What a hook computes does not depend on the host: its culture, its memory, its line breaks.</summary>
public class HookDeterminismTests
{
    [Fact]
    public void A_hook_formats_numbers_in_the_invariant_culture_whatever_the_callers_culture()
    {
        var hook = Expression("(x.From * 1.5).ToString().Contains(',') || $\"{x.From * 2.5}\" != \"2.5\" ? 1 : -1");
        using var hooks = CompileOk(hook);
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = comma;
            Assert.Equal("1,5", 1.5.ToString());

            Assert.Equal(-1, hooks.OrderingRule(hook).Compare(Tx(1, fee: 1, from: 1), Tx(2, fee: 2, from: 2)));
            Assert.Same(comma, CultureInfo.CurrentCulture);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData(" try { return new long[int.MaxValue].Length; } catch (Exception) { return 7; } ")]
    [InlineData(" try { return new long[int.MaxValue].Length; } catch { return 7; } ")]
    [InlineData(" try { return Enumerable.Repeat(1L, int.MaxValue).ToArray().Length; } catch (Exception e) when (e.Message.Length > 0) { return 7; } ")]
    [InlineData(" return new long[int.MaxValue].Length; ")]
    public void Running_out_of_memory_in_a_hook_is_its_allocation_budget_and_cannot_be_caught(string statements)
    {
        var hook = Statements(statements);
        using var hooks = CompileOk(hook);

        var e = Assert.Throws<HookException>(() => hooks.OrderingRule(hook).Compare(Tx(1, fee: 1), Tx(2, fee: 2)));

        Assert.True(e.BudgetExceeded);
        Assert.Equal("exceeded its budget: it allocated more than 67108864 bytes in one call", e.Reason);
        Assert.Equal(DiagnosticCodes.HookBudgetExceeded, e.ToDiagnostic().Code);
    }

    [Theory]
    [InlineData(" var a = new long[x.From * 100_000_000]; return a.Length; ")]
    [InlineData(" var a = new byte[70_000_000L]; return a.Length; ")]
    [InlineData(" var a = new int[2, 20_000_000]; return a.Length; ")]
    [InlineData(" var a = new string[x.From * 9_000_000][]; return a.Length; ")]
    public void An_array_larger_than_the_whole_allocation_budget_stops_the_call_before_it_is_allocated(string statements)
    {
        var hook = Statements(statements);
        using var hooks = CompileOk(hook);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<HookException>(() => hooks.OrderingRule(hook).Compare(Tx(1, fee: 1, from: 1), Tx(2, fee: 2)));

        Assert.Equal("exceeded its budget: it allocated more than 67108864 bytes in one call", e.Reason);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024 * 1024);
    }

    [Fact]
    public void Arrays_within_the_budget_and_with_initializers_are_created_as_written()
    {
        var hook = Statements(" var a = new int[3] { 1, 2, 3 }; var b = new long[x.From * 1000]; var c = new int[2, 3]; var d = new int[2][]; return a.Length + b.Length + c.Length + d.Length == 1011 ? -1 : 1; ");
        using var hooks = CompileOk(hook);

        Assert.Equal(-1, hooks.OrderingRule(hook).Compare(Tx(1, fee: 1, from: 1), Tx(2, fee: 2)));
    }

    [Fact]
    public void A_hook_cannot_catch_its_budgets_exception()
    {
        var hook = Statements(" var n = 0; try { while (true) { n++; } } catch (Exception) { } return n; ");
        using var hooks = CompileOk(hook);

        var e = Assert.Throws<HookException>(() => hooks.OrderingRule(hook).Compare(Tx(1, fee: 1), Tx(2, fee: 2)));

        Assert.True(e.BudgetExceeded);
    }

    [Fact]
    public void A_hooks_exception_message_loses_any_stack_trace_lines()
    {
        var message = "boom\n   at ProtoScript.Generated.HookSet.Hook0(TransactionView x, TransactionView y) in hook:0:line 4\n--- End of stack trace from previous location ---\n   at Other.Method()";

        Assert.Equal("boom", HookException.WithoutStackTrace(message));
        Assert.Equal("paid at 3 s", HookException.WithoutStackTrace("paid at 3 s"));
    }

    [Theory]
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    [InlineData("\u0085")]
    [InlineData("\r")]
    public void A_line_break_only_csharp_knows_does_not_move_a_compile_error(string lineBreak)
    {
        var hook = Statements(" var a = 1;" + lineBreak + " return a + fee; ");

        var d = Assert.Single(Compile(hook).Diagnostics);

        Assert.Equal("CS0103", d.Code);
        Assert.Equal("fee", d.Source!.GetText(d.Span));
    }

    [Theory]
    [InlineData("\u2028")]
    [InlineData("\r")]
    public void A_line_break_only_csharp_knows_does_not_move_a_sandbox_error(string lineBreak)
    {
        var hook = Statements(" var a = 1;" + lineBreak + " return a + string.Intern(\"k\").Length; ");

        var d = Assert.Single(Compile(hook).Diagnostics);

        Assert.Equal(DiagnosticCodes.HookForbiddenApi, d.Code);
        Assert.Equal("string.Intern(\"k\")", d.Source!.GetText(d.Span));
    }
}
