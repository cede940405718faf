using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using System.Text.Json;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Formatting;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Tests;

public class FormatterTests
{
    /// <summary>Inputs chosen to break a formatter: each names what it exercises.</summary>
    private static readonly Dictionary<string, string> Tricky = new(StringComparer.Ordinal)
    {
        ["comments-everywhere"] = """
            // header comment

            /* block
               header */
            scenario "t" {   // after the opening brace
              seed 1; duration 1 min // after two statements on a line
              /* before a statement */ l1 ethereum { slot_time = 12 s } /* after a block */


              rollup A { block_time=2 s  gas_limit = 1_000_000 /* between fields */ ordering = priority_fee
                accounts 100 funded 1 eth
                // own line


                // second own line
              }
              rollup B // between the head and its block
              {
              }
              empty { // the only thing inside
              }
              other { /* only a block comment */ }
            }
            /* end */ // and a line comment
            """,
        ["hooks-with-braces-in-strings"] = """
            scenario "h" {
              fees {
                distribute = csharp {
                      var open = "{"; var close = '}';
                      /* } */ // }
                      var s = $"{rest:N0} }}";
                      if (rest > 0) { Pay(Role.L1, rest); }

                        var nested = @"}}";
                    }
                split = csharp { return "}"; }
                inline = csharp {   var x = 1;
                        return x; }
                check = csharp => block.Fees > 0 ? "}" : "{"   // why
                tabbed = csharp {
                	var t = 1;
                		return t;
                	}
              }
            }
            """,
        ["fields-sharing-lines"] = """
            scenario "f" { seed 1;duration 1 min
              l1 ethereum { slot_time = 12 s }
              rollup A { block_time = 2 s  gas_limit = 1_000_000  ordering = fcfs  base_fee = 0.001 gwei ; accounts 10 funded 1 eth }
            }
            """,
        ["nested-blocks"] = """
            scenario "n" { a { b { c { d = 1 }; e { } }; f = bft { nodes = 4  faulty = 1  round = 500 ms } } }
            """,
        ["lists-tuples-calls"] = """
            scenario "l" {
              x = [ [1,2],[ ],(a,b) ,"s"]
              reserves = (1_000 eth,3_000_000 usdc)
              price = gbm(start=3000 usdc,volatility=60 % per year)
              spread = [1 s,   // first
                 2 s,
                 /* third */ 3 s]
              call = f( g(1) , h(a = [1], b = (2, 3)) )
              neg = -5 s
              strings = ["a\"b", "back\\slash", "c:\dir", "end\\"]
            }
            """,
        ["per-and-rates"] = """
            scenario "p" {
              proof_time = normal(30 s,5 s) per block
              users = poisson(50/s) on A,B
              cross_chain = 10 %
              fee = 0.3 %
              decimals = 0.300_0 gwei
            }
            """,
        ["assertions-in-expect"] = """
            scenario "e" {
              expect {
                conserved total_supply
                report.cross_chain.atomic_failures==0
                !(report.a.b>1)||report.c<=2 &&  report.d != 3
                -1 < 2
                (1 + 2)*3 >= 4 - 5 / 6
              }
            }
            """,
        ["sweep"] = """
            scenario "s" { seed 1 }
            sweep rollup.A.block_time in [250 ms,1 s,  2 s, 12 s] runs 20
            """,
        ["only-comments"] = """
            // nothing but a comment
            /* and another */
            """,
        ["blank-lines-everywhere"] = "\n\n\nscenario \"b\" {\n\n\n  seed 1\n\n\n\n  duration 1 min\n\n}\n\n\n",
    };

    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "examples"), "*.proto-script").Order(StringComparer.Ordinal))
        {
            data.Add("examples/" + Path.GetFileName(file));
        }

        data.Add("data/design-sketch.proto-script");
        foreach (var name in Tricky.Keys)
        {
            data.Add("inline/" + name);
        }

        return data;
    }

    private static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProtoScript.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ProtoScript.sln not found above " + AppContext.BaseDirectory);
    }

    private static string Load(string name) => name switch
    {
        _ when name.StartsWith("examples/", StringComparison.Ordinal) => File.ReadAllText(Path.Combine(RepositoryRoot, name)),
        _ when name.StartsWith("data/", StringComparison.Ordinal) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", name["data/".Length..])),
        _ => Tricky[name["inline/".Length..]].Replace("\r\n", "\n", StringComparison.Ordinal) + "\n",
    };

    private static string Fmt(string text)
    {
        var result = ScenarioFormatter.Format("t.proto-script", text);
        Assert.True(result.Success, "syntax errors:\n" + DiagnosticFormatter.Format(result.Diagnostics, DiagnosticFormat.Text));
        return result.Text!;
    }

    private static DocumentSyntax Parse(string text)
    {
        var bag = new DiagnosticBag();
        var doc = ScenarioParser.Parse(new SourceText("t.proto-script", text), bag);
        Assert.False(bag.HasErrors);
        return doc;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Formatting_twice_gives_the_same_text_as_formatting_once(string name)
    {
        var once = Fmt(Load(name));
        Assert.Equal(once, Fmt(once));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void The_formatted_text_parses_to_the_same_tree_modulo_spans(string name)
    {
        var text = Load(name);
        Assert.Equal(Shape(Parse(text)), Shape(Parse(Fmt(text))));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void The_formatted_text_compiles_to_the_same_model_and_the_same_diagnostics(string name)
    {
        var text = Load(name);
        var before = ScenarioCompiler.Compile("t.proto-script", text);
        var after = ScenarioCompiler.Compile("t.proto-script", Fmt(text));
        Assert.Equal(before.Diagnostics.Select(d => d.Code + " " + d.Message), after.Diagnostics.Select(d => d.Code + " " + d.Message));
        Assert.Equal(before.Success, after.Success);
        if (before.Model is not null)
        {
            Assert.Equal(ModelJson(before.Model), ModelJson(after.Model!));
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Every_comment_is_kept(string name)
    {
        var text = Load(name);
        var formatted = Fmt(text);
        Assert.Equal(CommentTexts(text), CommentTexts(formatted));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Hook_code_is_identical_after_stripping_common_indentation(string name)
    {
        var text = Load(name);
        var before = Hooks(Parse(text));
        var after = Hooks(Parse(Fmt(text)));
        Assert.Equal(before, after);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Crlf_input_formats_to_the_same_lf_text(string name)
    {
        var text = Load(name);
        var crlf = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        var formatted = Fmt(crlf);
        Assert.DoesNotContain('\r', formatted);
        Assert.Equal(Fmt(text), formatted);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void The_output_ends_with_exactly_one_newline_and_never_has_two_blank_lines_outside_hooks(string name)
    {
        var formatted = Fmt(Load(name));
        Assert.EndsWith("\n", formatted, StringComparison.Ordinal);
        Assert.False(formatted.EndsWith("\n\n", StringComparison.Ordinal));
        Assert.False(formatted.StartsWith('\n'));
        if (!formatted.Contains("csharp", StringComparison.Ordinal))
        {
            Assert.DoesNotContain("\n\n\n", formatted, StringComparison.Ordinal);
            Assert.DoesNotContain(" \n", formatted, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_messy_file_is_printed_in_the_canonical_layout()
    {
        const string messy = "  // Quick start\r\nscenario   \"golden \\\"one\\\"\"{seed 42 ;  duration 10  min\r\n\r\n\r\n\r\n" +
            "l1 ethereum{slot_time=12 s}\n" +
            "   rollup A {\n" +
            "\tblock_time=2 s   gas_limit = 1_050_000// room for 50 transfers   \n" +
            "    amm \"ETH/USDC\" { reserves = ( 1_000 eth,3_000_000 usdc )  fee = 0.3 % }\n" +
            "      ordering=fcfs\n" +
            "  list = [ 1 s ,\n     2 s ]\n" +
            "        distribute = csharp {\n" +
            "                Pay(Role.L1, block.DaCost);\n" +
            "                if (x) {\n" +
            "                    var s = \"}\";\n" +
            "                }\n" +
            "              }\n" +
            "  check = csharp =>   block.Fees > 0   \n" +
            "    }\n" +
            "  rollup B like A{ordering=priority_fee}\n" +
            "  empty {   }\n" +
            "  workload { users = poisson( 24/s ) on A,B\n" +
            "  /* trailing block */ }\n" +
            "  expect { report.A.latency.p50<=2 s&&!(report.B.blocks==0) }\n" +
            "}\n" +
            "sweep rollup.A.block_time in [250 ms,1 s] runs 20";
        const string expected = """
            // Quick start
            scenario "golden \"one\"" {
              seed 42
              duration 10 min

              l1 ethereum {
                slot_time = 12 s
              }
              rollup A {
                block_time = 2 s
                gas_limit = 1_050_000 // room for 50 transfers
                amm "ETH/USDC" {
                  reserves = (1_000 eth, 3_000_000 usdc)
                  fee = 0.3 %
                }
                ordering = fcfs
                list = [1 s, 2 s]
                distribute = csharp {
                  Pay(Role.L1, block.DaCost);
                  if (x) {
                      var s = "}";
                  }
                }
                check = csharp => block.Fees > 0
              }
              rollup B like A {
                ordering = priority_fee
              }
              empty { }
              workload {
                users = poisson(24 / s) on A, B
                /* trailing block */
              }
              expect {
                report.A.latency.p50 <= 2 s && !(report.B.blocks == 0)
              }
            }
            sweep rollup.A.block_time in [250 ms, 1 s] runs 20

            """;
        Assert.Equal(expected.Replace("\r\n", "\n", StringComparison.Ordinal), Fmt(messy));
    }

    [Fact]
    public void Comments_inside_a_statement_move_to_their_own_lines_before_it()
    {
        Assert.Equal(
            "x = [1 s, 2 s] // after\n// first\n/* second */\ny = f(1)\n",
            Fmt("x = [1 s,\n 2 s] // after\ny = f( // first\n /* second */ 1)\n"));
    }

    [Fact]
    public void Comments_that_share_a_line_stay_together_and_trailing_comments_get_one_space()
    {
        Assert.Equal(
            "/* a */ /* b */ // c\nx = 1 /* d */ // e\na {\n  y = 2 // f\n}\n",
            Fmt("/* a */   /* b */// c\nx = 1    /* d */ // e   \na { y = 2// f\n}"));
    }

    [Fact]
    public void Nothing_is_ever_appended_after_a_line_comment()
    {
        // `// b` trails the `;`, but the line it would join ends in a line comment.
        Assert.Equal("x = 1 // a\n// b\n", Fmt("x = 1 // a\n; // b\n"));
    }

    [Fact]
    public void Number_literals_are_kept_exactly_as_written()
    {
        Assert.Equal("a = 1_000_000\nb = 0.300\nc = 007 gwei\n", Fmt("a=1_000_000\nb=0.300\nc=007   gwei"));
    }

    [Fact]
    public void Strings_are_re_escaped_so_that_they_read_back_as_the_same_value()
    {
        var formatted = Fmt("a = \"q\\\"uote\" b = \"c:\\dir\" c = \"end\\\\\"");
        Assert.Equal("a = \"q\\\"uote\"\nb = \"c:\\dir\"\nc = \"end\\\\\"\n", formatted);
        var values = Parse(formatted).Statements.Cast<EntrySyntax>().Select(e => ((StringSyntax)e.Value!).Value);
        Assert.Equal(["q\"uote", "c:\\dir", "end\\"], values);
    }

    [Fact]
    public void A_block_hook_is_re_indented_keeping_relative_indentation_and_its_text()
    {
        const string text = "a {\n        h = csharp {\n              one();\n                two();\n            three(); }\n}\n";
        Assert.Equal("a {\n  h = csharp {\n      one();\n        two();\n    three(); }\n}\n", Fmt(text));
    }

    [Fact]
    public void An_empty_file_formats_to_an_empty_file()
    {
        Assert.Equal(string.Empty, Fmt(string.Empty));
        Assert.Equal(string.Empty, Fmt("\n\n  \n"));
    }

    [Theory]
    [InlineData("scenario \"x\" {\n  seed 1 +\n}\n", "PS2001")]
    [InlineData("scenario \"x\" {\n  seed 1\n", "PS2001")]
    [InlineData("a = 1 $ 2\n", "PS1001")]
    [InlineData("/* never closed\n", "PS1003")]
    [InlineData("a = 1__0\n", "PS1006")]
    public void A_file_with_syntax_errors_is_refused_with_its_diagnostics(string text, string code)
    {
        var result = ScenarioFormatter.Format("bad.proto-script", text);
        Assert.False(result.Success);
        Assert.Null(result.Text);
        Assert.Contains(result.Diagnostics, d => d.IsError && d.Code == code);
    }

    [Fact]
    public void Formatting_a_tree_with_error_statements_throws()
    {
        var bag = new DiagnosticBag();
        var source = new SourceText("bad.proto-script", "a = \nb = 1\n");
        var doc = ScenarioParser.Parse(source, bag);
        Assert.True(bag.HasErrors);
        Assert.Throws<ArgumentException>(() => ScenarioFormatter.Format(doc, source));
    }

    [Fact]
    public void The_lexer_records_comments_with_their_kind_and_placement_without_changing_the_tokens()
    {
        const string text = "// own\nx = 1 // trailing\r\n/* a */ /* b */ y = 2 /* c\n */\n";
        var source = new SourceText("t.proto-script", text);
        var result = Lexer.LexWithComments(source, new DiagnosticBag());
        Assert.Equal(Lexer.Lex(source, new DiagnosticBag()).Select(t => t.ToString()), result.Tokens.Select(t => t.ToString()));
        Assert.Equal(
            ["Line False // own", "Line True // trailing", "Block False /* a */", "Block False /* b */", "Block True /* c\n */"],
            result.Comments.Select(c => $"{c.Kind} {c.IsTrailing} {source.GetText(c.Span)}"));
    }

    [Fact]
    public void The_parser_puts_the_comments_on_the_document_and_ignores_them_in_the_tree()
    {
        var withComments = Parse("x = 1 // one\n/* two */ y = 2\n");
        var without = Parse("x = 1\ny = 2\n");
        Assert.Equal(2, withComments.Comments.Length);
        Assert.Empty(without.Comments);
        Assert.Equal(SyntaxShape.Render(without), SyntaxShape.Render(withComments));
    }

    [Fact]
    public void The_library_shape_ignores_layout_but_not_meaning()
    {
        Assert.Equal(SyntaxShape.Render(Parse("a { x = 1 s  y = [1, 2] }")), SyntaxShape.Render(Parse("a {\n  x = 1 s\n  y = [1,\n 2]\n}\n")));
        Assert.NotEqual(SyntaxShape.Render(Parse("a { x = 1 s }")), SyntaxShape.Render(Parse("a { x = 1 ms }")));
        Assert.NotEqual(SyntaxShape.Render(Parse("a for A, B")), SyntaxShape.Render(Parse("a for A B")));
        Assert.NotEqual(SyntaxShape.Render(Parse("x = (1 + 2) * 3")), SyntaxShape.Render(Parse("x = 1 + 2 * 3")));
    }

    [Fact]
    public void Mutated_inputs_are_either_refused_or_formatted_idempotently_without_losing_meaning()
    {
        // Deterministic mutations of every input: characters deleted, duplicated, or line
        // breaks, spaces and comments inserted. Format(path, text) itself re-parses its output
        // and throws if the tree or the comments changed, so this hunts for formatter bugs.
        var random = new Random(12345);
        string[] inserts = ["\n", " ", "\n\n", "// c\n", "/* c */", ";", "\t", "\r\n"];
        var formattedCount = 0;
        foreach (var name in Inputs())
        {
            var text = Load(name);
            for (var i = 0; i < 80; i++)
            {
                var at = random.Next(text.Length + 1);
                var mutated = random.Next(3) switch
                {
                    0 when at < text.Length => text.Remove(at, 1),
                    1 when at < text.Length => text.Insert(at, text[at].ToString()),
                    _ => text.Insert(at, inserts[random.Next(inserts.Length)]),
                };
                FormattingResult result;
                try
                {
                    result = ScenarioFormatter.Format("m.proto-script", mutated);
                }
                catch (InvalidOperationException ex)
                {
                    throw new InvalidOperationException(ex.Message + " for input:\n" + mutated, ex);
                }

                if (result.Text is { } once)
                {
                    formattedCount++;
                    Assert.Equal(once, Fmt(once));
                    Assert.Equal(CommentTexts(mutated), CommentTexts(once));
                    Assert.Equal(Shape(Parse(mutated)), Shape(Parse(once)));
                }
            }
        }

        Assert.True(formattedCount > 100, $"only {formattedCount} mutated inputs parsed");
    }

    // ---- Oracles, independent of the formatter's own code ----

    /// <summary>
    /// Renders a tree by reflection over every public property of every node, skipping
    /// spans and comments, so that a node type or property added later is compared too.
    /// Block hooks are compared by their code without its common indentation.
    /// </summary>
    internal static string Shape(SyntaxNode node)
    {
        var sb = new StringBuilder();
        Render(sb, node);
        return sb.ToString();
    }

    private static void Render(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                return;
            case string s:
                sb.Append(JsonSerializer.Serialize(s));
                return;
            case HookSyntax hook:
                sb.Append("(Hook ").Append(hook.IsExpression).Append(' ').Append(JsonSerializer.Serialize(hook.IsExpression ? hook.Code : StripIndent(hook.Code))).Append(')');
                return;
            case SyntaxNode node:
                sb.Append('(').Append(node.GetType().Name);
                foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (property.PropertyType == typeof(TextSpan) || property.PropertyType == typeof(TextSpan?) ||
                        property.PropertyType == typeof(ImmutableArray<CommentTrivia>))
                    {
                        continue;
                    }

                    sb.Append(' ').Append(property.Name).Append('=');
                    Render(sb, property.GetValue(node));
                }

                sb.Append(')');
                return;
            case IEnumerable items:
                sb.Append('[');
                foreach (var item in items)
                {
                    Render(sb, item);
                    sb.Append(' ');
                }

                sb.Append(']');
                return;
            default:
                sb.Append(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                return;
        }
    }

    /// <summary>A block hook's code: CRs and blank first and last lines dropped, the common indentation of the rest removed.</summary>
    private static string StripIndent(string code)
    {
        var lines = code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim().Length == 0 ? string.Empty : l).ToList();
        if (lines.Count == 1)
        {
            return code;
        }

        var first = lines[0];
        var rest = lines.Skip(1).ToList();
        if (rest[^1].Length == 0)
        {
            rest.RemoveAt(rest.Count - 1);
        }

        var nonBlank = rest.Where(l => l.Length > 0).ToList();
        var common = nonBlank.Count == 0 ? 0 : nonBlank.Min(l => l.Length - l.TrimStart(' ', '\t').Length);
        while (common > 0 && nonBlank.Any(l => l[..common] != nonBlank[0][..common]))
        {
            common--;
        }

        return first + "\n" + string.Join('\n', rest.Select(l => l.Length == 0 ? l : l[common..]));
    }

    private static List<string> Hooks(SyntaxNode node)
    {
        var hooks = new List<string>();
        Collect(node);
        return hooks;

        void Collect(object? value)
        {
            switch (value)
            {
                case HookSyntax hook:
                    hooks.Add(hook.IsExpression ? hook.Code : StripIndent(hook.Code));
                    return;
                case SyntaxNode n:
                    foreach (var property in n.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                    {
                        if (property.PropertyType != typeof(ImmutableArray<CommentTrivia>))
                        {
                            Collect(property.GetValue(n));
                        }
                    }

                    return;
                case IEnumerable items and not string:
                    foreach (var item in items)
                    {
                        Collect(item);
                    }

                    return;
            }
        }
    }

    /// <summary>The comments' texts (line comments without trailing blanks, block comments with LF) as a sorted multiset.</summary>
    internal static List<string> CommentTexts(string text)
    {
        var source = new SourceText("t.proto-script", text);
        var result = Lexer.LexWithComments(source, new DiagnosticBag());
        return [.. result.Comments
            .Select(c => c.Kind == CommentKind.Line ? source.GetText(c.Span).TrimEnd() : source.GetText(c.Span).Replace("\r\n", "\n", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The model as JSON, with what depends on layout alone left out: an expectation's position
    /// and spacing, and a hook's position and the indentation of its code (its text and
    /// everything the file holds would otherwise be serialized with it).
    /// </summary>
    internal static string ModelJson(ScenarioModel model)
    {
        var normalized = model with
        {
            // The lexer's blanks: white space and a byte-order mark, which the formatter drops like a space.
            Expectations = [.. model.Expectations.Select(e => e with { Location = default, Text = string.Concat(e.Text.Where(c => !char.IsWhiteSpace(c) && c != '\uFEFF')) })],
        };
        return JsonSerializer.Serialize(normalized, ModelJsonOptions);
    }

    private static readonly JsonSerializerOptions ModelJsonOptions = new() { Converters = { new HookMeaningConverter() } };

    /// <summary>Writes a hook as what it means: its kind, owner, form and code without its common indentation.</summary>
    private sealed class HookMeaningConverter : System.Text.Json.Serialization.JsonConverter<HookModel>
    {
        public override HookModel Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, HookModel value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("Kind", value.Kind.ToString());
            writer.WriteString("Owner", value.Owner);
            writer.WriteBoolean("IsExpression", value.IsExpression);
            writer.WriteString("Code", value.IsExpression ? value.Code : StripIndent(value.Code));
            writer.WriteEndObject();
        }
    }
}
