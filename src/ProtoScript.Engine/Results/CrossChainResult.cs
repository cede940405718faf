namespace ProtoScript.Engine.Results;

/// <summary>What happened to the messages between rollups over the run.</summary>
/// <param name="Sent">Messages whose source leg executed.</param>
/// <param name="Delivered">Messages credited on their destination.</param>
/// <param name="Failed">Messages whose destination leg could not execute (value locked in the bridge).</param>
/// <param name="Pending">Messages sent and neither delivered nor failed at the end.</param>
/// <param name="AtomicFailures">Bundles of which one leg landed and the other did not.</param>
/// <param name="Latency">Time from the user's submission on the source to the destination block that credited it.</param>
public sealed record CrossChainResult(
    long Sent,
    long Delivered,
    long Failed,
    long Pending,
    long AtomicFailures,
    LatencySummary Latency)
{
    /// <summary>Bundles dropped whole before inclusion because a leg would have failed.</summary>
    public long Dropped { get; init; }

    /// <summary>Value of all sent messages, in wei.</summary>
    public UInt128 ValueSent { get; init; }

    /// <summary>Value credited on destinations, in wei.</summary>
    public UInt128 ValueDelivered { get; init; }

    /// <summary>Value of pending messages at the end, in wei.</summary>
    public UInt128 ValueInFlight { get; init; }

    /// <summary>Value of failed messages, locked in the bridge, in wei.</summary>
    public UInt128 ValueFailed { get; init; }

    /// <summary>
    /// True when, summed over all rollups, genesis supply + deposits + issuance equals what is in
    /// accounts + burned + withdrawn, plus the value in flight and locked between them, to the wei.
    /// </summary>
    public bool Conserved { get; init; }

    /// <summary>The bundle streams over paths of rollups, or null when the workload has none.</summary>
    public BundlesResult? Bundles { get; init; }

    /// <summary>What trusting soft confirmations cost (<c>cross_chain_trust = soft</c>), or null under L1 trust.</summary>
    public SoftTrustResult? SoftTrust { get; init; }
}

/// <summary>Messages acted on at their source block's soft confirmation whose source block was then reorged.</summary>
/// <param name="SourceReorged">Messages whose source block was reorged after a destination trusted them.</param>
/// <param name="Failed">Of those, the ones already credited: dependent effects that failed.</param>
/// <param name="ValueFailed">The value those failed effects moved (credited, no longer sent), in wei.</param>
public sealed record SoftTrustResult(long SourceReorged, long Failed, UInt128 ValueFailed)
{
    /// <summary>Of <see cref="SourceReorged"/>, those whose source block was a withholding sequencer's.</summary>
    public long ByWithholding { get; init; }

    /// <summary>Of <see cref="SourceReorged"/>, those whose source block was the losing block of an equivocating set's conflicting commit.</summary>
    public long ByEquivocation { get; init; }

    /// <summary>Of <see cref="SourceReorged"/>, those sent by a destination's block that it rolled back because it depended on a reorged source block.</summary>
    public long ByDependentRollback { get; init; }

    /// <summary>Credits of reorged messages that their destination took back by rolling back its dependent blocks (not failed effects).</summary>
    public long CreditsUndone { get; init; }

    /// <summary>Destination blocks rolled back because they, or a block they built on, credited a message whose source block was reorged.</summary>
    public long BlocksRolledBack { get; init; }

    /// <summary>User transactions of those blocks that went back to the pool to be re-included (a transaction rolled back twice counts twice).</summary>
    public long TransactionsReincluded { get; init; }
}
