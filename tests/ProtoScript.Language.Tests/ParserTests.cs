using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Tests;

public class ParserTests
{
    private static (DocumentSyntax Doc, DiagnosticBag Bag) Parse(string text)
    {
        var bag = new DiagnosticBag();
        var doc = ScenarioParser.Parse(new SourceText("t.proto-script", text), bag);
        return (doc, bag);
    }

    [Fact]
    public void The_design_sketch_parses_without_syntax_errors()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "design-sketch.proto-script"));
        var (doc, bag) = Parse(text);
        Assert.Empty(bag.Items);
        Assert.Equal(["scenario", "sweep"], doc.Statements.OfType<EntrySyntax>().Select(e => e.Head.Text));
    }

    [Fact]
    public void Fields_may_share_a_line_and_units_stop_before_the_next_field()
    {
        var (doc, bag) = Parse("blobs { target = 3  max = 6  base_fee = 1 gwei }");
        Assert.Empty(bag.Items);
        var fields = ((EntrySyntax)doc.Statements[0]).Body!.Statements.Cast<EntrySyntax>().ToList();
        Assert.Equal(["target", "max", "base_fee"], fields.Select(f => f.Head.Text));
        Assert.Null(((NumberSyntax)fields[0].Value!).Unit);
        Assert.Equal("gwei", ((NumberSyntax)fields[2].Value!).Unit!.Text);
    }

    [Fact]
    public void A_number_at_the_end_of_a_line_does_not_take_the_next_line_as_its_unit()
    {
        var (doc, bag) = Parse("seed 7\nduration 30 min\n");
        Assert.Empty(bag.Items);
        var seed = (EntrySyntax)doc.Statements[0];
        Assert.Null(((NumberSyntax)seed.Args[0].Expression).Unit);
        var duration = (EntrySyntax)doc.Statements[1];
        Assert.Equal("min", ((NumberSyntax)duration.Args[0].Expression).Unit!.Text);
    }

    [Fact]
    public void Keywords_like_for_and_on_are_arguments_of_their_entry()
    {
        var (doc, bag) = Parse("rollup B like A { x = 1 }\nshared_sequencer s for A, B { }\n");
        Assert.Empty(bag.Items);
        var rollup = (EntrySyntax)doc.Statements[0];
        Assert.Equal(["B", "like", "A"], rollup.Args.Select(a => ((PathSyntax)a.Expression).Text));
        var shared = (EntrySyntax)doc.Statements[1];
        Assert.Equal([false, false, false, true], shared.Args.Select(a => a.CommaBefore));
    }

    [Fact]
    public void A_hook_keeps_its_csharp_text_exactly_including_braces_in_strings_and_comments()
    {
        const string code = "\n  var s = \"}\"; // }\n  var c = '}'; /* } */ var v = @\"\"\"}\"; var r = \"\"\"\n }\n \"\"\";\n  if (x) { Pay(1); }\n";
        var text = "fees { distribute = csharp {" + code + "} }";
        var (doc, bag) = Parse(text);
        Assert.Empty(bag.Items.Select(d => d.Message));
        var distribute = (EntrySyntax)((EntrySyntax)doc.Statements[0]).Body!.Statements[0];
        var hook = Assert.IsType<HookSyntax>(distribute.Value);
        Assert.Equal(code, hook.Code);
        Assert.Equal(text.IndexOf(code, StringComparison.Ordinal), hook.CodeSpan.Start);
    }

    [Fact]
    public void An_expression_hook_ends_at_the_end_of_its_line()
    {
        var (doc, bag) = Parse("valid = csharp => tx.Value > 0 && F(\"a;b\") // note\nnext = 1");
        Assert.Empty(bag.Items);
        var hook = Assert.IsType<HookSyntax>(((EntrySyntax)doc.Statements[0]).Value);
        Assert.True(hook.IsExpression);
        Assert.Equal("tx.Value > 0 && F(\"a;b\")", hook.Code);
        Assert.Equal("next", ((EntrySyntax)doc.Statements[1]).Head.Text);
    }

    [Fact]
    public void Assertions_are_expressions_with_operators()
    {
        var (doc, bag) = Parse("expect {\n  conserved total_supply\n  report.cross_chain.atomic_failures == 0\n}");
        Assert.Empty(bag.Items);
        var body = ((EntrySyntax)doc.Statements[0]).Body!.Statements;
        Assert.IsType<EntrySyntax>(body[0]);
        var assertion = Assert.IsType<AssertionSyntax>(body[1]);
        Assert.Equal(TokenKind.EqualEqual, Assert.IsType<BinarySyntax>(assertion.Expression).Operator);
    }

    [Fact]
    public void Spans_point_at_the_exact_source_characters()
    {
        const string text = "rollup A {\n  block_time = 2 s\n}";
        var (doc, _) = Parse(text);
        var field = (EntrySyntax)((EntrySyntax)doc.Statements[0]).Body!.Statements[0];
        Assert.Equal("block_time = 2 s", text.Substring(field.Span.Start, field.Span.Length));
        Assert.Equal("2 s", text.Substring(field.Value!.Span.Start, field.Value.Span.Length));
    }

    [Theory]
    [InlineData("scenario \"x\" {\n  seed =\n  duration 1 min\n}", "PS2001 2:9 unexpected end of line; expected value")]
    [InlineData("scenario \"x\" {\n  seed 1 )\n}", "PS2001 2:10 unexpected `)`; expected end of line")]
    [InlineData("scenario \"x\" {\n  seed 1\n", "PS2001 1:14 this block is never closed: the file ends before its `}`")]
    [InlineData("scenario \"x\" {\n  name = \"abc\n}", "PS1002 2:10 this string is never closed")]
    [InlineData("scenario \"x\" { f = csharp { if (a) { }\n", "PS1004 1:20 this C# hook is never closed")]
    [InlineData("/* open", "PS1003 1:1 this comment is never closed")]
    [InlineData("scenario \"x\" { seed 1 @ }", "PS1001 1:23 unexpected character `@`")]
    [InlineData("scenario \"x\" { seed 1__0 }", "PS1006 1:21 malformed number `1__0`")]
    public void Syntax_errors_are_reported_at_their_exact_position(string text, string expected)
    {
        var (_, bag) = Parse(text);
        Assert.Contains(expected, bag.Sorted().Select(d => $"{d.Code} {d.Position.Line}:{d.Position.Column} {d.Message}"));
    }

    [Fact]
    public void Independent_syntax_errors_in_one_file_are_all_reported()
    {
        var (_, bag) = Parse("scenario \"x\" {\n  seed 1 )\n  rollup A {\n    block_time = = 2 s\n    gas_limit = 5\n  }\n  duration ]\n}");
        Assert.Equal([2, 4, 7], bag.Sorted().Select(d => d.Position.Line));
    }

    [Fact]
    public void Recovery_skips_a_broken_line_longer_than_its_lookahead_window_and_resumes_on_the_next()
    {
        // The recovery scans ahead in windows of 64 tokens; this broken line has 400.
        var longTail = string.Join(' ', Enumerable.Range(0, 400).Select(i => "a" + i));
        var text = "scenario \"x\" {\n  seed 1 ) " + longTail + "\n  duration 1 min\n  gas_limit ]\n}";
        var (doc, bag) = Parse(text);
        Assert.Equal(["PS2001 2:10", "PS2001 4:13"], bag.Sorted().Select(d => $"{d.Code} {d.Position.Line}:{d.Position.Column}"));
        var body = ((EntrySyntax)doc.Statements[0]).Body!.Statements;
        Assert.Equal(["ErrorStatementSyntax:seed", "EntrySyntax:duration", "ErrorStatementSyntax:gas_limit"], body.Select(Describe));
        var skipped = body[0].Span;
        Assert.Equal(") " + longTail, text.Substring(skipped.Start, skipped.Length));
    }

    [Fact]
    public void Recovery_skips_brackets_that_span_lines_as_part_of_the_broken_statement()
    {
        var (doc, bag) = Parse("scenario \"x\" {\n  seed 1 ) [\n    2,\n    3\n  ]\n  duration 1 min\n}");
        Assert.Equal(["PS2001 2:10"], bag.Sorted().Select(d => $"{d.Code} {d.Position.Line}:{d.Position.Column}"));
        var body = ((EntrySyntax)doc.Statements[0]).Body!.Statements;
        Assert.Equal(["ErrorStatementSyntax:seed", "EntrySyntax:duration"], body.Select(Describe));
    }

    [Fact]
    public void A_broken_statement_before_the_closing_brace_on_its_line_leaves_the_brace_to_its_block()
    {
        var (doc, bag) = Parse("scenario \"x\" { seed 1 ) }\nrollup A { }");
        Assert.Equal(["PS2001 1:23"], bag.Sorted().Select(d => $"{d.Code} {d.Position.Line}:{d.Position.Column}"));
        Assert.Equal(["EntrySyntax:scenario", "EntrySyntax:rollup"], doc.Statements.Select(Describe));
    }

    [Fact]
    public void The_grammar_is_shared_by_threads_parsing_at_the_same_time()
    {
        // The grammar is built once and shared: parsing on many threads at once must give
        // every thread the same tree and diagnostics as parsing alone.
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "design-sketch.proto-script")) + "\nbroken = = 1\nseed 1 )\n";
        static string Summary(DocumentSyntax doc, DiagnosticBag bag) =>
            string.Join('|', doc.Statements.Select(st => st.Span)) + "#" + string.Join('|', bag.Sorted().Select(d => d.Span + d.Message));
        var (aloneDoc, aloneBag) = Parse(text);
        var alone = Summary(aloneDoc, aloneBag);
        Assert.Contains("unexpected", alone, StringComparison.Ordinal);

        var results = new string[64];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var (doc, bag) = Parse(text);
            results[i] = Summary(doc, bag);
        });
        Assert.All(results, r => Assert.Equal(alone, r));
    }

    private static string Describe(StatementSyntax s) => s switch
    {
        EntrySyntax e => "EntrySyntax:" + e.Head.Text,
        ErrorStatementSyntax e => "ErrorStatementSyntax:" + e.HeadName,
        _ => s.GetType().Name,
    };

    [Fact]
    public void Deep_nesting_is_a_diagnostic_not_a_stack_overflow()
    {
        var text = "x = " + new string('[', 100_000) + new string(']', 100_000);
        var (_, bag) = Parse(text);
        Assert.Contains(bag.Items, d => d.Code == DiagnosticCodes.NestingTooDeep);
    }

    [Fact]
    public void A_number_with_400_digits_is_a_diagnostic()
    {
        var (_, bag) = Parse("seed " + new string('9', 400));
        Assert.Contains(bag.Items, d => d.Code == DiagnosticCodes.InvalidNumber);
    }

    [Theory]
    [InlineData("")]
    [InlineData("}")]
    [InlineData("{{{{")]
    [InlineData("\0\u0001\u00ff\ufffe")]
    [InlineData("scenario")]
    [InlineData("scenario \"x\" { rollup A like }")]
    [InlineData("= = = ;;; ,,, ))) ]]]")]
    public void Garbage_never_throws(string text)
    {
        var (doc, _) = Parse(text);
        Assert.NotNull(doc);
    }
}
