using System.Collections.Immutable;
using System.Globalization;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Binding;

/// <summary>
/// Evaluates constant expressions: resolves units, checks that arithmetic is dimensionally
/// sound (seconds cannot be added to gwei) and folds it. Never throws; problems become
/// diagnostics and an <see cref="ErrorValue"/>.
/// </summary>
public sealed class Evaluator(SourceText source, DiagnosticBag diagnostics)
{
    /// <summary>The file whose expressions are evaluated; the binder switches it for statements that come from an imported file.</summary>
    public SourceText Source { get; set; } = source;

    // Units the scenario declares (its tokens), consulted after the built-in ones.
    private readonly Dictionary<string, UnitInfo> _declared = new(StringComparer.Ordinal);

    /// <summary>Makes a unit declared by the scenario (a token such as <c>usdc</c>) known to later expressions.</summary>
    public void DefineUnit(UnitInfo unit) => _declared[unit.Name] = unit;

    /// <summary>True when <paramref name="name"/> is a built-in or declared unit.</summary>
    public bool IsUnit(string name) => Units.All.ContainsKey(name) || _declared.ContainsKey(name);

    private bool TryGetUnit(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out UnitInfo? unit) =>
        Units.All.TryGetValue(name, out unit) || _declared.TryGetValue(name, out unit);

    /// <summary>Evaluates an expression.</summary>
    public BoundValue Evaluate(ExpressionSyntax syntax)
    {
        switch (syntax)
        {
            case NumberSyntax n:
                return EvaluateNumber(n);
            case StringSyntax s:
                return new StringValue(s.Value, s.Span);
            case PathSyntax p:
                return EvaluatePath(p);
            case ParenthesizedSyntax p:
                return Evaluate(p.Inner) with { };
            case UnarySyntax u:
                return EvaluateUnary(u);
            case BinarySyntax b:
                return EvaluateBinary(b);
            case CallSyntax c:
                return new CallValue(
                    c.Callee.Text,
                    c.Callee.Span,
                    [.. c.Args.Select(a => (a.Name?.Text, Evaluate(a.Value)))],
                    c.Span);
            case ListSyntax l:
                return new ListValue([.. l.Items.Select(Evaluate)], l.Span);
            case TupleSyntax t:
                return new ListValue([.. t.Items.Select(Evaluate)], t.Span);
            case HookSyntax h:
                return new HookValue(h);
            case PerSyntax p:
                return new PerValue(Evaluate(p.Value), p.Per.Text, p.Per.Span, p.Span);
            default:
                diagnostics.Error(DiagnosticCodes.InvalidValue, Source, syntax.Span, "this kind of value is not allowed here");
                return new ErrorValue(syntax.Span);
        }
    }

