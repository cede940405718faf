using System.Collections.Immutable;
using Pidgin;
using Pidgin.Expression;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Text;
using static Pidgin.Parser;
using TokenParser = Pidgin.Parser<ProtoScript.Language.Syntax.Token>;

namespace ProtoScript.Language.Syntax;

/// <summary>
/// The Pidgin grammar of the language, over the lexer's tokens. A statement ends at the
/// end of its line (or at <c>;</c> or <c>}</c>); fields may share a line. When a statement
/// does not parse, its diagnostic is recorded and parsing resumes at the next line of
/// the same block, so one run reports every independent syntax error.
/// </summary>
public sealed class ScenarioParser
{
    /// <summary>Words that are never units and never end a statement's arguments early.</summary>
    public static readonly ImmutableHashSet<string> ReservedWords =
        ImmutableHashSet.Create(StringComparer.Ordinal, "like", "for", "on", "in", "runs", "funded", "per", "true", "false", "csharp");

    private readonly ImmutableArray<Token> _tokens;
    private readonly Parser<Token, DocumentSyntax> _document;

    private ScenarioParser(ImmutableArray<Token> tokens)
    {
        _tokens = tokens;
        _document = BuildGrammar();
    }

    /// <summary>Parses a source text; never throws. Diagnostics go to <paramref name="diagnostics"/>.</summary>
    public static DocumentSyntax Parse(SourceText source, DiagnosticBag diagnostics)
    {
        var (tokens, comments) = Lexer.LexWithComments(source, diagnostics);
        var parser = new ScenarioParser(tokens);
        var result = parser._document.Parse(tokens.AsSpan());
        if (!result.Success)
        {
            // The grammar recovers from every statement-level error, so this is a failure at file level.
            diagnostics.Add(parser.ToDiagnostic(source, result.Error!));
            return new DocumentSyntax([], new TextSpan(0, source.Text.Length)) { Comments = comments };
        }

        var unclosed = new List<TextSpan>();
        foreach (var error in CollectErrors(result.Value, unclosed))
        {
            diagnostics.Add(parser.ToDiagnostic(source, error));
        }

        foreach (var brace in unclosed)
        {
            diagnostics.Error(DiagnosticCodes.UnexpectedToken, source, brace, "this block is never closed: the file ends before its `}`", "add the missing `}`");
        }

        return result.Value with { Comments = comments };
    }

    private static IEnumerable<ParseError<Token>> CollectErrors(DocumentSyntax doc, List<TextSpan> unclosed)
    {
        var stack = new Stack<StatementSyntax>(doc.Statements.Reverse());
        while (stack.Count > 0)
        {
            var statement = stack.Pop();
            if (statement is RecoveredStatementSyntax recovered)
            {
                yield return recovered.Error;
            }
            else if (statement is EntrySyntax entry)
            {
                foreach (var body in Bodies(entry))
                {
                    if (body.UnclosedBrace is { } brace)
                    {
                        unclosed.Add(brace);
                    }

                    foreach (var inner in body.Statements.Reverse())
                    {
                        stack.Push(inner);
                    }
                }
            }
        }
    }

    private static IEnumerable<BodySyntax> Bodies(EntrySyntax entry)
    {
        if (entry.Value is ObjectSyntax obj)
        {
            yield return obj.Body;
        }

        if (entry.Body is { } body)
        {
            yield return body;
        }
    }

