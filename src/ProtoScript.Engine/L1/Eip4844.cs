using System.Numerics;

namespace ProtoScript.Engine.L1;

/// <summary>
/// The blob fee market of <see href="https://eips.ethereum.org/EIPS/eip-4844">EIP-4844</see>
/// (with the parameters of later forks, <see href="https://eips.ethereum.org/EIPS/eip-7691">EIP-7691</see>
/// and <see href="https://eips.ethereum.org/EIPS/eip-7892">EIP-7892</see>) and the reserve price of
/// <see href="https://eips.ethereum.org/EIPS/eip-7918">EIP-7918</see>, in the EIPs' integer arithmetic.
/// </summary>
public static class Eip4844
{
    /// <summary>
    /// <c>fake_exponential</c> of EIP-4844: an integer approximation of
    /// <c>factor · e^(numerator / denominator)</c> by its Taylor series, summed while the next
    /// term (truncated) is positive, exactly as the EIP's helper.
    /// </summary>
    /// <remarks>Computed exactly in arbitrary precision; a result past <see cref="UInt128.MaxValue"/> stays there.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="denominator"/> is zero.</exception>
    public static UInt128 FakeExponential(UInt128 factor, UInt128 numerator, UInt128 denominator)
    {
        ArgumentOutOfRangeException.ThrowIfZero(denominator);
        var d = (BigInteger)(denominator);
        var n = (BigInteger)(numerator);
        var output = BigInteger.Zero;
        var accumulator = (BigInteger)(factor) * d;
        var limit = (BigInteger)(UInt128.MaxValue) * d;
        for (var i = 1; accumulator.Sign > 0; i++)
        {
            output += accumulator;
            if (output > limit)
            {
                // Every further term only adds; the result is already past what UInt128 holds.
                return UInt128.MaxValue;
            }

            accumulator = accumulator * n / (d * i);
        }

        return (UInt128)(output / d);
    }

    /// <summary>
    /// <c>get_base_fee_per_blob_gas</c>: the blob base fee per blob gas of a block whose excess
    /// blob gas is <paramref name="excessBlobGas"/>,
    /// <c>fake_exponential(MIN_BASE_FEE_PER_BLOB_GAS, excess, BLOB_BASE_FEE_UPDATE_FRACTION)</c>.
    /// </summary>
    public static UInt128 BlobBaseFee(ForkSpec spec, ulong excessBlobGas)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return FakeExponential(spec.MinBaseFeePerBlobGas, excessBlobGas, spec.BlobBaseFeeUpdateFraction);
    }

    /// <summary>
    /// <c>calc_excess_blob_gas</c>: the excess blob gas of the block after a parent with
    /// <paramref name="parentExcessBlobGas"/> that used <paramref name="parentBlobGasUsed"/>.
    /// EIP-4844: <c>max(0, excess + used − target)</c>. Where the fork has EIP-7918 and the
    /// parent's blobs were priced below their reserve
    /// (<c>BLOB_BASE_COST · parent_base_fee &gt; GAS_PER_BLOB · parent_blob_base_fee</c>), the
    /// excess does not fall: it grows by <c>used · (max − target) // max</c> instead.
    /// </summary>
    /// <param name="spec">The fork's parameters.</param>
    /// <param name="parentExcessBlobGas">The parent block's excess blob gas.</param>
    /// <param name="parentBlobGasUsed">The blob gas the parent block used.</param>
    /// <param name="parentBaseFeePerGas">The parent block's execution base fee; read only under EIP-7918.</param>
    public static ulong NextExcessBlobGas(ForkSpec spec, ulong parentExcessBlobGas, ulong parentBlobGasUsed, UInt128 parentBaseFeePerGas)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var target = spec.TargetBlobGasPerBlock;
        var total = checked(parentExcessBlobGas + parentBlobGasUsed);
        if (total < target)
        {
            return 0;
        }

        if (spec.BlobBaseCost is { } blobBaseCost && spec.MaxBlobsPerBlock > 0)
        {
            var reservePrice = (BigInteger)(blobBaseCost) * (BigInteger)(parentBaseFeePerGas);
            var blobPrice = (BigInteger)(spec.GasPerBlob) * (BigInteger)(BlobBaseFee(spec, parentExcessBlobGas));
            if (reservePrice > blobPrice)
            {
                var growth = (UInt128)parentBlobGasUsed * (spec.MaxBlobsPerBlock - spec.TargetBlobsPerBlock) / spec.MaxBlobsPerBlock;
                return checked(parentExcessBlobGas + (ulong)growth);
            }
        }

        return total - target;
    }

    /// <summary>
    /// The smallest excess blob gas whose blob base fee is at least <paramref name="blobBaseFee"/>:
    /// where to start a chain whose scenario gives an initial blob base fee rather than an excess.
    /// </summary>
    public static ulong ExcessBlobGasForBlobBaseFee(ForkSpec spec, UInt128 blobBaseFee)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (BlobBaseFee(spec, 0) >= blobBaseFee)
        {
            return 0;
        }

        // The fee never falls as the excess grows, so bisect for the first excess that reaches it.
        ulong low = 0;
        ulong high = 1;
        while (BlobBaseFee(spec, high) < blobBaseFee)
        {
            low = high;
            high = high > ulong.MaxValue / 2 ? ulong.MaxValue : high * 2;
            if (high == ulong.MaxValue)
            {
                break;
            }
        }

        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            if (BlobBaseFee(spec, middle) >= blobBaseFee)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return high;
    }
}
