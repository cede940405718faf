using ProtoScript.Engine.Batching;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.DataAvailability;

namespace ProtoScript.Engine.Fees;

/// <summary>
/// The L1 attributes the sequencer gives each block it builds, read from what it sees of the L1
/// and its batcher when the block opens: the price the L1 head charges (the next L1 block's blob
/// base fee, or base fee for a calldata rollup), the compression its batcher achieved so far,
/// the L1 fees of postings that landed since its previous block, and the proving cost of the
/// blocks before it not yet counted. They travel with the block in its batch
/// (<see cref="BatchBlock.Attributes"/>), so a replica settles the block the same way.
/// </summary>
internal sealed class SequencerL1Attributes(Batcher batcher, L1Chain l1, IBlockCostSource? proofCosts)
{
    private UInt128 _postedSeen;
    private ulong _proofCountedThrough;

    /// <summary>The attributes of block <paramref name="number"/>, which the sequencer is opening now.</summary>
    public L1Attributes Next(ulong number)
    {
        var metrics = batcher.Metrics;
        var posted = metrics.BlobFee + metrics.ExecutionFee;

        // A block's proving cost is known once its proof job is assigned, right after it is
        // sealed, that is after its own settlement: each block therefore owes the proving cost
        // of the blocks before it that no earlier block counted (forced blocks count none).
        UInt128 proof = 0;
        while (proofCosts is not null && _proofCountedThrough + 1 < number)
        {
            _proofCountedThrough++;
            proof = checked(proof + proofCosts.CostOf(_proofCountedThrough));
        }

        var attributes = new L1Attributes(
            batcher.Target == DaTarget.Blobs ? l1.BlobBaseFee : l1.BaseFeePerGas,
            metrics.CompressedBytes,
            metrics.L2Bytes,
            posted - _postedSeen,
            proof);
        _postedSeen = posted;
        return attributes;
    }
}
