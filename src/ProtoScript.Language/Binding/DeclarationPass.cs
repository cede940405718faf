using System.Collections.Immutable;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Binding;

/// <summary>
/// The first pass over a scenario and its imports: collects every declared name with its
/// span, then records what each use of a name refers to. It reads syntax only and reports
/// nothing (the binders report every problem), so its table exists for any input, however
/// broken, and a name that does not resolve is simply not recorded as a reference.
/// </summary>
public static class DeclarationPass
{
    /// <summary>Builds the symbol table of a parsed scenario.</summary>
    /// <param name="source">The scenario file's text.</param>
    /// <param name="document">Its syntax tree.</param>
    /// <param name="imports">The files it imports, in the order they were read.</param>
    public static SymbolTable Collect(SourceText source, DocumentSyntax document, ImmutableArray<ImportedDocument> imports = default)
    {
        var collector = new Collector();
        foreach (var import in imports.IsDefault ? [] : imports)
        {
            collector.Declare(import.Source, import.Syntax.Statements, isImport: true);
        }

        collector.Declare(source, document.Statements, isImport: false);
        foreach (var import in imports.IsDefault ? [] : imports)
        {
            collector.Resolve(import.Source, import.Syntax.Statements);
        }

        collector.Resolve(source, document.Statements);
        return new SymbolTable(collector.Symbols.ToImmutable(), collector.References.ToImmutable());
    }

    private sealed class Collector
    {
        public ImmutableArray<Symbol>.Builder Symbols { get; } = ImmutableArray.CreateBuilder<Symbol>();

        public ImmutableArray<SymbolReference>.Builder References { get; } = ImmutableArray.CreateBuilder<SymbolReference>();

        // Where each name resolves: the first declaration of the scenario, else the first imported one (a scenario rollup hides a template).
        private readonly Dictionary<(SymbolKind, string), (Symbol Symbol, bool IsImport)> _byName = [];

        public void Declare(SourceText source, ImmutableArray<StatementSyntax> statements, bool isImport)
        {
            foreach (var entry in statements.OfType<EntrySyntax>())
            {
                switch (entry.Head.Text)
                {
                    case "import" when entry.Args.Length == 1 && entry.Args[0].Expression is StringSyntax path:
                        Add(new Symbol(path.Value, SymbolKind.Import, source, path.Span, entry.Span), isImport);
                        break;
                    case "scenario" when !isImport && entry.Body is { } body:
                        var name = entry.Args.Length == 1 && entry.Args[0].Expression is StringSyntax s ? s : null;
                        Add(new Symbol(name?.Value ?? "scenario", SymbolKind.Scenario, source, name?.Span ?? entry.Head.Span, entry.Span), isImport);
                        Declare(source, body.Statements, isImport);
                        break;
                    default:
                        DeclareEntry(source, entry, isImport);
                        break;
                }
            }
        }

        private void DeclareEntry(SourceText source, EntrySyntax entry, bool isImport)
        {
            switch (entry.Head.Text)
            {
                case "l1" when EntryForms.DeclaredName(entry) is { } name:
                    Add(new Symbol(name.Text, SymbolKind.L1, source, name.Span, entry.Span), isImport);
                    break;
                case "token" when EntryForms.DeclaredName(entry) is { } name:
                    Add(new Symbol(name.Text, SymbolKind.Token, source, name.Span, entry.Span), isImport);
                    break;
                case "rollup" when EntryForms.DeclaredName(entry) is { } name:
                    var rollup = Add(new Symbol(name.Text, SymbolKind.Rollup, source, name.Span, entry.Span), isImport);
                    DeclareInRollup(source, entry, rollup);
                    break;
                case "shared_sequencer" or "builder" when EntryForms.For(entry, named: true) is { Name: { } name }:
                    var kind = entry.Head.Text == "builder" ? SymbolKind.Builder : SymbolKind.SharedSequencer;
                    Add(new Symbol(name.Text, kind, source, name.Span, entry.Span), isImport);
                    break;
                case "provers" when EntryForms.For(entry, named: false) is { } provers:
                    var proved = string.Join(", ", provers.Targets.Select(t => source.GetText(t.Span)));
                    var symbol = Add(new Symbol("provers for " + proved, SymbolKind.Provers, source, entry.Head.Span, entry.Span), isImport);
                    DeclareHooks(source, entry.Body, symbol);
                    break;
                case "workload" when entry.Body is { } body:
                    foreach (var stream in body.Statements.OfType<EntrySyntax>().Where(e => e.Head.Text is "users" or "deposits"))
                    {
                        Add(new Symbol(stream.Head.Text, SymbolKind.Users, source, stream.Head.Span, stream.Span), isImport);
                    }

                    DeclareHooks(source, body, null);
                    break;
                case "fees":
                    DeclareHooks(source, entry.Body, null);
                    break;
            }
        }

        private void DeclareInRollup(SourceText source, EntrySyntax entry, Symbol rollup)
        {
            if (entry.Body is null)
            {
                return;
            }

            foreach (var amm in entry.Body.Statements.OfType<EntrySyntax>().Where(e => e.Head.Text == "amm"))
            {
                if (amm.Args.Length == 1 && amm.Args[0].Expression is StringSyntax pair)
                {
                    Symbols.Add(new Symbol(pair.Value, SymbolKind.Pool, source, pair.Span, amm.Span) { Container = rollup });
                }
            }

            DeclareHooks(source, entry.Body, rollup);
        }

