using ProtoScript.Language.Model;
using DaTarget = ProtoScript.Engine.DataAvailability.DaTarget;

namespace ProtoScript.Engine.Batching;

/// <summary>Who gets told when a posting lands on L1.</summary>
internal interface IL1PostingOwner
{
    /// <summary>The posting was included in L1 block <paramref name="block"/> at <paramref name="time"/> and paid these fees.</summary>
    void OnIncluded(L1Posting posting, ulong block, SimDuration time, UInt128 blobFee, UInt128 executionFee);
}

/// <summary>One L1 transaction a batcher wants included: its data and what it uses of a block.</summary>
internal sealed class L1Posting(
    IL1PostingOwner owner,
    int rollup,
    string rollupName,
    SimDuration submitTime,
    DaTarget target,
    byte[] data,
    ulong blobs,
    ulong gas,
    PendingBatch batch)
{
    public IL1PostingOwner Owner { get; } = owner;

    /// <summary>The posting rollup's index, the second key of the inclusion order.</summary>
    public int Rollup { get; } = rollup;

    public string RollupName { get; } = rollupName;

    /// <summary>When it was handed to L1; it may land only in a block sealed strictly later.</summary>
    public SimDuration SubmitTime { get; } = submitTime;

    public DaTarget Target { get; } = target;

    public byte[] Data { get; } = data;

    public ulong Blobs { get; } = blobs;

    /// <summary>The execution gas it uses.</summary>
    public ulong Gas { get; } = gas;

    /// <summary>The batch it carries part of.</summary>
    public PendingBatch Batch { get; } = batch;

    /// <summary>
    /// For a shared posting (<c>aggregate_data</c>): the indexes of the rollups whose frames it
    /// carries, each rollup's derivation keeping its own channels; default for a rollup's own posting.
    /// </summary>
    public System.Collections.Immutable.ImmutableArray<int> SharedBy { get; init; }

    /// <summary>
    /// A proof verification (<c>provers { verification { ... } }</c>): it carries no data, so it
    /// is not in the L1 data log and not counted among the postings that carried rollup data,
    /// but its gas is in its block's gas used like any posting's.
    /// </summary>
    public bool IsVerification { get; init; }
}

/// <summary>A batch waiting for all its L1 transactions to land.</summary>
/// <param name="submitTimes">When each of its transactions was sent by its user, in microseconds.</param>
/// <param name="postings">How many L1 transactions carry it.</param>
internal sealed class PendingBatch(long[] submitTimes, int postings)
{
    public long[] SubmitTimes { get; } = submitTimes;

    public int Remaining { get; set; } = postings;

    /// <summary>When each of its withdrawals was sent, in microseconds; their L1 delay starts when the batch lands.</summary>
    public long[] WithdrawalSubmitTimes { get; init; } = [];

    /// <summary>The L2 block of each of its withdrawals, parallel to <see cref="WithdrawalSubmitTimes"/>: its proof finalizes it under <c>withdrawal_delay = proof</c>.</summary>
    public ulong[] WithdrawalBlocks { get; init; } = [];

    /// <summary>Its L2 blocks in order, each with how many of <see cref="SubmitTimes"/> it holds.</summary>
    public (ulong Number, int Transactions)[] Blocks { get; init; } = [];

    /// <summary>The number of the last L2 block it carries.</summary>
    public ulong LastBlock { get; init; }
}
