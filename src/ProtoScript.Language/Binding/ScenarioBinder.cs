using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Binding;

/// <summary>
/// Turns a parsed document into a <see cref="ScenarioModel"/>: resolves names, checks
/// units and ranges, applies defaults and <c>like</c> inheritance. Every problem is a
/// diagnostic at the exact span; binding goes on after an error so that one run reports
/// all independent problems. Each construct has its own binder (<see cref="ConstructBinders"/>),
/// which reads its block against its schema in <see cref="SchemaCatalog"/>.
/// </summary>
public static class ScenarioBinder
{
    /// <summary>Binds a document; returns null when there were errors (they are in <paramref name="diagnostics"/>).</summary>
    /// <param name="source">The scenario file's text.</param>
    /// <param name="document">Its syntax tree.</param>
    /// <param name="diagnostics">Where problems go.</param>
    /// <param name="imports">The files it imports (resolved by <see cref="ScenarioCompiler"/>), whose declarations it may use.</param>
    public static ScenarioModel? Bind(SourceText source, DocumentSyntax document, DiagnosticBag diagnostics, ImmutableArray<ImportedDocument> imports = default)
    {
        var errorsBefore = diagnostics.Items.Count(d => d.IsError);
        var model = BindPartial(source, document, diagnostics, imports);
        var errorsAfter = diagnostics.Items.Count(d => d.IsError);
        return errorsAfter > errorsBefore || diagnostics.HasErrors ? null : model;
    }

    /// <summary>
    /// Binds a document as far as it goes, errors or not: what could not be bound is left out
    /// or takes its default (a missing <c>duration</c> is zero), so the model is only fit for
    /// tools that show a scenario, never for a run. Null only when there is no scenario block.
    /// </summary>
    /// <param name="source">The scenario file's text.</param>
    /// <param name="document">Its syntax tree.</param>
    /// <param name="diagnostics">Where problems go.</param>
    /// <param name="imports">The files it imports.</param>
    public static ScenarioModel? BindPartial(SourceText source, DocumentSyntax document, DiagnosticBag diagnostics, ImmutableArray<ImportedDocument> imports = default) =>
        BindWithTree(source, document, diagnostics, imports).Model;

    /// <summary>Binds a document as far as it goes (see <see cref="BindPartial"/>), keeping the bound tree the model was lowered from.</summary>
    internal static (ScenarioModel? Model, BoundTreeBuilder Tree) BindWithTree(SourceText source, DocumentSyntax document, DiagnosticBag diagnostics, ImmutableArray<ImportedDocument> imports)
    {
        var state = new BindingState(source, diagnostics, imports);
        return (state.Binders.Scenario.BindDocument(document), state.Bound);
    }

    /// <summary>
    /// Told of every range the binder checks a value against (where the value is, and its
    /// bounds written as source text), so that a test can run each bound the binder accepts;
    /// null outside such a test. Per thread, so tests binding in parallel do not see each other's.
    /// </summary>
    [ThreadStatic]
    internal static Action<CheckedRange>? RangeObserver;
}
