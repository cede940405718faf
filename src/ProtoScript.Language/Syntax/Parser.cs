using System.Collections.Frozen;
using System.Collections.Immutable;
using Pidgin;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Text;
using static Pidgin.Parser;

namespace ProtoScript.Language.Syntax;

/// <summary>
/// The Pidgin grammar of the language, over the lexer's tokens. A statement ends at the
/// end of its line (or at <c>;</c> or <c>}</c>); fields may share a line. When a statement
/// does not parse, its diagnostic is recorded and parsing resumes at the next line of
/// the same block, so one run reports every independent syntax error.
/// </summary>
public static class ScenarioParser
{
    /// <summary>Words that are never units and never end a statement's arguments early.</summary>
    public static readonly ImmutableHashSet<string> ReservedWords =
        ImmutableHashSet.Create(StringComparer.Ordinal, "like", "for", "on", "in", "runs", "funded", "per", "true", "false", "csharp");

    // The same words for the grammar, which asks for nearly every identifier: a frozen set
    // looks a short string up several times faster than the immutable hash set. Declared
    // before the grammar, which reads it while it is built.
    internal static readonly FrozenSet<string> ReservedLookup = ReservedWords.ToFrozenSet(StringComparer.Ordinal);

    // Built once: the grammar holds no per-parse state, so one instance serves every thread.
    private static readonly Parser<Token, DocumentSyntax> Document = BuildGrammar();

    /// <summary>Parses a source text; never throws. Diagnostics go to <paramref name="diagnostics"/>.</summary>
    public static DocumentSyntax Parse(SourceText source, DiagnosticBag diagnostics)
    {
        using var buffer = Lexer.LexPooled(source, diagnostics, out var comments);
        var tokens = buffer.Span;
        var result = Document.Parse(tokens);
        if (!result.Success)
        {
            // The grammar recovers from every statement-level error, so this is a failure at file level.
            diagnostics.Add(ToDiagnostic(tokens, source, result.Error!));
            return new DocumentSyntax([], new TextSpan(0, source.Text.Length)) { Comments = comments };
        }

        var unclosed = new List<TextSpan>();
        foreach (var error in CollectErrors(result.Value, unclosed))
        {
            diagnostics.Add(ToDiagnostic(tokens, source, error));
        }

        foreach (var brace in unclosed)
        {
            diagnostics.Error(DiagnosticCodes.UnexpectedToken, source, brace, "this block is never closed: the file ends before its `}`", "add the missing `}`");
        }

        return result.Value with { Comments = comments };
    }

    /// <summary>Tokens that, right after a name on the same line, make the statement an expression (an assertion).</summary>
    internal static bool IsAssertionContinuation(TokenKind kind) => kind is
        TokenKind.Dot or TokenKind.LParen or TokenKind.EqualEqual or TokenKind.NotEqual or
        TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual or
        TokenKind.Plus or TokenKind.Minus or TokenKind.Star or TokenKind.Slash or
        TokenKind.AndAnd or TokenKind.OrOr;

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

    private static Diagnostic ToDiagnostic(ReadOnlySpan<Token> tokens, SourceText source, ParseError<Token> error)
    {
        var index = (int)Math.Clamp(error.ErrorOffset, 0, tokens.Length - 1);
        var token = tokens[index];
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
            // Point just past the previous token, where the line ended too early: at the
            // character after it, or nowhere when it is the last of the file.
            var after = tokens[index - 1].Span.End;
            span = new TextSpan(after, Math.Min(1, source.Text.Length - after));
            what = token.Kind == TokenKind.EndOfFile ? "end of file" : "end of line";
        }