    private Diagnostic ToDiagnostic(SourceText source, ParseError<Token> error)
    {
        var index = Math.Clamp(error.ErrorOffset, 0, _tokens.Length - 1);
        var token = _tokens[index];
        var expected = error.Expected?
            .Select(e => e.Label ?? (e.Tokens.IsDefaultOrEmpty ? null : e.Tokens[0].Describe()))
            .OfType<string>()
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList() ?? [];
        var what = error.EOF ? "end of file" : (error.Unexpected.HasValue ? error.Unexpected.Value.Describe() : token.Describe());
        var span = token.Span;
        if (index > 0 && (token.NewlineBefore || token.Kind == TokenKind.EndOfFile))
        {
            // Point just past the previous token, where the line ended too early.
            span = new TextSpan(_tokens[index - 1].Span.End, 1);
            what = token.Kind == TokenKind.EndOfFile ? "end of file" : "end of line";
        }

        var message = expected.Count > 0
            ? $"unexpected {what}; expected {JoinOr(expected)}"
            : $"unexpected {what}";
        return new Diagnostic(DiagnosticCodes.UnexpectedToken, DiagnosticSeverity.Error, message, source, span);
    }

    private static string JoinOr(List<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1];

    private static Parser<Token, Token> Tok(TokenKind kind, string label) =>
        TokenParser.Token(t => t.Kind == kind).Labelled(label);

    private static Parser<Token, Token> Same(TokenKind kind, string label) =>
        TokenParser.Token(t => t.Kind == kind && !t.NewlineBefore).Labelled(label);

    private static Parser<Token, Token> Word(string word, bool sameLine) =>
        TokenParser.Token(t => t.Kind == TokenKind.Identifier && t.Text == word && !(sameLine && t.NewlineBefore)).Labelled("`" + word + "`");

    private Parser<Token, DocumentSyntax> BuildGrammar()
    {
        Parser<Token, StatementSyntax>? statement = null;
        var statementRef = Rec(() => statement!);

        var multi = BuildExpression(sameLine: false, multiLine: null);
        var single = BuildExpression(sameLine: true, multiLine: multi);

        var body =
            from open in Tok(TokenKind.LBrace, "`{`")
            from statements in StatementList(statementRef, insideBlock: true)
            from close in Tok(TokenKind.RBrace, "`}`").Select(t => (Token?)t)
                .Or(Lookahead(Tok(TokenKind.EndOfFile, "end of file")).ThenReturn((Token?)null))
            select close is { } c
                ? new BodySyntax(statements, open.Span.Cover(c.Span))
                : new BodySyntax(statements, open.Span.Cover(_tokens[^1].Span)) { UnclosedBrace = open.Span };

        var startsField = Try(Lookahead(Tok(TokenKind.Identifier, "name").Then(Tok(TokenKind.Assign, "`=`"))));

        var onSameLine = Lookahead(TokenParser.Token(t => !t.NewlineBefore)).Labelled("value on the same line");

        // Keywords such as `like`, `for` and `funded` are ordinary arguments of an entry.
        var keyword = TokenParser.Token(t => t.Kind == TokenKind.Identifier && !t.NewlineBefore && ReservedWords.Contains(t.Text) && t.Text is not ("per" or "true" or "false"))
            .Labelled("keyword")
            .Select(t => (ExpressionSyntax)new PathSyntax([new NameSyntax(t.Text, t.Span)], t.Span));

        var argument =
            from _ in Not(startsField)
            from comma in Same(TokenKind.Comma, "`,`").Optional()
            from expr in keyword.Or(onSameLine.Then(single))
            select new ArgumentSyntax(expr, comma.HasValue);

        var name = Tok(TokenKind.Identifier, "name").Select(t => new NameSyntax(t.Text, t.Span));

        var field =
            from head in Try(name.Before(Tok(TokenKind.Assign, "`=`")))
            from value in onSameLine.Then(single).Labelled("value")
            from objBody in body.Optional()
            from args in argument.Many()
            select (StatementSyntax)MakeEntry(
                head,
                objBody.HasValue ? new ObjectSyntax(value, objBody.Value, value.Span.Cover(objBody.Value.Span)) : value,
                [.. args],
                null);

        var assertionStart = Try(Lookahead(
            Tok(TokenKind.Identifier, "name").Then(TokenParser.Token(t => !t.NewlineBefore && IsAssertionContinuation(t.Kind)))));

        var assertion = single.Select(e => (StatementSyntax)new AssertionSyntax(e));

        var command =
            from head in name
            from args in argument.Many()
            from b in body.Optional()
            select (StatementSyntax)MakeEntry(head, null, [.. args], b.HasValue ? b.Value : null);

        var endOfStatement = Lookahead(OneOf(
                Tok(TokenKind.Semicolon, "`;`"),
                Tok(TokenKind.RBrace, "`}`"),
                Tok(TokenKind.EndOfFile, "end of file"),
                TokenParser.Token(t => t.NewlineBefore),
                startsField.Select(_ => default(Token))))
            .Labelled("end of line")
            .Then(Tok(TokenKind.Semicolon, "`;`").Optional());

        var startsAssertion = TokenParser.Token(t => t.Kind is TokenKind.Bang or TokenKind.LParen or TokenKind.Number or TokenKind.Minus);

        statement =
            OneOf(
                field,
                assertionStart.Then(assertion),
                Lookahead(startsAssertion).Then(assertion),
                command)
            .Before(endOfStatement);

        return
            from statements in StatementList(statementRef, insideBlock: false)
            from end in Tok(TokenKind.EndOfFile, "end of file")
            select new DocumentSyntax(statements, new TextSpan(0, end.Span.End));
    }

