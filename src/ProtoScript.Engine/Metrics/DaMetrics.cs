namespace ProtoScript.Engine.Metrics;

/// <summary>What one rollup's batcher posted to L1 and paid, accumulated during a run.</summary>
public sealed class DaMetrics
{
    /// <summary>Batches submitted.</summary>
    public long Batches { get; set; }

    /// <summary>Batches whose every L1 transaction has landed.</summary>
    public long BatchesConfirmed { get; set; }

    /// <summary>L2 transactions in the batches submitted.</summary>
    public long TransactionsBatched { get; set; }

    /// <summary>Encoded batch bytes before compression.</summary>
    public ulong L2Bytes { get; set; }

    /// <summary>Batch bytes after compression.</summary>
    public ulong CompressedBytes { get; set; }

    /// <summary>Bytes of the L1 transactions' data: compressed bytes plus frame overhead.</summary>
    public ulong PostedBytes { get; set; }

    /// <summary>L1 transactions that landed.</summary>
    public long L1Transactions { get; set; }

    /// <summary>Blobs the landed transactions carried.</summary>
    public ulong Blobs { get; set; }

    /// <summary>Execution gas the landed transactions used.</summary>
    public ulong ExecutionGas { get; set; }

    /// <summary>Wei paid for blob gas.</summary>
    public UInt128 BlobFee { get; set; }

    /// <summary>Wei paid for execution gas.</summary>
    public UInt128 ExecutionFee { get; set; }

    /// <summary>Time from a transaction's submission to the L1 block that completed its batch.</summary>
    public LatencyRecorder HardLatency { get; } = new();

    /// <summary>Calldata bytes of postings included on L1 (frames posted as calldata, not in blobs).</summary>
    public ulong CalldataBytesIncluded { get; set; }
}
