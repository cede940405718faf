using System.Collections.Immutable;
using System.Globalization;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Binding;

/// <summary>
/// What the binder made of a scenario, node by node, with the spans it came from: each
/// construct (a block read against its schema in <see cref="SchemaCatalog"/>) and each of its
/// fields with its evaluated value. This is what an editor answers hover, completion and
/// "go to definition" from; the <see cref="ScenarioModel"/> is lowered from it. Present even
/// when the file has errors: a field that failed its checks is there, not accepted.
/// </summary>
public sealed class BoundScenario
{
    private readonly SymbolTable _symbols;

    internal BoundScenario(SourceText source, ImmutableArray<BoundConstruct> roots, SymbolTable symbols)
    {
        Source = source;
        Roots = roots;
        _symbols = symbols;
        foreach (var construct in AllConstructs)
        {
            construct.Symbols = symbols;
        }
    }

    /// <summary>A bound tree with nothing in it, for a file that could not be read.</summary>
    public static BoundScenario Empty { get; } = new(new SourceText(string.Empty, string.Empty), [], SymbolTable.Empty);

    /// <summary>The file that was bound.</summary>
    public SourceText Source { get; }

    /// <summary>
    /// The constructs no other construct holds: the scenario, and each declaration of an
    /// imported file (rollup templates, tokens, an L1), in the order they were bound.
    /// </summary>
    public ImmutableArray<BoundConstruct> Roots { get; }

    /// <summary>The scenario's own construct, or null when the file has no scenario block.</summary>
    public BoundConstruct? Scenario => Roots.FirstOrDefault(r => r.Schema == SchemaCatalog.Scenario && r.Source.Path == Source.Path);

    /// <summary>Every construct, depth first in binding order (inherited copies included).</summary>
    public IEnumerable<BoundConstruct> AllConstructs => Roots.SelectMany(r => r.DescendantsAndSelf());

    /// <summary>Every field of every construct (inherited copies included).</summary>
    public IEnumerable<BoundField> AllFields => AllConstructs.SelectMany(c => c.Fields);

    /// <summary>The innermost field written at <paramref name="position"/> in the scenario's own file; null when no field covers it.</summary>
    /// <param name="position">A character offset.</param>
    public BoundField? FieldAt(int position) => FieldAt(Source.Path, position);

    /// <summary>
    /// The innermost field written at <paramref name="position"/> in the file at <paramref name="path"/>:
    /// the field as bound where it is written, not a copy a <c>like</c> inherited.
    /// </summary>
    /// <param name="path">The file's path, as the compiler was given it.</param>
    /// <param name="position">A character offset in that file.</param>
    public BoundField? FieldAt(string path, int position) =>
        Innermost(AllFields.Where(f => !f.IsInherited && f.Source.Path == path && Covers(f.Span, position)), f => f.Span);

    /// <summary>The innermost construct whose block covers <paramref name="position"/> in the scenario's own file; what completion offers fields from.</summary>
    /// <param name="position">A character offset.</param>
    public BoundConstruct? ConstructAt(int position) => ConstructAt(Source.Path, position);

    /// <summary>The innermost construct whose declaration covers <paramref name="position"/> in the file at <paramref name="path"/>.</summary>
    /// <param name="path">The file's path, as the compiler was given it.</param>
    /// <param name="position">A character offset in that file.</param>
    public BoundConstruct? ConstructAt(string path, int position) =>
        Innermost(AllConstructs.Where(c => !c.IsInherited && c.Source.Path == path && Covers(c.Span, position)), c => c.Span);

    /// <summary>The symbol table the tree's references resolve against.</summary>
    public SymbolTable Symbols => _symbols;

    private static T? Innermost<T>(IEnumerable<T> candidates, Func<T, TextSpan> span)
        where T : class
    {
        T? best = null;
        foreach (var candidate in candidates)
        {
            if (best is null || span(candidate).Length < span(best).Length)
            {
                best = candidate;
            }
        }

        return best;
    }

    // The end is included so that a cursor just after a value still finds it, as editors expect.
    private static bool Covers(TextSpan span, int position) => position >= span.Start && position <= span.End;
}

/// <summary>
/// One construct as bound: a block read against its schema (a rollup, its batch, a fee split,
/// a prover selection…), its fields and, through fields that hold blocks, its child constructs.
/// </summary>
public sealed class BoundConstruct
{
    private readonly List<BoundField> _fields = [];

    internal BoundConstruct(ConstructSchema schema, SourceText source, TextSpan span, TextSpan bodySpan, BoundField? owner, bool isInherited)
    {
        Schema = schema;
        Source = source;
        Span = span;
        BodySpan = bodySpan;
        Owner = owner;
        IsInherited = isInherited;
    }

