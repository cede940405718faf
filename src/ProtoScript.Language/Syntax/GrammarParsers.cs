using System.Buffers;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Pidgin;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Syntax;

/// <summary>
/// Small Pidgin parsers that decide on the current token's kind (and at most one token of
/// lookahead) instead of trying alternatives and backtracking. Each one fails exactly as the
/// combinator it replaces would: the same error position, unexpected token and expected
/// labels, and the same rule that a failure after consuming input is not retried.
/// </summary>
internal static class Grammar
{
    public static readonly Expected<Token> NameExpected = new("name");
    public static readonly Expected<Token> KeywordExpected = new("keyword");
    public static readonly Expected<Token> ValueOnSameLineExpected = new("value on the same line");
    public static readonly Expected<Token> EndOfLineExpected = new("end of line");
    public static readonly Expected<Token> UnitExpected = new("unit");

    /// <summary>The token after the current one, or an end-of-file token when there is none.</summary>
    public static Token Next(ref ParseState<Token> state)
    {
        var ahead = state.LookAhead(2);
        return ahead.Length > 1 ? ahead[1] : new Token(TokenKind.EndOfFile, default, string.Empty, true, default);
    }

    /// <summary>Records a failure at the current token, as Pidgin's token parsers do.</summary>
    public static void Fail(ref ParseState<Token> state)
    {
        if (state.HasCurrent)
        {
            state.SetError(Maybe.Just(state.Current), false, state.Location, null);
        }
        else
        {
            state.SetError(Maybe.Nothing<Token>(), true, state.Location, null);
        }
    }

    /// <summary>Whether <paramref name="text"/> is one of <see cref="ScenarioParser.ReservedWords"/>.</summary>
    public static bool IsReserved(string text) => ScenarioParser.ReservedLookup.Contains(text);

    /// <summary>A name inside an expression: not a reserved word, except <c>true</c> and <c>false</c>.</summary>
    public static bool IsExpressionName(in Token t) => t.Kind == TokenKind.Identifier && (!IsReserved(t.Text) || t.Text is "true" or "false");

    /// <summary>A keyword argument of an entry (<c>like</c>, <c>for</c>, <c>funded</c>, ...), on the statement's line.</summary>
    public static bool IsKeyword(in Token t) =>
        t.Kind == TokenKind.Identifier && !t.NewlineBefore && IsReserved(t.Text) && t.Text is not ("per" or "true" or "false");

    /// <summary><c>name =</c> starts a field, which also ends the previous statement on the same line.</summary>
    public static bool StartsField(ref ParseState<Token> state) =>
        state.HasCurrent && state.Current.Kind == TokenKind.Identifier && Next(ref state).Kind == TokenKind.Assign;

    public static PooledList<Expected<Token>> NewExpecteds() => new(ArrayPool<Expected<Token>>.Shared);
}

/// <summary>One token of a kind, optionally required to be on the same line; a labelled <c>Token(predicate)</c>.</summary>
internal sealed class KindParser(TokenKind kind, bool sameLine, string label) : Parser<Token, Token>
{
    private readonly Expected<Token> _expected = new(label);

    public override bool TryParse(ref ParseState<Token> state, ref PooledList<Expected<Token>> expecteds, [MaybeNullWhen(false)] out Token result)
    {
        if (state.HasCurrent)
        {
            var t = state.Current;
            if (t.Kind == kind && !(sameLine && t.NewlineBefore))
            {
                state.Advance(1);
                result = t;
                return true;
            }
        }

        Grammar.Fail(ref state);
        expecteds.Add(_expected);
        result = default;
        return false;
    }
}

/// <summary>
/// Runs <paramref name="inner"/> only when the current token is on the same line as the
/// previous one; otherwise fails there without consuming (Pidgin's <c>Lookahead(Token(...))</c>).
/// </summary>
internal sealed class SameLineParser<T>(Parser<Token, T> inner, Expected<Token> expected) : Parser<Token, T>
{
    public override bool TryParse(ref ParseState<Token> state, ref PooledList<Expected<Token>> expecteds, [MaybeNullWhen(false)] out T result)
    {
        if (state.HasCurrent && !state.Current.NewlineBefore)
        {
            return inner.TryParse(ref state, ref expecteds, out result);
        }

        Grammar.Fail(ref state);
        expecteds.Add(expected);
        result = default;
        return false;
    }
}

