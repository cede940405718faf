namespace ProtoScript.Engine.Proving;

/// <summary>What a proof job proves.</summary>
public enum ProofJobKind
{
    /// <summary>A whole block (pipeline <c>per_block</c>).</summary>
    Block,

    /// <summary>One transaction's witness (pipeline <c>per_transaction</c>).</summary>
    Transaction,

    /// <summary>
    /// The aggregation of a block's transaction proofs into the block's proof (flat), or one node
    /// of an aggregation tree (<c>aggregation { ... }</c>): of a block's leaves, or of the proofs a verification covers.
    /// </summary>
    Aggregation,

    /// <summary>One shard of a block's execution (pipeline <c>per_shard</c>).</summary>
    Shard,

    /// <summary>The wrap of a block's root proof into its final proof (<c>aggregation { wrap = ... }</c>).</summary>
    Wrap,
}

/// <summary>One unit of proving work, handed to the selection rule.</summary>
/// <param name="Kind">What it proves.</param>
/// <param name="Rollup">The rollup's name; for an aggregation a verification shares across rollups, every rollup it covers, comma-separated.</param>
/// <param name="Block">The L2 block number (1-based); 0 for an aggregation of the proofs a verification covers.</param>
/// <param name="Transactions">Transactions in the block.</param>
/// <param name="Gas">Gas the block used.</param>
/// <param name="ReadyMicroseconds">When its input exists: the seal for a block, the witness for a transaction, the last piece for an aggregation.</param>
/// <param name="Price">What proving it pays, in wei, before a market prover's own cost factor.</param>
public readonly record struct ProofJob(ProofJobKind Kind, string Rollup, ulong Block, int Transactions, ulong Gas, long ReadyMicroseconds, UInt128 Price);

/// <summary>Who proved a job, when it was done and what it was paid.</summary>
/// <param name="Prover">The winner's index.</param>
/// <param name="StartMicroseconds">When the winner started on it.</param>
/// <param name="FinishMicroseconds">When its proof was ready.</param>
/// <param name="Paid">What the winner was paid, in wei.</param>
/// <param name="WastedMicroseconds">Prover time spent by others on the job and thrown away (proof of necessary work).</param>
/// <param name="Attempts">Nonce attempts the winner needed (proof of necessary work), else 0.</param>
public readonly record struct ProofOutcome(int Prover, long StartMicroseconds, long FinishMicroseconds, UInt128 Paid, long WastedMicroseconds, long Attempts)
{
    /// <summary>
    /// When each prover whose work was wasted started on the job (each stopped at
    /// <see cref="FinishMicroseconds"/>), so busy time can be cut at the end of a run; empty for a leader.
    /// </summary>
    public System.Collections.Immutable.ImmutableArray<long> LoserStarts { get; init; } = [];

    /// <summary>A market of named provers: the winner's own cost for the job, in wei (its margin is <see cref="Paid"/> minus this); else 0.</summary>
    public UInt128 ProverCost { get; init; }

    /// <summary>A market of named provers: when the auction cleared, after the job's ready time when every prover was saturated.</summary>
    public long ClearedMicroseconds { get; init; }
}
