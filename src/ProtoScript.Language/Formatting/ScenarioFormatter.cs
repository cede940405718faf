using System.Collections.Immutable;
using System.Text;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Formatting;

/// <summary>The outcome of formatting a file: the formatted text, or the syntax errors that prevented it.</summary>
/// <param name="Text">The formatted text; null when the file has syntax errors.</param>
/// <param name="Diagnostics">The lexer's and parser's diagnostics, sorted by position.</param>
public sealed record FormattingResult(string? Text, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when the file was formatted.</summary>
    public bool Success => Text is not null;
}

/// <summary>
/// Prints a scenario in the one canonical layout of the language: two spaces per block
/// level, one statement per line, <c>{</c> at the end of the line that opens a block and
/// <c>}</c> on its own line (an empty block is <c>{ }</c>), single spaces around <c>=</c> and
/// binary operators, <c>, </c> after commas, numbers exactly as written, at most one blank
/// line between statements, every comment kept, C# hooks only re-indented, LF line
/// endings and one final newline. The output parses to the same tree as the input.
/// </summary>
public static class ScenarioFormatter
{
    /// <summary>Spaces per block level.</summary>
    public const int IndentSize = 2;

    /// <summary>
    /// Parses and formats a file. A file with syntax errors is never formatted: the result
    /// then holds the errors and no text. Never throws on any input.
    /// </summary>
    /// <param name="path">The path diagnostics print.</param>
    /// <param name="text">The content of the file.</param>
    /// <exception cref="InvalidOperationException">
    /// Only on a bug of the formatter: its output did not parse back to the same tree or lost a comment.
    /// </exception>
    public static FormattingResult Format(string path, string text)
    {
        var diagnostics = new DiagnosticBag();
        if (text.Length > ScenarioCompiler.MaxSourceLength)
        {
            var tooLarge = new SourceText(path, string.Empty);
            diagnostics.Error(DiagnosticCodes.FileTooLarge, tooLarge, default, FormattableString.Invariant($"the file has {text.Length} characters; at most {ScenarioCompiler.MaxSourceLength} are accepted"), "split the scenario");
            return new FormattingResult(null, diagnostics.Sorted());
        }

        var source = new SourceText(path, text);
        var document = ScenarioParser.Parse(source, diagnostics);
        if (diagnostics.HasErrors)
        {
            return new FormattingResult(null, diagnostics.Sorted());
        }

        var formatted = Format(document, source);
        Verify(document, formatted, path);
        return new FormattingResult(formatted, diagnostics.Sorted());
    }

    /// <summary>
    /// Formats a parsed document. The caller must have checked that parsing reported no
    /// error: the lexer drops characters it cannot read, so only the diagnostics tell that
    /// the tree is incomplete. Prefer <see cref="Format(string, string)"/>, which checks.
    /// </summary>
    /// <param name="document">The tree, with its comments (as <see cref="ScenarioParser.Parse"/> returns it).</param>
    /// <param name="source">The text the tree was parsed from.</param>
    /// <exception cref="ArgumentException">The tree holds a statement that did not parse or an unclosed block.</exception>
    public static string Format(DocumentSyntax document, SourceText source)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(source);
        if (HasSyntaxErrors(document.Statements))
        {
            throw new ArgumentException("a document with syntax errors cannot be formatted", nameof(document));
        }