    /// <summary>The schema the block was read against.</summary>
    public ConstructSchema Schema { get; }

    /// <summary>The construct's key in the catalogue (<c>rollup</c>, <c>rollup.batch</c>, <c>fees.split</c>…).</summary>
    public string Kind => Schema.Name;

    /// <summary>The file the block is written in.</summary>
    public SourceText Source { get; }

    /// <summary>The whole declaration (<c>rollup A { ... }</c>, <c>batch { ... }</c>), or the block when nothing declares it.</summary>
    public TextSpan Span { get; }

    /// <summary>The block in braces.</summary>
    public TextSpan BodySpan { get; }

    /// <summary>The field whose value this block is (<c>batch</c> in a rollup), or null for a root.</summary>
    public BoundField? Owner { get; }

    /// <summary>The construct this one is a field of, or null for a root.</summary>
    public BoundConstruct? Parent => Owner?.Construct;

    /// <summary>
    /// True when the block is written in another construct and reached through <c>like</c>
    /// (a parent rollup's or template's <c>batch</c>, bound again for the child).
    /// </summary>
    public bool IsInherited { get; }

    /// <summary>The fields, the written ones first (in source order), then those inherited through <c>like</c>.</summary>
    public IReadOnlyList<BoundField> Fields => _fields;

    /// <summary>The constructs held by this one's fields, in field order.</summary>
    public IEnumerable<BoundConstruct> Children => _fields.Select(f => f.Block).OfType<BoundConstruct>();

    /// <summary>The name this construct declares (a rollup, an L1, a token, a shared sequencer…), or null.</summary>
    public Symbol? Symbol => Symbols.Symbols.FirstOrDefault(s => s.Source.Path == Source.Path && s.DeclarationSpan == Span);

    internal SymbolTable Symbols { get; set; } = SymbolTable.Empty;

    /// <summary>
    /// The field called <paramref name="name"/> that takes effect: the one written in this
    /// block (of a field written twice, which is an error, the one the binder read), or else
    /// the last one inherited; null when neither sets it (its default applies).
    /// </summary>
    /// <param name="name">The field's name.</param>
    public BoundField? Field(string name)
    {
        BoundField? written = null;
        BoundField? inherited = null;
        foreach (var field in _fields.Where(f => f.Name == name))
        {
            if (!field.IsInherited && (written is null || (!written.IsRead && field.IsRead)))
            {
                written = field;
            }
            else if (field.IsInherited)
            {
                inherited = field;
            }
        }

        return written ?? inherited;
    }

    /// <summary>This construct and every construct below it, depth first.</summary>
    public IEnumerable<BoundConstruct> DescendantsAndSelf() => Children.SelectMany(c => c.DescendantsAndSelf()).Prepend(this);

    internal void Add(BoundField field) => _fields.Add(field);

    // Lowering reads accepted values only, in the units the model keeps: what a reader returned.
    internal SimDuration? Duration(string name) => Field(name) is { IsAccepted: true, Quantity: { } q } ? new SimDuration((long)q.Magnitude) : null;

    internal ulong? Integer(string name) => Field(name) is { IsAccepted: true, Quantity: { } q } ? (ulong)q.Magnitude : null;

    internal UInt128? Wei(string name) => Field(name) is { IsAccepted: true, Quantity: { } q } ? (UInt128)q.Magnitude : null;

    internal double? Share(string name) => Field(name) is { IsAccepted: true, Quantity: { } q } ? (double)q.Magnitude : null;

    internal string? Choice(string name) => Field(name)?.Choice;

    internal bool? Boolean(string name) => Field(name)?.Boolean;

    internal T? Result<T>(string name)
        where T : class => Field(name) is { IsAccepted: true, Result: T result } ? result : null;

    internal T? Value<T>(string name)
        where T : struct => Field(name) is { IsAccepted: true, Result: T result } ? result : null;

    /// <inheritdoc />
    public override string ToString() => Symbol is { } symbol ? $"{Kind} {symbol.Name}" : Kind;
}

/// <summary>
/// One field as bound: the schema field it matched, where it is written, and its value as the
/// binder evaluated it (a quantity in base units with its dimension, a name, a boolean, a
/// call, a hook, a nested block).
/// </summary>
public sealed class BoundField
{
    internal BoundField(BoundConstruct construct, FieldSchema schema, SourceText source, EntrySyntax syntax, bool isInherited)
    {
        Construct = construct;
        Schema = schema;
        Source = source;
        Syntax = syntax;
        IsInherited = isInherited;
    }

    /// <summary>The construct the field belongs to (for an inherited field, the one that inherits it).</summary>
    public BoundConstruct Construct { get; }

    /// <summary>The schema field it matched: kind, range, default, doc.</summary>
    public FieldSchema Schema { get; }