/// <summary>
/// A statement: chooses field, assertion or command from the first two tokens, where the
/// former grammar tried them in that order with backtracking. A token that starts none of
/// them fails without consuming, expecting a name, as all three alternatives did.
/// </summary>
internal sealed class StatementParser(
    Parser<Token, StatementSyntax> field,
    Parser<Token, StatementSyntax> assertion,
    Parser<Token, StatementSyntax> command) : Parser<Token, StatementSyntax>
{
    public override bool TryParse(ref ParseState<Token> state, ref PooledList<Expected<Token>> expecteds, [MaybeNullWhen(false)] out StatementSyntax result)
    {
        if (!state.HasCurrent)
        {
            Grammar.Fail(ref state);
            expecteds.Add(Grammar.NameExpected);
            result = null;
            return false;
        }

        var first = state.Current;
        switch (first.Kind)
        {
            case TokenKind.Identifier:
                var next = Grammar.Next(ref state);
                if (next.Kind == TokenKind.Assign)
                {
                    return field.TryParse(ref state, ref expecteds, out result);
                }

                // A reserved word cannot start an expression: the assertion would fail on its
                // first token, so the statement is a command (`for A, B { }`).
                if (!next.NewlineBefore && ScenarioParser.IsAssertionContinuation(next.Kind) && Grammar.IsExpressionName(first))
                {
                    return assertion.TryParse(ref state, ref expecteds, out result);
                }

                return command.TryParse(ref state, ref expecteds, out result);
            case TokenKind.Bang or TokenKind.LParen or TokenKind.Number or TokenKind.Minus:
                return assertion.TryParse(ref state, ref expecteds, out result);
            default:
                Grammar.Fail(ref state);
                expecteds.Add(Grammar.NameExpected);
                result = null;
                return false;
        }
    }
}

/// <summary>
/// The end of a statement: <c>;</c>, <c>}</c>, the end of the file, a line break, or the
/// <c>name =</c> of a field sharing the line. Consumes a <c>;</c> if there is one.
/// </summary>
internal sealed class EndOfStatementParser : Parser<Token, Unit>
{
    public static readonly EndOfStatementParser Instance = new();

    public override bool TryParse(ref ParseState<Token> state, ref PooledList<Expected<Token>> expecteds, [MaybeNullWhen(false)] out Unit result)
    {
        result = Unit.Value;
        if (state.HasCurrent)
        {
            var t = state.Current;
            if (t.Kind == TokenKind.Semicolon)
            {
                state.Advance(1);
                return true;
            }

            if (t.Kind is TokenKind.RBrace or TokenKind.EndOfFile || t.NewlineBefore || Grammar.StartsField(ref state))
            {
                return true;
            }
        }

        if (state.HasCurrent && state.Current.Kind == TokenKind.Identifier)
        {
            // Kept from the backtracking grammar, whose last alternative here looked for
            // `name =` and so failed one token later: the error names the token after the
            // name. Pointing at the name itself would be better; that is a behaviour change.
            state.SetError(Maybe.Just(Grammar.Next(ref state)), false, state.Location + 1, null);
        }
        else
        {
            Grammar.Fail(ref state);
        }

        expecteds.Add(Grammar.EndOfLineExpected);
        return false;
    }
}

