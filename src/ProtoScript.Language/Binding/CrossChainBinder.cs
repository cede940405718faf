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
        var proof = trusted == "validity_proof";
        if (!fields.TryGetValue("cross_chain", out var entry) || ReadShare(entry, "10 %") is not { } share)
        {
            return CrossChainModel.None with { AfterFinality = afterFinality, OnSoftConfirmation = soft, OnValidityProof = proof };
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

        return new CrossChainModel(share) { AfterFinality = afterFinality, OnSoftConfirmation = soft, OnValidityProof = proof };
    }

    /// <summary>
    /// Refuses <c>cross_chain_trust = validity_proof</c> when a rollup that sends messages (every
    /// rollup of a stream with <c>cross_chain</c>, every hop but the last of a bundle path) is not
    /// proven: its messages would wait for a proof that never comes.
    /// </summary>
    internal void CheckValidityTrust(EntrySyntax? workload, WorkloadModel model, ImmutableArray<ProversModel> provers)
    {
        if (!model.CrossChain.OnValidityProof || workload?.Body is null)
        {
            return;
        }

        var sources = new List<string>();
        if (model.CrossChain.Share > 0)
        {
            sources.AddRange(model.Streams.SelectMany(s => s.Rollups));
        }

        sources.AddRange(model.Bundles.SelectMany(b => b.Path.Take(b.Path.Length - 1)));
        var unproven = sources.Distinct(StringComparer.Ordinal).Where(r => !provers.Any(p => p.Rollups.Contains(r))).ToList();
        if (unproven.Count == 0)
        {
            return;
        }

        var line = workload.Body.Statements.OfType<EntrySyntax>().First(e => e.Head.Text == "cross_chain_trust");
        var names = string.Join(", ", unproven.Select(r => $"`{r}`"));
        In(line, () => Diagnostics.Error(
            DiagnosticCodes.InvalidValue,
            Source,
            line.Value?.Span ?? line.Span,
            $"`cross_chain_trust = validity_proof` waits for the proof of the source block, but {(unproven.Count == 1 ? "rollup " + names + " sends messages and is not proven" : "rollups " + names + " send messages and are not proven")}: no `provers` block names {(unproven.Count == 1 ? "it" : "them")}",
            $"add `provers for {string.Join(", ", unproven)} {{ ... }}`, or trust the batch on L1: `cross_chain_trust = l1_inclusion`"));
    }
}