    private static EntrySyntax MakeEntry(NameSyntax head, ExpressionSyntax? value, ImmutableArray<ArgumentSyntax> args, BodySyntax? body)
    {
        var span = head.Span;
        if (value is not null)
        {
            span = span.Cover(value.Span);
        }

        if (!args.IsEmpty)
        {
            span = span.Cover(args[^1].Span);
        }

        if (body is not null)
        {
            span = span.Cover(body.Span);
        }

        return new EntrySyntax(head, value, args, body, span);
    }

    private static bool IsAssertionContinuation(TokenKind kind) => kind is
        TokenKind.Dot or TokenKind.LParen or TokenKind.EqualEqual or TokenKind.NotEqual or
        TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual or
        TokenKind.Plus or TokenKind.Minus or TokenKind.Star or TokenKind.Slash or
        TokenKind.AndAnd or TokenKind.OrOr;

    /// <summary>
    /// A list of statements in which a statement that fails is replaced by a recovered
    /// node holding its error, after skipping to the next line at the same depth.
    /// </summary>
    private Parser<Token, ImmutableArray<StatementSyntax>> StatementList(Parser<Token, StatementSyntax> statement, bool insideBlock)
    {
        var stop = Lookahead(TokenParser.Token(t => t.Kind is TokenKind.EndOfFile || (insideBlock && t.Kind is TokenKind.RBrace)));
        var recovering = TokenParser.CurrentOffset.Bind(statementStart => statement.RecoverWith(error =>
            TokenParser.CurrentOffset.Bind(start =>
            {
                var end = SyncPoint(statementStart, start, insideBlock);
                var from = _tokens[Math.Min(start, _tokens.Length - 1)].Span.Start;
                var to = end > start ? _tokens[end - 1].Span.End : from;
                var first = _tokens[Math.Min(statementStart, _tokens.Length - 1)];
                var head = first.Kind == TokenKind.Identifier ? first.Text : null;
                return TokenParser.Any.Repeat(end - start).ThenReturn((StatementSyntax)new RecoveredStatementSyntax(error, TextSpan.FromBounds(from, to)) { HeadName = head });
            })));
        var skipSemicolons = Tok(TokenKind.Semicolon, "`;`").SkipMany();
        return skipSemicolons.Then(Not(stop).Then(recovering).Before(skipSemicolons).Many()).Select(s => s.ToImmutableArray());
    }

