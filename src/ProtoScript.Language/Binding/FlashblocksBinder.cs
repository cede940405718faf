using System.Globalization;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>
/// A rollup's <c>flashblocks = 200 ms</c>: the sub-block interval, checked against the block
/// time, and the constructs a streamed block cannot be combined with soundly.
/// </summary>
internal sealed class FlashblocksBinder(BindingState state) : ConstructBinder(state)
{
    /// <summary>The rollup's streaming, or null when it has none or its interval is invalid.</summary>
    internal FlashblocksModel? BindFlashblocks(Dictionary<string, EntrySyntax> fields, SimDuration? blockTime)
    {
        if (!fields.TryGetValue("flashblocks", out var entry))
        {
            return null;
        }

        if (blockTime is not { } block)
        {
            In(entry, () => ReadDuration(entry, SchemaCatalog.Rollup["flashblocks"]));
            return null;
        }

        var span = entry.Value?.Span ?? entry.Span;
        var interval = In(entry, () =>
        {
            if (ScalarValue(entry) is not { } value)
            {
                return null;
            }

            if (value is QuantityValue { Dimension: var dimension, IsPercent: false } q && dimension == Dimension.Duration && q.Magnitude >= block.Microseconds)
            {
                Diagnostics.Error(
                    DiagnosticCodes.OutOfRange,
                    Source,
                    span,
                    $"`flashblocks` ({new SimDuration((long)decimal.Min(q.Magnitude, long.MaxValue))}) must be shorter than `block_time` ({block}): a block is streamed as several sub-blocks",
                    $"write an interval that divides the block time, e.g. `flashblocks = {Suggest(block, new SimDuration(block.Microseconds / 10))}`, or remove `flashblocks`");
                return null;
            }

            // The range the binder accepts depends on the block time: up to its largest proper divisor.
            var min = new SimDuration((long)SchemaCatalog.Rollup["flashblocks"].Minimum!.Value);
            return ReadDurationValue(value, min, LargestProperDivisor(block), "flashblocks", "200 ms");
        });
        if (interval is not { } i)
        {
            return null;
        }

        if (block.Microseconds % i.Microseconds != 0)
        {
            Diagnostics.Error(
                DiagnosticCodes.InvalidValue,
                Source,
                span,
                $"`flashblocks` ({i}) must divide `block_time` ({block}) exactly, so that the last sub-block ends when the block is sealed",
                $"write e.g. `flashblocks = {Suggest(block, i)}`");
            return null;
        }

        return new FlashblocksModel(i, checked((int)(block.Microseconds / i.Microseconds)));
    }

    /// <summary>
    /// Reports the rollup's constructs that take over block building in a way a streamed block
    /// cannot follow: the top-of-block auction sells the first position of the whole block when
    /// it is sealed; an outage or withholding stops or hides blocks the stream has already
    /// soft-confirmed; forced inclusion seals L1-forced blocks at block times while a streamed
    /// block is open.
    /// </summary>
    internal void CheckCombinations(Dictionary<string, EntrySyntax> fields, RollupModel rollup)
    {
        if (rollup.Flashblocks is null || !fields.TryGetValue("flashblocks", out var entry))
        {
            return;
        }

        if (rollup.Ordering == OrderingRule.Auction)
        {
            Conflict(entry, fields["ordering"], "`ordering = auction`", "the top-of-block auction sells the first position of the whole block when it is sealed, which a sub-block has already filled");
        }

        if (!rollup.Sequencer.Down.IsEmpty || !rollup.Sequencer.Withhold.IsEmpty)
        {
            Conflict(entry, fields["sequencer"], "a sequencer that goes down or withholds", "an outage or withholding would stop or hide a block whose sub-blocks were already soft-confirmed");
        }

        if (rollup.ForcedInclusion.Kind != ForcedInclusionKind.None)
        {
            Conflict(entry, fields["forced_inclusion"], "`forced_inclusion`", "the L1 rules seal forced blocks at block times, while a streamed block is open between its sub-blocks");
        }
    }

    /// <summary>A shared sequencer or cross-chain builder listing a streamed rollup: it opens and fills the rollup's blocks itself, slot by slot.</summary>
    internal void CheckNotCoordinated(EntrySyntax coordinator, ForClause clause, IReadOnlyList<RollupModel> rollups)
    {
        foreach (var target in clause.Targets)
        {
            if (target.Expression is PathSyntax path && rollups.FirstOrDefault(r => r.Name == path.Text) is { Flashblocks: not null })
            {
                Diagnostics.Error(
                    DiagnosticCodes.InvalidValue,
                    Source,
                    target.Span,
                    $"rollup `{path.Text}` streams its blocks (`flashblocks`), which cannot be combined with a `{coordinator.Head.Text}`: it opens and fills the rollup's blocks itself, slot by slot",
                    $"remove `flashblocks` from rollup `{path.Text}`, or leave `{path.Text}` out of this `{coordinator.Head.Text}`");
            }
        }
    }

    private void Conflict(EntrySyntax flashblocks, EntrySyntax other, string what, string why)
    {
        var line = Source.GetPosition(other.Head.Span.Start).Line;
        Diagnostics.Error(
            DiagnosticCodes.InvalidValue,
            Source,
            flashblocks.Span,
            $"`flashblocks` cannot be combined with {what} (line {line.ToString(CultureInfo.InvariantCulture)}): {why}",
            $"remove `flashblocks`, or the {what.Trim('`')} of line {line.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>The longest interval shorter than <paramref name="block"/> that divides it: the block time over its smallest prime factor.</summary>
    private static SimDuration LargestProperDivisor(SimDuration block)
    {
        var us = block.Microseconds;
        for (long p = 2; p * p <= us; p++)
        {
            if (us % p == 0)
            {
                return new SimDuration(us / p);
            }
        }

        return new SimDuration(1);
    }

    /// <summary>The divisor of <paramref name="block"/> nearest at or below <paramref name="near"/> (searching a few hundred sub-block counts), as source text.</summary>
    private static string Suggest(SimDuration block, SimDuration near)
    {
        var count = Math.Max(2, (block.Microseconds + near.Microseconds - 1) / Math.Max(1, near.Microseconds));
        for (var f = count; f < count + 500; f++)
        {
            if (block.Microseconds % f == 0)
            {
                return new SimDuration(block.Microseconds / f).ToString();
            }
        }

        return new SimDuration(block.Microseconds / 2).ToString();
    }
}
