using System.Text;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Formatting;

/// <summary>
/// Renders a syntax tree as an S-expression without spans, comments or layout, so that two
/// trees can be compared for meaning: a file and its formatted text render the same. The
/// C# of a multi-line hook is rendered without its common indentation, which is layout.
/// </summary>
public static class SyntaxShape
{
    /// <summary>The S-expression of a node and everything under it.</summary>
    public static string Render(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, SyntaxNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("nil");
                break;
            case DocumentSyntax doc:
                Open(sb, "document");
                WriteAll(sb, doc.Statements);
                sb.Append(')');
                break;
            case EntrySyntax entry:
                Open(sb, "entry");
                Atom(sb, entry.Head.Text);
                sb.Append(' ');
                Write(sb, entry.Value);
                foreach (var arg in entry.Args)
                {
                    sb.Append(arg.CommaBefore ? " (arg, " : " (arg ");
                    Write(sb, arg.Expression);
                    sb.Append(')');
                }

                sb.Append(' ');
                Write(sb, entry.Body);
                sb.Append(')');
                break;
            case AssertionSyntax assertion:
                Open(sb, "assert");
                Write(sb, assertion.Expression);
                sb.Append(')');
                break;
            case ErrorStatementSyntax error:
                Open(sb, "error");
                Atom(sb, error.HeadName ?? string.Empty);
                sb.Append(')');
                break;
            case BodySyntax body:
                Open(sb, body.UnclosedBrace is null ? "body" : "unclosed-body");
                WriteAll(sb, body.Statements);
                sb.Append(')');
                break;
            case NumberSyntax number:
                Open(sb, "number");
                Atom(sb, number.Digits);
                if (number.Unit is { } unit)
                {
                    sb.Append(' ');
                    Atom(sb, unit.Text);
                }

                sb.Append(')');
                break;
            case StringSyntax str:
                Open(sb, "string");
                Atom(sb, str.Value);
                sb.Append(')');
                break;
            case PathSyntax path:
                Open(sb, "path");
                Atom(sb, path.Text);
                sb.Append(')');
                break;
            case CallSyntax call:
                Open(sb, "call");
                Atom(sb, call.Callee.Text);
                foreach (var arg in call.Args)
                {
                    sb.Append(" (arg ");
                    Atom(sb, arg.Name?.Text ?? string.Empty);
                    sb.Append(' ');
                    Write(sb, arg.Value);
                    sb.Append(')');
                }

                sb.Append(')');
                break;
            case ListSyntax list:
                Open(sb, "list");
                WriteAll(sb, list.Items);
                sb.Append(')');
                break;
            case TupleSyntax tuple:
                Open(sb, "tuple");
                WriteAll(sb, tuple.Items);
                sb.Append(')');
                break;
            case ParenthesizedSyntax paren:
                Open(sb, "paren");
                Write(sb, paren.Inner);
                sb.Append(')');
                break;
            case UnarySyntax unary:
                Open(sb, "unary");
                sb.Append(unary.Operator).Append(' ');
                Write(sb, unary.Operand);
                sb.Append(')');
                break;
            case BinarySyntax binary:
                Open(sb, "binary");
                sb.Append(binary.Operator).Append(' ');
                Write(sb, binary.Left);
                sb.Append(' ');
                Write(sb, binary.Right);
                sb.Append(')');
                break;
            case PerSyntax per:
                Open(sb, "per");
                Write(sb, per.Value);
                sb.Append(' ');
                Atom(sb, per.Per.Text);
                sb.Append(')');
                break;
            case HookSyntax hook:
                Open(sb, hook.IsExpression ? "hook-expression" : "hook-block");
                Atom(sb, hook.IsExpression ? hook.Code : HookLines.Normalize(hook.Code));
                sb.Append(')');
                break;
            case ObjectSyntax obj:
                Open(sb, "object");
                Write(sb, obj.Head);
                sb.Append(' ');
                Write(sb, obj.Body);
                sb.Append(')');
                break;
            default:
                Open(sb, node.GetType().Name);
                sb.Append(')');
                break;
        }
    }

    private static void WriteAll<T>(StringBuilder sb, IEnumerable<T> nodes)
        where T : SyntaxNode
    {
        foreach (var node in nodes)
        {
            sb.Append(' ');
            Write(sb, node);
        }
    }

    private static void Open(StringBuilder sb, string name) => sb.Append('(').Append(name).Append(' ');

    /// <summary>Writes text in quotes with <c>\</c> and <c>"</c> escaped, so that atoms never run into each other.</summary>
    private static void Atom(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        sb.Append('"');
    }
}
