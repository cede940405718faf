using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Results;

/// <summary>What a rollup's sequencer faults cost and how users got around them.</summary>
/// <param name="ForcedInclusion">The route around the sequencer: <c>none</c>, <c>deposits</c> or <c>delayed_inbox</c>.</param>
/// <param name="Downtime">The total time the sequencer was down.</param>
/// <param name="MissedBlocks">Block times at which it was down and sealed nothing.</param>
/// <param name="CensoredSkips">Times it passed over a censored sender while building a block.</param>
/// <param name="ForcedBlocks">Blocks the L1 rules forced onto the chain without it.</param>
/// <param name="SentViaL1">User transactions sent through L1 instead of the sequencer.</param>
/// <param name="IncludedBySequencer">Of those, included by the sequencer.</param>
/// <param name="Forced">Of those, included by a forced block.</param>
/// <param name="Latency">Time from sending a transaction through L1 to the L2 block that included it.</param>
public sealed record SequencingResult(
    string ForcedInclusion,
    SimDuration Downtime,
    long MissedBlocks,
    long CensoredSkips,
    long ForcedBlocks,
    long SentViaL1,
    long IncludedBySequencer,
    long Forced,
    LatencySummary Latency)
{
    /// <summary>What withholding batches cost, or null for a sequencer that never withholds.</summary>
    public WithholdingResult? Withholding { get; init; }

    /// <summary>What the losing blocks of an equivocating set's conflicting commits cost, or null for a set that cannot commit two blocks at one height.</summary>
    public EquivocationResult? Equivocation { get; init; }
}

/// <summary>The losing blocks of a rollup's own BFT set's conflicting commits, reorged out when the conflict came out.</summary>
/// <param name="Reorgs">Losing blocks reorged out (one per conflicting commit).</param>
/// <param name="Blocks">Sequencer blocks reorged out.</param>
/// <param name="Transactions">Soft-confirmed user transactions reorged out at least once, each counted once.</param>
/// <param name="Value">The value they moved, in wei, each counted once.</param>
/// <param name="SoftConfirmations">Soft confirmations reorged out: a transaction re-included and reorged again counts again.</param>
/// <param name="ConfirmedFor">How long each of those had looked final: from its block to the reorg.</param>
/// <param name="MaxConfirmedFor">The longest of those.</param>
public sealed record EquivocationResult(
    long Reorgs,
    long Blocks,
    long Transactions,
    UInt128 Value,
    long SoftConfirmations,
    LatencySummary ConfirmedFor,
    SimDuration MaxConfirmedFor);

/// <summary>What a sequencer's batch withholding cost the users who trusted its soft confirmations.</summary>
/// <param name="Withheld">The total length of its <c>withhold</c> windows.</param>
/// <param name="Reorgs">Times the chain dropped blocks the sequencer had sealed but not posted.</param>
/// <param name="Blocks">Sequencer blocks reorged out.</param>
/// <param name="Transactions">Soft-confirmed user transactions reorged out at least once, each counted once.</param>
/// <param name="Value">The value they moved, in wei, each counted once.</param>
/// <param name="SoftConfirmations">Soft confirmations reorged out: a transaction re-included and reorged again counts again.</param>
/// <param name="ConfirmedFor">How long each of those had looked final: from its block to the reorg.</param>
/// <param name="MaxConfirmedFor">The longest of those.</param>
public sealed record WithholdingResult(
    SimDuration Withheld,
    long Reorgs,
    long Blocks,
    long Transactions,
    UInt128 Value,
    long SoftConfirmations,
    LatencySummary ConfirmedFor,
    SimDuration MaxConfirmedFor);
