using System.Collections.Immutable;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Syntax;

/// <summary>The two forms of comment.</summary>
public enum CommentKind
{
    /// <summary><c>// to the end of the line</c></summary>
    Line,

    /// <summary><c>/* between delimiters */</c>, possibly over several lines.</summary>
    Block,
}

/// <summary>
/// A comment, which the parser never sees but tools such as the formatter must keep.
/// Comments inside C# hooks belong to the hook's code and are not recorded.
/// </summary>
/// <param name="Span">
/// The comment's characters, delimiters included; a line comment stops before the line
/// break (and before the carriage return of a CRLF).
/// </param>
/// <param name="Kind">Line or block comment.</param>
/// <param name="IsTrailing">
/// True when a token precedes the comment on its line (<c>x = 1 // why</c>); false when
/// it stands alone on its line, or after other comments only.
/// </param>
public readonly record struct CommentTrivia(TextSpan Span, CommentKind Kind, bool IsTrailing);

/// <summary>What <see cref="Lexer.LexWithComments"/> returns: the tokens the parser sees, and the comments.</summary>
/// <param name="Tokens">The tokens, ending with an end-of-file token.</param>
/// <param name="Comments">The comments in source order.</param>
public sealed record LexResult(ImmutableArray<Token> Tokens, ImmutableArray<CommentTrivia> Comments);
