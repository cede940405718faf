using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Syntax;

/// <summary>
/// Turns source text into tokens. The lexer never throws: bad characters, unterminated
/// strings, comments and hooks become diagnostics and lexing goes on, so one run reports
/// every independent problem. Nesting depth is bounded here, before any recursive
/// parsing, because a stack overflow cannot be caught in .NET.
/// </summary>
public sealed class Lexer
{
    /// <summary>Deepest nesting of brackets and braces accepted.</summary>
    public const int MaxNestingDepth = 64;

    /// <summary>Longest number literal accepted, in characters.</summary>
    public const int MaxNumberLength = 64;

    private readonly SourceText _source;
    private readonly string _text;
    private readonly DiagnosticBag _diagnostics;
    private readonly TokenBuffer _tokens = new();
    private readonly ImmutableArray<CommentTrivia>.Builder? _comments;
    private int _pos;
    private bool _newline = true;
    private int _depth;

    private Lexer(SourceText source, DiagnosticBag diagnostics, bool keepComments)
    {
        _source = source;
        _text = source.Text;
        _diagnostics = diagnostics;
        _comments = keepComments ? ImmutableArray.CreateBuilder<CommentTrivia>() : null;
    }

    /// <summary>Lexes a whole source; the result always ends with an end-of-file token. Comments are skipped.</summary>
    public static ImmutableArray<Token> Lex(SourceText source, DiagnosticBag diagnostics)
    {
        var lexer = new Lexer(source, diagnostics, keepComments: false);
        lexer.Run();
        return lexer._tokens.ToImmutableAndFree();
    }

    /// <summary>
    /// Lexes a whole source and also records its comments, in source order, for tools that
    /// must keep them (the formatter). The tokens are exactly those <see cref="Lex"/> returns.
    /// </summary>
    public static LexResult LexWithComments(SourceText source, DiagnosticBag diagnostics)
    {
        var lexer = new Lexer(source, diagnostics, keepComments: true);
        lexer.Run();
        return new LexResult(lexer._tokens.ToImmutableAndFree(), lexer._comments!.ToImmutable());
    }

    /// <summary>
    /// Lexes into a pooled buffer for the parser, which only reads the tokens while it runs:
    /// the caller disposes the buffer, so no large token array is allocated per parse.
    /// </summary>
    internal static TokenBuffer LexPooled(SourceText source, DiagnosticBag diagnostics, out ImmutableArray<CommentTrivia> comments)
    {
        var lexer = new Lexer(source, diagnostics, keepComments: true);
        lexer.Run();
        comments = lexer._comments!.ToImmutable();
        return lexer._tokens;
    }

