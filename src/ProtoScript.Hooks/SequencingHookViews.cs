namespace ProtoScript.Hooks;

/// <summary>
/// One shared L1 posting of a DA aggregator (<c>aggregate_data = true</c>), as its
/// <c>cost_split</c> hook sees it once the posting has landed: what it cost and, for each rollup
/// whose frames it carries (a part, in the sequencer's order), its bytes and transactions. The
/// hook returns one share per part, in wei, summing exactly to <see cref="Total"/>.
/// </summary>
public sealed class CostSplitView
{
    private readonly string[] _rollups;
    private readonly ulong[] _bytes;
    private readonly long[] _transactions;

    /// <summary>Copies what the hook sees, so it cannot change the posting.</summary>
    /// <param name="sequencer">The shared sequencer's name.</param>
    /// <param name="l1Block">The L1 block the posting landed in.</param>
    /// <param name="timeMicroseconds">When it landed, in simulated microseconds since genesis.</param>
    /// <param name="blobFee">What its blobs cost (blob gas × blob base fee), in wei.</param>
    /// <param name="executionFee">What its execution gas cost (gas × base fee), in wei.</param>
    /// <param name="blobs">The blobs it carried.</param>
    /// <param name="rollups">Each part's rollup, in the sequencer's order.</param>
    /// <param name="bytes">Each part's frame bytes in the posting.</param>
    /// <param name="transactions">The L2 transactions of the batches each part's frames carry.</param>
    public CostSplitView(string sequencer, ulong l1Block, long timeMicroseconds, UInt128 blobFee, UInt128 executionFee, ulong blobs, IEnumerable<string> rollups, IEnumerable<ulong> bytes, IEnumerable<long> transactions)
    {
        ArgumentNullException.ThrowIfNull(sequencer);
        Sequencer = sequencer;
        L1Block = l1Block;
        TimeMicroseconds = timeMicroseconds;
        BlobFee = blobFee;
        ExecutionFee = executionFee;
        Blobs = blobs;
        _rollups = [.. rollups];
        _bytes = [.. bytes];
        _transactions = [.. transactions];
        if (_rollups.Length == 0 || _rollups.Length != _bytes.Length || _rollups.Length != _transactions.Length)
        {
            throw new ArgumentException("One rollup, byte count and transaction count per part, and at least one part.", nameof(transactions));
        }
    }

    /// <summary>The shared sequencer's name.</summary>
    public string Sequencer { get; }

    /// <summary>The L1 block the posting landed in.</summary>
    public ulong L1Block { get; }

    /// <summary>When the posting landed, in simulated microseconds since genesis.</summary>
    public long TimeMicroseconds { get; }

    /// <summary>When the posting landed, as a time span since genesis (simulated time).</summary>
    public TimeSpan Time => TimeSpan.FromMicroseconds(TimeMicroseconds);

    /// <summary>What the posting's blobs cost, in wei.</summary>
    public UInt128 BlobFee { get; }

    /// <summary>What the posting's execution gas cost, in wei.</summary>
    public UInt128 ExecutionFee { get; }

    /// <summary>The posting's whole L1 cost, in wei: <see cref="BlobFee"/> + <see cref="ExecutionFee"/>. The shares must sum to exactly this.</summary>
    public UInt128 Total => BlobFee + ExecutionFee;

    /// <summary>The blobs the posting carried.</summary>
    public ulong Blobs { get; }

    /// <summary>The number of parts (rollups with frames in the posting): the hook returns this many shares.</summary>
    public int Parts => _rollups.Length;

    /// <summary>All parts' frame bytes.</summary>
    public ulong TotalBytes => _bytes.Aggregate(0UL, (sum, b) => sum + b);

    /// <summary>All parts' transactions.</summary>
    public long TotalTransactions => _transactions.Sum();

    /// <summary>The rollup of part <paramref name="part"/> (0 … <see cref="Parts"/> − 1).</summary>
    public string Rollup(int part) => _rollups[Index(part)];

    /// <summary>The frame bytes of part <paramref name="part"/> (0 … <see cref="Parts"/> − 1) in the posting.</summary>
    public ulong Bytes(int part) => _bytes[Index(part)];

    /// <summary>The L2 transactions of the batches whose frames part <paramref name="part"/> carries (a batch whose frames span two postings counts in both).</summary>
    public long Transactions(int part) => _transactions[Index(part)];

    /// <summary>
    /// <paramref name="total"/> split in proportion to <paramref name="weights"/>: each part gets
    /// ⌊total × weight / all weights⌋ and the remainder (fewer wei than parts) goes to the part
    /// with the largest weight, the first of them on a tie; all weights 0 split equally.
    /// </summary>
    public static UInt128[] Proportional(UInt128 total, IReadOnlyList<ulong> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfZero(weights.Count);
        UInt128 sum = 0;
        foreach (var w in weights)
        {
            sum += w;
        }

        if (sum == 0)
        {
            return Equal(total, weights.Count);
        }

        var shares = new UInt128[weights.Count];
        UInt128 given = 0;
        var largest = 0;
        for (var i = 0; i < shares.Length; i++)
        {
            shares[i] = checked(total * weights[i]) / sum;
            given += shares[i];
            if (weights[i] > weights[largest])
            {
                largest = i;
            }
        }

        shares[largest] += total - given;
        return shares;
    }