        var message = expected.Count > 0
            ? $"unexpected {what}; expected {JoinOr(expected)}"
            : $"unexpected {what}";
        return new Diagnostic(DiagnosticCodes.UnexpectedToken, DiagnosticSeverity.Error, message, source, span);
    }

    private static string JoinOr(List<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1];

    private static KindParser Tok(TokenKind kind, string label) => new(kind, sameLine: false, label);

    /// <summary>
    /// The grammar. Every choice is made on the current token's kind (with one token of
    /// lookahead for <c>name =</c>), so no alternative is tried and then undone; the custom
    /// parsers it is built from are in GrammarParsers.cs.
    /// </summary>
    private static Parser<Token, DocumentSyntax> BuildGrammar()
    {
        Parser<Token, StatementSyntax>? statement = null;
        var statementRef = Rec(() => statement!);

        var multi = BuildExpression(sameLine: false, multiLine: null);
        var single = BuildExpression(sameLine: true, multiLine: multi);

        // The file may end inside a block: that is reported once, at the `{`, by Parse.
        var close = Tok(TokenKind.RBrace, "`}`").Select(t => (Token: t, Closed: true))
            .Or(Lookahead(Tok(TokenKind.EndOfFile, "end of file")).Select(t => (Token: t, Closed: false)));
        var body = Map(
            (open, statements, end) => new BodySyntax(statements, open.Span.Cover(end.Token.Span)) { UnclosedBrace = end.Closed ? null : open.Span },
            Tok(TokenKind.LBrace, "`{`"),
            new StatementListParser(statementRef, insideBlock: true),
            close);

        var value = new SameLineParser<ExpressionSyntax>(single, Grammar.ValueOnSameLineExpected).Labelled("value");
        var arguments = new ArgumentsParser(single);
        var optionalBody = new OptionalBodyParser(body);
        var name = Tok(TokenKind.Identifier, "name").Select(t => new NameSyntax(t.Text, t.Span));

        var field = Map(
            (head, v, objBody, args) => (StatementSyntax)MakeEntry(
                head,
                objBody is not null ? new ObjectSyntax(v, objBody, v.Span.Cover(objBody.Span)) : v,
                args,
                null),
            name.Before(Tok(TokenKind.Assign, "`=`")),
            value,
            optionalBody,
            arguments);

        var assertion = single.Select(e => (StatementSyntax)new AssertionSyntax(e));

        var command = Map(
            (head, args, b) => (StatementSyntax)MakeEntry(head, null, args, b),
            name,
            arguments,
            optionalBody);

        statement = new StatementParser(field, assertion, command).Before(EndOfStatementParser.Instance);

        return Map(
            (statements, end) => new DocumentSyntax(statements, new TextSpan(0, end.Span.End)),
            new StatementListParser(statementRef, insideBlock: false),
            Tok(TokenKind.EndOfFile, "end of file"));
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

    private static Parser<Token, ExpressionSyntax> BuildExpression(bool sameLine, Parser<Token, ExpressionSyntax>? multiLine)
    {
        Parser<Token, ExpressionSyntax>? expr = null;
        var self = Rec(() => expr!);
        var inner = multiLine ?? self;
        var comma = Tok(TokenKind.Comma, "`,`");

        var list = Map(
            (open, items, close) => (ExpressionSyntax)new ListSyntax([.. items], open.Span.Cover(close.Span)),
            Tok(TokenKind.LBracket, "`[`"),
            inner.Separated(comma),
            Tok(TokenKind.RBracket, "`]`"));

        var paren = Map(
            (open, items, close) => items.Count() == 1
                ? (ExpressionSyntax)new ParenthesizedSyntax(items.First(), open.Span.Cover(close.Span))
                : new TupleSyntax([.. items], open.Span.Cover(close.Span)),
            Tok(TokenKind.LParen, "`(`"),
            inner.SeparatedAtLeastOnce(comma),
            Tok(TokenKind.RParen, "`)`"));

        var callArgs = new CallArgumentParser(inner).Separated(comma).Select(a => a.ToImmutableArray());
        var primary = new PrimaryParser(list, paren, callArgs, Tok(TokenKind.RParen, "`)`")).Labelled("value");
        expr = new OperatorParser(primary, sameLine);
        return expr;
    }
}

/// <summary>A statement that failed to parse, with the parser's error; turned into a diagnostic.</summary>
/// <param name="Error">What the parser expected and found.</param>
/// <param name="Span">The skipped characters.</param>
internal sealed record RecoveredStatementSyntax(ParseError<Token> Error, TextSpan Span) : ErrorStatementSyntax(Span);
