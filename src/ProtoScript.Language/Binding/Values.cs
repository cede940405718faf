using System.Collections.Immutable;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Binding;

/// <summary>A value after evaluation: units resolved, arithmetic done.</summary>
/// <param name="Span">The expression it came from.</param>
public abstract record BoundValue(TextSpan Span)
{
    /// <summary>Describes the kind of value for diagnostics ("a time (ms, s, min, h)", "a name").</summary>
    public abstract string Describe();
}

/// <summary>A number with a dimension, in base units (microseconds, wei, gas, bytes, bits).</summary>
/// <param name="Magnitude">The value in base units.</param>
/// <param name="Dimension">What it measures.</param>
/// <param name="IsPercent">True when written with <c>%</c> (the magnitude is already divided by 100).</param>
/// <param name="Span">Where it was written.</param>
public sealed record QuantityValue(decimal Magnitude, Dimension Dimension, bool IsPercent, TextSpan Span) : BoundValue(Span)
{
    /// <inheritdoc />
    public override string Describe() => IsPercent ? "a percentage" : Dimension.Describe();
}

/// <summary>A string.</summary>
/// <param name="Value">The text.</param>
/// <param name="Span">Where it was written.</param>
public sealed record StringValue(string Value, TextSpan Span) : BoundValue(Span)
{
    /// <inheritdoc />
    public override string Describe() => "a string";
}

/// <summary><c>true</c> or <c>false</c>.</summary>
/// <param name="Value">The boolean.</param>
/// <param name="Span">Where it was written.</param>
public sealed record BoolValue(bool Value, TextSpan Span) : BoundValue(Span)
{
    /// <inheritdoc />
    public override string Describe() => "a boolean";
}

/// <summary>A name or dotted path that is not a unit: a choice (<c>fcfs</c>) or a reference (<c>A</c>).</summary>
/// <param name="Path">The path as written.</param>
/// <param name="Span">Where it was written.</param>
public sealed record NameValue(string Path, TextSpan Span) : BoundValue(Span)
{
    /// <inheritdoc />
    public override string Describe() => "a name";
}

/// <summary>A call such as <c>poisson(50 / s)</c>, with its evaluated arguments.</summary>
/// <param name="Name">The function name.</param>
/// <param name="NameSpan">Where the name was written.</param>
/// <param name="Args">Evaluated arguments; named ones carry their name.</param>
/// <param name="Span">The whole call.</param>
public sealed record CallValue(string Name, TextSpan NameSpan, ImmutableArray<(string? Name, BoundValue Value)> Args, TextSpan Span) : BoundValue(Span)
{
    /// <inheritdoc />
    public override string Describe() => "`" + Name + "(...)`";
}

/// <summary>A list or tuple.</summary>
/// <param name="Items">The elements.</param>
/// <param name="Span">Where it was written.</param>
public sealed record ListValue(ImmutableArray<BoundValue> Items, TextSpan Span) : BoundValue(Span)
{
    /// <inheritdoc />
    public override string Describe() => "a list";
}

/// <summary>A C# hook, kept as written.</summary>
/// <param name="Syntax">The hook's syntax, with the span of its code.</param>
public sealed record HookValue(HookSyntax Syntax) : BoundValue(Syntax.Span)
{
    /// <inheritdoc />
    public override string Describe() => "a C# hook";
}

/// <summary>
/// <c>VALUE per NAME</c>: a value with a scope or time basis, such as <c>60 % per year</c>
/// (an annualised volatility) or <c>normal(30 s, 5 s) per block</c>. The binder of the
/// field decides what the basis means.
/// </summary>
/// <param name="Value">The value before <c>per</c>.</param>
/// <param name="Per">The name after <c>per</c>.</param>
/// <param name="PerSpan">Where that name was written.</param>
/// <param name="Span">The whole expression.</param>
public sealed record PerValue(BoundValue Value, string Per, TextSpan PerSpan, TextSpan Span) : BoundValue(Span)
{
    /// <inheritdoc />
    public override string Describe() => Value.Describe() + " per " + Per;
}

/// <summary>A value that could not be evaluated; its diagnostic was already reported.</summary>
/// <param name="Span">Where it was written.</param>
public sealed record ErrorValue(TextSpan Span) : BoundValue(Span)
{
    /// <inheritdoc />
    public override string Describe() => "an invalid value";
}
