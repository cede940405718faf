using System.Globalization;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>
/// A rollup's <c>express_lane { round = 60 s  closing = 15 s  delay = 200 ms  reserve = 0.001 ether  price = second }</c>
/// (Timeboost): its settings, checked against each other, and the constructs the engine cannot
/// run it with.
/// </summary>
internal sealed class ExpressLaneBinder(BindingState state) : ConstructBinder(state)
{
    /// <summary>The largest reserve the language accepts: 1_000_000 ether.</summary>
    private static readonly UInt128 MaxReserve = Wei.PerEther * 1_000_000;

    /// <summary>The rollup's express lane, or null when it has none or its settings are invalid.</summary>
    internal ExpressLaneModel? BindExpressLane(Dictionary<string, EntrySyntax> fields, string rollup)
    {
        if (!fields.TryGetValue("express_lane", out var entry))
        {
            return null;
        }

        return In(entry, () =>
        {
            ExtraArgs(entry, 0, "`express_lane` takes a block, e.g. `express_lane { round = 60 s  delay = 200 ms }`");
            if (entry.Body is null)
            {
                Diagnostics.Error(DiagnosticCodes.MissingField, Source, entry.Span, "`express_lane` needs a block in braces", "write `express_lane { }` for Arbitrum's settings, or e.g. `express_lane { delay = 200 ms }`");
                return null;
            }

            var settings = Entries(entry.Body, SchemaCatalog.ExpressLane, $"in the express lane of rollup `{rollup}`");
            var schema = SchemaCatalog.ExpressLane;
            var valid = true;
            var round = Read(settings, "round", ExpressLaneModel.DefaultRound, ref valid);
            var closing = ReadWithinRound(settings, "closing", ExpressLaneModel.DefaultClosing, round, "the auction for a round closes before the round starts, within the round before it", ref valid);
            var delay = ReadWithinRound(settings, "delay", ExpressLaneModel.DefaultDelay, round, "a delayed transaction must reach the sequencer within the round it was sent in or the next", ref valid);
            var reserve = ExpressLaneModel.DefaultReserve;
            if (settings.TryGetValue("reserve", out var r))
            {
                if (ScalarValue(r) is { } value && ReadWei(value, UInt128.Zero, MaxReserve) is { } wei)
                {
                    reserve = wei;
                }
                else
                {
                    valid = false;
                }
            }

            var price = AuctionPrice.Second;
            if (settings.TryGetValue("price", out var p))
            {
                price = ReadChoice(p, schema["price"].Choices) == "first" ? AuctionPrice.First : AuctionPrice.Second;
            }

            valid &= ShorterThanRound(settings, "closing", closing, round, "the auction for a round closes before the round starts, within the round before it");
            valid &= ShorterThanRound(settings, "delay", delay, round, "a delayed transaction must reach the sequencer within the round it was sent in or the next");
            var bid = BindBid(settings, rollup);
            valid &= bid is not null || !settings.ContainsKey("bid");
            return valid ? new ExpressLaneModel(round, closing, delay, reserve, price) { Bid = bid } : null;
        });
    }

    /// <summary>
    /// Reports the rollup's constructs the express lane cannot run with: an ordering other than
    /// <c>fcfs</c> (Timeboost is a first-come-first-served sequencer with a delay), streamed blocks,
    /// and a sequencer that withholds (a reorg would not roll the lane's rounds back).
    /// </summary>
    internal void CheckCombinations(Dictionary<string, EntrySyntax> fields, RollupModel rollup)
    {
        if (rollup.ExpressLane is null || !fields.TryGetValue("express_lane", out var entry))
        {
            return;
        }

        if ((rollup.Ordering != OrderingRule.Fcfs || rollup.OrderingHook is not null) && fields.TryGetValue("ordering", out var ordering))
        {
            var name = rollup.OrderingHook is not null ? "a C# ordering hook" : "`ordering = " + OrderingRuleNames.Of(rollup.Ordering) + "`";
            var line = Source.GetPosition(entry.Head.Span.Start).Line.ToString(CultureInfo.InvariantCulture);
            Diagnostics.Error(
                DiagnosticCodes.InvalidValue,
                Source,
                ordering.Span,
                $"rollup `{rollup.Name}` has an express lane (line {line}), which needs `ordering = fcfs`, not {name}: Timeboost is a first-come-first-served sequencer that delays every transaction but the holder's",
                "use `ordering = fcfs` (or leave `ordering` out), or remove `express_lane`");
        }

        if (rollup.Flashblocks is not null)
        {
            Conflict(entry, fields["flashblocks"], "`flashblocks`", "a streamed block's sub-blocks are filled before the delayed transactions reach the sequencer, and no such combination is modelled");
        }

        if (!rollup.Sequencer.Withhold.IsDefaultOrEmpty)
        {
            Conflict(entry, fields["sequencer"], "a sequencer that withholds", "a reorg would not roll the lane's rounds, payments and delayed transactions back");
        }
    }