        var writer = new Writer(source.Text, document.Comments.IsDefault ? [] : document.Comments);
        writer.WriteBlock(document.Statements, 0, 0, source.Text.Length);
        return writer.Finish();
    }

    private static bool HasSyntaxErrors(ImmutableArray<StatementSyntax> statements)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case ErrorStatementSyntax:
                    return true;
                case EntrySyntax entry:
                    foreach (var body in Writer.Bodies(entry))
                    {
                        if (body.UnclosedBrace is not null || HasSyntaxErrors(body.Statements))
                        {
                            return true;
                        }
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>Parses the output again: a formatter must never change what a file means or drop a comment.</summary>
    private static void Verify(DocumentSyntax original, string formatted, string path)
    {
        var diagnostics = new DiagnosticBag();
        var again = ScenarioParser.Parse(new SourceText(path, formatted), diagnostics);
        if (diagnostics.HasErrors)
        {
            throw new InvalidOperationException($"the formatted text of `{path}` does not parse: {diagnostics.Sorted()[0].Message}");
        }

        if (SyntaxShape.Render(again) != SyntaxShape.Render(original))
        {
            throw new InvalidOperationException($"the formatted text of `{path}` parses to a different tree");
        }

        if (again.Comments.Length != original.Comments.Length)
        {
            throw new InvalidOperationException($"formatting `{path}` lost a comment");
        }
    }

    /// <summary>The printer: a single pass over the tree, placing comments by their offsets.</summary>
    private sealed class Writer(string text, ImmutableArray<CommentTrivia> comments)
    {
        private readonly StringBuilder _out = new(text.Length + 64);
        private readonly bool[] _written = new bool[comments.Length];
        private bool _lineOpen;

        /// <summary>True when the open line ends in a <c>//</c> comment: nothing may follow it on that line.</summary>
        private bool _lineEndsInLineComment;

        public string Finish()
        {
            EndLine();
            return _out.ToString();
        }

        /// <summary>
        /// Writes the statements of a block (or of the file) and the comments between them.
        /// <paramref name="start"/> and <paramref name="end"/> bound the inside of the block;
        /// a line may be open (the one ending in <c>{</c>), for comments that trail it.
        /// </summary>
        public void WriteBlock(ImmutableArray<StatementSyntax> statements, int indent, int start, int end)
        {
            var previousEnd = start;
            var previousWasComment = false;
            var first = true;
            for (var i = 0; i <= statements.Length; i++)
            {
                var nextStart = i < statements.Length ? statements[i].Span.Start : end;
                for (var k = FirstCommentAt(previousEnd); k < comments.Length && comments[k].Span.Start < nextStart; k++)
                {
                    if (_written[k])
                    {
                        continue;
                    }

                    // A comment that trails code, or shares its line with the comment before it, stays on that line.
                    var comment = comments[k];
                    if (_lineOpen && !_lineEndsInLineComment && (comment.IsTrailing || (previousWasComment && !HasNewline(previousEnd, comment.Span.Start))))
                    {
                        _out.Append(' ');
                    }
                    else
                    {
                        StartItem(indent, first, previousEnd, comment.Span.Start);
                        first = false;
                    }

                    WriteComment(k);
                    previousEnd = comment.Span.End;
                    previousWasComment = true;
                }

                if (i == statements.Length)
                {
                    break;
                }

                var statement = statements[i];
                var hoisted = WriteHoistedComments(statement, indent, first, previousEnd);
                StartItem(indent, first || hoisted, previousEnd, statement.Span.Start);
                WriteStatement(statement, indent);
                first = false;
                previousWasComment = false;
                previousEnd = statement.Span.End;
            }

            EndLine();
        }

        /// <summary>
        /// Comments inside a statement but outside its blocks (in a list spread over lines,
        /// say) cannot stay where they are once the statement is on one line: they go on
        /// their own lines just before it.
        /// </summary>
        private bool WriteHoistedComments(StatementSyntax statement, int indent, bool first, int previousEnd)
        {
            var any = false;
            var bodies = statement is EntrySyntax entry ? [.. Bodies(entry)] : new List<BodySyntax>();
            for (var k = FirstCommentAt(statement.Span.Start); k < comments.Length && comments[k].Span.Start < statement.Span.End; k++)
            {
                var span = comments[k].Span;
                if (_written[k] || bodies.Exists(b => b.Span.Start < span.Start && span.Start < b.Span.End))
                {
                    continue;
                }

                StartItem(indent, first || any, previousEnd, statement.Span.Start);
                any = true;
                WriteComment(k);
            }

            return any;
        }

        /// <summary>The bodies of an entry, wherever they are: after a field's value or after a command.</summary>
        public static IEnumerable<BodySyntax> Bodies(EntrySyntax entry)
        {
            var stack = new Stack<ExpressionSyntax>();
            if (entry.Value is { } value)
            {
                stack.Push(value);
            }

            foreach (var arg in entry.Args)
            {
                stack.Push(arg.Expression);
            }

            while (stack.Count > 0)
            {
                switch (stack.Pop())
                {
                    case ObjectSyntax obj:
                        yield return obj.Body;
                        stack.Push(obj.Head);
                        break;
                    case CallSyntax call:
                        foreach (var a in call.Args)
                        {
                            stack.Push(a.Value);
                        }

                        break;
                    case ListSyntax list:
                        PushAll(stack, list.Items);
                        break;
                    case TupleSyntax tuple:
                        PushAll(stack, tuple.Items);
                        break;
                    case ParenthesizedSyntax paren:
                        stack.Push(paren.Inner);
                        break;
                    case UnarySyntax unary:
                        stack.Push(unary.Operand);
                        break;
                    case BinarySyntax binary:
                        stack.Push(binary.Left);
                        stack.Push(binary.Right);
                        break;
                    case PerSyntax per:
                        stack.Push(per.Value);
                        break;
                }
            }

            if (entry.Body is { } body)
            {
                yield return body;
            }
        }

        private static void PushAll(Stack<ExpressionSyntax> stack, ImmutableArray<ExpressionSyntax> items)
        {
            foreach (var item in items)
            {
                stack.Push(item);
            }
        }

        private void WriteStatement(StatementSyntax statement, int indent)
        {
            switch (statement)
            {
                case EntrySyntax entry:
                    _out.Append(entry.Head.Text);
                    if (entry.Value is { } value)
                    {
                        _out.Append(" = ");
                        WriteExpression(value, indent);
                    }

                    foreach (var arg in entry.Args)
                    {
                        _out.Append(arg.CommaBefore ? ", " : " ");
                        WriteExpression(arg.Expression, indent);
                    }

                    if (entry.Body is { } body)
                    {
                        _out.Append(' ');
                        WriteBody(body, indent);
                    }

                    break;
                case AssertionSyntax assertion:
                    WriteExpression(assertion.Expression, indent);
                    break;
                default:
                    throw new ArgumentException($"cannot format a {statement.GetType().Name}", nameof(statement));
            }
        }

        private void WriteBody(BodySyntax body, int indent)
        {
            var inside = TextSpan.FromBounds(body.Span.Start + 1, body.Span.End - 1);
            var k = FirstCommentAt(inside.Start);
            if (body.Statements.IsEmpty && (k >= comments.Length || comments[k].Span.Start >= inside.End))
            {
                _out.Append("{ }");
                return;
            }

            _out.Append('{');
            WriteBlock(body.Statements, indent + 1, inside.Start, inside.End);
            StartLine(indent);
            _out.Append('}');
        }

        private void WriteExpression(ExpressionSyntax expression, int indent)
        {
            switch (expression)
            {
                case NumberSyntax number:
                    _out.Append(text, number.NumberSpan.Start, number.NumberSpan.Length);
                    if (number.Unit is { } unit)
                    {
                        _out.Append(' ').Append(unit.Text);
                    }

                    break;
                case StringSyntax str:
                    AppendString(str.Value);
                    break;
                case PathSyntax path:
                    AppendPath(path);
                    break;
                case CallSyntax call:
                    AppendPath(call.Callee);
                    _out.Append('(');
                    for (var i = 0; i < call.Args.Length; i++)
                    {
                        if (i > 0)
                        {
                            _out.Append(", ");
                        }

                        if (call.Args[i].Name is { } name)
                        {
                            _out.Append(name.Text).Append(" = ");
                        }

                        WriteExpression(call.Args[i].Value, indent);
                    }

                    _out.Append(')');
                    break;
                case ListSyntax list:
                    _out.Append('[');
                    WriteItems(list.Items, indent);
                    _out.Append(']');
                    break;
                case TupleSyntax tuple:
                    _out.Append('(');
                    WriteItems(tuple.Items, indent);
                    _out.Append(')');
                    break;
                case ParenthesizedSyntax paren:
                    _out.Append('(');
                    WriteExpression(paren.Inner, indent);
                    _out.Append(')');
                    break;
                case UnarySyntax unary:
                    _out.Append(OperatorText(unary.Operator));
                    WriteExpression(unary.Operand, indent);
                    break;
                case BinarySyntax binary:
                    WriteExpression(binary.Left, indent);
                    _out.Append(' ').Append(OperatorText(binary.Operator)).Append(' ');
                    WriteExpression(binary.Right, indent);
                    break;
                case PerSyntax per:
                    WriteExpression(per.Value, indent);
                    _out.Append(" per ").Append(per.Per.Text);
                    break;
                case HookSyntax hook:
                    WriteHook(hook, indent);
                    break;
                case ObjectSyntax obj:
                    WriteExpression(obj.Head, indent);
                    _out.Append(' ');
                    WriteBody(obj.Body, indent);
                    break;
                default:
                    throw new ArgumentException($"cannot format a {expression.GetType().Name}", nameof(expression));
            }
        }

        private void WriteItems(ImmutableArray<ExpressionSyntax> items, int indent)
        {
            for (var i = 0; i < items.Length; i++)
            {
                if (i > 0)
                {
                    _out.Append(", ");
                }

                WriteExpression(items[i], indent);
            }
        }

        /// <summary>
        /// A hook's C# is the user's code: a one-line block and an expression stay verbatim;
        /// the lines of a longer block keep their relative indentation, re-based on the
        /// statement's indentation plus one level.
        /// </summary>
        private void WriteHook(HookSyntax hook, int indent)
        {
            if (hook.IsExpression)
            {
                _out.Append("csharp =>");
                if (hook.Code.Length > 0)
                {
                    _out.Append(' ').Append(hook.Code);
                }

                return;
            }

            if (!hook.Code.Contains('\n', StringComparison.Ordinal))
            {
                _out.Append("csharp {").Append(hook.Code).Append('}');
                return;
            }

            var lines = HookLines.Split(hook.Code);
            _out.Append("csharp {");
            if (!HookLines.IsBlank(lines[0]))
            {
                _out.Append(lines[0]);
            }

            var lastIsCode = !HookLines.IsBlank(lines[^1]);
            var body = lines.AsSpan(1, lines.Length - (lastIsCode ? 1 : 2));
            var common = HookLines.CommonIndentation(body);
            var baseIndent = new string(' ', (indent + 1) * IndentSize);
            foreach (var line in body)
            {
                _out.Append('\n');
                if (!HookLines.IsBlank(line))
                {
                    _out.Append(baseIndent).Append(line, common, line.Length - common);
                }
            }

            if (lastIsCode)
            {
                _out.Append('}');
            }
            else
            {
                _out.Append('\n').Append(' ', indent * IndentSize).Append('}');
            }
        }

        private void AppendPath(PathSyntax path)
        {
            for (var i = 0; i < path.Parts.Length; i++)
            {
                if (i > 0)
                {
                    _out.Append('.');
                }

                _out.Append(path.Parts[i].Text);
            }
        }

        /// <summary>
        /// Quotes a string so that it reads back as the same value: <c>"</c> is always escaped,
        /// a backslash only where the lexer would otherwise read an escape.
        /// </summary>
        private void AppendString(string value)
        {
            _out.Append('"');
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '"')
                {
                    _out.Append("\\\"");
                }
                else if (c == '\\' && (i + 1 == value.Length || value[i + 1] is '"' or '\\'))
                {
                    _out.Append("\\\\");
                }
                else
                {
                    _out.Append(c);
                }
            }

            _out.Append('"');
        }

        private void WriteComment(int k)
        {
            _written[k] = true;
            var comment = comments[k];
            var raw = text.AsSpan(comment.Span.Start, comment.Span.Length);
            if (comment.Kind == CommentKind.Line)
            {
                _out.Append(raw.TrimEnd());
                _lineEndsInLineComment = true;
            }
            else
            {
                _out.Append(raw.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
            }
        }

        /// <summary>Starts the line of a statement or comment, with one blank line before it if the source had any.</summary>
        private void StartItem(int indent, bool first, int previousEnd, int start)
        {
            EndLine();
            if (!first && HasBlankLine(previousEnd, start))
            {
                _out.Append('\n');
            }

            StartLine(indent);
        }

        private bool HasNewline(int from, int to) => text.AsSpan(from, Math.Max(0, to - from)).Contains('\n');

        private bool HasBlankLine(int from, int to)
        {
            var newlines = 0;
            for (var i = from; i < to && i < text.Length; i++)
            {
                if (text[i] == '\n' && ++newlines == 2)
                {
                    return true;
                }
            }

            return false;
        }

        private void StartLine(int indent)
        {
            EndLine();
            _out.Append(' ', indent * IndentSize);
            _lineOpen = true;
        }

        private void EndLine()
        {
            if (_lineOpen)
            {
                _out.Append('\n');
                _lineOpen = false;
                _lineEndsInLineComment = false;
            }
        }

        /// <summary>Index of the first comment that starts at or after <paramref name="offset"/>.</summary>
        private int FirstCommentAt(int offset)
        {
            int lo = 0, hi = comments.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (comments[mid].Span.Start < offset)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }

        private static string OperatorText(TokenKind kind) => kind switch
        {
            TokenKind.Plus => "+",
            TokenKind.Minus => "-",
            TokenKind.Star => "*",
            TokenKind.Slash => "/",
            TokenKind.EqualEqual => "==",
            TokenKind.NotEqual => "!=",
            TokenKind.Less => "<",
            TokenKind.LessEqual => "<=",
            TokenKind.Greater => ">",
            TokenKind.GreaterEqual => ">=",
            TokenKind.AndAnd => "&&",
            TokenKind.OrOr => "||",
            TokenKind.Bang => "!",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an operator"),
        };
    }
}
