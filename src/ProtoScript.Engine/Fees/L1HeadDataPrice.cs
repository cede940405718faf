using ProtoScript.Engine.Batching;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.DataAvailability;

namespace ProtoScript.Engine.Fees;

/// <summary>
/// The L1 data price a sequencer sees: the L1 head's blob base fee (or base fee, for a
/// calldata rollup) and the compression its batcher has achieved so far (<see cref="L1DataPricing"/>).
/// </summary>
internal sealed class L1HeadDataPrice(Batcher batcher, L1Chain l1) : IL1DataPrice
{
    public UInt128 FeeFor(int encodedBytes)
    {
        var m = batcher.Metrics;
        var spec = l1.Spec;
        return batcher.Target == DaTarget.Blobs
            ? L1DataPricing.Fee(encodedBytes, m.CompressedBytes, m.L2Bytes, l1.BlobBaseFee * spec.GasPerBlob, spec.UsableBytesPerBlob)
            : L1DataPricing.Fee(encodedBytes, m.CompressedBytes, m.L2Bytes, l1.BaseFeePerGas * CalldataGasPerByte(spec), 1);
    }

    /// <summary>
    /// Gas per non-zero calldata byte: 16 under EIP-2028, 40 where EIP-7623's floor applies
    /// (Prague on), which a batch posting, nearly all data, always pays.
    /// </summary>
    public static ulong CalldataGasPerByte(L1.ForkSpec spec)
    {
        var perToken = Math.Max(spec.StandardTokenCost, spec.CalldataFloorPerToken ?? 0);
        return perToken * spec.TokensPerNonZeroByte;
    }
}
