using System.Collections.Immutable;
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

    /// <summary><c>withdrawal_delay = 7 day</c> in a rollup: the challenge period a withdrawal waits on L1.</summary>
    internal BridgeModel BindBridge(Dictionary<string, EntrySyntax> fields)
    {
        if (!fields.TryGetValue("withdrawal_delay", out var entry))
        {
            return BridgeModel.Default;
        }

        var delay = In(entry, () => ReadDuration(entry, SchemaCatalog.Rollup["withdrawal_delay"]));
        return delay is { } d ? new BridgeModel(d) : BridgeModel.Default;
    }
}