    /// <summary>
    /// Where parsing resumes after an error at token <paramref name="start"/>: the next token
    /// that starts a line at the same bracket depth, or the <c>}</c> closing the block.
    /// At least one token is always skipped so that recovery makes progress.
    /// </summary>
    private int SyncPoint(int statementStart, int start, bool insideBlock)
    {
        var last = _tokens.Length - 1;
        if (start > statementStart && start <= last &&
            (_tokens[start].NewlineBefore || _tokens[start].Kind == TokenKind.EndOfFile || (insideBlock && _tokens[start].Kind == TokenKind.RBrace)))
        {
            // The statement broke off at the end of its line: the next line is intact.
            return start;
        }

        var depth = 0;
        var i = start;
        while (i < last)
        {
            var t = _tokens[i];
            if (i > start && depth == 0 && (t.NewlineBefore || t.Kind == TokenKind.Semicolon))
            {
                break;
            }

            if (t.Kind is TokenKind.LBrace or TokenKind.LParen or TokenKind.LBracket)
            {
                depth++;
            }
            else if (t.Kind is TokenKind.RBrace or TokenKind.RParen or TokenKind.RBracket)
            {
                if (depth > 0)
                {
                    depth--;
                }
                else if (t.Kind == TokenKind.RBrace && insideBlock && i > start)
                {
                    break;
                }
            }

            i++;
        }

        return Math.Max(i, Math.Min(start + 1, last));
    }