    private BoundValue EvaluateNumber(NumberSyntax n)
    {
        if (!decimal.TryParse(n.Digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            diagnostics.Error(DiagnosticCodes.InvalidNumber, Source, n.NumberSpan, $"number `{Source.GetText(n.NumberSpan)}` is too large", "numbers may have at most 28 significant digits; use a larger unit");
            return new ErrorValue(n.Span);
        }

        if (n.Unit is null)
        {
            return new QuantityValue(value, Dimension.None, false, n.Span);
        }

        if (n.Unit.Text == "%")
        {
            return new QuantityValue(value / 100m, Dimension.None, true, n.Span);
        }

        if (TryGetUnit(n.Unit.Text, out var unit))
        {
            return Scale(value, unit, n.Span);
        }

        ReportUnknownUnit(n.Unit);
        return new ErrorValue(n.Span);
    }

    private BoundValue Scale(decimal value, UnitInfo unit, TextSpan span)
    {
        try
        {
            return new QuantityValue(value * unit.Factor, unit.Dimension, false, span);
        }
        catch (OverflowException)
        {
            diagnostics.Error(DiagnosticCodes.InvalidNumber, Source, span, "this quantity is too large", "use a smaller value");
            return new ErrorValue(span);
        }
    }

    private void ReportUnknownUnit(NameSyntax unit)
    {
        var suggestion = Units.Aliases.GetValueOrDefault(unit.Text) ?? NameSuggester.Suggest(unit.Text, Units.All.Keys.Concat(_declared.Keys));
        diagnostics.Error(
            DiagnosticCodes.UnknownUnit,
            Source,
            unit.Span,
            $"unknown unit `{unit.Text}`",
            suggestion is not null ? $"did you mean `{suggestion}`?"
            : unit.Text.All(char.IsAsciiLetterLower) && unit.Text.Length is >= 2 and <= 8
                ? $"if `{unit.Text}` is a token, declare it first with `token {unit.Text} {{ decimals = 6 }}`; known units: " + string.Join(", ", Units.All.Keys.Concat(_declared.Keys).Order(StringComparer.Ordinal))
                : "known units: " + string.Join(", ", Units.All.Keys.Concat(_declared.Keys).Order(StringComparer.Ordinal)));
    }

    private BoundValue EvaluatePath(PathSyntax p)
    {
        if (p.Parts.Length == 1)
        {
            var name = p.Parts[0].Text;
            if (name is "true" or "false")
            {
                return new BoolValue(name == "true", p.Span);
            }

            if (TryGetUnit(name, out var unit))
            {
                // A bare unit, as in `50 / s`, is one of that unit.
                return new QuantityValue(unit.Factor, unit.Dimension, false, p.Span);
            }
        }

        return new NameValue(p.Text, p.Span);
    }

    private BoundValue EvaluateUnary(UnarySyntax u)
    {
        var operand = Evaluate(u.Operand);
        if (operand is ErrorValue)
        {
            return operand;
        }

        if (u.Operator == TokenKind.Minus && operand is QuantityValue q)
        {
            return q with { Magnitude = -q.Magnitude, Span = u.Span };
        }

        if (u.Operator == TokenKind.Bang && operand is BoolValue b)
        {
            return new BoolValue(!b.Value, u.Span);
        }

        diagnostics.Error(DiagnosticCodes.InvalidValue, Source, u.Span, $"operator `{(u.Operator == TokenKind.Minus ? "-" : "!")}` cannot be applied to {operand.Describe()}");
        return new ErrorValue(u.Span);
    }

    private BoundValue EvaluateBinary(BinarySyntax b)
    {
        var left = Evaluate(b.Left);
        var right = Evaluate(b.Right);
        if (left is ErrorValue || right is ErrorValue)
        {
            return new ErrorValue(b.Span);
        }

        if (left is not QuantityValue l || right is not QuantityValue r)
        {
            // Comparisons over report paths are assertions, evaluated after a run, not constants.
            diagnostics.Error(DiagnosticCodes.InvalidValue, Source, b.OperatorSpan, $"operator `{Source.GetText(b.OperatorSpan)}` needs numbers or quantities, not {left.Describe()} and {right.Describe()}");
            return new ErrorValue(b.Span);
        }

        try
        {
            switch (b.Operator)
            {
                case TokenKind.Plus or TokenKind.Minus:
                    if (l.Dimension != r.Dimension)
                    {
                        diagnostics.Error(
                            DiagnosticCodes.WrongUnit,
                            Source,
                            b.OperatorSpan,
                            $"cannot {(b.Operator == TokenKind.Plus ? "add" : "subtract")} {r.Dimension.Describe()} {(b.Operator == TokenKind.Plus ? "to" : "from")} {l.Dimension.Describe()}",
                            "both sides of `+` and `-` must have the same unit dimension");
                        return new ErrorValue(b.Span);
                    }

                    return new QuantityValue(b.Operator == TokenKind.Plus ? l.Magnitude + r.Magnitude : l.Magnitude - r.Magnitude, l.Dimension, l.IsPercent && r.IsPercent, b.Span);
                case TokenKind.Star:
                    return new QuantityValue(l.Magnitude * r.Magnitude, l.Dimension * r.Dimension, false, b.Span);
                case TokenKind.Slash:
                    if (r.Magnitude == 0)
                    {
                        diagnostics.Error(DiagnosticCodes.InvalidValue, Source, b.Right.Span, "division by zero");
                        return new ErrorValue(b.Span);
                    }

                    return new QuantityValue(l.Magnitude / r.Magnitude, l.Dimension / r.Dimension, false, b.Span);
                default:
                    diagnostics.Error(DiagnosticCodes.InvalidValue, Source, b.OperatorSpan, $"operator `{Source.GetText(b.OperatorSpan)}` is only allowed in `expect` assertions");
                    return new ErrorValue(b.Span);
            }
        }
        catch (OverflowException)
        {
            diagnostics.Error(DiagnosticCodes.InvalidNumber, Source, b.Span, "the result of this arithmetic is too large");
            return new ErrorValue(b.Span);
        }
    }

    /// <summary>Evaluates a list of call arguments, for binders of distributions and functions.</summary>
    public static ImmutableArray<BoundValue> Positional(CallValue call) => [.. call.Args.Where(a => a.Name is null).Select(a => a.Value)];
}
