using System.Collections.Immutable;
using ProtoScript.Engine.State;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Results;

/// <summary>A rollup's state measured at one moment of the run.</summary>
/// <param name="Time">When, from the start of the run.</param>
/// <param name="Size">The state then.</param>
public sealed record StateSample(SimDuration Time, StateSize Size);

/// <summary>
/// How a rollup's state grew over the run (<c>new_accounts</c> on), and what a node joining at
/// its end must do to sync.
/// </summary>
/// <param name="Genesis">The state at genesis.</param>
/// <param name="Samples">The state at each quarter of the run, the last at its end.</param>
/// <param name="Duration">The run's simulated duration, which the per-day rates scale from.</param>
/// <param name="Sync">What a new node downloads from L1 and re-executes.</param>
public sealed record StateGrowthResult(StateSize Genesis, ImmutableArray<StateSample> Samples, SimDuration Duration, SyncCost Sync)
{
    private static readonly SimDuration Day = SimDuration.FromSeconds(86_400);

    /// <summary>The state at the end of the run.</summary>
    public StateSize End => Samples.IsDefaultOrEmpty ? Genesis : Samples[^1].Size;

    /// <summary>Accounts that came into existence over the run (negative if more were emptied).</summary>
    public long AccountsCreated => End.Accounts - Genesis.Accounts;

    /// <summary>Storage slots that came to hold a word over the run.</summary>
    public long SlotsCreated => End.StorageSlots - Genesis.StorageSlots;

    /// <summary>Storage slots created per simulated day at the run's rate, rounded toward zero.</summary>
    public long SlotsPerDay => PerDay(SlotsCreated);

    /// <summary>State bytes added per simulated day at the run's rate, rounded toward zero.</summary>
    public long GrowthPerDay => PerDay(End.Bytes - Genesis.Bytes);

    /// <summary>Accounts created per simulated day at the run's rate, rounded toward zero.</summary>
    public long AccountsPerDay => PerDay(AccountsCreated);

    /// <summary>Scales an amount over the run to one simulated day, rounded toward zero.</summary>
    public long PerDay(long amount) =>
        Duration.Microseconds <= 0 ? 0 : (long)((Int128)amount * Day.Microseconds / Duration.Microseconds);
}

/// <summary>
/// What a node that joins at the end of the run must do to reach the head: download every batch
/// from L1 (whole blobs, since a blob is fetched whole, and calldata bytes) and re-execute every
/// block from genesis. Blocks not yet on L1 at the end are counted too: the node re-executes
/// them once they land.
/// </summary>
/// <param name="BlobBytes">Bytes of the blobs on L1: blobs × 131 072.</param>
/// <param name="CalldataBytes">Batch bytes posted as calldata and on L1.</param>
/// <param name="Blocks">L2 blocks to re-execute.</param>
/// <param name="Transactions">Transactions in them.</param>
/// <param name="Gas">L2 gas they used.</param>
public sealed record SyncCost(ulong BlobBytes, ulong CalldataBytes, long Blocks, long Transactions, ulong Gas)
{
    /// <summary>All bytes to download from L1.</summary>
    public ulong L1Bytes => BlobBytes + CalldataBytes;
}