/// <summary>
/// The arguments after an entry's head or value, up to the end of the line, a block, or the
/// next field on the same line: <c>like A</c>, <c>for A, B</c>, <c>10_000 funded 100 eth</c>.
/// </summary>
internal sealed class ArgumentsParser(Parser<Token, ExpressionSyntax> single) : Parser<Token, ImmutableArray<ArgumentSyntax>>
{
    public override bool TryParse(ref ParseState<Token> state, ref PooledList<Expected<Token>> expecteds, [MaybeNullWhen(false)] out ImmutableArray<ArgumentSyntax> result)
    {
        ImmutableArray<ArgumentSyntax>.Builder? args = null;
        while (state.HasCurrent && !Grammar.StartsField(ref state))
        {
            var start = state.Location;
            var comma = false;
            var t = state.Current;
            if (t.Kind == TokenKind.Comma && !t.NewlineBefore)
            {
                state.Advance(1);
                comma = true;
                t = state.Current;
            }

            ExpressionSyntax expr;
            if (Grammar.IsKeyword(t))
            {
                state.Advance(1);
                expr = new PathSyntax([new NameSyntax(t.Text, t.Span)], t.Span);
            }
            else if (!t.NewlineBefore)
            {
                var afterComma = state.Location;
                var childExpecteds = Grammar.NewExpecteds();
                var ok = single.TryParse(ref state, ref childExpecteds, out var parsed);
                if (!ok)
                {
                    if (state.Location == start)
                    {
                        // Nothing consumed: the arguments simply end here.
                        childExpecteds.Dispose();
                        break;
                    }

                    if (state.Location == afterComma)
                    {
                        // After a comma both alternatives failed on the same token.
                        expecteds.Add(Grammar.KeywordExpected);
                    }

                    expecteds.AddRange(childExpecteds.AsSpan());
                    childExpecteds.Dispose();
                    result = default;
                    return false;
                }

                childExpecteds.Dispose();
                expr = parsed!;
            }
            else if (comma)
            {
                Grammar.Fail(ref state);
                expecteds.Add(Grammar.KeywordExpected);
                expecteds.Add(Grammar.ValueOnSameLineExpected);
                result = default;
                return false;
            }
            else
            {
                break;
            }

            (args ??= ImmutableArray.CreateBuilder<ArgumentSyntax>()).Add(new ArgumentSyntax(expr, comma));
        }

        result = args is null ? [] : args.DrainToImmutable();
        return true;
    }
}

/// <summary>
/// A list of statements. A statement that fails becomes a <see cref="RecoveredStatementSyntax"/>
/// holding its error, and parsing resumes at the next line of the same block.
/// </summary>
internal sealed class StatementListParser(Parser<Token, StatementSyntax> statement, bool insideBlock) : Parser<Token, ImmutableArray<StatementSyntax>>
{
    // Recovery happens here rather than in a Pidgin handler so that the handler needs no
    // per-statement closure over where the statement started.
    private readonly Parser<Token, StatementSyntax> _recovering =
        statement.RecoverWith(static error => Parser<Token>.Return<StatementSyntax>(new PendingRecovery(error)));

    public override bool TryParse(ref ParseState<Token> state, ref PooledList<Expected<Token>> expecteds, [MaybeNullWhen(false)] out ImmutableArray<StatementSyntax> result)
    {
        ImmutableArray<StatementSyntax>.Builder? list = null;
        SkipSemicolons(ref state);
        while (state.HasCurrent)
        {
            var first = state.Current;
            if (first.Kind == TokenKind.EndOfFile || (insideBlock && first.Kind == TokenKind.RBrace))
            {
                break;
            }

            var statementStart = state.Location;
            if (!_recovering.TryParse(ref state, ref expecteds, out var parsed))
            {
                result = default;
                return false;
            }

            if (parsed is PendingRecovery pending)
            {
                parsed = Recover(ref state, statementStart, first, pending.Error);
            }

            (list ??= ImmutableArray.CreateBuilder<StatementSyntax>()).Add(parsed);
            SkipSemicolons(ref state);
        }

        result = list is null ? [] : list.DrainToImmutable();
        return true;
    }

    private static void SkipSemicolons(ref ParseState<Token> state)
    {
        while (state.HasCurrent && state.Current.Kind == TokenKind.Semicolon)
        {
            state.Advance(1);
        }
    }

    private RecoveredStatementSyntax Recover(ref ParseState<Token> state, long statementStart, Token first, ParseError<Token> error)
    {
        var start = state.Location;
        var count = 64;
        var ahead = state.LookAhead(count);
        int skip;
        while (!TrySyncPoint(ahead, start > statementStart, ahead.Length < count, out skip))
        {
            count *= 2;
            ahead = state.LookAhead(count);
        }

        var from = ahead[0].Span.Start;
        var to = skip > 0 ? ahead[skip - 1].Span.End : from;
        state.Advance(skip);
        return new RecoveredStatementSyntax(error, TextSpan.FromBounds(from, to)) { HeadName = first.Kind == TokenKind.Identifier ? first.Text : null };
    }

