using System.Collections.Immutable;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Syntax;

/// <summary>Base of every node of the syntax tree; each node knows its exact source span.</summary>
/// <param name="Span">The characters the node covers.</param>
public abstract record SyntaxNode(TextSpan Span);

/// <summary>A whole <c>.proto-script</c> file: its top-level statements.</summary>
/// <param name="Statements">Top-level statements in source order.</param>
/// <param name="Span">The whole file.</param>
public sealed record DocumentSyntax(ImmutableArray<StatementSyntax> Statements, TextSpan Span) : SyntaxNode(Span)
{
    /// <summary>Every comment of the file in source order, for tools that keep them; the binder ignores them.</summary>
    public ImmutableArray<CommentTrivia> Comments { get; init; } = [];
}

/// <summary>A name as written, with its span.</summary>
/// <param name="Text">The identifier.</param>
/// <param name="Span">Where it is.</param>
public sealed record NameSyntax(string Text, TextSpan Span) : SyntaxNode(Span);

/// <summary>Base of statements: the lines inside a block.</summary>
/// <param name="Span">The characters the statement covers.</param>
public abstract record StatementSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary>
/// The one statement shape of the language: a keyword or field name, then an optional
/// <c>= value</c>, then arguments, then an optional block. It covers fields
/// (<c>block_time = 2 s</c>), commands (<c>seed 7</c>, <c>accounts 10_000 funded 100 eth</c>)
/// and blocks (<c>rollup B like A { ... }</c>); the binder gives each its meaning.
/// </summary>
/// <param name="Head">The keyword or field name.</param>
/// <param name="Value">The value after <c>=</c>, for fields.</param>
/// <param name="Args">Arguments after the head (or after the value), on the same line.</param>
/// <param name="Body">The block in braces, if any.</param>
/// <param name="Span">The whole statement.</param>
public sealed record EntrySyntax(
    NameSyntax Head,
    ExpressionSyntax? Value,
    ImmutableArray<ArgumentSyntax> Args,
    BodySyntax? Body,
    TextSpan Span) : StatementSyntax(Span)
{
    /// <summary>True for <c>name = value</c>.</summary>
    public bool IsField => Value is not null;
}

/// <summary>A boolean expression used as a statement, as assertions in <c>expect</c> are.</summary>
/// <param name="Expression">The asserted expression.</param>
public sealed record AssertionSyntax(ExpressionSyntax Expression) : StatementSyntax(Expression.Span);

/// <summary>A statement that could not be parsed; its diagnostic has been reported.</summary>
/// <param name="Span">The skipped characters.</param>
public record ErrorStatementSyntax(TextSpan Span) : StatementSyntax(Span)
{
    /// <summary>The name the broken statement started with, if any, so that it does not also count as missing.</summary>
    public string? HeadName { get; init; }
}

/// <summary>One argument of an entry, remembering whether a comma separated it from the previous one.</summary>
/// <param name="Expression">The argument.</param>
/// <param name="CommaBefore">True when written after a comma (<c>for A, B</c>).</param>
public sealed record ArgumentSyntax(ExpressionSyntax Expression, bool CommaBefore) : SyntaxNode(Expression.Span);

/// <summary>A block in braces.</summary>
/// <param name="Statements">The statements inside.</param>
/// <param name="Span">From <c>{</c> to <c>}</c>.</param>
public sealed record BodySyntax(ImmutableArray<StatementSyntax> Statements, TextSpan Span) : SyntaxNode(Span)
{
    /// <summary>The opening brace of a block that the file ends inside, if this is one.</summary>
    public TextSpan? UnclosedBrace { get; init; }
}

/// <summary>Base of expressions.</summary>
/// <param name="Span">The characters the expression covers.</param>
public abstract record ExpressionSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary>A number, optionally followed by a unit (<c>12 s</c>, <c>100 eth</c>) or <c>%</c>.</summary>
/// <param name="Digits">The digits without separators (<c>10000</c>, <c>0.3</c>).</param>
/// <param name="Unit">The unit name, if any; <c>%</c> for percentages.</param>
/// <param name="NumberSpan">The span of the digits alone.</param>
/// <param name="Span">Digits and unit.</param>
public sealed record NumberSyntax(string Digits, NameSyntax? Unit, TextSpan NumberSpan, TextSpan Span) : ExpressionSyntax(Span);

/// <summary>A string literal (<c>"quickstart"</c>).</summary>
/// <param name="Value">The unescaped value.</param>
/// <param name="Span">With quotes.</param>
public sealed record StringSyntax(string Value, TextSpan Span) : ExpressionSyntax(Span);

