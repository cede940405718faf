using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>A rollup's <c>validity = csharp ...</c> hook.</summary>
internal sealed class ValidityBinder(BindingState state) : ConstructBinder(state)
{
    /// <summary>The rollup's transaction-validity hook, or null when it has none.</summary>
    internal HookModel? BindValidity(Dictionary<string, EntrySyntax> fields, string rollup)
    {
        if (!fields.TryGetValue("validity", out var entry))
        {
            return null;
        }

        return In(entry, () =>
        {
            if (entry is not { IsField: true, Value: HookSyntax hook })
            {
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Span, "`validity` takes a C# hook", "write `validity = csharp => tx.PriorityFeePerGas >= 1_000_000_000`");
                return null;
            }

            ExtraArgs(entry, 0, "a hook is the whole value of `validity`");
            return Hook(HookKind.TransactionValidity, $"rollup {rollup} validity", hook);
        });
    }
}