        /// <summary>Every <c>field = csharp ...</c> of a block and its nested blocks, named by the field.</summary>
        private void DeclareHooks(SourceText source, BodySyntax? body, Symbol? container)
        {
            foreach (var field in body?.Statements.OfType<EntrySyntax>() ?? [])
            {
                if (field.Value is HookSyntax)
                {
                    Symbols.Add(new Symbol(field.Head.Text, SymbolKind.Hook, source, field.Head.Span, field.Span) { Container = container });
                }

                DeclareHooks(source, field.Body ?? (field.Value as ObjectSyntax)?.Body, container);
            }
        }

        private Symbol Add(Symbol symbol, bool isImport)
        {
            Symbols.Add(symbol);
            var key = (symbol.Kind, symbol.Name);
            if (!_byName.TryGetValue(key, out var existing) || (existing.IsImport && !isImport))
            {
                _byName[key] = (symbol, isImport);
            }

            return symbol;
        }

        public void Resolve(SourceText source, ImmutableArray<StatementSyntax> statements)
        {
            foreach (var statement in statements)
            {
                ResolveStatement(source, statement);
            }
        }

        private void ResolveStatement(SourceText source, StatementSyntax statement)
        {
            if (statement is AssertionSyntax assertion)
            {
                ResolveExpression(source, assertion.Expression);
                return;
            }

            if (statement is not EntrySyntax entry)
            {
                return;
            }

            switch (entry.Head.Text)
            {
                case "rollup" when EntryForms.Like(entry) is { IsWellFormed: true, Parent: { } parent }:
                    Refer(source, SymbolKind.Rollup, parent.Text, parent.Span);
                    break;
                case "provers":
                    ReferToRollups(source, EntryForms.For(entry, named: false)?.Targets);
                    break;
                case "shared_sequencer" or "builder":
                    ReferToRollups(source, EntryForms.For(entry, named: true)?.Targets);
                    break;
                case "users" or "deposits":
                    ReferToRollups(source, EntryForms.On(entry));
                    break;
                case "sweep" when entry.Args.Length > 0 && entry.Args[0].Expression is PathSyntax { Parts: [{ Text: "rollup" }, var rollupName, ..] }:
                    Refer(source, SymbolKind.Rollup, rollupName.Text, rollupName.Span);
                    break;
            }

            if (entry.Value is { } value)
            {
                ResolveExpression(source, value);
            }

            // A declaration's own name is not a use of it; every other argument may be.
            var first = entry.Head.Text is "rollup" or "l1" or "token" or "shared_sequencer" or "builder" ? 1 : 0;
            foreach (var argument in entry.Args.Skip(first))
            {
                if (entry.Head.Text is not ("rollup" or "provers" or "shared_sequencer" or "builder" or "users" or "deposits" or "sweep"))
                {
                    ResolveExpression(source, argument.Expression);
                }
                else if (argument.Expression is NumberSyntax or CallSyntax or TupleSyntax or ListSyntax)
                {
                    ResolveExpression(source, argument.Expression);
                }
            }

            foreach (var inner in entry.Body?.Statements ?? [])
            {
                ResolveStatement(source, inner);
            }
        }

        private void ReferToRollups(SourceText source, ImmutableArray<ArgumentSyntax>? targets)
        {
            foreach (var target in targets is { IsDefault: false } list ? list : [])
            {
                if (target.Expression is PathSyntax { Parts.Length: 1 } name)
                {
                    Refer(source, SymbolKind.Rollup, name.Text, name.Span);
                }
            }
        }

        private void ResolveExpression(SourceText source, ExpressionSyntax expression)
        {
            switch (expression)
            {
                case NumberSyntax { Unit: { } unit }:
                    Refer(source, SymbolKind.Token, unit.Text, unit.Span);
                    break;
                case PathSyntax { Parts: [{ Text: "report" }, var chain, ..] }:
                    Refer(source, SymbolKind.Rollup, chain.Text, chain.Span);
                    break;
                case PathSyntax { Parts: [var l1, { Text: "blobs" or "calldata" or "auto" }] }:
                    Refer(source, SymbolKind.L1, l1.Text, l1.Span);
                    break;
                case PathSyntax { Parts: [var unitName] }:
                    Refer(source, SymbolKind.Token, unitName.Text, unitName.Span);
                    break;
                case CallSyntax call:
                    foreach (var argument in call.Args)
                    {
                        ResolveExpression(source, argument.Value);
                    }

                    break;
                case ListSyntax list:
                    list.Items.ToList().ForEach(i => ResolveExpression(source, i));
                    break;
                case TupleSyntax tuple:
                    tuple.Items.ToList().ForEach(i => ResolveExpression(source, i));
                    break;
                case ParenthesizedSyntax parenthesized:
                    ResolveExpression(source, parenthesized.Inner);
                    break;
                case UnarySyntax unary:
                    ResolveExpression(source, unary.Operand);
                    break;
                case BinarySyntax binary:
                    ResolveExpression(source, binary.Left);
                    ResolveExpression(source, binary.Right);
                    break;
                case PerSyntax per:
                    ResolveExpression(source, per.Value);
                    break;
                case ObjectSyntax obj:
                    foreach (var inner in obj.Body.Statements)
                    {
                        ResolveStatement(source, inner);
                    }

                    break;
            }
        }

        private void Refer(SourceText source, SymbolKind kind, string name, TextSpan span)
        {
            if (_byName.TryGetValue((kind, name), out var declared))
            {
                References.Add(new SymbolReference(declared.Symbol, source, span));
            }
        }
    }
}