    /// <summary>
    /// <paramref name="total"/> split equally among <paramref name="parts"/>: each gets
    /// ⌊total / parts⌋ and the first (total mod parts) get one wei more (10 wei among 3: 4, 3, 3).
    /// </summary>
    public static UInt128[] Equal(UInt128 total, int parts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parts);
        var each = total / (uint)parts;
        var extra = (int)(total % (uint)parts);
        var shares = new UInt128[parts];
        for (var i = 0; i < parts; i++)
        {
            shares[i] = each + (i < extra ? UInt128.One : UInt128.Zero);
        }

        return shares;
    }

    /// <summary>The whole cost split by the parts' bytes (<see cref="Proportional"/> of <see cref="Total"/>).</summary>
    public UInt128[] ByBytes() => Proportional(Total, _bytes);

    /// <summary>The whole cost split by the parts' transactions (<see cref="Proportional"/> of <see cref="Total"/>).</summary>
    public UInt128[] ByTransactions() => Proportional(Total, [.. _transactions.Select(t => (ulong)t)]);

    /// <summary>The whole cost split equally among the parts (<see cref="Equal"/> of <see cref="Total"/>).</summary>
    public UInt128[] Equally() => Equal(Total, Parts);

    private int Index(int part)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(part);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(part, Parts);
        return part;
    }
}

/// <summary>
/// One rollup's block of one slot of an external shared sequencer, as its <c>fee</c> hook sees
/// it when the slot is sealed: what the block holds. The hook returns what the rollup pays the
/// external network for it, in wei. Amounts are integer wei.
/// </summary>
/// <param name="Sequencer">The shared sequencer's name.</param>
/// <param name="Rollup">The rollup whose block this is.</param>
/// <param name="Slot">The slot (1-based; one block per rollup per slot).</param>
/// <param name="TimeMicroseconds">When the block was sealed, in simulated microseconds since genesis.</param>
/// <param name="Gas">The L2 gas its transactions used.</param>
/// <param name="Transactions">The transactions it executed.</param>
/// <param name="PriorityFees">The priority fees (tips) its transactions paid, in wei.</param>
/// <param name="BaseFees">The base fees its transactions paid (burned), in wei.</param>
public readonly record struct SequencerFeeView(
    string Sequencer,
    string Rollup,
    long Slot,
    long TimeMicroseconds,
    ulong Gas,
    long Transactions,
    UInt128 PriorityFees,
    UInt128 BaseFees)
{
    /// <summary>When the block was sealed, as a time span since genesis (simulated time).</summary>
    public TimeSpan Time => TimeSpan.FromMicroseconds(TimeMicroseconds);

    /// <summary><paramref name="amount"/> gwei in wei.</summary>
    public static UInt128 Gwei(ulong amount) => (UInt128)amount * 1_000_000_000UL;

    /// <summary><paramref name="amount"/> × <paramref name="percent"/> / 100, rounded down.</summary>
    public static UInt128 Percent(UInt128 amount, int percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        return (amount / 100 * (uint)percent) + (amount % 100 * (uint)percent / 100);
    }
}

/// <summary>Where a batch of a batcher with <c>to = L1.auto</c> goes, as its <c>choose</c> hook returns it.</summary>
public enum DaChoice
{
    /// <summary>Post the batch's frames in blob transactions (EIP-4844).</summary>
    Blobs,

    /// <summary>Post the batch's frames as calldata.</summary>
    Calldata,
}

/// <summary>
/// One batch of a rollup whose batcher posts to <c>L1.auto</c>, as its <c>choose</c> hook sees
/// it at the moment of posting: its size, the L1 fees of the moment, and what the built-in rule
/// estimates each target would cost. Amounts are integer wei.
/// </summary>
/// <param name="Rollup">The rollup whose batch this is.</param>
/// <param name="Batch">The batch's number (1-based, counting the rollup's batches).</param>
/// <param name="TimeMicroseconds">When it is posted, in simulated microseconds since genesis.</param>
/// <param name="Bytes">The batch's compressed channel bytes.</param>
/// <param name="Transactions">The L2 transactions it carries.</param>
/// <param name="Blobs">The blobs its blob frames would take.</param>
/// <param name="BlobBaseFee">The L1 blob base fee per blob gas now, in wei.</param>
/// <param name="BaseFee">The L1 base fee per gas now, in wei.</param>
/// <param name="BlobCost">The built-in estimate of posting it to blobs now: blob gas at the blob base fee plus 21000 gas per frame transaction at the base fee, in wei.</param>
/// <param name="CalldataCost">The built-in estimate of posting it as calldata now: each frame transaction's gas at the base fee, in wei.</param>
public readonly record struct DaChoiceView(
    string Rollup,
    long Batch,
    long TimeMicroseconds,
    ulong Bytes,
    long Transactions,
    ulong Blobs,
    UInt128 BlobBaseFee,
    UInt128 BaseFee,
    UInt128 BlobCost,
    UInt128 CalldataCost)
{
    /// <summary>When the batch is posted, as a time span since genesis (simulated time).</summary>
    public TimeSpan Time => TimeSpan.FromMicroseconds(TimeMicroseconds);

    /// <summary>The built-in <c>auto</c> choice: calldata when it costs less than blobs, else blobs (a tie goes to blobs).</summary>
    public DaChoice Cheaper => CalldataCost < BlobCost ? DaChoice.Calldata : DaChoice.Blobs;
}
