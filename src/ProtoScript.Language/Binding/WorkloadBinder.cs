using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>The <c>workload</c> block: the user stream and what rides on it.</summary>
internal sealed class WorkloadBinder(BindingState state) : ConstructBinder(state)
{
    internal WorkloadModel BindWorkload(EntrySyntax entry, Dictionary<string, EntrySyntax> rollups)
    {
        if (entry.Body is null)
        {
            Diagnostics.Error(DiagnosticCodes.MissingField, Source, entry.Span, "`workload` needs a block in braces", "write `workload { users = poisson(10 / s) on A }`");
            return new WorkloadModel([]);
        }

        ExtraArgs(entry, 0, "`workload` takes no arguments");
        var fields = Entries(entry.Body, SchemaCatalog.Workload, "in `workload`");
        var priorityFee = fields.TryGetValue("priority_fee", out var pf)
            ? ReadDistribution(pf, Dimension.Ether1) ?? new DistributionModel(DistributionKind.Constant, 0, 0)
            : new DistributionModel(DistributionKind.Constant, 0, 0);
        var value = fields.TryGetValue("value", out var v)
            ? ReadDistribution(v, Dimension.Ether1) ?? new DistributionModel(DistributionKind.Constant, 0, 0)
            : new DistributionModel(DistributionKind.Constant, 1e15, 0);

        if (!fields.TryGetValue("users", out var users))
        {
            MissingField(entry.Head.Span, "users", "workload", "users = poisson(10 / s) on A", entry.Body);
            return new WorkloadModel([]);
        }

        var rate = ReadPoisson(users);
        var targets = ReadTargets(users, rollups);
        var trading = Binders.Markets.BindTrading(fields, targets);
        if (rate is null || targets.IsDefault)
        {
            return new WorkloadModel([]);
        }

        var stream = Binders.StateGrowth.Bind(fields, new UserStreamModel(rate.Value, targets, priorityFee, value) { WithdrawalShare = Binders.Bridge.BindWithdrawalShare(fields) });
        return new WorkloadModel([stream])
        {
            Trading = trading,
            Deposits = Binders.Bridge.BindDeposits(fields, rollups, value),
            CrossChain = Binders.CrossChain.BindCrossChain(fields, targets),
            ArbitrageStrategy = Binders.Strategy.BindArbitrageStrategy(fields, trading),
            Bundles = Binders.Bundles.BindBundles(entry.Body, rollups),
            CrossArbitrage = Binders.CrossArbitrage.BindAll(entry.Body, rollups),
        };
    }
}
