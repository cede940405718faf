using ProtoScript.Language.Text;

namespace ProtoScript.Language.Syntax;

/// <summary>The kinds of tokens the lexer produces.</summary>
public enum TokenKind
{
    /// <summary>A name: letters, digits and underscores, not starting with a digit.</summary>
    Identifier,

    /// <summary>A number literal such as <c>10_000</c> or <c>0.3</c>.</summary>
    Number,

    /// <summary>A double-quoted string literal.</summary>
    String,

    /// <summary>A <c>csharp { statements }</c> hook; the token's text is the C# code.</summary>
    HookBlock,

    /// <summary>A <c>csharp =&gt; expression</c> hook; the token's text is the C# expression.</summary>
    HookExpression,

    /// <summary><c>{</c></summary>
    LBrace,

    /// <summary><c>}</c></summary>
    RBrace,

    /// <summary><c>(</c></summary>
    LParen,

    /// <summary><c>)</c></summary>
    RParen,

    /// <summary><c>[</c></summary>
    LBracket,

    /// <summary><c>]</c></summary>
    RBracket,

    /// <summary><c>,</c></summary>
    Comma,

    /// <summary><c>;</c></summary>
    Semicolon,

    /// <summary><c>.</c></summary>
    Dot,

    /// <summary><c>=</c></summary>
    Assign,

    /// <summary><c>==</c></summary>
    EqualEqual,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary><c>&lt;</c></summary>
    Less,

    /// <summary><c>&lt;=</c></summary>
    LessEqual,

    /// <summary><c>&gt;</c></summary>
    Greater,

    /// <summary><c>&gt;=</c></summary>
    GreaterEqual,

    /// <summary><c>+</c></summary>
    Plus,

    /// <summary><c>-</c></summary>
    Minus,

    /// <summary><c>*</c></summary>
    Star,

    /// <summary><c>/</c></summary>
    Slash,

    /// <summary><c>%</c></summary>
    Percent,

    /// <summary><c>&amp;&amp;</c></summary>
    AndAnd,

    /// <summary><c>||</c></summary>
    OrOr,

    /// <summary><c>!</c></summary>
    Bang,

    /// <summary>The end of the input.</summary>
    EndOfFile,
}

/// <summary>
/// One token. <see cref="NewlineBefore"/> records whether a line break separates it from
/// the previous token, because a statement ends at the end of its line.
/// </summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Span">Where it is in the source, including quotes or the <c>csharp</c> keyword.</param>
/// <param name="Text">Identifier or number text, unescaped string value, or a hook's C# code.</param>
/// <param name="NewlineBefore">True when a line break precedes the token.</param>
/// <param name="ContentSpan">For hooks, the span of the C# code alone; otherwise the same as <paramref name="Span"/>.</param>
public readonly record struct Token(TokenKind Kind, TextSpan Span, string Text, bool NewlineBefore, TextSpan ContentSpan)
{
    /// <summary>A short description for diagnostics: the token's text in backticks, or what it is.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.EndOfFile => "end of file",
        TokenKind.String => "string \"" + Text + "\"",
        TokenKind.HookBlock or TokenKind.HookExpression => "C# hook",
        TokenKind.Number => "number `" + Text + "`",
        _ => "`" + Text + "`",
    };
}