    /// <summary>The field's name.</summary>
    public string Name => Schema.Name;

    /// <summary>The file it is written in.</summary>
    public SourceText Source { get; }

    /// <summary>The statement as written.</summary>
    public EntrySyntax Syntax { get; }

    /// <summary>The whole assignment (<c>block_time = 2 s</c>, <c>accounts 10 funded 1 eth</c>, <c>batch { ... }</c>).</summary>
    public TextSpan Span => Syntax.Span;

    /// <summary>Where the field's name is written.</summary>
    public TextSpan NameSpan => Syntax.Head.Span;

    /// <summary>Where its value is written: after <c>=</c>, or its arguments; null for a bare block.</summary>
    public TextSpan? ValueSpan => Syntax.Value?.Span ?? (Syntax.Args.Length > 0 ? Syntax.Args[0].Span.Cover(Syntax.Args[^1].Span) : null);

    /// <summary>True when written in another construct and reached through <c>like</c>.</summary>
    public bool IsInherited { get; }

    /// <summary>The value as evaluated (units resolved, arithmetic folded); null when the binder read no single value (a line form, a block, or a value never read after an earlier error).</summary>
    public BoundValue? Value { get; internal set; }

    /// <summary>True when the construct's binder read the value and it passed every check (unit, range, choice): what the model was lowered from.</summary>
    public bool IsAccepted { get; internal set; }

    /// <summary>What the field's reader made of the accepted value, in the model's terms (a <see cref="SimDuration"/>, a <see cref="DistributionModel"/>…); what lowering reads when the value alone does not say it.</summary>
    internal object? Result { get; set; }

    /// <summary>The construct of the block the field holds (<c>batch { ... }</c>, <c>distribute = split { ... }</c>), or null.</summary>
    public BoundConstruct? Block { get; internal set; }

    /// <summary>The hook the field holds, once bound, or null.</summary>
    public HookModel? Hook { get; internal set; }

    // Whether a reader got to the field at all (a duplicate is left unread).
    internal bool IsRead => Value is not null || Block is not null || IsAccepted;

    /// <summary>The value as a quantity in base units (microseconds, wei, gas, bytes, bits), looking through <c>per</c>; null when it is not one.</summary>
    public QuantityValue? Quantity => Value switch
    {
        QuantityValue q => q,
        PerValue { Value: QuantityValue q } => q,
        _ => null,
    };

    /// <summary>The chosen name, when the field is a choice and the binder accepted it.</summary>
    public string? Choice => IsAccepted && Value is NameValue n ? n.Path : null;

    /// <summary>The boolean, when the binder accepted one.</summary>
    public bool? Boolean => IsAccepted && Value is BoolValue b ? b.Value : null;

    /// <summary>The names this field uses (<c>on A, B</c>, <c>for A</c>, <c>report.A.…</c>), each resolved to its symbol.</summary>
    public IEnumerable<SymbolReference> References =>
        Construct.Symbols.References.Where(r => r.Source.Path == Source.Path && r.Span.Start >= Span.Start && r.Span.End <= Span.End);

    /// <summary>
    /// The value as hover shows it: a quantity as written and in base units with its dimension
    /// (<c>2 s = 2_000_000 us, a time (ms, s, min, h)</c>); otherwise the text as written.
    /// </summary>
    public string Describe()
    {
        var written = ValueSpan is { } span ? Source.GetText(span) : Name;
        if (Quantity is not { } q)
        {
            return written;
        }

        var magnitude = q.IsPercent ? q.Magnitude * 100m : q.Magnitude;
        var formatted = magnitude.ToString("#,0.############################", CultureInfo.InvariantCulture).Replace(",", "_", StringComparison.Ordinal);
        var unit = q.IsPercent ? " %" : BaseUnit(q.Dimension) is { } u ? " " + u : string.Empty;
        return $"{written} = {formatted}{unit}, {q.Describe()}";
    }

    /// <summary>The base unit of a dimension, as the language writes it; null for a plain number or a compound one.</summary>
    public static string? BaseUnit(Dimension dimension) =>
        dimension == Dimension.Duration ? "us"
        : dimension == Dimension.Ether1 ? "wei"
        : dimension == Dimension.Gas1 ? "gas"
        : dimension == Dimension.Bytes1 ? "B"
        : dimension == Dimension.Bits1 ? "bits"
        : dimension == Dimension.Rate ? "/ us"
        : dimension.Tokens == 1 && dimension == Dimension.TokenAmount(dimension.Token!) ? "smallest " + dimension.Token
        : null;

    /// <inheritdoc />
    public override string ToString() => $"{Construct.Kind}.{Name}";
}

