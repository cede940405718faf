using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>A rollup's sequencer faults (outages, censorship) and its forced-inclusion route.</summary>
internal sealed class SequencerBinder(BindingState state) : ConstructBinder(state)
{
    /// <summary><c>sequencer { down = START for LENGTH  censor = SHARE at START for LENGTH  withhold = START for LENGTH }</c>, each line repeatable.</summary>
    internal SequencerModel BindSequencer(EntrySyntax entry, string rollup, ScenarioContext context)
    {
        ExtraArgs(entry, 0, "`sequencer` takes a block, e.g. `sequencer { down = 10 min for 30 min }`");
        if (entry.Body is null)
        {
            Diagnostics.Error(DiagnosticCodes.MissingField, Source, entry.Span, "`sequencer` needs a block in braces", "write `sequencer { down = 10 min for 30 min }`");
            return SequencerModel.Reliable;
        }

        Entries(entry.Body, SchemaCatalog.Sequencer, $"in the sequencer of rollup `{rollup}`");
        var down = ImmutableArray.CreateBuilder<TimeWindow>();
        var censor = ImmutableArray.CreateBuilder<CensorWindow>();
        var withhold = ImmutableArray.CreateBuilder<TimeWindow>();
        ConsensusModel? consensus = null;
        foreach (var line in entry.Body.Statements.OfType<EntrySyntax>())
        {
            if (line.Head.Text == "down" && ReadWindow(line, line.Value, line.Args, "down = 10 min for 30 min", context) is { } window)
            {
                down.Add(window);
            }
            else if (line.Head.Text == "withhold" && ReadWindow(line, line.Value, line.Args, "withhold = 10 min for 30 min", context) is { } held)
            {
                withhold.Add(held);
            }
            else if (line.Head.Text == "consensus")
            {
                consensus = Binders.Consensus.Bind(line, $"rollup `{rollup}`", context);
            }
            else if (line.Head.Text == "censor")
            {
                // censor = SHARE at START for LENGTH
                var share = ReadCensoredShare(Value(line));
                var at = EntryForms.At(line.Args);
                if (at.IsDefault)
                {
                    Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, line.Span, "`censor` is written `censor = SHARE at START for LENGTH`", "e.g. `censor = 10 % at 5 min for 10 min`: the first 10 % of user accounts, from minute 5 for 10 minutes");
                    continue;
                }

                var censorWindow = ReadWindow(line, at[0].Expression, at[1..], "censor = 10 % at 5 min for 10 min", context);
                if (share is { } s && censorWindow is { } w)
                {
                    censor.Add(new CensorWindow(s, w));
                }
            }
        }

