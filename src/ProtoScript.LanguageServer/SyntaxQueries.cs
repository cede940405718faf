using ProtoScript.Language.Binding;
using ProtoScript.Language.Syntax;

namespace ProtoScript.LanguageServer;

/// <summary>Questions an editor asks of a syntax tree: what is under the cursor, which block encloses it, where a name is declared.</summary>
internal static class SyntaxQueries
{
    /// <summary>The nodes whose span contains <paramref name="offset"/>, outermost first.</summary>
    public static List<SyntaxNode> Chain(DocumentSyntax document, int offset)
    {
        var chain = new List<SyntaxNode>();
        SyntaxNode? node = document;
        while (node is not null)
        {
            chain.Add(node);
            node = Children(node).FirstOrDefault(c => c.Span.Start <= offset && offset <= c.Span.End);
        }

        return chain;
    }

    /// <summary>Every entry of the document, depth first in source order.</summary>
    public static IEnumerable<EntrySyntax> Entries(IEnumerable<StatementSyntax> statements)
    {
        foreach (var entry in statements.OfType<EntrySyntax>())
        {
            yield return entry;
            foreach (var body in Bodies(entry))
            {
                foreach (var inner in Entries(body.Statements))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The rollups and tokens the file declares: <c>rollup NAME</c> and <c>token NAME</c>, with the declared name.</summary>
    public static IEnumerable<(string Kind, NameSyntax Name, EntrySyntax Entry)> Declarations(DocumentSyntax document) =>
        Entries(document.Statements)
            .Where(e => e.Head.Text is "rollup" or "token" && e.Value is null && e.Args.Length > 0 && e.Args[0].Expression is PathSyntax { Parts.Length: 1 })
            .Select(e => (e.Head.Text, ((PathSyntax)e.Args[0].Expression).Parts[0], e));

    /// <summary>
    /// The schema of the block the cursor is in, from the chain of blocks around it: the same
    /// catalogue the binder checks field names against.
    /// </summary>
    public static ConstructSchema SchemaAt(IReadOnlyList<SyntaxNode> chain)
    {
        // Each block is named by its entry's head, and for `field = NAME { ... }` also by NAME
        // (`sequencer = bft { }` is the `rollup.sequencer.bft` schema).
        var segments = new List<(string Plain, string Qualified)>();
        for (var i = 0; i + 1 < chain.Count; i++)
        {
            if (chain[i] is EntrySyntax entry && chain[i + 1] is BodySyntax body && body == entry.Body)
            {
                var qualified = entry.Value is PathSyntax path ? entry.Head.Text + "." + path.Text : entry.Head.Text;
                segments.Add((entry.Head.Text, qualified));
            }
            else if (chain[i] is ObjectSyntax obj && chain[i + 1] is BodySyntax objectBody && objectBody == obj.Body)
            {
                var owner = chain.Take(i).OfType<EntrySyntax>().LastOrDefault();
                var name = obj.Head is PathSyntax p ? p.Text : obj.Head is CallSyntax c ? c.Callee.Text : string.Empty;
                segments.Add((owner?.Head.Text ?? name, owner is null ? name : owner.Head.Text + "." + name));
            }
        }

        if (segments.Count == 0)
        {
            return SchemaCatalog.File;
        }

        if (segments[0].Plain == "scenario")
        {
            segments.RemoveAt(0);
            if (segments.Count == 0)
            {
                return SchemaCatalog.Scenario;
            }
        }

        for (var start = 0; start < segments.Count; start++)
        {
            var rest = segments.Skip(start).ToList();
            var qualified = string.Join('.', rest.Select(s => s.Qualified));
            var plain = string.Join('.', rest.Select(s => s.Plain));
            if ((SchemaCatalog.Find(qualified) ?? SchemaCatalog.Find(plain)) is { } schema)
            {
                return schema;
            }
        }

        return SchemaCatalog.Scenario;
    }

    private static IEnumerable<BodySyntax> Bodies(EntrySyntax entry)
    {
        if (entry.Body is not null)
        {
            yield return entry.Body;
        }

        if (entry.Value is ObjectSyntax obj)
        {
            yield return obj.Body;
        }
    }

    private static IEnumerable<SyntaxNode> Children(SyntaxNode node) => node switch
    {
        DocumentSyntax d => d.Statements,
        BodySyntax b => b.Statements,
        EntrySyntax e => new SyntaxNode?[] { e.Head, e.Value }.OfType<SyntaxNode>().Concat(e.Args.Select(a => a.Expression)).Concat(e.Body is null ? [] : [e.Body]),
        AssertionSyntax a => [a.Expression],
        NumberSyntax n => n.Unit is null ? [] : [n.Unit],
        PathSyntax p => p.Parts,
        CallSyntax c => new SyntaxNode[] { c.Callee }.Concat(c.Args),
        CallArgumentSyntax a => new SyntaxNode?[] { a.Name, a.Value }.OfType<SyntaxNode>(),
        ListSyntax l => l.Items,
        TupleSyntax t => t.Items,
        ParenthesizedSyntax p => [p.Inner],
        UnarySyntax u => [u.Operand],
        BinarySyntax b => [b.Left, b.Right],
        PerSyntax p => [p.Value, p.Per],
        ObjectSyntax o => [o.Head, o.Body],
        _ => [],
    };
}
