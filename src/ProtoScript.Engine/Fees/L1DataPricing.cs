using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Mempool;

namespace ProtoScript.Engine.Fees;

/// <summary>
/// The L1 data fee rule, after the OP Stack's (Ecotone/Fjord) but from this rollup's own
/// numbers: fee = encoded bytes × (compressed bytes ÷ encoded bytes of the batches posted so
/// far, 1 before the first) × L1 price per posted byte, rounded down, where the price per byte
/// is what the L1 charges now (the head the sequencer sees): for blobs, blob base fee ×
/// GAS_PER_BLOB ÷ usable bytes per blob; for calldata, L1 base fee × the gas of a non-zero byte
/// (16, or 40 under EIP-7623's floor from Prague on; compressed data is nearly all non-zero).
/// </summary>
public static class L1DataPricing
{
    /// <summary>A transaction's size in a batch, before compression (what <c>BatchCodec</c> writes for it).</summary>
    public static int EncodedBytes(in Transaction tx)
    {
        var b = BatchTransaction.FromTransfer(in tx);
        return 1 + Leb128.SizeOf((uint)b.From) + Leb128.SizeOf((uint)b.To) + Leb128.SizeOf(b.Value)
            + Leb128.SizeOf(b.Nonce) + Leb128.SizeOf(b.PriorityFeePerGas) + Leb128.SizeOf(b.Gas)
            + (b.Kind == TransactionKind.Swap ? Leb128.SizeOf((uint)b.PoolIndex) + 1 + Leb128.SizeOf(b.MinAmountOut) : 0)
            + (b.Kind == TransactionKind.StorageWrite ? Leb128.SizeOf((uint)b.Slots) : 0);
    }

    /// <summary>
    /// The L1 data fee of a transaction of <paramref name="encodedBytes"/> encoded bytes in a block
    /// with <paramref name="attributes"/>: the fee scalar and the L1 fee basis the block carries,
    /// priced by <paramref name="rule"/>.
    /// </summary>
    public static UInt128 Fee(int encodedBytes, in L1Attributes attributes, L1DataPriceRule rule)
    {
        UInt128 numerator;
        try
        {
            numerator = checked(attributes.L1FeeBasis * rule.GasPerByteNumerator);
        }
        catch (OverflowException)
        {
            return UInt128.MaxValue;
        }

        return Fee(encodedBytes, attributes.CompressedBytes, attributes.EncodedBytes, numerator, rule.BytesDenominator);
    }

    /// <summary>
    /// The fee: <paramref name="encodedBytes"/> × <paramref name="compressed"/> × <paramref name="priceNumerator"/>
    /// ÷ (<paramref name="encoded"/> × <paramref name="priceDenominator"/>), rounded down; the
    /// ratio counts as 1 when nothing was encoded yet. Saturates instead of overflowing.
    /// </summary>
    public static UInt128 Fee(int encodedBytes, ulong compressed, ulong encoded, UInt128 priceNumerator, ulong priceDenominator)
    {
        if (encoded == 0)
        {
            compressed = encoded = 1;
        }

        try
        {
            var numerator = checked((UInt128)(uint)encodedBytes * compressed * priceNumerator);
            return numerator / ((UInt128)encoded * priceDenominator);
        }
        catch (OverflowException)
        {
            return UInt128.MaxValue;
        }
    }
}

/// <summary>
/// How an L1 fee basis (wei per gas) becomes a price per posted byte: × <paramref name="GasPerByteNumerator"/>
/// ÷ <paramref name="BytesDenominator"/>. For blobs, blob gas per blob ÷ usable bytes per blob;
/// for calldata, the gas of a non-zero byte (16 under EIP-2028, 40 under EIP-7623's floor from
/// Prague on, which a batch posting, nearly all data, always pays) ÷ 1.
/// </summary>
/// <param name="GasPerByteNumerator">Gas in the numerator.</param>
/// <param name="BytesDenominator">Bytes in the denominator.</param>
public readonly record struct L1DataPriceRule(ulong GasPerByteNumerator, ulong BytesDenominator)
{
    /// <summary>The rule for a rollup posting to <paramref name="target"/> under <paramref name="spec"/>.</summary>
    public static L1DataPriceRule For(L1.ForkSpec spec, DaTarget target)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return target == DaTarget.Blobs
            ? new L1DataPriceRule(spec.GasPerBlob, spec.UsableBytesPerBlob)
            : new L1DataPriceRule(Math.Max(spec.StandardTokenCost, spec.CalldataFloorPerToken ?? 0) * spec.TokensPerNonZeroByte, 1);
    }
}
