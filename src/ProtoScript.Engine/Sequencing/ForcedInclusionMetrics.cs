using ProtoScript.Engine.Metrics;

namespace ProtoScript.Engine.Sequencing;

/// <summary>What a rollup's sequencer faults cost and how users got around them.</summary>
public sealed class ForcedInclusionMetrics
{
    /// <summary>Block times at which the sequencer was down and sealed nothing.</summary>
    public long MissedBlocks { get; set; }

    /// <summary>Times the sequencer passed over a censored sender's transaction while building a block.</summary>
    public long CensoredSkips { get; set; }

    /// <summary>Blocks the L1 rules forced onto the chain without the sequencer.</summary>
    public long ForcedBlocks { get; set; }

    /// <summary>User transactions sent through L1 (a deposit or the delayed inbox) instead of the sequencer.</summary>
    public long SentViaL1 { get; set; }

    /// <summary>Of those, included by the sequencer.</summary>
    public long IncludedBySequencer { get; set; }

    /// <summary>Of those, included by a forced block.</summary>
    public long Forced { get; set; }

    /// <summary>Time from sending a transaction through L1 to the L2 block that included it.</summary>
    public LatencyRecorder Latency { get; } = new();

    /// <summary>A transaction sent through L1 was included, <paramref name="latency"/> after it was sent.</summary>
    public void RecordIncluded(Language.Model.SimDuration latency, bool forced)
    {
        if (forced)
        {
            Forced++;
        }
        else
        {
            IncludedBySequencer++;
        }

        Latency.Record(latency);
    }
}