    /// <summary>
    /// How many tokens to skip after an error at <c>ahead[0]</c>: up to the next token that
    /// starts a line (or follows a <c>;</c>) at the same bracket depth, or the <c>}</c> closing
    /// the block. At least one token is skipped when the statement consumed nothing, so that
    /// recovery makes progress. False when <paramref name="ahead"/> ran out before deciding and
    /// is not the rest of the input.
    /// </summary>
    private bool TrySyncPoint(ReadOnlySpan<Token> ahead, bool consumed, bool toEnd, out int skip)
    {
        skip = 0;
        var lastKnown = toEnd ? ahead.Length - 1 : int.MaxValue;
        if (consumed && (ahead[0].NewlineBefore || ahead[0].Kind == TokenKind.EndOfFile || (insideBlock && ahead[0].Kind == TokenKind.RBrace)))
        {
            // The statement broke off at the end of its line: the next line is intact.
            return true;
        }

        var depth = 0;
        var i = 0;
        while (i < lastKnown)
        {
            if (i >= ahead.Length)
            {
                return false;
            }

            var t = ahead[i];
            if (i > 0 && depth == 0 && (t.NewlineBefore || t.Kind == TokenKind.Semicolon))
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
                else if (t.Kind == TokenKind.RBrace && insideBlock && i > 0)
                {
                    break;
                }
            }

            i++;
        }

        skip = Math.Max(i, Math.Min(1, lastKnown));
        return true;
    }

    private sealed record PendingRecovery(ParseError<Token> Error) : StatementSyntax(default(TextSpan));
}

/// <summary>A number and its optional unit or <c>%</c> on the same line (<c>12 s</c>, <c>0.3 %</c>).</summary>
internal sealed class NumberParser : Parser<Token, ExpressionSyntax>
{
    public static readonly NumberParser Instance = new();

    public override bool TryParse(ref ParseState<Token> state, ref PooledList<Expected<Token>> expecteds, [MaybeNullWhen(false)] out ExpressionSyntax result)
    {
        var n = state.Current;
        state.Advance(1);
        NameSyntax? unit = null;
        if (state.HasCurrent)
        {
            var u = state.Current;
            if (!u.NewlineBefore)
            {
                if (u.Kind == TokenKind.Percent)
                {
                    unit = new NameSyntax("%", u.Span);
                }
                else if (u.Kind == TokenKind.Identifier && !Grammar.IsReserved(u.Text) && Grammar.Next(ref state).Kind != TokenKind.Assign)
                {
                    // A name followed by `=` is the next field on the line, not a unit.
                    unit = new NameSyntax(u.Text, u.Span);
                }

                if (unit is not null)
                {
                    state.Advance(1);
                }
            }
        }

        result = new NumberSyntax(n.Text, unit, n.Span, unit is null ? n.Span : n.Span.Cover(unit.Span));
        return true;
    }
}

