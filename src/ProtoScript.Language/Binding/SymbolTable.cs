using System.Collections.Immutable;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Binding;

/// <summary>What a declared name stands for.</summary>
public enum SymbolKind
{
    /// <summary>The <c>scenario "NAME"</c>.</summary>
    Scenario,

    /// <summary>The <c>l1 NAME</c>.</summary>
    L1,

    /// <summary>A <c>rollup NAME</c> of the scenario, or a rollup template of an imported file.</summary>
    Rollup,

    /// <summary>A <c>token NAME</c>, whose name is a unit.</summary>
    Token,

    /// <summary>An <c>amm "BASE/QUOTE"</c> pool of a rollup.</summary>
    Pool,

    /// <summary>A stream of the workload: <c>users</c> or <c>deposits</c>.</summary>
    Users,

    /// <summary>A <c>provers for ...</c> block (named by the rollups it proves).</summary>
    Provers,

    /// <summary>A <c>shared_sequencer NAME</c>.</summary>
    SharedSequencer,

    /// <summary>A <c>builder NAME</c>.</summary>
    Builder,

    /// <summary>An <c>import "PATH"</c>.</summary>
    Import,

    /// <summary>A C# hook (<c>csharp ...</c>), named by the field that holds it.</summary>
    Hook,
}

/// <summary>A declared name.</summary>
/// <param name="Name">The name as written (a pool's pair, an import's path, a hook's owner).</param>
/// <param name="Kind">What it declares.</param>
/// <param name="Source">The file it is declared in.</param>
/// <param name="NameSpan">Where its name is written (the span a "go to definition" lands on).</param>
/// <param name="DeclarationSpan">The whole declaration.</param>
public sealed record Symbol(string Name, SymbolKind Kind, SourceText Source, TextSpan NameSpan, TextSpan DeclarationSpan)
{
    /// <summary>The symbol this one is declared in (a pool's or hook's rollup), or null at the top.</summary>
    public Symbol? Container { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Name}";
}

/// <summary>A use of a declared name.</summary>
/// <param name="Symbol">What it refers to.</param>
/// <param name="Source">The file the use is written in.</param>
/// <param name="Span">Where the name is written.</param>
public sealed record SymbolReference(Symbol Symbol, SourceText Source, TextSpan Span);

/// <summary>What is written at a position: a symbol's definition or a reference to it.</summary>
/// <param name="Symbol">The symbol.</param>
/// <param name="Span">The span of the name at the position.</param>
/// <param name="IsDefinition">True on the symbol's own name, false on a reference.</param>
public sealed record SymbolOccurrence(Symbol Symbol, TextSpan Span, bool IsDefinition);

/// <summary>
/// Every name a scenario and its imports declare, with its span, and every use of one:
/// what a language server answers "go to definition", "find references" and hover from.
/// Built by the declaration pass from syntax alone, so it exists even when binding fails.
/// </summary>
public sealed class SymbolTable
{
    private readonly ILookup<Symbol, SymbolReference> _referencesBySymbol;

    internal SymbolTable(ImmutableArray<Symbol> symbols, ImmutableArray<SymbolReference> references)
    {
        Symbols = symbols;
        References = references;
        _referencesBySymbol = references.ToLookup(r => r.Symbol);
    }

    /// <summary>An empty table, for a file that could not be read.</summary>
    public static SymbolTable Empty { get; } = new([], []);

    /// <summary>Every declared symbol, in declaration order (imported files first).</summary>
    public ImmutableArray<Symbol> Symbols { get; }

    /// <summary>Every resolved use of a symbol, in source order per file.</summary>
    public ImmutableArray<SymbolReference> References { get; }

    /// <summary>The uses of <paramref name="symbol"/>, in source order.</summary>
    public IEnumerable<SymbolReference> ReferencesTo(Symbol symbol) => _referencesBySymbol[symbol];

    /// <summary>The symbols of <paramref name="kind"/> called <paramref name="name"/>, in declaration order (more than one only when a name is declared twice).</summary>
    public IEnumerable<Symbol> Named(SymbolKind kind, string name) =>
        Symbols.Where(s => s.Kind == kind && string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <summary>
    /// The symbol whose name, or a use of it, covers <paramref name="position"/> in the file
    /// at <paramref name="path"/>; null when no name is written there.
    /// </summary>
    /// <param name="path">The file's path, as the compiler was given it.</param>
    /// <param name="position">A character offset in that file.</param>
    public SymbolOccurrence? Find(string path, int position)
    {
        // The innermost (shortest) span wins: a hook's owner spans less than nothing else it overlaps.
        SymbolOccurrence? best = null;
        foreach (var symbol in Symbols.Where(s => s.Source.Path == path && Covers(s.NameSpan, position)))
        {
            if (best is null || symbol.NameSpan.Length < best.Span.Length)
            {
                best = new SymbolOccurrence(symbol, symbol.NameSpan, true);
            }
        }

        foreach (var reference in References.Where(r => r.Source.Path == path && Covers(r.Span, position)))
        {
            if (best is null || reference.Span.Length < best.Span.Length)
            {
                best = new SymbolOccurrence(reference.Symbol, reference.Span, false);
            }
        }

        return best;
    }

    // The end is included so that a cursor just after a name still finds it, as editors expect.
    private static bool Covers(TextSpan span, int position) => position >= span.Start && position <= span.End;
}
