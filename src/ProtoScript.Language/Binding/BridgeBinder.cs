using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>Deposits from L1, withdrawals to L1 and the withdrawal delay.</summary>
internal sealed class BridgeBinder(BindingState state) : ConstructBinder(state)
{
    /// <summary><c>deposits = poisson(RATE) on A, B</c> in the workload; the deposited values follow the workload's <c>value</c>.</summary>
    internal ImmutableArray<DepositStreamModel> BindDeposits(Dictionary<string, EntrySyntax> fields, Dictionary<string, EntrySyntax> rollups, DistributionModel value)
    {
        if (!fields.TryGetValue("deposits", out var deposits))
        {
            return [];
        }

        var rate = ReadPoisson(deposits);
        var targets = ReadTargets(deposits, rollups);
        return rate is null || targets.IsDefault ? [] : [new DepositStreamModel(rate.Value, targets, value)];
    }

    /// <summary><c>withdrawals = 5 %</c> in the workload: that share of the users' transfers withdraw to L1.</summary>
    internal double BindWithdrawalShare(Dictionary<string, EntrySyntax> fields) =>
        fields.TryGetValue("withdrawals", out var withdrawals) ? ReadShare(withdrawals, "5 %") ?? 0 : 0;

    /// <summary>
    /// <c>withdrawal_delay = 7 day</c> in a rollup: the challenge period a withdrawal waits on L1;
    /// or <c>withdrawal_delay = proof</c>: until its block's proof is verified on L1.
    /// </summary>
    internal BridgeModel BindBridge(Dictionary<string, EntrySyntax> fields)
    {
        if (!fields.TryGetValue("withdrawal_delay", out var entry))
        {
            return BridgeModel.Default;
        }

        return In(entry, () =>
        {
            if (ScalarValue(entry) is not { } value)
            {
                return BridgeModel.Default;
            }

            if (value is NameValue name)
            {
                if (name.Path == ProofGated)
                {
                    return Accepted(value, BridgeModel.Default with { FinalizesOnProof = true });
                }

                Diagnostics.Error(
                    DiagnosticCodes.InvalidValue,
                    Source,
                    value.Span,
                    $"`{name.Path}` is not a valid `withdrawal_delay`",
                    "write a time, e.g. `withdrawal_delay = 7 day`, or `withdrawal_delay = proof` for a rollup whose withdrawals wait for their block's proof");
                return BridgeModel.Default;
            }

            var range = SchemaCatalog.Rollup["withdrawal_delay"];
            return ReadDurationValue(value, new SimDuration((long)range.Minimum!.Value), new SimDuration((long)range.Maximum!.Value), entry.Head.Text, "7 day") is { } d
                ? new BridgeModel(d)
                : BridgeModel.Default;
        });
    }

    /// <summary>
    /// Refuses <c>withdrawal_delay = proof</c> on a rollup no <c>provers</c> block proves: with no
    /// proof, its withdrawals would never be final.
    /// </summary>
    internal void CheckProofGated(IReadOnlyList<RollupModel> rollups, Dictionary<string, EntrySyntax> rollupSyntax, ImmutableArray<ProversModel> provers)
    {
        foreach (var rollup in rollups)
        {
            if (!rollup.Bridge.FinalizesOnProof || provers.Any(p => p.Rollups.Contains(rollup.Name)) || !rollupSyntax.TryGetValue(rollup.Name, out var syntax))
            {
                continue;
            }

            // The line is in the rollup's own body, or in the rollup it is `like`.
            var line = syntax.Body?.Statements.OfType<EntrySyntax>().FirstOrDefault(e => e.Head.Text == "withdrawal_delay");
            In((StatementSyntax?)line ?? syntax, () => Diagnostics.Error(
                DiagnosticCodes.InvalidValue,
                Source,
                line?.Value?.Span ?? syntax.Head.Span,
                $"`withdrawal_delay = proof` waits for the proof of a withdrawal's block, but rollup `{rollup.Name}` is not proven: no `provers` block names it",
                $"add `provers for {rollup.Name} {{ ... }}`, or give a challenge period, e.g. `withdrawal_delay = 7 day`"));
        }
    }

    /// <summary>The value of <c>withdrawal_delay</c> that waits for the proof.</summary>
    internal const string ProofGated = "proof";
}