/// <summary>
/// Builds the bound tree while the construct binders read: <see cref="ConstructBinder"/>'s
/// block indexer opens a construct and one field per known entry, its value readers record
/// what they evaluate and accept.
/// </summary>
internal sealed class BoundTreeBuilder
{
    private readonly List<BoundConstruct> _roots = [];
    private readonly Dictionary<EntrySyntax, BoundField> _fieldOf = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<BoundValue, BoundField> _fieldOfValue = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<BodySyntax, EntrySyntax> _entryOfBody = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<BodySyntax, BoundConstruct> _constructOfBody = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<HookSyntax, BoundField> _fieldOfHook = new(ReferenceEqualityComparer.Instance);

    /// <summary>Says that <paramref name="body"/> is the block of <paramref name="entry"/> (for a block no field holds, such as the scenario's).</summary>
    public void Declares(EntrySyntax entry, BodySyntax body) => _entryOfBody[body] = entry;

    /// <summary>
    /// Opens the construct of <paramref name="body"/>: a child of the field whose block it is
    /// (a root when no field holds it), with one field for each entry its schema knows.
    /// </summary>
    public BoundConstruct Open(BodySyntax body, ConstructSchema schema, SourceText source)
    {
        var ownerEntry = _entryOfBody.GetValueOrDefault(body);
        var owner = ownerEntry is null ? null : _fieldOf.GetValueOrDefault(ownerEntry);
        var construct = new BoundConstruct(schema, source, ownerEntry?.Span ?? body.Span, body.Span, owner, owner?.IsInherited ?? false);
        if (owner is not null)
        {
            owner.Block = construct;
        }
        else
        {
            _roots.Add(construct);
        }

        _constructOfBody[body] = construct;
        foreach (var entry in body.Statements.OfType<EntrySyntax>())
        {
            if (schema.Find(entry.Head.Text) is { } field)
            {
                AddField(construct, field, source, entry, construct.IsInherited);
            }
        }

        return construct;
    }

    /// <summary>The construct last opened for <paramref name="body"/>.</summary>
    public BoundConstruct? ConstructOf(BodySyntax body) => _constructOfBody.GetValueOrDefault(body);

    /// <summary>Gives <paramref name="construct"/> a field for an entry written in another construct it inherits from.</summary>
    public void Inherit(BoundConstruct construct, EntrySyntax entry, SourceText source)
    {
        if (construct.Schema.Find(entry.Head.Text) is { } field)
        {
            AddField(construct, field, source, entry, isInherited: true);
        }
    }

    /// <summary>Records the value a reader evaluated for <paramref name="entry"/>.</summary>
    public void Evaluated(EntrySyntax entry, BoundValue value)
    {
        if (_fieldOf.GetValueOrDefault(entry) is not { } field)
        {
            return;
        }

        field.Value = value;
        _fieldOfValue[value] = field;
        if (value is PerValue per)
        {
            _fieldOfValue[per.Value] = field;
        }
    }

    /// <summary>Marks the field whose value is <paramref name="value"/> as accepted by its reader, keeping what the reader made of it.</summary>
    public void Accepted(BoundValue value, object? result)
    {
        if (_fieldOfValue.GetValueOrDefault(value) is { } field)
        {
            field.IsAccepted = true;
            field.Result = result;
        }
    }

    /// <summary>Marks the field written as <paramref name="entry"/> as accepted, keeping what its reader made of it.</summary>
    public void Accepted(EntrySyntax entry, object? result)
    {
        if (_fieldOf.GetValueOrDefault(entry) is { } field)
        {
            field.IsAccepted = true;
            field.Result = result;
        }
    }

    /// <summary>Attaches a bound hook to the field that holds it.</summary>
    public void HookBound(HookSyntax syntax, HookModel hook)
    {
        if (_fieldOfHook.GetValueOrDefault(syntax) is { } field)
        {
            field.Hook = hook;
            field.IsAccepted = true;
        }
    }

    /// <summary>The finished tree.</summary>
    public BoundScenario Build(SourceText source, SymbolTable symbols) => new(source, [.. _roots], symbols);

    private void AddField(BoundConstruct construct, FieldSchema schema, SourceText source, EntrySyntax entry, bool isInherited)
    {
        var field = new BoundField(construct, schema, source, entry, isInherited);
        construct.Add(field);
        _fieldOf[entry] = field;
        if (entry.Body is { } body)
        {
            _entryOfBody[body] = entry;
        }

        if (entry.Value is ObjectSyntax { Body: var objectBody })
        {
            _entryOfBody[objectBody] = entry;
        }

        if (entry.Value is HookSyntax hook)
        {
            // A hook is kept as written; recording it needs no evaluation (and so no diagnostic).
            field.Value = new HookValue(hook);
            _fieldOfHook[hook] = field;
        }
    }
}