    private void Run()
    {
        while (true)
        {
            SkipTrivia();
            if (_pos >= _text.Length)
            {
                break;
            }

            if (!LexToken())
            {
                // Nesting too deep: stop here, the parser sees the end of the file.
                break;
            }
        }

        _tokens.Add(new Token(TokenKind.EndOfFile, new TextSpan(_text.Length, 0), string.Empty, true, new TextSpan(_text.Length, 0)));
    }

    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                _newline = true;
                _pos++;
            }
            else if (c is ' ' or '\t' or '\r' or '\f' or '\v' or '\uFEFF')
            {
                _pos++;
            }
            else if (c == '/' && Peek(1) == '/')
            {
                var start = _pos;
                var end = _text.IndexOf('\n', _pos);
                _pos = end < 0 ? _text.Length : end;
                if (_comments is not null)
                {
                    // The comment's text stops before a CRLF's carriage return.
                    var stop = _pos > start + 2 && _text[_pos - 1] == '\r' ? _pos - 1 : _pos;
                    _comments.Add(new CommentTrivia(TextSpan.FromBounds(start, stop), CommentKind.Line, !_newline));
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var start = _pos;
                var end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    _diagnostics.Error(DiagnosticCodes.UnterminatedComment, _source, new TextSpan(start, 2), "this comment is never closed", "add `*/` where the comment ends");
                    _comments?.Add(new CommentTrivia(TextSpan.FromBounds(start, _text.Length), CommentKind.Block, !_newline));
                    _pos = _text.Length;
                    return;
                }

                _comments?.Add(new CommentTrivia(TextSpan.FromBounds(start, end + 2), CommentKind.Block, !_newline));
                if (_text.AsSpan(start, end - start).Contains('\n'))
                {
                    _newline = true;
                }

                _pos = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private char Peek(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private void Add(TokenKind kind, int start, string text)
    {
        var span = TextSpan.FromBounds(start, _pos);
        _tokens.Add(new Token(kind, span, text, _newline, span));
        _newline = false;
    }

    private bool LexToken()
    {
        var start = _pos;
        var c = _text[_pos];
        if (char.IsLetter(c) || c == '_')
        {
            while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
            {
                _pos++;
            }

            var word = _text[start.._pos];
            if (word == "csharp" && TryLexHook(start))
            {
                return true;
            }

            Add(TokenKind.Identifier, start, word);
            return true;
        }

        if (char.IsAsciiDigit(c))
        {
            LexNumber(start);
            return true;
        }

        if (c == '"')
        {
            LexString(start);
            return true;
        }

        _pos++;
        switch (c)
        {
            case '{': return Open(TokenKind.LBrace, start, "{");
            case '(': return Open(TokenKind.LParen, start, "(");
            case '[': return Open(TokenKind.LBracket, start, "[");
            case '}': Close(TokenKind.RBrace, start, "}"); return true;
            case ')': Close(TokenKind.RParen, start, ")"); return true;
            case ']': Close(TokenKind.RBracket, start, "]"); return true;
            case ',': Add(TokenKind.Comma, start, ","); return true;
            case ';': Add(TokenKind.Semicolon, start, ";"); return true;
            case '.': Add(TokenKind.Dot, start, "."); return true;
            case '+': Add(TokenKind.Plus, start, "+"); return true;
            case '-': Add(TokenKind.Minus, start, "-"); return true;
            case '*': Add(TokenKind.Star, start, "*"); return true;
            case '/': Add(TokenKind.Slash, start, "/"); return true;
            case '%': Add(TokenKind.Percent, start, "%"); return true;
            case '=':
                if (Peek(0) == '=')
                {
                    _pos++;
                    Add(TokenKind.EqualEqual, start, "==");
                }
                else
                {
                    Add(TokenKind.Assign, start, "=");
                }

                return true;
            case '!':
                if (Peek(0) == '=')
                {
                    _pos++;
                    Add(TokenKind.NotEqual, start, "!=");
                }
                else
                {
                    Add(TokenKind.Bang, start, "!");
                }

                return true;
            case '<':
                if (Peek(0) == '=')
                {
                    _pos++;
                    Add(TokenKind.LessEqual, start, "<=");
                }
                else
                {
                    Add(TokenKind.Less, start, "<");
                }

                return true;
            case '>':
                if (Peek(0) == '=')
                {
                    _pos++;
                    Add(TokenKind.GreaterEqual, start, ">=");
                }
                else
                {
                    Add(TokenKind.Greater, start, ">");
                }

                return true;
            case '&' when Peek(0) == '&':
                _pos++;
                Add(TokenKind.AndAnd, start, "&&");
                return true;
            case '|' when Peek(0) == '|':
                _pos++;
                Add(TokenKind.OrOr, start, "||");
                return true;
        }

        // Skip a whole run of unexpected characters so that binary garbage gives one diagnostic, not thousands.
        while (_pos < _text.Length && !IsTokenStart(_text[_pos]) && !char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }

        var shown = char.IsControl(c) || c > '\u007e' ? FormattableString.Invariant($"U+{(int)c:X4}") : "`" + c + "`";
        _diagnostics.Error(DiagnosticCodes.UnexpectedCharacter, _source, TextSpan.FromBounds(start, _pos), $"unexpected character {shown}", "remove it; the language uses ASCII punctuation only");
        return true;
    }

    private static bool IsTokenStart(char c) =>
        char.IsAsciiLetterOrDigit(c) || c == '_' || c == '"' || "{}()[],;.+-*/%=!<>&|".Contains(c);

    private bool Open(TokenKind kind, int start, string text)
    {
        _depth++;
        if (_depth > MaxNestingDepth)
        {
            _diagnostics.Error(DiagnosticCodes.NestingTooDeep, _source, new TextSpan(start, 1), $"brackets are nested more than {MaxNestingDepth} levels deep", "flatten the scenario; the rest of the file was not read");
            return false;
        }

        Add(kind, start, text);
        return true;
    }

    private void Close(TokenKind kind, int start, string text)
    {
        _depth = Math.Max(0, _depth - 1);
        Add(kind, start, text);
    }

    private void LexNumber(int start)
    {
        while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }

        if (Peek(0) == '.' && char.IsAsciiDigit(Peek(1)))
        {
            _pos++;
            while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '_'))
            {
                _pos++;
            }
        }

        var raw = _text[start.._pos];
        if (raw.Length > MaxNumberLength)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidNumber, _source, TextSpan.FromBounds(start, _pos), $"number literal is {raw.Length} characters long; at most {MaxNumberLength} are accepted", "use a unit to scale it, e.g. `100 eth` instead of wei");
        }
        else if (raw.EndsWith('_') || raw.Contains("__", StringComparison.Ordinal) || raw.Contains("_.", StringComparison.Ordinal) || raw.Contains("._", StringComparison.Ordinal))
        {
            _diagnostics.Error(DiagnosticCodes.InvalidNumber, _source, TextSpan.FromBounds(start, _pos), $"malformed number `{raw}`", "`_` may only separate digits, as in `10_000`");
        }

        Add(TokenKind.Number, start, raw.Replace("_", string.Empty, StringComparison.Ordinal));
    }

    private void LexString(int start)
    {
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                _diagnostics.Error(DiagnosticCodes.UnterminatedString, _source, TextSpan.FromBounds(start, _pos), "this string is never closed", "add a closing `\"` on the same line");
                break;
            }

            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                break;
            }

            if (c == '\\' && _pos + 1 < _text.Length && _text[_pos + 1] is '"' or '\\')
            {
                sb.Append(_text[_pos + 1]);
                _pos += 2;
                continue;
            }

            sb.Append(c);
            _pos++;
        }

        Add(TokenKind.String, start, sb.ToString());
    }

    private bool TryLexHook(int start)
    {
        var p = _pos;
        while (p < _text.Length && _text[p] is ' ' or '\t' or '\r' or '\n')
        {
            p++;
        }

        if (p < _text.Length && _text[p] == '{')
        {
            var contentStart = p + 1;
            var end = CSharpScanner.FindClosingBrace(_text, contentStart);
            if (end < 0)
            {
                _diagnostics.Error(DiagnosticCodes.UnterminatedHook, _source, TextSpan.FromBounds(start, p + 1), "this C# hook is never closed", "balance its braces; braces inside C# strings and comments do not count");
                _pos = _text.Length;
                return true;
            }

            _pos = end + 1;
            var content = TextSpan.FromBounds(contentStart, end);
            _tokens.Add(new Token(TokenKind.HookBlock, TextSpan.FromBounds(start, _pos), _text[contentStart..end], _newline, content));
            _newline = false;
            return true;
        }

        if (p + 1 < _text.Length && _text[p] == '=' && _text[p + 1] == '>')
        {
            var contentStart = p + 2;
            var end = CSharpScanner.FindExpressionEnd(_text, contentStart);
            _pos = end;
            var content = TrimSpan(TextSpan.FromBounds(contentStart, end));
            _tokens.Add(new Token(TokenKind.HookExpression, TextSpan.FromBounds(start, content.End), _source.GetText(content), _newline, content));
            _newline = false;
            return true;
        }

        return false;
    }

    private TextSpan TrimSpan(TextSpan span)
    {
        var s = span.Start;
        var e = span.End;
        while (s < e && char.IsWhiteSpace(_text[s]))
        {
            s++;
        }

        while (e > s && char.IsWhiteSpace(_text[e - 1]))
        {
            e--;
        }

        return TextSpan.FromBounds(s, e);
    }

    /// <summary>
    /// The tokens while lexing, in a pooled array: growing an immutable-array builder by
    /// doubling left several large-object-heap arrays of garbage per file, collected in
    /// generation 2. Only the final, exactly sized array is allocated, if any.
    /// </summary>
    internal sealed class TokenBuffer : IDisposable
    {
        private Token[] _items = ArrayPool<Token>.Shared.Rent(256);
        private int _count;

        /// <summary>The tokens; valid until the buffer is disposed.</summary>
        public ReadOnlySpan<Token> Span => _items.AsSpan(0, _count);

        public void Add(Token token)
        {
            if (_count == _items.Length)
            {
                var bigger = ArrayPool<Token>.Shared.Rent(_items.Length * 2);
                Array.Copy(_items, bigger, _count);
                ArrayPool<Token>.Shared.Return(_items, clearArray: true);
                _items = bigger;
            }

            _items[_count++] = token;
        }

        public ImmutableArray<Token> ToImmutableAndFree()
        {
            var result = ImmutableArray.Create(_items, 0, _count);
            Dispose();
            return result;
        }

        public void Dispose()
        {
            if (_items.Length > 0)
            {
                // Cleared so that the pool does not keep the token strings alive.
                ArrayPool<Token>.Shared.Return(_items, clearArray: true);
            }

            _items = [];
            _count = 0;
        }
    }
}