/// <summary>A name or dotted path (<c>fcfs</c>, <c>rollup.A.block_time</c>).</summary>
/// <param name="Parts">The names between dots.</param>
/// <param name="Span">The whole path.</param>
public sealed record PathSyntax(ImmutableArray<NameSyntax> Parts, TextSpan Span) : ExpressionSyntax(Span)
{
    /// <summary>The path as written, with dots.</summary>
    public string Text => string.Join('.', Parts.Select(p => p.Text));
}

/// <summary>A call such as <c>poisson(50 / s)</c> or <c>gbm(start = 3000 usdc)</c>.</summary>
/// <param name="Callee">The function's name.</param>
/// <param name="Args">Positional and named arguments.</param>
/// <param name="Span">Through the closing parenthesis.</param>
public sealed record CallSyntax(PathSyntax Callee, ImmutableArray<CallArgumentSyntax> Args, TextSpan Span) : ExpressionSyntax(Span);

/// <summary>An argument of a call, optionally named.</summary>
/// <param name="Name">The name before <c>=</c>, if any.</param>
/// <param name="Value">The value.</param>
/// <param name="Span">Name and value.</param>
public sealed record CallArgumentSyntax(NameSyntax? Name, ExpressionSyntax Value, TextSpan Span) : SyntaxNode(Span);

/// <summary>A list literal <c>[a, b]</c>.</summary>
/// <param name="Items">The elements.</param>
/// <param name="Span">With brackets.</param>
public sealed record ListSyntax(ImmutableArray<ExpressionSyntax> Items, TextSpan Span) : ExpressionSyntax(Span);

/// <summary>A tuple literal <c>(a, b)</c>.</summary>
/// <param name="Items">Two or more elements.</param>
/// <param name="Span">With parentheses.</param>
public sealed record TupleSyntax(ImmutableArray<ExpressionSyntax> Items, TextSpan Span) : ExpressionSyntax(Span);

/// <summary>An expression in parentheses.</summary>
/// <param name="Inner">The expression inside.</param>
/// <param name="Span">With parentheses.</param>
public sealed record ParenthesizedSyntax(ExpressionSyntax Inner, TextSpan Span) : ExpressionSyntax(Span);

/// <summary>A prefix operator: <c>-x</c> or <c>!x</c>.</summary>
/// <param name="Operator">The operator token kind.</param>
/// <param name="Operand">The operand.</param>
/// <param name="Span">Operator and operand.</param>
public sealed record UnarySyntax(TokenKind Operator, ExpressionSyntax Operand, TextSpan Span) : ExpressionSyntax(Span);

/// <summary>A binary operator: arithmetic, comparison or logical.</summary>
/// <param name="Left">Left operand.</param>
/// <param name="Operator">The operator token kind.</param>
/// <param name="OperatorSpan">Where the operator is.</param>
/// <param name="Right">Right operand.</param>
/// <param name="Span">Both operands.</param>
public sealed record BinarySyntax(ExpressionSyntax Left, TokenKind Operator, TextSpan OperatorSpan, ExpressionSyntax Right, TextSpan Span) : ExpressionSyntax(Span);

/// <summary>A rate or scope: <c>60 % per year</c>, <c>normal(30 s, 5 s) per block</c>.</summary>
/// <param name="Value">The quantity.</param>
/// <param name="Per">What it is per.</param>
/// <param name="Span">Both.</param>
public sealed record PerSyntax(ExpressionSyntax Value, NameSyntax Per, TextSpan Span) : ExpressionSyntax(Span);

/// <summary>An embedded C# hook: <c>csharp { statements }</c> or <c>csharp =&gt; expression</c>.</summary>
/// <param name="IsExpression">True for the <c>=&gt;</c> form.</param>
/// <param name="Code">The C# text exactly as written.</param>
/// <param name="CodeSpan">Where the C# text is, so that C# diagnostics map back to the file.</param>
/// <param name="Span">Including the <c>csharp</c> keyword and braces.</param>
public sealed record HookSyntax(bool IsExpression, string Code, TextSpan CodeSpan, TextSpan Span) : ExpressionSyntax(Span);

/// <summary>A value with a block of settings: <c>bft { nodes = 4 }</c>.</summary>
/// <param name="Head">The kind (a path or call).</param>
/// <param name="Body">The settings.</param>
/// <param name="Span">Both.</param>
public sealed record ObjectSyntax(ExpressionSyntax Head, BodySyntax Body, TextSpan Span) : ExpressionSyntax(Span);
