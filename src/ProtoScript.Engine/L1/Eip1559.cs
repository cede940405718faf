using System.Numerics;

namespace ProtoScript.Engine.L1;

/// <summary>
/// The base fee rule of <see href="https://eips.ethereum.org/EIPS/eip-1559">EIP-1559</see>, in the
/// EIP's integer arithmetic (floor divisions in its order, and the minimum increase of 1 wei).
/// </summary>
public static class Eip1559
{
    /// <summary>
    /// The base fee per gas of the block after one that used <paramref name="parentGasUsed"/>
    /// gas against <paramref name="parentGasTarget"/> at <paramref name="parentBaseFee"/>:
    /// unchanged at the target; above it, up by
    /// <c>max(parentBaseFee · (used − target) // target // denominator, 1)</c>; below it, down by
    /// <c>parentBaseFee · (target − used) // target // denominator</c>.
    /// </summary>
    /// <remarks>
    /// The EIP computes in 256-bit integers; a fee that would pass <see cref="UInt128.MaxValue"/>
    /// (~3.4e20 ETH per gas, reached only after hundreds of full blocks in a row) stays there.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The gas target or the denominator is zero.</exception>
    public static UInt128 NextBaseFee(UInt128 parentBaseFee, ulong parentGasUsed, ulong parentGasTarget, ulong maxChangeDenominator)
    {
        ArgumentOutOfRangeException.ThrowIfZero(parentGasTarget);
        ArgumentOutOfRangeException.ThrowIfZero(maxChangeDenominator);
        if (parentGasUsed == parentGasTarget)
        {
            return parentBaseFee;
        }

        if (parentGasUsed > parentGasTarget)
        {
            var delta = (BigInteger)(parentBaseFee) * (parentGasUsed - parentGasTarget) / parentGasTarget / maxChangeDenominator;
            return Saturate((BigInteger)(parentBaseFee) + BigInteger.Max(delta, BigInteger.One));
        }

        var decrease = (BigInteger)(parentBaseFee) * (parentGasTarget - parentGasUsed) / parentGasTarget / maxChangeDenominator;
        return parentBaseFee - (UInt128)decrease;
    }

    /// <summary>
    /// The base fee after a block that used <paramref name="parentGasUsed"/> gas, with the gas
    /// target and denominator of <paramref name="spec"/>.
    /// </summary>
    public static UInt128 NextBaseFee(ForkSpec spec, UInt128 parentBaseFee, ulong parentGasUsed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return NextBaseFee(parentBaseFee, parentGasUsed, spec.GasTarget, spec.BaseFeeMaxChangeDenominator);
    }

    internal static UInt128 Saturate(BigInteger value) =>
        value >= (BigInteger)(UInt128.MaxValue) ? UInt128.MaxValue : (UInt128)value;
}
