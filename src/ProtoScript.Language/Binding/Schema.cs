using System.Collections.Immutable;

namespace ProtoScript.Language.Binding;

/// <summary>What kind of value a field takes: the dimension of a quantity, or the shape of a non-numeric value.</summary>
public enum FieldKind
{
    /// <summary>A plain whole number.</summary>
    WholeNumber,

    /// <summary>A time (<c>ms</c>, <c>s</c>, <c>min</c>...).</summary>
    Time,

    /// <summary>An amount of ether (<c>wei</c>, <c>gwei</c>, <c>eth</c>).</summary>
    Ether,

    /// <summary>An amount of gas, with or without <c>gas</c>.</summary>
    Gas,

    /// <summary>A size in bytes (<c>B</c>, <c>KiB</c>, <c>MiB</c>).</summary>
    Size,

    /// <summary>A number of bits.</summary>
    Bits,

    /// <summary>A percentage.</summary>
    Percentage,

    /// <summary>A rate per time (<c>50 / s</c>).</summary>
    Rate,

    /// <summary>One name out of a fixed list (<see cref="FieldSchema.Choices"/>).</summary>
    Choice,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A distribution such as <c>normal(30 s, 5 s)</c>, or a constant.</summary>
    Distribution,

    /// <summary>A C# hook (<c>csharp { ... }</c>).</summary>
    Hook,

    /// <summary>A nested block in braces, with its own schema.</summary>
    Block,

    /// <summary>A line with its own form, such as <c>users = poisson(RATE) on A, B</c> or <c>accounts N funded X</c>.</summary>
    Form,
}

/// <summary>
/// One field a construct accepts: the binder reads it with the checks this describes, and
/// unknown names are matched against these names for "did you mean" hints. Also what a
/// completion or hover would show.
/// </summary>
/// <param name="Name">The field's name as written.</param>
/// <param name="Kind">What kind of value it takes.</param>
/// <param name="Doc">One line saying what it means.</param>
public sealed record FieldSchema(string Name, FieldKind Kind, string Doc)
{
    /// <summary>The accepted range as the documentation writes it, or null when the kind says it all.</summary>
    public string? Range { get; init; }

    /// <summary>The value used when the field is absent, as written in a scenario; null when the field is required or has no default.</summary>
    public string? Default { get; init; }

    /// <summary>
    /// The smallest value accepted, in base units (microseconds, wei, gas, bytes, bits or a
    /// count), when the binder checks the field against a fixed range; the binder reads the
    /// bounds from here, so the diagnostic and the catalogue cannot disagree.
    /// </summary>
    public decimal? Minimum { get; init; }

    /// <summary>The largest value accepted, in base units, when <see cref="Minimum"/> is set.</summary>
    public decimal? Maximum { get; init; }

    /// <summary>True when the construct cannot bind without this field.</summary>
    public bool Required { get; init; }

    /// <summary>True when the field may be written more than once (each line is one more item).</summary>
    public bool Repeatable { get; init; }

    /// <summary>The accepted names when <see cref="Kind"/> is <see cref="FieldKind.Choice"/> (or when a name is one of the accepted values).</summary>
    public ImmutableArray<string> Choices { get; init; } = [];
}

/// <summary>A construct's declarative schema: the fields its block accepts, in the order hints list them.</summary>
public sealed class ConstructSchema
{
    private readonly string[] _names;
    private readonly Dictionary<string, FieldSchema> _byName;

    /// <summary>Creates a schema.</summary>
    /// <param name="name">The construct's keyword, or a descriptive key for nested blocks (<c>rollup.batch</c>).</param>
    /// <param name="doc">One line saying what the construct declares.</param>
    /// <param name="fields">Its fields, in the order diagnostics list them.</param>
    public ConstructSchema(string name, string doc, params FieldSchema[] fields)
    {
        Name = name;
        Doc = doc;
        Fields = [.. fields];
        _names = [.. fields.Select(f => f.Name)];
        _byName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        RepeatableNames = [.. fields.Where(f => f.Repeatable).Select(f => f.Name)];
    }

    /// <summary>The construct's key in <see cref="SchemaCatalog"/>.</summary>
    public string Name { get; }

    /// <summary>One line saying what the construct declares.</summary>
    public string Doc { get; }

    /// <summary>The fields, in the order diagnostics list them.</summary>
    public ImmutableArray<FieldSchema> Fields { get; }

    /// <summary>The field names, in order; what unknown-name diagnostics suggest from and list.</summary>
    internal string[] Names => _names;

    /// <summary>The names of the fields that may repeat.</summary>
    internal string[] RepeatableNames { get; }

    /// <summary>The field called <paramref name="name"/>, or null.</summary>
    public FieldSchema? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>True when the construct accepts a field called <paramref name="name"/>.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The field called <paramref name="name"/>; the binder asks only for fields its schema declares.</summary>
    internal FieldSchema this[string name] => _byName[name];
}
