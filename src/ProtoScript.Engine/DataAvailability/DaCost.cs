using ProtoScript.Engine.L1;

namespace ProtoScript.Engine.DataAvailability;

/// <summary>Where a batch's bytes go on L1.</summary>
public enum DaTarget
{
    /// <summary>In EIP-4844 blobs, carried by type-3 transactions.</summary>
    Blobs,

    /// <summary>In the calldata of ordinary transactions.</summary>
    Calldata,
}

/// <summary>
/// What posting some bytes to L1 takes and costs.
/// </summary>
/// <param name="Target">Blobs or calldata.</param>
/// <param name="Bytes">The payload bytes posted.</param>
/// <param name="Transactions">How many L1 transactions carry them.</param>
/// <param name="Blobs">How many blobs (0 for calldata).</param>
/// <param name="BlobGas">Blob gas used: <c>Blobs × GAS_PER_BLOB</c>.</param>
/// <param name="ExecutionGas">Execution gas used by the carrying transactions.</param>
/// <param name="BlobFee">Wei paid for blob gas: <c>BlobGas × blob base fee</c>.</param>
/// <param name="ExecutionFee">Wei paid for execution gas: <c>ExecutionGas × (base fee + priority fee)</c>.</param>
public readonly record struct DaPostingCost(
    DaTarget Target,
    ulong Bytes,
    ulong Transactions,
    ulong Blobs,
    ulong BlobGas,
    ulong ExecutionGas,
    UInt128 BlobFee,
    UInt128 ExecutionFee)
{
    /// <summary>Everything paid, in wei.</summary>
    public UInt128 Total => BlobFee + ExecutionFee;
}

/// <summary>
/// How many blobs or how much calldata gas a batch's (compressed) bytes need, and what posting
/// them costs at given fees.
/// </summary>
public static class DaCost
{
    /// <summary>
    /// How many blobs <paramref name="byteCount"/> bytes need, at
    /// <see cref="ForkSpec.UsableBytesPerBlob"/> each (126976 on mainnet: 31 of every 32-byte field
    /// element, because an element must stay below the BLS12-381 modulus). 0 bytes need 0 blobs.
    /// </summary>
    public static ulong BlobsNeeded(ForkSpec spec, ulong byteCount)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var perBlob = spec.UsableBytesPerBlob;
        return (byteCount / perBlob) + (byteCount % perBlob == 0 ? 0UL : 1UL);
    }

    /// <summary>
    /// The cost of posting <paramref name="byteCount"/> bytes in blobs: as few type-3
    /// transactions as <see cref="ForkSpec.MaxBlobsPerTransaction"/> allows, each paying its
    /// 21000 base execution gas, plus <c>GAS_PER_BLOB</c> blob gas per blob at the blob base fee.
    /// The blobs may need more than one L1 block if they exceed <see cref="ForkSpec.MaxBlobsPerBlock"/>;
    /// that is the caller's scheduling, not a price.
    /// </summary>
    public static DaPostingCost ForBlobs(ForkSpec spec, ulong byteCount, UInt128 baseFeePerGas, UInt128 blobBaseFee, UInt128 priorityFeePerGas = default)
    {
        var blobs = BlobsNeeded(spec, byteCount);
        var transactions = blobs == 0 ? 0 : (blobs + spec.MaxBlobsPerTransaction - 1) / spec.MaxBlobsPerTransaction;
        var blobGas = checked(blobs * spec.GasPerBlob);
        var executionGas = checked(transactions * spec.TransactionBaseGas);
        return new DaPostingCost(
            DaTarget.Blobs,
            byteCount,
            transactions,
            blobs,
            blobGas,
            executionGas,
            checked(blobGas * blobBaseFee),
            checked(executionGas * (baseFeePerGas + priorityFeePerGas)));
    }

    /// <summary>
    /// The cost of posting <paramref name="data"/> as calldata: split into as few transactions as
    /// <see cref="CalldataGas.MaxBytesPerTransaction"/> allows, each paying 21000 plus its
    /// calldata gas (EIP-2028, with the EIP-7623 floor where the fork has it) at the base fee
    /// plus priority fee. Empty data costs nothing.
    /// </summary>
    public static DaPostingCost ForCalldata(ForkSpec spec, ReadOnlySpan<byte> data, UInt128 baseFeePerGas, UInt128 priorityFeePerGas = default)
    {
        var chunk = CalldataGas.MaxBytesPerTransaction(spec);
        if (chunk == 0 && data.Length > 0)
        {
            throw new ArgumentException($"fork '{spec.Name}' leaves no gas for calldata in a transaction (limit {spec.TransactionGasLimit})", nameof(spec));
        }

        ulong transactions = 0;
        ulong gas = 0;
        for (var offset = 0; offset < data.Length; offset += (int)Math.Min(chunk, (ulong)(data.Length - offset)))
        {
            var length = (int)Math.Min(chunk, (ulong)(data.Length - offset));
            gas = checked(gas + CalldataGas.TransactionGas(spec, data.Slice(offset, length)));
            transactions++;
        }

        return new DaPostingCost(
            DaTarget.Calldata,
            (ulong)data.Length,
            transactions,
            0,
            0,
            gas,
            0,
            checked(gas * (baseFeePerGas + priorityFeePerGas)));
    }

    /// <summary>Both ways of posting <paramref name="data"/>, and the cheaper (blobs on a tie).</summary>
    public static DaPostingCost Cheapest(ForkSpec spec, ReadOnlySpan<byte> data, UInt128 baseFeePerGas, UInt128 blobBaseFee, UInt128 priorityFeePerGas = default)
    {
        var blobs = ForBlobs(spec, (ulong)data.Length, baseFeePerGas, blobBaseFee, priorityFeePerGas);
        var calldata = ForCalldata(spec, data, baseFeePerGas, priorityFeePerGas);
        return calldata.Total < blobs.Total ? calldata : blobs;
    }
}