    private Parser<Token, ExpressionSyntax> BuildExpression(bool sameLine, Parser<Token, ExpressionSyntax>? multiLine)
    {
        Parser<Token, ExpressionSyntax>? expr = null;
        var self = Rec(() => expr!);
        var inner = multiLine ?? self;

        Parser<Token, Token> T(TokenKind kind, string label) => sameLine ? Same(kind, label) : Tok(kind, label);

        var name = TokenParser.Token(t => t.Kind == TokenKind.Identifier && (!ReservedWords.Contains(t.Text) || t.Text is "true" or "false"))
            .Labelled("name")
            .Select(t => new NameSyntax(t.Text, t.Span));

        var unit = OneOf(
            Same(TokenKind.Percent, "`%`").Select(t => new NameSyntax("%", t.Span)),
            Try(TokenParser.Token(t => t.Kind == TokenKind.Identifier && !t.NewlineBefore && !ReservedWords.Contains(t.Text))
                .Labelled("unit")
                .Before(Not(Lookahead(Tok(TokenKind.Assign, "`=`"))))
                .Select(t => new NameSyntax(t.Text, t.Span))));

        var number =
            from n in Tok(TokenKind.Number, "number")
            from u in unit.Optional()
            select (ExpressionSyntax)new NumberSyntax(n.Text, u.HasValue ? u.Value : null, n.Span, u.HasValue ? n.Span.Cover(u.Value.Span) : n.Span);

        var str = Tok(TokenKind.String, "string").Select(t => (ExpressionSyntax)new StringSyntax(t.Text, t.Span));

        var hook = Tok(TokenKind.HookBlock, "C# hook").Or(Tok(TokenKind.HookExpression, "C# hook"))
            .Select(t => (ExpressionSyntax)new HookSyntax(t.Kind == TokenKind.HookExpression, t.Text, t.ContentSpan, t.Span));

        var path =
            from first in name
            from rest in Try(Same(TokenKind.Dot, "`.`").Then(Same(TokenKind.Identifier, "name"))).Many()
            select new PathSyntax(
                [first, .. rest.Select(t => new NameSyntax(t.Text, t.Span))],
                rest.Any() ? first.Span.Cover(rest.Last().Span) : first.Span);

        var callArg =
            from n in Try(Tok(TokenKind.Identifier, "name").Before(Tok(TokenKind.Assign, "`=`"))).Optional()
            from v in inner
            select new CallArgumentSyntax(
                n.HasValue ? new NameSyntax(n.Value.Text, n.Value.Span) : null,
                v,
                n.HasValue ? n.Value.Span.Cover(v.Span) : v.Span);

        var pathOrCall =
            from p in path
            from args in Same(TokenKind.LParen, "`(`")
                .Then(callArg.Separated(Tok(TokenKind.Comma, "`,`")), (open, a) => (open, a))
                .Then(Tok(TokenKind.RParen, "`)`"), (x, close) => (x.a, close))
                .Optional()
            select args.HasValue
                ? (ExpressionSyntax)new CallSyntax(p, [.. args.Value.a], p.Span.Cover(args.Value.close.Span))
                : p;

        var list =
            from open in Tok(TokenKind.LBracket, "`[`")
            from items in inner.Separated(Tok(TokenKind.Comma, "`,`"))
            from close in Tok(TokenKind.RBracket, "`]`")
            select (ExpressionSyntax)new ListSyntax([.. items], open.Span.Cover(close.Span));

        var paren =
            from open in Tok(TokenKind.LParen, "`(`")
            from items in inner.SeparatedAtLeastOnce(Tok(TokenKind.Comma, "`,`"))
            from close in Tok(TokenKind.RParen, "`)`")
            select items.Count() == 1
                ? (ExpressionSyntax)new ParenthesizedSyntax(items.First(), open.Span.Cover(close.Span))
                : new TupleSyntax([.. items], open.Span.Cover(close.Span));

        var primary = OneOf(number, str, hook, list, paren, pathOrCall).Labelled("value");

        var per = Word("per", sameLine).Then(T(TokenKind.Identifier, "unit"), (_, u) => new NameSyntax(u.Text, u.Span));
        var postfix =
            from p in primary
            from rate in per.Optional()
            select rate.HasValue ? new PerSyntax(p, rate.Value, p.Span.Cover(rate.Value.Span)) : p;

        Parser<Token, Func<ExpressionSyntax, ExpressionSyntax, ExpressionSyntax>> Bin(TokenKind kind, string label) =>
            T(kind, label).Select<Func<ExpressionSyntax, ExpressionSyntax, ExpressionSyntax>>(
                t => (l, r) => new BinarySyntax(l, t.Kind, t.Span, r, l.Span.Cover(r.Span)));

        Parser<Token, Func<ExpressionSyntax, ExpressionSyntax>> Un(TokenKind kind, string label) =>
            Tok(kind, label).Select<Func<ExpressionSyntax, ExpressionSyntax>>(
                t => e => new UnarySyntax(t.Kind, e, t.Span.Cover(e.Span)));

        expr = ExpressionParser.Build(
            postfix,
            [
                Operator.Prefix(Un(TokenKind.Minus, "`-`")).And(Operator.Prefix(Un(TokenKind.Bang, "`!`"))),
                Operator.InfixL(Bin(TokenKind.Star, "`*`")).And(Operator.InfixL(Bin(TokenKind.Slash, "`/`"))),
                Operator.InfixL(Bin(TokenKind.Plus, "`+`")).And(Operator.InfixL(Bin(TokenKind.Minus, "`-`"))),
                Operator.InfixN(Bin(TokenKind.EqualEqual, "`==`"))
                    .And(Operator.InfixN(Bin(TokenKind.NotEqual, "`!=`")))
                    .And(Operator.InfixN(Bin(TokenKind.Less, "`<`")))
                    .And(Operator.InfixN(Bin(TokenKind.LessEqual, "`<=`")))
                    .And(Operator.InfixN(Bin(TokenKind.Greater, "`>`")))
                    .And(Operator.InfixN(Bin(TokenKind.GreaterEqual, "`>=`"))),
                Operator.InfixL(Bin(TokenKind.AndAnd, "`&&`")),
                Operator.InfixL(Bin(TokenKind.OrOr, "`||`")),
            ]);
        return expr;
    }
}

/// <summary>A statement that failed to parse, with the parser's error; turned into a diagnostic.</summary>
/// <param name="Error">What the parser expected and found.</param>
/// <param name="Span">The skipped characters.</param>
internal sealed record RecoveredStatementSyntax(ParseError<Token> Error, TextSpan Span) : ErrorStatementSyntax(Span);
