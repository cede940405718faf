using ProtoScript.Engine.Metrics;

namespace ProtoScript.Engine.CrossChain;

/// <summary>The run's counters of messages between rollups.</summary>
public sealed class CrossChainMetrics
{
    /// <summary>Messages whose source leg executed.</summary>
    public long Sent { get; internal set; }

    /// <summary>Messages credited on their destination.</summary>
    public long Delivered { get; internal set; }

    /// <summary>Messages whose destination leg could not execute; their value stays locked in the bridge.</summary>
    public long Failed { get; internal set; }

    /// <summary>Bundles a simulating builder or executing sequencer dropped before inclusion because a leg would fail.</summary>
    public long Dropped { get; internal set; }

    /// <summary>Bundles of which one leg landed and the other did not.</summary>
    public long AtomicFailures { get; internal set; }

    /// <summary>Value of all sent messages, in wei.</summary>
    public UInt128 ValueSent { get; internal set; }

    /// <summary>Value credited on destinations, in wei.</summary>
    public UInt128 ValueDelivered { get; internal set; }

    /// <summary>Value of failed messages, locked in the bridge, in wei.</summary>
    public UInt128 ValueFailed { get; internal set; }

    /// <summary>Under soft trust: messages whose source block was reorged after the destination trusted them.</summary>
    public long SourceReorged { get; internal set; }

    /// <summary>Of those, by what reorged the source block (indexed by <see cref="Sequencing.ReorgCause"/>).</summary>
    public long[] SourceReorgedBy { get; } = new long[3];

    /// <summary>Of those, the ones a destination had credited and took back by rolling back its dependent blocks.</summary>
    public long CreditsUndone { get; internal set; }

    /// <summary>Of those, the ones the destination had already credited: dependent effects that failed.</summary>
    public long SoftFailed { get; internal set; }

    /// <summary>The value those failed effects moved: credited on the destination, no longer sent by the source, in wei.</summary>
    public UInt128 ValueSoftFailed { get; internal set; }

    /// <summary>Time from the user's submission on the source to the destination block that credited it.</summary>
    public LatencyRecorder Latency { get; } = new();
}
