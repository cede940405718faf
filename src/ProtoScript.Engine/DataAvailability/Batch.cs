using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Mempool;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.DataAvailability;

/// <summary>
/// What an L2 transaction does; the first byte of its encoding in a batch.
/// <see cref="Transfer"/>, <see cref="Swap"/>, <see cref="Withdrawal"/>, <see cref="DelayedMessage"/>,
/// <see cref="CrossChainMessage"/> and <see cref="CrossChainDelivery"/> are encodable; a
/// <see cref="Deposit"/> never is (derivation reads deposits from L1, not from batches), and the
/// reserved kinds keep their numbers so that adding them renumbers nothing.
/// </summary>
public enum TransactionKind : byte
{
    /// <summary>A value transfer between two accounts.</summary>
    Transfer = 0x01,

    /// <summary>A swap against an AMM pool of the rollup.</summary>
    Swap = 0x02,

    /// <summary>A deposit from L1: never in a batch, derived from the L1 deposit it mints.</summary>
    Deposit = 0x03,

    /// <summary>A withdrawal to L1: like a transfer, but the value is burned on L2 and paid out on L1.</summary>
    Withdrawal = 0x04,

    /// <summary>A transfer to an account of another rollup: the sender pays value and fees here; the value leaves this rollup.</summary>
    CrossChainMessage = 0x05,

    /// <summary>
    /// The sequencer read the next message of the L1 delayed inbox into its block; the batch
    /// carries only the message's index (as the nonce), derivation takes its content from L1.
    /// </summary>
    DelayedMessage = 0x06,

    /// <summary>The arrival of another rollup's <see cref="CrossChainMessage"/>: the value is credited to the recipient here; no fee, no nonce (its nonce field is the message's id).</summary>
    CrossChainDelivery = 0x07,

    /// <summary>An express-lane holder's payment for its round: value from the holder to the sequencer; no gas, no tip, no nonce (its nonce field is the round).</summary>
    ExpressLanePayment = 0x08,

    /// <summary>
    /// A call that writes <see cref="BatchTransaction.Slots"/> consecutive slots of the rollup's
    /// contract storage, from slot <see cref="BatchTransaction.To"/>; it moves no ether.
    /// </summary>
    StorageWrite = 0x09,
}

/// <summary>
/// The part of an L2 transaction that goes on L1 in a batch: what derivation needs to
/// re-execute it. Simulation bookkeeping (submit time, arrival order) is not chain data and
/// is not encoded.
/// </summary>
/// <param name="Kind">What the transaction does.</param>
/// <param name="From">The sending account.</param>
/// <param name="To">The receiving account.</param>
/// <param name="Value">The amount transferred, in wei.</param>
/// <param name="Nonce">The sender's transaction count when it signed this one.</param>
/// <param name="PriorityFeePerGas">The tip per gas, in wei.</param>
/// <param name="Gas">The gas the transaction uses.</param>
public readonly record struct BatchTransaction(
    TransactionKind Kind,
    int From,
    int To,
    UInt128 Value,
    ulong Nonce,
    UInt128 PriorityFeePerGas,
    ulong Gas)
{
    /// <summary>For a swap: the index of the pool in its rollup's pool list.</summary>
    public int PoolIndex { get; init; }

    /// <summary>For a swap: which pool token goes in.</summary>
    public SwapDirection Direction { get; init; }

    /// <summary>For a swap: the least output the sender accepts.</summary>
    public UInt128 MinAmountOut { get; init; }

    /// <summary>For a cross-chain message or delivery: the other rollup's index in the scenario (destination of a message, source of a delivery).</summary>
    public int PeerRollup { get; init; }

    /// <summary>For a storage write: how many consecutive slots it writes, from slot <see cref="To"/>.</summary>
    public int Slots { get; init; }

    /// <summary>True for the two cross-chain kinds, which carry <see cref="PeerRollup"/>.</summary>
    public bool IsCrossChain => Kind is TransactionKind.CrossChainMessage or TransactionKind.CrossChainDelivery;

    /// <summary>The chain view of a mempool transaction (a transfer, or a swap with its pool, direction and slippage limit).</summary>
    public static BatchTransaction FromTransfer(in Transaction transaction) =>
        new(transaction.Kind, transaction.From, transaction.To, transaction.Value, transaction.Nonce, transaction.PriorityFeePerGas, transaction.Gas)
        {
            PoolIndex = transaction.Kind == TransactionKind.Swap ? transaction.PoolIndex : 0,
            Direction = transaction.Kind == TransactionKind.Swap ? transaction.Direction : default,
            MinAmountOut = transaction.Kind == TransactionKind.Swap ? transaction.MinAmountOut : 0,
            PeerRollup = transaction.Kind is TransactionKind.CrossChainMessage or TransactionKind.CrossChainDelivery ? transaction.PeerRollup : 0,
            Slots = transaction.Kind == TransactionKind.StorageWrite ? transaction.Slots : 0,
        };

    /// <summary>
    /// The transaction derivation re-executes: this one's fields, with a submit time of
    /// <paramref name="blockTime"/> (submit times are not chain data).
    /// </summary>
    public Transaction ToTransaction(SimDuration blockTime) =>
        new(From, To, Value, Nonce, PriorityFeePerGas, Gas, blockTime)
        {
            Kind = Kind,
            PoolIndex = PoolIndex,
            Direction = Direction,
            MinAmountOut = MinAmountOut,
            PeerRollup = PeerRollup,
            Slots = Slots,
        };
}

/// <summary>One L2 block in a batch: its header fields and its transactions in order.</summary>
/// <param name="Number">The L2 block number.</param>
/// <param name="TimestampMicros">The block's simulated time, in microseconds.</param>
/// <param name="L1Origin">The number of the L1 block this L2 block derives its L1 context (deposits, epoch) from.</param>
/// <param name="Transactions">The block's transactions, in execution order.</param>
public sealed record BatchBlock(ulong Number, long TimestampMicros, ulong L1Origin, IReadOnlyList<BatchTransaction> Transactions)
{
    /// <summary>What the block's fee settlement read from outside the rollup, for a rollup with a <c>fees</c> block; null otherwise.</summary>
    public L1Attributes? Attributes { get; init; }

    /// <summary>Equal when every header field, the L1 attributes and every transaction, in order, are equal.</summary>
    public bool Equals(BatchBlock? other) =>
        other is not null
        && Number == other.Number
        && TimestampMicros == other.TimestampMicros
        && L1Origin == other.L1Origin
        && Attributes == other.Attributes
        && Transactions.SequenceEqual(other.Transactions);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Number, TimestampMicros, L1Origin, Transactions.Count);
}

/// <summary>
/// A batch: consecutive L2 blocks of one rollup, as posted to L1 (before compression).
/// Block numbers rise by at least one from block to block; timestamps and L1 origins never fall.
/// </summary>
/// <param name="Blocks">The blocks, in order.</param>
public sealed record Batch(IReadOnlyList<BatchBlock> Blocks)
{
    /// <summary>How many transactions the batch carries.</summary>
    public int TransactionCount => Blocks.Sum(b => b.Transactions.Count);

    /// <summary>Equal when the blocks, in order, are equal.</summary>
    public bool Equals(Batch? other) => other is not null && Blocks.SequenceEqual(other.Blocks);

    /// <inheritdoc />
    public override int GetHashCode() => Blocks.Count;
}
