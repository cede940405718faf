using ProtoScript.Language.Diagnostics;
using static ProtoScript.Scripting.Tests.Hooks;

namespace ProtoScript.Scripting.Tests;

public class CompileDiagnosticTests
{
    [Fact]
    public void An_error_in_an_expression_hook_is_reported_at_the_files_line_and_column()
    {
        // Line 4 is `    ordering = csharp => x.PriorityFeePerGas.CompareTo(foo)`; the code starts at column 26.
        var result = Compile(Expression("x.PriorityFeePerGas.CompareTo(foo)"));

        Assert.False(result.Success);
        Assert.Equal(
            ["test.proto-script:4:56: error CS0103: The name 'foo' does not exist in the current context"],
            Lines(result));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("foo", d.Source!.GetText(d.Span));
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
    }

    [Fact]
    public void An_error_on_a_later_line_of_a_statement_hook_keeps_that_lines_columns()
    {
        var hook = Statements("""

                  var fee = x.PriorityFeePerGas;
                  return fee.CompareTo(y.Fee);
            """);
        var result = Compile(hook);

        Assert.Equal(
            ["test.proto-script:6:30: error CS1061: 'TransactionView' does not contain a definition for 'Fee' and no accessible extension method 'Fee' accepting a first argument of type 'TransactionView' could be found (are you missing a using directive or an assembly reference?)"],
            Lines(result));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("Fee", d.Source!.GetText(d.Span));
    }

    [Fact]
    public void An_error_on_the_first_line_of_a_statement_hook_is_mapped_from_after_the_brace()
    {
        // `    ordering = csharp {return bar;}`: the code starts right after `{`, at column 24.
        var result = Compile(Statements("return bar;"));

        Assert.Equal(["test.proto-script:4:31: error CS0103: The name 'bar' does not exist in the current context"], Lines(result));
    }

    [Fact]
    public void Errors_of_hooks_in_different_files_are_reported_in_each_file()
    {
        var result = Compile(Expression("a1"), Expression("x.Nonce.CompareTo(b2)", "second.proto-script"));

        Assert.Equal(
            [
                "second.proto-script:4:44: error CS0103: The name 'b2' does not exist in the current context",
                "test.proto-script:4:26: error CS0103: The name 'a1' does not exist in the current context",
            ],
            Lines(result));
    }

    [Fact]
    public void An_error_that_belongs_to_the_generated_method_is_reported_at_the_whole_hook()
    {
        var hook = Statements(" if (x.Nonce > 1) { return 1; } ");
        var result = Compile(hook);

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("CS0161", d.Code);
        Assert.Equal("if (x.Nonce > 1) { return 1; }", d.Source!.GetText(d.Span));
    }

    [Fact]
    public void A_hook_whose_code_leaves_its_method_is_refused_before_compiling()
    {
        var hook = Statements(" return 0; } static int counter; public static int Evil() { return counter++; ");
        var compiler = new HookCompiler(NoCache);
        var result = compiler.Compile([hook]);

        Assert.Equal(
            ["test.proto-script:4:25: error PS4002: `rollup A ordering`: the hook's code does not stay inside the hook: check that its braces, comments and strings are balanced"],
            Lines(result));
        Assert.Equal(0, compiler.CompilationCount);
    }

    [Fact]
    public void An_unclosed_comment_cannot_swallow_the_generated_code()
    {
        var result = Compile(Expression("x.Nonce.CompareTo(y.Nonce) /* "));

        Assert.False(result.Success);
        Assert.Contains(result.Diagnostics, d => d.Code == "CS1035");
    }

    [Fact]
    public void An_expression_hook_must_be_one_expression()
    {
        var result = Compile(Expression("0; var z = 1"));

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.HookMalformed, d.Code);
    }

    [Fact]
    public void A_preprocessor_directive_in_a_hook_is_refused()
    {
        var result = Compile(Statements("\n#line 1 \"elsewhere.cs\"\n  return 0;\n"));

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.HookMalformed, d.Code);
        Assert.Contains("preprocessor", d.Message, StringComparison.Ordinal);
        Assert.Equal("#line 1 \"elsewhere.cs\"", d.Source!.GetText(d.Span));
    }
}