/// <summary>
/// A primary value, chosen by the current token's kind: number, string, hook, list,
/// parenthesised expression or tuple, or a path with optional call arguments.
/// </summary>
internal sealed class PrimaryParser(
    Parser<Token, ExpressionSyntax> list,
    Parser<Token, ExpressionSyntax> paren,
    Parser<Token, ImmutableArray<CallArgumentSyntax>> callArgs,
    Parser<Token, Token> callClose) : Parser<Token, ExpressionSyntax>
{
    public override bool TryParse(ref ParseState<Token> state, ref PooledList<Expected<Token>> expecteds, [MaybeNullWhen(false)] out ExpressionSyntax result)
    {
        if (state.HasCurrent)
        {
            var t = state.Current;
            switch (t.Kind)
            {
                case TokenKind.Number:
                    return NumberParser.Instance.TryParse(ref state, ref expecteds, out result);
                case TokenKind.String:
                    state.Advance(1);
                    result = new StringSyntax(t.Text, t.Span);
                    return true;
                case TokenKind.HookBlock or TokenKind.HookExpression:
                    state.Advance(1);
                    result = new HookSyntax(t.Kind == TokenKind.HookExpression, t.Text, t.ContentSpan, t.Span);
                    return true;
                case TokenKind.LBracket:
                    return list.TryParse(ref state, ref expecteds, out result);
                case TokenKind.LParen:
                    return paren.TryParse(ref state, ref expecteds, out result);
                case TokenKind.Identifier when Grammar.IsExpressionName(t):
                    return PathOrCall(ref state, ref expecteds, out result);
            }
        }

        Grammar.Fail(ref state);
        result = null;
        return false;
    }

    private bool PathOrCall(ref ParseState<Token> state, ref PooledList<Expected<Token>> expecteds, [MaybeNullWhen(false)] out ExpressionSyntax result)
    {
        var first = state.Current;
        state.Advance(1);
        var firstName = new NameSyntax(first.Text, first.Span);
        PathSyntax path;

        // `.name` continues the path only when both are on the same line; otherwise the dot stays.
        var ahead = state.LookAhead(2);
        if (ahead.Length == 2 && IsDotName(ahead))
        {
            var parts = ImmutableArray.CreateBuilder<NameSyntax>();
            parts.Add(firstName);
            var lastSpan = first.Span;
            do
            {
                var name = ahead[1];
                parts.Add(new NameSyntax(name.Text, name.Span));
                lastSpan = name.Span;
                state.Advance(2);
                ahead = state.LookAhead(2);
            }
            while (ahead.Length == 2 && IsDotName(ahead));
            path = new PathSyntax(parts.DrainToImmutable(), first.Span.Cover(lastSpan));
        }
        else
        {
            path = new PathSyntax([firstName], first.Span);
        }

        if (!state.HasCurrent || state.Current.Kind != TokenKind.LParen || state.Current.NewlineBefore)
        {
            result = path;
            return true;
        }

        state.Advance(1);
        if (!callArgs.TryParse(ref state, ref expecteds, out var args) || !callClose.TryParse(ref state, ref expecteds, out var close))
        {
            result = null;
            return false;
        }

        result = new CallSyntax(path, args, path.Span.Cover(close.Span));
        return true;
    }

    private static bool IsDotName(ReadOnlySpan<Token> ahead) =>
        ahead[0].Kind == TokenKind.Dot && !ahead[0].NewlineBefore && ahead[1].Kind == TokenKind.Identifier && !ahead[1].NewlineBefore;
}

/// <summary>
/// An argument of a call, optionally named (<c>start = 3000 usdc</c>); the name is taken only
/// when <c>=</c> follows it.
/// </summary>
internal sealed class CallArgumentParser(Parser<Token, ExpressionSyntax> value) : Parser<Token, CallArgumentSyntax>
{
    public override bool TryParse(ref ParseState<Token> state, ref PooledList<Expected<Token>> expecteds, [MaybeNullWhen(false)] out CallArgumentSyntax result)
    {
        NameSyntax? name = null;
        if (Grammar.StartsField(ref state))
        {
            var n = state.Current;
            name = new NameSyntax(n.Text, n.Span);
            state.Advance(2);
        }

        if (!value.TryParse(ref state, ref expecteds, out var v))
        {
            result = null;
            return false;
        }

        result = new CallArgumentSyntax(name, v, name is null ? v.Span : name.Span.Cover(v.Span));
        return true;
    }
}

/// <summary>
/// Operators over primaries, by precedence: one prefix <c>-</c> or <c>!</c>; a <c>per unit</c>
/// suffix; <c>* /</c>; <c>+ -</c>; comparisons (not chained); <c>&amp;&amp;</c>; <c>||</c>.
/// Binary operators (and <c>per</c>) must be on the same line in a single-line expression.
/// Loops, not recursion, so that long chains cannot exhaust the stack.
/// </summary>
internal sealed class OperatorParser(Parser<Token, ExpressionSyntax> primary, bool sameLine) : Parser<Token, ExpressionSyntax>
{
    private const int Levels = 5;

