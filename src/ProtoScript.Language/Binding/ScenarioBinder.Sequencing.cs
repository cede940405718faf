using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <content>A rollup's sequencer faults (outages, censorship) and its forced-inclusion route.</content>
public sealed partial class ScenarioBinder
{
    private static readonly string[] SequencerFields = ["down", "censor", "withhold"];
    private static readonly string[] ForcedInclusionChoices = ["none", "deposits", "delayed_inbox"];
    private static readonly string[] DelayedInboxFields = ["delay_blocks", "delay"];

    // The scenario's duration, once bound, so that fault windows can be checked against it.
    private SimDuration? _runDuration;

    // The L1 slot time, so that a sequencing window in L1 blocks can be compared with the batch interval.
    private SimDuration _slotTime = SimDuration.FromSeconds(12);

    /// <summary><c>sequencer { down = START for LENGTH  censor = SHARE at START for LENGTH  withhold = START for LENGTH }</c>, each line repeatable.</summary>
    private SequencerModel BindSequencer(EntrySyntax entry, string rollup)
    {
        ExtraArgs(entry, 0, "`sequencer` takes a block, e.g. `sequencer { down = 10 min for 30 min }`");
        if (entry.Body is null)
        {
            _diagnostics.Error(DiagnosticCodes.MissingField, _source, entry.Span, "`sequencer` needs a block in braces", "write `sequencer { down = 10 min for 30 min }`");
            return SequencerModel.Reliable;
        }

        Entries(entry.Body, SequencerFields, $"in the sequencer of rollup `{rollup}`", repeatable: SequencerFields);
        var down = ImmutableArray.CreateBuilder<TimeWindow>();
        var censor = ImmutableArray.CreateBuilder<CensorWindow>();
        var withhold = ImmutableArray.CreateBuilder<TimeWindow>();
        foreach (var line in entry.Body.Statements.OfType<EntrySyntax>())
        {
            if (line.Head.Text == "down" && ReadWindow(line, line.Value, line.Args, "down = 10 min for 30 min") is { } window)
            {
                down.Add(window);
            }
            else if (line.Head.Text == "withhold" && ReadWindow(line, line.Value, line.Args, "withhold = 10 min for 30 min") is { } held)
            {
                withhold.Add(held);
            }
            else if (line.Head.Text == "censor")
            {
                // censor = SHARE at START for LENGTH
                var share = ReadCensoredShare(Value(line));
                var args = line.Args;
                if (args.Length != 4 || args[0].Expression is not PathSyntax { Text: "at" })
                {
                    _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, line.Span, "`censor` is written `censor = SHARE at START for LENGTH`", "e.g. `censor = 10 % at 5 min for 10 min`: the first 10 % of user accounts, from minute 5 for 10 minutes");
                    continue;
                }

                var censorWindow = ReadWindow(line, args[1].Expression, args[2..], "censor = 10 % at 5 min for 10 min");
                if (share is { } s && censorWindow is { } w)
                {
                    censor.Add(new CensorWindow(s, w));
                }
            }
        }