    /// <summary>A shared sequencer or cross-chain builder listing a rollup with an express lane: it orders the rollup's blocks itself, slot by slot, without the delay.</summary>
    internal void CheckNotCoordinated(EntrySyntax coordinator, ForClause clause, IReadOnlyList<RollupModel> rollups)
    {
        foreach (var target in clause.Targets)
        {
            if (target.Expression is PathSyntax path && rollups.FirstOrDefault(r => r.Name == path.Text) is { ExpressLane: not null })
            {
                Diagnostics.Error(
                    DiagnosticCodes.InvalidValue,
                    Source,
                    target.Span,
                    $"rollup `{path.Text}` has an express lane (`express_lane`), which cannot be combined with a `{coordinator.Head.Text}`: it orders the rollup's blocks itself, slot by slot, and the lane's delay and auction run in the rollup's own sequencer",
                    $"remove `express_lane` from rollup `{path.Text}`, or leave `{path.Text}` out of this `{coordinator.Head.Text}`");
            }
        }
    }

    /// <summary>The arbitrageurs' bid hook (<c>bid = csharp ...</c>), or null when the lane has none or it is not a hook.</summary>
    private HookModel? BindBid(Dictionary<string, EntrySyntax> settings, string rollup)
    {
        if (!settings.TryGetValue("bid", out var entry))
        {
            return null;
        }

        if (entry is not { IsField: true, Value: HookSyntax hook })
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Span, "the express lane's `bid` takes a C# hook", "write `bid = csharp => me.BuiltInBid` (the built-in bid) or `csharp { ... return wei; }`");
            return null;
        }

        ExtraArgs(entry, 0, "a hook is the whole value of `bid`");
        return Hook(HookKind.ExpressLaneBid, $"rollup {rollup} express_lane bid", hook);
    }

    private SimDuration Read(Dictionary<string, EntrySyntax> settings, string name, SimDuration fallback, ref bool valid)
    {
        if (!settings.TryGetValue(name, out var entry))
        {
            return fallback;
        }

        if (ReadDuration(entry, SchemaCatalog.ExpressLane[name]) is { } value)
        {
            return value;
        }

        valid = false;
        return fallback;
    }

    /// <summary>
    /// A time that must be shorter than the round: a value at or above it is reported with the
    /// round named; otherwise the range read (and observed) is 0 … round − 1 µs, the range the
    /// binder really accepts.
    /// </summary>
    private SimDuration ReadWithinRound(Dictionary<string, EntrySyntax> settings, string name, SimDuration fallback, SimDuration round, string why, ref bool valid)
    {
        if (!settings.TryGetValue(name, out var entry))
        {
            return fallback;
        }

        var value = ScalarValue(entry);
        if (value is QuantityValue { IsPercent: false } q && q.Dimension == Dimension.Duration && q.Magnitude >= round.Microseconds)
        {
            var shown = new SimDuration((long)decimal.Min(q.Magnitude, long.MaxValue));
            Diagnostics.Error(
                DiagnosticCodes.OutOfRange,
                Source,
                value.Span,
                $"the express lane's `{name}` ({shown}) must be shorter than its `round` ({round}): {why}",
                $"write a `{name}` below {round}, or a longer `round`");
            valid = false;
            return fallback;
        }

        var max = round.Microseconds - 1;
        var limit = new SimDuration((long)decimal.Min(SchemaCatalog.ExpressLane[name].Maximum!.Value, max));
        if (value is not null && ReadDurationValue(value, SimDuration.Zero, limit, name, "200 ms") is { } read)
        {
            return read;
        }

        valid = false;
        return fallback;
    }

    private bool ShorterThanRound(Dictionary<string, EntrySyntax> settings, string name, SimDuration value, SimDuration round, string why)
    {
        // A written value was checked as it was read; this catches the default against a short round.
        if (value < round || settings.ContainsKey(name))
        {
            return true;
        }

        var at = settings.TryGetValue("round", out var r) ? r.Value?.Span ?? r.Span : default;
        Diagnostics.Error(
            DiagnosticCodes.OutOfRange,
            Source,
            at,
            $"the express lane's `{name}` ({value}) must be shorter than its `round` ({round}): {why}",
            $"write a `{name}` below {round}, or a longer `round`");
        return false;
    }

    private void Conflict(EntrySyntax lane, EntrySyntax other, string what, string why)
    {
        var line = Source.GetPosition(other.Head.Span.Start).Line.ToString(CultureInfo.InvariantCulture);
        Diagnostics.Error(
            DiagnosticCodes.InvalidValue,
            Source,
            lane.Head.Span,
            $"`express_lane` cannot be combined with {what} (line {line}): {why}",
            $"remove `express_lane`, or the {what.Trim('`')} of line {line}");
    }
}
