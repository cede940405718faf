using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>
/// Proposer–builder separation: <c>builder NAME for A { latency = ...  exclusive_flow = ...  bid = ... }</c>
/// (a builder listing one rollup) and the rollup's <c>pbs { price = ...  deadline = ... }</c>.
/// A builder listing several rollups is a cross-chain builder (<see cref="SharedSequencingBinder"/>).
/// </summary>
internal sealed class PbsBinder(BindingState state) : ConstructBinder(state)
{
    /// <summary>Whether <paramref name="entry"/> is a PBS builder: a <c>builder NAME for A</c> that lists exactly one rollup.</summary>
    internal static bool IsPbsBuilder(EntrySyntax entry) =>
        entry.Head.Text == "builder" && EntryForms.For(entry, named: true) is { Name: not null, Targets.Length: 1 };

    /// <summary>
    /// Reads every PBS builder and <c>pbs</c> block and returns the rollups with their <see cref="RollupModel.Pbs"/>;
    /// a rollup that another block-building rule already covers gets a located error instead.
    /// </summary>
    internal void BindPbs(
        BodySyntax scenario,
        Dictionary<string, EntrySyntax> rollupSyntax,
        List<RollupModel> rollups,
        WorkloadModel workload,
        ImmutableArray<SharedSequencerModel> sequencers,
        ImmutableArray<BuilderModel> crossChainBuilders)
    {
        var byRollup = new Dictionary<string, List<(EntrySyntax Entry, PbsBuilderModel Model)>>(StringComparer.Ordinal);
        foreach (var entry in scenario.Statements.OfType<EntrySyntax>().Where(IsPbsBuilder))
        {
            var clause = EntryForms.For(entry, named: true)!.Value;
            if (ReadRollupName(clause.Targets[0], rollupSyntax) is not { } rollup)
            {
                continue;
            }

            var name = clause.Name!.Text;
            var builder = BindBuilder(entry, name);
            if (!byRollup.TryGetValue(rollup.Text, out var list))
            {
                byRollup[rollup.Text] = list = [];
            }

            list.Add((entry, builder));
        }

        for (var i = 0; i < rollups.Count; i++)
        {
            var rollup = rollups[i];
            if (!rollupSyntax.TryGetValue(rollup.Name, out var syntax))
            {
                continue;
            }

            var pbsEntry = syntax.Body is null ? null : AllNamed(syntax.Body, "pbs").FirstOrDefault();
            byRollup.TryGetValue(rollup.Name, out var builders);
            if (builders is null)
            {
                if (pbsEntry is not null)
                {
                    Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, pbsEntry.Head.Span, $"rollup `{rollup.Name}` has a `pbs` block but no builder of its own", $"add `builder NAME for {rollup.Name} {{ latency = 20 ms  bid = 90 % }}`, or remove the block");
                }

                continue;
            }

            if (!CheckExclusive(rollup, builders[0].Entry, workload, sequencers, crossChainBuilders))
            {
                continue;
            }

            CheckFlowSum(rollup.Name, builders);
            var (price, deadline) = pbsEntry is null ? (AuctionPrice.First, PbsModel.DefaultDeadline) : BindSettings(pbsEntry, rollup.Name);
            rollups[i] = rollup with { Pbs = new PbsModel(price, deadline, [.. builders.Select(b => b.Model)]) };
        }
    }

    private PbsBuilderModel BindBuilder(EntrySyntax entry, string name)
    {
        var fields = entry.Body is null ? [] : Entries(entry.Body, SchemaCatalog.Builder, $"in `builder {name}`");
        if (fields.TryGetValue("simulate", out var simulate))
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, simulate.Head.Span, "`simulate` is a setting of a cross-chain builder, which lists several rollups", $"remove `simulate`: builder `{name}` builds one rollup's blocks");
        }

        var latency = fields.TryGetValue("latency", out var l) ? ReadDuration(l, SchemaCatalog.Builder["latency"]) ?? SimDuration.Zero : SimDuration.Zero;
        var flow = fields.TryGetValue("exclusive_flow", out var f) ? ReadPercent(f, "10 %") ?? 0 : 0;
        HookModel? bidHook = null;
        HookModel? strategyHook = null;
        var bid = PbsModel.Million;
        if (fields.TryGetValue("bid", out var b))
        {
            bidHook = ReadHook(b, HookKind.BuilderBid, $"builder {name} bid");
            bid = bidHook is null ? ReadPercent(b, "90 %") ?? PbsModel.Million : PbsModel.Million;
        }

        if (fields.TryGetValue("strategy", out var s))
        {
            strategyHook = ReadHook(s, HookKind.BuilderStrategy, $"builder {name} strategy");
            if (strategyHook is null)
            {
                ReadChoice(s, SchemaCatalog.Builder["strategy"].Choices);
            }
        }

        return new PbsBuilderModel(name, latency, flow, bid, PbsStrategy.Greedy) { BidHook = bidHook, StrategyHook = strategyHook };
    }

    /// <summary>The field's C# hook (<c>bid = csharp ...</c>, <c>strategy = csharp ...</c>), or null when its value is not one.</summary>
    private HookModel? ReadHook(EntrySyntax entry, HookKind kind, string owner)
    {
        if (entry is not { IsField: true, Value: HookSyntax hook })
        {
            return null;
        }

        ExtraArgs(entry, 0, $"a hook is the whole value of `{entry.Head.Text}`");
        return Hook(kind, owner, hook);
    }

    /// <summary>A percentage from 0 % to 100 %, in parts per million; above 100 % is out of range.</summary>
    private int? ReadPercent(EntrySyntax entry, string example)
    {
        var value = ScalarValue(entry);
        if (value is null or ErrorValue)
        {
            return null;
        }

        Observe(entry.Head.Text, value, "0 %", "100 %");
        if (value is not QuantityValue { IsPercent: true } percent)
        {
            Diagnostics.Error(DiagnosticCodes.WrongUnit, Source, value.Span, $"`{entry.Head.Text}` must be a percentage, found {value.Describe()}", $"e.g. `{entry.Head.Text} = {example}`");
            return null;
        }

        if (percent.Magnitude < 0 || percent.Magnitude > 1)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, value.Span, $"`{entry.Head.Text}` must be between 0 % and 100 %, found {(percent.Magnitude * 100).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)} %", $"e.g. `{entry.Head.Text} = {example}`");
            return null;
        }

        return Accepted(value, (int)decimal.Round(percent.Magnitude * PbsModel.Million, MidpointRounding.ToEven));
    }

    private (AuctionPrice Price, SimDuration Deadline) BindSettings(EntrySyntax entry, string rollup) => In(entry, () =>
    {
        ExtraArgs(entry, 0, "`pbs` takes a block, e.g. `pbs { price = second  deadline = 100 ms }`");
        if (entry.Body is null)
        {
            Diagnostics.Error(DiagnosticCodes.MissingField, Source, entry.Span, "`pbs` needs a block in braces", "write `pbs { price = second  deadline = 100 ms }`");
            return (AuctionPrice.First, PbsModel.DefaultDeadline);
        }

        var settings = Entries(entry.Body, SchemaCatalog.Pbs, $"in the pbs block of rollup `{rollup}`");
        var price = settings.TryGetValue("price", out var p) && ReadChoice(p, SchemaCatalog.Pbs["price"].Choices) == "second" ? AuctionPrice.Second : AuctionPrice.First;
        var deadline = settings.TryGetValue("deadline", out var d) ? ReadDuration(d, SchemaCatalog.Pbs["deadline"]) ?? PbsModel.DefaultDeadline : PbsModel.DefaultDeadline;
        return (price, deadline);
    });

    private void CheckFlowSum(string rollup, List<(EntrySyntax Entry, PbsBuilderModel Model)> builders)
    {
        var sum = builders.Sum(b => (long)b.Model.ExclusiveFlowPpm);
        if (sum > PbsModel.Million)
        {
            var last = builders.Last(b => b.Model.ExclusiveFlowPpm > 0).Entry;
            var at = last.Body is null ? last.Head.Span : AllNamed(last.Body, "exclusive_flow").First().Span;
            Diagnostics.Error(
                DiagnosticCodes.OutOfRange,
                Source,
                at,
                FormattableString.Invariant($"the builders of rollup `{rollup}` take {sum / 10_000m} % of its users as exclusive flow; at most 100 % can be"),
                "lower their `exclusive_flow` so that the sum is at most 100 %");
        }
    }

    /// <summary>PBS builders replace the rollup's own block building; another rule that builds or orders its blocks excludes them.</summary>
    private bool CheckExclusive(RollupModel rollup, EntrySyntax builder, WorkloadModel workload, ImmutableArray<SharedSequencerModel> sequencers, ImmutableArray<BuilderModel> crossChain)
    {
        var clause = EntryForms.For(builder, named: true)!.Value;
        string? other = null;
        string? fix = null;
        if (sequencers.FirstOrDefault(s => s.Rollups.Contains(rollup.Name)) is { } sequencer)
        {
            (other, fix) = ($"shared sequencer `{sequencer.Name}` orders its blocks", "remove the PBS builders, or take the rollup out of the shared sequencer");
        }
        else if (crossChain.FirstOrDefault(b => b.Rollups.Contains(rollup.Name)) is { } cross)
        {
            (other, fix) = ($"cross-chain builder `{cross.Name}` builds its blocks", "remove one of the two kinds of builder");
        }
        else if (rollup.Ordering == OrderingRule.Auction)
        {
            (other, fix) = ("`ordering = auction` sells the top of its blocks", "use the default ordering, or remove the PBS builders");
        }
        else if (rollup.ValidityHook is not null)
        {
            (other, fix) = ("its `validity` hook refuses transactions outside the builders' snapshots", "remove `validity`, or the PBS builders");
        }
        else if (workload.Streams.Any(s => s.MaxFee is not null && s.Rollups.Contains(rollup.Name)))
        {
            (other, fix) = ("its users' `max_fee` is checked by the sequencer's mempool, which the builders do not go through", "remove `max_fee`, or the PBS builders");
        }
        else if (rollup.Fees is not null)
        {
            (other, fix) = ("its `fees` block splits the priority fees, which the winning builder takes", "remove the `fees` block (or the scenario's), or the PBS builders");
        }
        else if (!rollup.Sequencer.Withhold.IsDefaultOrEmpty)
        {
            (other, fix) = ("its sequencer withholds, and a reorg cannot roll the builders' private pools back", "remove `withhold`, or the PBS builders");
        }
        else if (!rollup.Sequencer.Censor.IsDefaultOrEmpty)
        {
            (other, fix) = ("its sequencer censors, and the builders, not the proposer, choose its blocks' transactions", "remove `censor`, or the PBS builders");
        }
        else if (!workload.Bundles.IsDefaultOrEmpty && workload.Bundles.Any(b => b.Path.Contains(rollup.Name)))
        {
            (other, fix) = ("a `bundles` path goes through it, whose legs a shared sequencer or cross-chain builder lands, not its PBS builders", "take the rollup out of the `bundles` paths, or remove the PBS builders");
        }
        else if (!workload.CrossArbitrage.IsDefaultOrEmpty && workload.CrossArbitrage.Any(a => a.Path.Contains(rollup.Name)))
        {
            (other, fix) = ("a `cross_arbitrage` path trades its pool, and its searchers' outcomes are counted as their swaps execute, which every builder's candidate would repeat", "take the rollup out of the `cross_arbitrage` paths, or remove the PBS builders");
        }
        else if (rollup.Flashblocks is not null)
        {
            (other, fix) = ("it streams `flashblocks`, whose sub-blocks the sequencer fills before any builder's bid arrives", "remove `flashblocks`, or the PBS builders");
        }
        else if (rollup.ExpressLane is not null)
        {
            (other, fix) = ("its `express_lane` delays transactions and sells rounds in its own sequencer, which PBS builders would replace", "remove `express_lane`, or the PBS builders");
        }

        if (other is null)
        {
            return true;
        }

        Diagnostics.Error(
            DiagnosticCodes.InvalidValue,
            Source,
            clause.TargetsSpan,
            $"a builder for a rollup that another PBS rule excludes: rollup `{rollup.Name}` has PBS builders, but {other}",
            fix);
        return false;
    }
}