        return new SequencerModel(down.ToImmutable(), censor.ToImmutable()) { Withhold = withhold.ToImmutable() };
    }

    /// <summary>
    /// A withholding sequencer's blocks can be reorged out, which rolls the rollup back to the last
    /// block L1 determines. The rollback restores accounts, the mempool, the L1 inboxes and the
    /// counters; it does not yet restore pools, fee settlement, auctions, proofs, cross-chain
    /// messages or a validity hook's memory, so those are refused rather than simulated wrongly.
    /// </summary>
    private void CheckWithholding(List<RollupModel> rollups, Dictionary<string, EntrySyntax> syntax, WorkloadModel workload, ImmutableArray<ProversModel> provers, ImmutableArray<SharedSequencerModel> shared, ImmutableArray<BuilderModel> builders)
    {
        foreach (var rollup in rollups)
        {
            if (rollup.Sequencer.Withhold.IsEmpty || !syntax.TryGetValue(rollup.Name, out var entry))
            {
                continue;
            }

            var name = rollup.Name;
            string? what = rollup.Amms.Length > 0 || _tokenOrder.Count > 0 ? "pools or tokens"
                : rollup.Fees is not null ? "a `fees` block"
                : rollup.Auction is not null ? "`ordering = auction`"
                : rollup.ValidityHook is not null ? "a `validity` hook"
                : provers.Any(p => p.Rollups.Contains(name)) ? "`provers`"
                : shared.Any(s => s.Rollups.Contains(name)) || builders.Any(b => b.Rollups.Contains(name)) ? "a shared sequencer or builder"
                : workload.CrossChain.Share > 0 ? "cross-chain messages"
                : null;
            if (what is null)
            {
                continue;
            }

            var line = entry.Body?.Statements.OfType<EntrySyntax>().FirstOrDefault(e => e.Head.Text == "sequencer");
            _diagnostics.Error(
                DiagnosticCodes.InvalidValue,
                _source,
                line?.Span ?? entry.Head.Span,
                $"rollup `{name}` withholds batches, which can reorg its blocks, and also has {what}, whose state a reorg does not yet roll back",
                "simulate withholding on a rollup of plain transfers, deposits and withdrawals");
        }
    }

    /// <summary>START for LENGTH: a window that must lie within the run.</summary>
    private TimeWindow? ReadWindow(EntrySyntax line, ExpressionSyntax? startSyntax, ImmutableArray<ArgumentSyntax> rest, string example)
    {
        if (startSyntax is null || rest.Length != 2 || rest[0].Expression is not PathSyntax { Text: "for" })
        {
            _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, line.Span, $"`{line.Head.Text}` needs a start and a length: `{example}`", "the start counts from the beginning of the run");
            return null;
        }

        var start = ReadTime(_evaluator.Evaluate(startSyntax));
        var length = ReadTime(_evaluator.Evaluate(rest[1].Expression));
        if (start is not { } s || length is not { } l)
        {
            return null;
        }

        if (l.Microseconds <= 0)
        {
            _diagnostics.Error(DiagnosticCodes.OutOfRange, _source, rest[1].Span, $"a `{line.Head.Text}` window must last longer than 0 s");
            return null;
        }

        var window = new TimeWindow(s, l);
        if (_runDuration is { } duration && window.End > duration)
        {
            _diagnostics.Error(DiagnosticCodes.OutOfRange, _source, startSyntax.Span.Cover(rest[1].Span), $"the window ends at {window.End}, after the run ends at {duration}", "shorten it or lengthen `duration`");
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
            _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, value.Span, $"`censor` must start with the share of user accounts it censors, above 0 % and at most 100 %, found {value.Describe()}", "e.g. `censor = 10 % at 5 min for 10 min`");
            return null;
        }

        return (double)percent.Magnitude;
    }

    private SimDuration? ReadTime(BoundValue value)
    {
        if (!ExpectDimension(value, Dimension.Duration, "10 min"))
        {
            return null;
        }

        var us = ((QuantityValue)value).Magnitude;
        if (us != decimal.Truncate(us) || us < 0 || us > long.MaxValue / 4)
        {
            _diagnostics.Error(DiagnosticCodes.OutOfRange, _source, value.Span, "a time here must be a whole number of microseconds, at least 0");
            return null;
        }

        return new SimDuration((long)us);
    }

    /// <summary><c>forced_inclusion = none | deposits | delayed_inbox [{ delay_blocks = N  delay = T }]</c>.</summary>
    private ForcedInclusionModel BindForcedInclusion(EntrySyntax entry, string rollup, BatchModel batch, DerivationModel derivation)
    {
        var forced = BindForcedInclusionRoute(entry, rollup);
        var window = new SimDuration(checked((long)Math.Min(derivation.SequencingWindow, 1_000_000UL) * _slotTime.Microseconds));
        if (forced.Kind == ForcedInclusionKind.Deposits && window <= batch.Every + _slotTime + _slotTime)
        {
            // The batcher posts the blocks sealed before an outage one interval later; they must still land in their window.
            _diagnostics.Warning(
                DiagnosticCodes.OutOfRange,
                _source,
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
            var fields = Entries(body, DelayedInboxFields, $"in the delayed inbox of rollup `{rollup}`");
            var defaults = ForcedInclusionModel.ArbitrumDelayedInbox;
            var blocks = fields.TryGetValue("delay_blocks", out var b) ? ReadInteger(b, 0, 10_000_000) : null;
            var delay = fields.TryGetValue("delay", out var d) ? ReadDuration(d, SimDuration.Zero, SimDuration.FromSeconds(365L * 24 * 3600)) : null;
            return defaults with { DelayBlocks = blocks ?? defaults.DelayBlocks, Delay = delay ?? defaults.Delay };
        }

        return ReadChoice(entry, ForcedInclusionChoices) switch
        {
            "deposits" => new ForcedInclusionModel(ForcedInclusionKind.Deposits, 0, SimDuration.Zero),
            "delayed_inbox" => ForcedInclusionModel.ArbitrumDelayedInbox,
            _ => ForcedInclusionModel.None,
        };
    }
}
