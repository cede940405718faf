using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.L1;

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
public sealed class AutoDataAvailability
{
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
    /// <returns>The chosen target.</returns>
    public DaTarget Choose(ForkSpec spec, byte[][] blobFrames, byte[][] calldataFrames, UInt128 baseFeePerGas, UInt128 blobBaseFee)
    {
        var blobs = BlobCost(spec, blobFrames, baseFeePerGas, blobBaseFee);
        var calldata = CalldataCost(spec, calldataFrames, baseFeePerGas);
        BlobsOnlyCost = checked(BlobsOnlyCost + blobs);
        CalldataOnlyCost = checked(CalldataOnlyCost + calldata);
        if (calldata < blobs)
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
