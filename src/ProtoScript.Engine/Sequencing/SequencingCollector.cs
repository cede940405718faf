using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Sequencing;

/// <summary>Turns a rollup's sequencer counters into its result at the end of a run.</summary>
internal static class SequencingCollector
{
    /// <summary>The result, or null for a rollup whose sequencer never fails and that has no forced-inclusion route.</summary>
    public static SequencingResult? Collect(RollupChain chain)
    {
        var model = chain.Model;
        if (model.Sequencer.Down.IsEmpty && model.Sequencer.Censor.IsEmpty && model.ForcedInclusion.Kind == ForcedInclusionKind.None)
        {
            return null;
        }

        var m = chain.ForcedInclusion;
        var downtime = model.Sequencer.Down.Aggregate(SimDuration.Zero, (sum, w) => sum + w.Length);
        return new SequencingResult(
            Name(model.ForcedInclusion.Kind),
            downtime,
            m.MissedBlocks,
            m.CensoredSkips,
            m.ForcedBlocks,
            m.SentViaL1,
            m.IncludedBySequencer,
            m.Forced,
            m.Latency.Summarize());
    }

    private static string Name(ForcedInclusionKind kind) => kind switch
    {
        ForcedInclusionKind.Deposits => "deposits",
        ForcedInclusionKind.DelayedInbox => "delayed_inbox",
        _ => "none",
    };
}
