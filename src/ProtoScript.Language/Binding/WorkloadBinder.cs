using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>The <c>workload</c> block: the user stream and what rides on it.</summary>
internal sealed class WorkloadBinder(BindingState state) : ConstructBinder(state)
{
    internal WorkloadModel BindWorkload(EntrySyntax entry, Dictionary<string, EntrySyntax> rollups, SimDuration? runDuration = null)
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

        if (PopulationBinder.HasPopulations(entry.Body))
        {
            return BindPopulations(entry.Body, fields, rollups, priorityFee, value);
        }

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

        var maxFee = fields.TryGetValue("max_fee", out var mf) ? ReadDistribution(mf, Dimension.Ether1) : null;
        var surge = fields.TryGetValue("surge", out var sg) ? BindSurge(sg, runDuration) : null;
        var stream = Binders.StateGrowth.Bind(fields, new UserStreamModel(rate.Value, targets, priorityFee, value) { WithdrawalShare = Binders.Bridge.BindWithdrawalShare(fields), MaxFee = maxFee, Surge = surge });
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

    /// <summary>
    /// A workload of named populations: each is a user stream of its own. The workload's own
    /// <c>users</c> and the settings that ride on it (swaps, withdrawals, cross-chain transfers)
    /// are refused beside them; the workload's <c>priority_fee</c> and <c>value</c> are the
    /// populations' defaults.
    /// </summary>
    private WorkloadModel BindPopulations(BodySyntax body, Dictionary<string, EntrySyntax> fields, Dictionary<string, EntrySyntax> rollups, DistributionModel priorityFee, DistributionModel value)
    {
        foreach (var name in new[] { "users", "swaps", "withdrawals", "cross_chain", "cross_chain_trust", "max_fee", "surge", "new_accounts", "storage_writes", "storage_slots", "new_slots" })
        {
            if (fields.TryGetValue(name, out var other))
            {
                Diagnostics.Error(
                    DiagnosticCodes.InvalidValue,
                    Source,
                    other.Span,
                    name == "users"
                        ? "a workload has either `users` or populations, not both: each `population` declares its own `users`"
                        : $"`{name}` rides on the workload's `users`, which a workload of populations does not have; populations send plain transfers",
                    name == "users" ? "move these users into a `population NAME { users = ... }` of their own" : $"remove `{name}`, or the populations");
            }
        }

        var streams = Binders.Population.BindPopulations(body, rollups, priorityFee, value);
        ImmutableArray<string> targets = [.. streams.SelectMany(s => s.Rollups).Distinct(StringComparer.Ordinal)];
        var trading = Binders.Markets.BindTrading(fields, targets);
        return new WorkloadModel(streams)
        {
            Trading = trading,
            Deposits = Binders.Bridge.BindDeposits(fields, rollups, value),
            ArbitrageStrategy = Binders.Strategy.BindArbitrageStrategy(fields, trading),
            Bundles = Binders.Bundles.BindBundles(body, rollups),
            CrossArbitrage = Binders.CrossArbitrage.BindAll(body, rollups),
        };
    }

    /// <summary><c>surge = poisson(RATE) at START for LENGTH</c>: a window that must lie within the run.</summary>
    private SurgeModel? BindSurge(EntrySyntax line, SimDuration? runDuration)
    {
        const string example = "surge = poisson(200 / s) at 5 min for 2 min";
        var rate = ReadPoisson(line);
        var at = EntryForms.At(line.Args);
        if (at.IsDefault || EntryForms.Window(at[0].Expression, at[1..]) is not { } clause)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, line.Span, "`surge` is written `surge = poisson(RATE) at START for LENGTH`", $"e.g. `{example}`: 200 more transactions per second from minute 5 for 2 minutes");
            return null;
        }

        var start = ReadTime(Evaluator.Evaluate(clause.Start));
        var length = ReadTime(Evaluator.Evaluate(clause.Length.Expression));
        if (rate is not { } r || start is not { } s || length is not { } l)
        {
            return null;
        }

        if (l.Microseconds <= 0)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, clause.Length.Span, "a `surge` window must last longer than 0 s");
            return null;
        }

        var window = new TimeWindow(s, l);
        if (runDuration is { } duration && window.End > duration)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, clause.Start.Span.Cover(clause.Length.Span), $"the surge ends at {window.End}, after the run ends at {duration}", "shorten it or lengthen `duration`");
            return null;
        }

        return new SurgeModel(r, window);
    }
}
