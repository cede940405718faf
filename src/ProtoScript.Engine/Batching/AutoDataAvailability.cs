using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.L1;
using ProtoScript.Hooks;
using SimDuration = ProtoScript.Language.Model.SimDuration;

namespace ProtoScript.Engine.Batching;

/// <summary>
/// op-batcher's <c>--data-availability-type=auto</c>: each batch goes to blobs or to calldata,
/// whichever its frames cost less at the L1 fees of the moment it is posted. Blobs cost, per
/// frame transaction, the blob gas of the blobs it needs at the blob base fee plus its 21000
/// execution gas at the base fee; calldata costs each frame transaction's gas (EIP-2028 tokens,
/// with the EIP-7623 floor where the fork has it) at the base fee. A tie goes to blobs. Fees
/// are read when the batch is posted; they may have moved by the block it lands in, which is
/// what the batcher pays.
/// </summary>
/// <remarks>
/// With a <c>choose</c> hook (<see cref="Rule"/>) the hook picks instead, seeing the same two
/// estimates; the counts and costs below then record its choices.
/// </remarks>
public sealed class AutoDataAvailability
{
    /// <summary>The rollup's <c>choose = csharp ...</c> hook's rule, or null for the built-in cheaper-of-the-two.</summary>
    public IDaChoiceRule? Rule { get; init; }

    /// <summary>Batches posted to blobs.</summary>
    public long BlobBatches { get; private set; }

    /// <summary>Batches posted as calldata.</summary>
    public long CalldataBatches { get; private set; }

    /// <summary>What the chosen postings cost at the fees of their moment of posting, in wei.</summary>
    public UInt128 ChosenCost { get; private set; }

    /// <summary>What every batch would have cost in blobs at the fees of its moment of posting, in wei.</summary>
    public UInt128 BlobsOnlyCost { get; private set; }

    /// <summary>What every batch would have cost as calldata at the fees of its moment of posting, in wei.</summary>
    public UInt128 CalldataOnlyCost { get; private set; }

    /// <summary>What blob frames cost: per frame transaction, its blobs' blob gas at the blob base fee plus its base gas at the base fee.</summary>
    public static UInt128 BlobCost(ForkSpec spec, IEnumerable<byte[]> frames, UInt128 baseFeePerGas, UInt128 blobBaseFee)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(frames);
        UInt128 cost = 0;
        foreach (var frame in frames)
        {
            var blobGas = checked(DaCost.BlobsNeeded(spec, (ulong)frame.Length) * spec.GasPerBlob);
            cost = checked(cost + (blobGas * blobBaseFee) + (spec.TransactionBaseGas * baseFeePerGas));
        }

        return cost;
    }

    /// <summary>What calldata frames cost: each frame transaction's gas (with the EIP-7623 floor where the fork has it) at the base fee.</summary>
    public static UInt128 CalldataCost(ForkSpec spec, IEnumerable<byte[]> frames, UInt128 baseFeePerGas)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(frames);
        UInt128 cost = 0;
        foreach (var frame in frames)
        {
            cost = checked(cost + (CalldataGas.TransactionGas(spec, frame) * baseFeePerGas));
        }

        return cost;
    }

    /// <summary>
    /// Picks where one batch goes from its frames cut both ways, and counts the choice.
    /// </summary>
    /// <param name="spec">The L1 fork.</param>
    /// <param name="blobFrames">The batch's frames cut for blobs.</param>
    /// <param name="calldataFrames">The batch's frames cut for calldata.</param>
    /// <param name="baseFeePerGas">The L1 base fee now.</param>
    /// <param name="blobBaseFee">The L1 blob base fee now.</param>
    /// <param name="batch">What a <see cref="Rule"/> is told about the batch besides the fees; needed only with a rule.</param>
    /// <returns>The chosen target.</returns>
    /// <exception cref="ArgumentException">There is a rule and no <paramref name="batch"/>.</exception>
    public DaTarget Choose(ForkSpec spec, byte[][] blobFrames, byte[][] calldataFrames, UInt128 baseFeePerGas, UInt128 blobBaseFee, AutoBatch? batch = null)
    {
        ArgumentNullException.ThrowIfNull(blobFrames);
        var blobs = BlobCost(spec, blobFrames, baseFeePerGas, blobBaseFee);
        var calldata = CalldataCost(spec, calldataFrames, baseFeePerGas);
        var toCalldata = calldata < blobs;
        if (Rule is not null)
        {
            var about = batch ?? throw new ArgumentException("A choice hook needs the batch it chooses for.", nameof(batch));
            ulong blobCount = 0;
            foreach (var frame in blobFrames)
            {
                blobCount += DaCost.BlobsNeeded(spec, (ulong)frame.Length);
            }

            var view = new DaChoiceView(about.Rollup, about.Number, about.Time.Microseconds, (ulong)about.Bytes, about.Transactions, blobCount, blobBaseFee, baseFeePerGas, blobs, calldata);
            toCalldata = Rule.Choose(in view) == DaChoice.Calldata;
        }

        BlobsOnlyCost = checked(BlobsOnlyCost + blobs);
        CalldataOnlyCost = checked(CalldataOnlyCost + calldata);
        if (toCalldata)
        {
            CalldataBatches++;
            ChosenCost = checked(ChosenCost + calldata);
            return DaTarget.Calldata;
        }

        BlobBatches++;
        ChosenCost = checked(ChosenCost + blobs);
        return DaTarget.Blobs;
    }
}

/// <summary>What a <c>choose</c> hook is told about a batch besides the L1 fees.</summary>
/// <param name="Rollup">The rollup's name.</param>
/// <param name="Number">The batch's number (1-based).</param>
/// <param name="Time">When it is posted.</param>
/// <param name="Bytes">Its compressed channel bytes.</param>
/// <param name="Transactions">The L2 transactions it carries.</param>
public sealed record AutoBatch(string Rollup, long Number, SimDuration Time, int Bytes, long Transactions);