        return new SequencerModel(down.ToImmutable(), censor.ToImmutable()) { Withhold = withhold.ToImmutable(), Consensus = consensus };
    }

    /// <summary>
    /// A withholding sequencer's blocks can be reorged out, which rolls the rollup back to the last
    /// block L1 determines; so can the losing block of an equivocating set past the safety bound. The rollback restores accounts, the mempool, the L1 inboxes and the
    /// counters and the cross-chain messages the reorged blocks sent and received; it does not yet
    /// restore pools, fee settlement, auctions, proofs, bundles or a validity hook's memory, so those
    /// are refused rather than simulated wrongly.
    /// </summary>
    internal void CheckWithholding(List<RollupModel> rollups, Dictionary<string, EntrySyntax> syntax, WorkloadModel workload, ImmutableArray<ProversModel> provers, ImmutableArray<SharedSequencerModel> shared, ImmutableArray<BuilderModel> builders)
    {
        foreach (var rollup in rollups)
        {
            // An equivocating set past the safety bound reorgs its losing blocks as withholding reorgs held ones.
            var equivocates = rollup.Sequencer.Consensus?.CanCommitConflicting == true;
            if ((rollup.Sequencer.Withhold.IsEmpty && !equivocates) || !syntax.TryGetValue(rollup.Name, out var entry))
            {
                continue;
            }

            var name = rollup.Name;
            string? what = rollup.Amms.Length > 0 || State.TokenOrder.Count > 0 ? "pools or tokens"
                : rollup.Fees is not null ? "a `fees` block"
                : rollup.Auction is not null ? "`ordering = auction`"
                : rollup.ValidityHook is not null ? "a `validity` hook"
                : provers.Any(p => p.Rollups.Contains(name)) ? "`provers`"
                : shared.Any(s => s.Rollups.Contains(name)) || builders.Any(b => b.Rollups.Contains(name)) ? "a shared sequencer or builder"
                : !workload.Bundles.IsDefaultOrEmpty ? "cross-chain bundles"
                : null;
            if (what is null)
            {
                continue;
            }

            RefuseAtSequencer(
                entry,
                equivocates && rollup.Sequencer.Withhold.IsEmpty
                    ? $"rollup `{name}`'s sequencer set has enough equivocating nodes to commit two blocks at one height, whose losing block is reorged out, and the rollup also has {what}, whose state a reorg does not yet roll back"
                    : $"rollup `{name}` withholds batches, which can reorg its blocks, and also has {what}, whose state a reorg does not yet roll back",
                equivocates && rollup.Sequencer.Withhold.IsEmpty
                    ? "simulate the equivocating set on a rollup of plain transfers, deposits and withdrawals, or keep the equivocators below the safety bound"
                    : "simulate withholding on a rollup of plain transfers, deposits and withdrawals");
        }
    }

    /// <summary>START for LENGTH: a window that must lie within the run.</summary>
    internal TimeWindow? ReadWindow(EntrySyntax line, ExpressionSyntax? startSyntax, ImmutableArray<ArgumentSyntax> rest, string example, ScenarioContext context)
    {
        if (EntryForms.Window(startSyntax, rest) is not { } clause)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, line.Span, $"`{line.Head.Text}` needs a start and a length: `{example}`", "the start counts from the beginning of the run");
            return null;
        }

        var start = ReadTime(Evaluator.Evaluate(clause.Start));
        var length = ReadTime(Evaluator.Evaluate(clause.Length.Expression));
        if (start is not { } s || length is not { } l)
        {
            return null;
        }

        if (l.Microseconds <= 0)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, clause.Length.Span, $"a `{line.Head.Text}` window must last longer than 0 s");
            return null;
        }

        var window = new TimeWindow(s, l);
        if (context.RunDuration is { } duration && window.End > duration)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, clause.Start.Span.Cover(clause.Length.Span), $"the window ends at {window.End}, after the run ends at {duration}", "shorten it or lengthen `duration`");
            return null;
        }

        return window;
    }

    private double? ReadCensoredShare(BoundValue value)
    {
        if (value is ErrorValue)
        {
            return null;
        }

        if (value is not QuantityValue { IsPercent: true } percent || percent.Magnitude <= 0 || percent.Magnitude > 1)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, value.Span, $"`censor` must start with the share of user accounts it censors, above 0 % and at most 100 %, found {value.Describe()}", "e.g. `censor = 10 % at 5 min for 10 min`");
            return null;
        }

        return (double)percent.Magnitude;
    }

    /// <summary><c>forced_inclusion = none | deposits | delayed_inbox [{ delay_blocks = N  delay = T }]</c>.</summary>
    internal ForcedInclusionModel BindForcedInclusion(EntrySyntax entry, string rollup, BatchModel batch, DerivationModel derivation, ScenarioContext context)
    {
        var slot = context.SlotTime;
        var forced = BindForcedInclusionRoute(entry, rollup);
        var window = new SimDuration(checked((long)Math.Min(derivation.SequencingWindow, 1_000_000UL) * slot.Microseconds));
        if (forced.Kind == ForcedInclusionKind.Deposits && window <= batch.Every + slot + slot)
        {
            // The batcher posts the blocks sealed before an outage one interval later; they must still land in their window.
            Diagnostics.Warning(
                DiagnosticCodes.OutOfRange,
                Source,
                entry.Value?.Span ?? entry.Span,
                $"rollup `{rollup}`'s sequencing window ({derivation.SequencingWindow} L1 blocks, {window}) is not longer than its batch interval ({batch.Every}) plus two L1 slots: blocks sealed just before an outage can land outside their window, and derivation drops them",
                "raise `sequencing_window` or batch more often");
        }

        return forced;
    }

    private ForcedInclusionModel BindForcedInclusionRoute(EntrySyntax entry, string rollup)
    {
        if (entry is { IsField: true, Value: ObjectSyntax { Head: PathSyntax { Text: "delayed_inbox" }, Body: var body } })
        {
            ExtraArgs(entry, 0, "`forced_inclusion` takes one value");
            var fields = Entries(body, SchemaCatalog.DelayedInbox, $"in the delayed inbox of rollup `{rollup}`");
            var defaults = ForcedInclusionModel.ArbitrumDelayedInbox;
            var blocks = fields.TryGetValue("delay_blocks", out var b) ? ReadInteger(b, SchemaCatalog.DelayedInbox["delay_blocks"]) : null;
            var delay = fields.TryGetValue("delay", out var d) ? ReadDuration(d, SchemaCatalog.DelayedInbox["delay"]) : null;
            return defaults with { DelayBlocks = blocks ?? defaults.DelayBlocks, Delay = delay ?? defaults.Delay };
        }

        return ReadChoice(entry, SchemaCatalog.Rollup["forced_inclusion"].Choices) switch
        {
            "deposits" => new ForcedInclusionModel(ForcedInclusionKind.Deposits, 0, SimDuration.Zero),
            "delayed_inbox" => ForcedInclusionModel.ArbitrumDelayedInbox,
            _ => ForcedInclusionModel.None,
        };
    }
}
