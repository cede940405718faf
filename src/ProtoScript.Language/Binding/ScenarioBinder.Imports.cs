using System.Collections.Immutable;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Binding;

/// <content>
/// Imported files: their <c>token</c>s are declared, their <c>l1</c> is used when the
/// scenario has none, and their <c>rollup</c>s are templates that a scenario's rollups can be
/// <c>like</c>. Statements keep the file they came from, so that a problem in one is reported
/// in that file.
/// </content>
public sealed partial class ScenarioBinder
{
    internal static readonly string[] ImportableEntries = ["token", "l1", "rollup", "import"];

    private ImmutableArray<ImportedDocument> _imports = [];

    // The file of every statement that comes from an imported file (by reference: equal text may sit in two files).
    private readonly Dictionary<StatementSyntax, SourceText> _origins = new(ReferenceEqualityComparer.Instance);

    private readonly HashSet<string> _templates = new(StringComparer.Ordinal);

    private EntrySyntax? _importedL1;

    private void BindImports()
    {
        foreach (var import in _imports)
        {
            foreach (var statement in import.Syntax.Statements)
            {
                Remember(statement, import.Source);
            }

            var declared = new Dictionary<string, EntrySyntax>(StringComparer.Ordinal);
            foreach (var entry in import.Syntax.Statements.OfType<EntrySyntax>())
            {
                switch (entry.Head.Text)
                {
                    case "import":
                        break;
                    case "token":
                        In(entry, () => BindTokens([entry]));
                        break;
                    case "l1":
                        _importedL1 ??= entry;
                        break;
                    case "rollup":
                        In(entry, () => BindTemplate(entry, declared));
                        break;
                    default:
                        In(entry, () => Unknown(entry.Head, ImportableEntries, "at the top level of an imported file"));
                        break;
                }
            }
        }
    }

    /// <summary>Binds an imported rollup as a complete one, so its own problems are reported in its file, but keeps it out of the model.</summary>
    private object? BindTemplate(EntrySyntax entry, Dictionary<string, EntrySyntax> declared)
    {
        var hooks = _hooks.Count;
        BindRollup(entry, declared);
        _hooks.RemoveRange(hooks, _hooks.Count - hooks);
        if (entry.Args.Length > 0 && entry.Args[0].Expression is PathSyntax { Parts.Length: 1 } name)
        {
            _templates.Add(name.Text);
        }

        return null;
    }

    private void Remember(StatementSyntax statement, SourceText source)
    {
        _origins[statement] = source;
        if (statement is EntrySyntax { Body: { } body })
        {
            foreach (var inner in body.Statements)
            {
                Remember(inner, source);
            }
        }
    }

    /// <summary>Runs <paramref name="bind"/> with diagnostics going to the file <paramref name="statement"/> was written in.</summary>
    private T In<T>(StatementSyntax statement, Func<T> bind)
    {
        if (!_origins.TryGetValue(statement, out var origin) || ReferenceEquals(origin, _source))
        {
            return bind();
        }

        var (source, evaluatorSource) = (_source, _evaluator.Source);
        (_source, _evaluator.Source) = (origin, origin);
        try
        {
            return bind();
        }
        finally
        {
            (_source, _evaluator.Source) = (source, evaluatorSource);
        }
    }

    private void In(StatementSyntax statement, Action bind) => In<object?>(statement, () =>
    {
        bind();
        return null;
    });
}
