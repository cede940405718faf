using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>Cross-chain traffic: <c>cross_chain = 10 %</c> in <c>workload</c>.</summary>
internal sealed class CrossChainBinder(BindingState state) : ConstructBinder(state)
{
    internal CrossChainModel BindCrossChain(Dictionary<string, EntrySyntax> fields, ImmutableArray<string> targets)
    {
        var trusted = fields.TryGetValue("cross_chain_trust", out var trust) ? ReadChoice(trust, SchemaCatalog.Workload["cross_chain_trust"].Choices) : null;
        var afterFinality = trusted == "l1_finality";
        var soft = trusted == "soft";
        if (!fields.TryGetValue("cross_chain", out var entry) || ReadShare(entry, "10 %") is not { } share)
        {
            return CrossChainModel.None with { AfterFinality = afterFinality, OnSoftConfirmation = soft };
        }

        if (share > 0 && !targets.IsDefault && targets.Length < 2)
        {
            // A message needs a destination among the stream's own rollups.
            Diagnostics.Error(
                DiagnosticCodes.InvalidValue,
                Source,
                entry.Span,
                "`cross_chain` sends from one rollup of the stream to another, but the stream is on one rollup",
                "put the users on two rollups or more, e.g. `users = poisson(10 / s) on A, B`");
        }

        return new CrossChainModel(share) { AfterFinality = afterFinality, OnSoftConfirmation = soft };
    }
}