    public override bool TryParse(ref ParseState<Token> state, ref PooledList<Expected<Token>> expecteds, [MaybeNullWhen(false)] out ExpressionSyntax result) =>
        Level(ref state, ref expecteds, Levels - 1, out result);

    private static int LevelOf(TokenKind kind) => kind switch
    {
        TokenKind.Star or TokenKind.Slash => 0,
        TokenKind.Plus or TokenKind.Minus => 1,
        TokenKind.EqualEqual or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual => 2,
        TokenKind.AndAnd => 3,
        TokenKind.OrOr => 4,
        _ => -1,
    };

    private bool Level(ref ParseState<Token> state, ref PooledList<Expected<Token>> expecteds, int level, [MaybeNullWhen(false)] out ExpressionSyntax result)
    {
        if (!Operand(ref state, ref expecteds, level, out var left))
        {
            result = null;
            return false;
        }

        while (state.HasCurrent)
        {
            var op = state.Current;
            if (LevelOf(op.Kind) != level || (sameLine && op.NewlineBefore))
            {
                break;
            }

            state.Advance(1);
            if (!Operand(ref state, ref expecteds, level, out var right))
            {
                result = null;
                return false;
            }

            left = new BinarySyntax(left, op.Kind, op.Span, right, left.Span.Cover(right.Span));
            if (level == 2)
            {
                // Comparisons do not associate: `a == b == c` stops after `a == b`.
                break;
            }
        }

        result = left;
        return true;
    }

    private bool Operand(ref ParseState<Token> state, ref PooledList<Expected<Token>> expecteds, int level, [MaybeNullWhen(false)] out ExpressionSyntax result) =>
        level == 0 ? Unary(ref state, ref expecteds, out result) : Level(ref state, ref expecteds, level - 1, out result);

    private bool Unary(ref ParseState<Token> state, ref PooledList<Expected<Token>> expecteds, [MaybeNullWhen(false)] out ExpressionSyntax result)
    {
        var prefix = state.HasCurrent && state.Current.Kind is TokenKind.Minus or TokenKind.Bang ? state.Current : (Token?)null;
        if (prefix is not null)
        {
            state.Advance(1);
        }

        if (!Postfix(ref state, ref expecteds, out var operand))
        {
            result = null;
            return false;
        }

        result = prefix is { } p ? new UnarySyntax(p.Kind, operand, p.Span.Cover(operand.Span)) : operand;
        return true;
    }

    private bool Postfix(ref ParseState<Token> state, ref PooledList<Expected<Token>> expecteds, [MaybeNullWhen(false)] out ExpressionSyntax result)
    {
        if (!primary.TryParse(ref state, ref expecteds, out var value))
        {
            result = null;
            return false;
        }

        if (state.HasCurrent)
        {
            var per = state.Current;
            if (per.Kind == TokenKind.Identifier && per.Text == "per" && !(sameLine && per.NewlineBefore))
            {
                state.Advance(1);
                if (!state.HasCurrent || state.Current.Kind != TokenKind.Identifier || (sameLine && state.Current.NewlineBefore))
                {
                    Grammar.Fail(ref state);
                    expecteds.Add(Grammar.UnitExpected);
                    result = null;
                    return false;
                }

                var unit = state.Current;
                state.Advance(1);
                var name = new NameSyntax(unit.Text, unit.Span);
                result = new PerSyntax(value, name, value.Span.Cover(name.Span));
                return true;
            }
        }

        result = value;
        return true;
    }
}

/// <summary>A block in braces if the current token is <c>{</c> (on any line), otherwise none.</summary>
internal sealed class OptionalBodyParser(Parser<Token, BodySyntax> body) : Parser<Token, BodySyntax?>
{
    public override bool TryParse(ref ParseState<Token> state, ref PooledList<Expected<Token>> expecteds, out BodySyntax? result)
    {
        if (state.HasCurrent && state.Current.Kind == TokenKind.LBrace)
        {
            return body.TryParse(ref state, ref expecteds, out result);
        }

        result = null;
        return true;
    }
}
