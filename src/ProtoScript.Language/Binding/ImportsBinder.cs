using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Binding;

/// <summary>None</summary>
internal sealed class ImportsBinder(BindingState state) : ConstructBinder(state)
{
    internal void BindImports()
    {
        foreach (var import in State.Imports)
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
                        In(entry, () => Binders.Markets.BindTokens([entry]));
                        break;
                    case "l1":
                        State.ImportedL1 ??= entry;
                        break;
                    case "rollup":
                        In(entry, () => BindTemplate(entry, declared));
                        break;
                    default:
                        In(entry, () => Unknown(entry.Head, SchemaCatalog.ImportedFile.Names, "at the top level of an imported file"));
                        break;
                }
            }
        }
    }

    /// <summary>Binds an imported rollup as a complete one, so its own problems are reported in its file, but keeps it out of the model.</summary>
    private object? BindTemplate(EntrySyntax entry, Dictionary<string, EntrySyntax> declared)
    {
        var hooks = State.Hooks.Count;
        Binders.Rollup.BindRollup(entry, declared, ScenarioContext.Template);
        State.Hooks.RemoveRange(hooks, State.Hooks.Count - hooks);
        if (entry.Args.Length > 0 && entry.Args[0].Expression is PathSyntax { Parts.Length: 1 } name)
        {
            State.Templates.Add(name.Text);
        }

        return null;
    }

    private void Remember(StatementSyntax statement, SourceText source)
    {
        State.Origins[statement] = source;
        if (statement is EntrySyntax { Body: { } body })
        {
            foreach (var inner in body.Statements)
            {
                Remember(inner, source);
            }
        }
    }
}
