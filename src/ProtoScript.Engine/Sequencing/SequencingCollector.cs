using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Sequencing;

/// <summary>Turns a rollup's sequencer counters into its result at the end of a run.</summary>
internal static class SequencingCollector
{
    /// <summary>The result, or null for a rollup whose sequencer never fails and that has no forced-inclusion route.</summary>
    /// <param name="chain">The rollup.</param>
    /// <param name="end">The run's length, for the time a set of nodes was halted.</param>
    public static SequencingResult? Collect(RollupChain chain, SimDuration end)
    {
        var model = chain.Model;
        if (!model.Sequencer.HasFaults && model.ForcedInclusion.Kind == ForcedInclusionKind.None && chain.Sequencing?.Equivocation is null)
        {
            return null;
        }

        var m = chain.ForcedInclusion;
        var downtime = chain.Sequencing?.Faults.Downtime(end) ?? model.Sequencer.Down.Aggregate(SimDuration.Zero, (sum, w) => sum + w.Length);
        return new SequencingResult(
            Name(model.ForcedInclusion.Kind),
            downtime,
            m.MissedBlocks,
            m.CensoredSkips,
            m.ForcedBlocks,
            m.SentViaL1,
            m.IncludedBySequencer,
            m.Forced,
            m.Latency.Summarize())
        {
            Withholding = chain.Sequencing?.Withholding is { } withholding ? Collect(model.Sequencer, withholding.Metrics) : null,
            Equivocation = chain.Sequencing?.Equivocation is { } equivocation ? Collect(equivocation.Metrics) : null,
        };
    }

    private static WithholdingResult Collect(SequencerModel sequencer, ReorgMetrics reorgs) => new(
        sequencer.Withhold.Aggregate(SimDuration.Zero, (sum, w) => sum + w.Length),
        reorgs.Reorgs,
        reorgs.Blocks,
        reorgs.Transactions,
        reorgs.Value,
        reorgs.SoftConfirmations,
        reorgs.ConfirmedFor.Summarize(),
        new SimDuration(reorgs.MaxConfirmedFor));

    private static EquivocationResult Collect(ReorgMetrics reorgs) => new(
        reorgs.Reorgs,
        reorgs.Blocks,
        reorgs.Transactions,
        reorgs.Value,
        reorgs.SoftConfirmations,
        reorgs.ConfirmedFor.Summarize(),
        new SimDuration(reorgs.MaxConfirmedFor));

    private static string Name(ForcedInclusionKind kind) => kind switch
    {
        ForcedInclusionKind.Deposits => "deposits",
        ForcedInclusionKind.DelayedInbox => "delayed_inbox",
        _ => "none",
    };
}
