using System.Numerics;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.FeeMarket;

/// <summary>
/// ArbOS's L2 gas pricing (its legacy single-constraint model, which Arbitrum One runs): gas used
/// adds to a backlog, which drains at the speed limit; a backlog within the tolerance (that many
/// seconds of the speed limit) is priced at the minimum base fee, and above it the price is the
/// minimum × e^(excess ÷ (inertia × speed limit)), with e^x computed as ArbOS does, in basis points
/// by a fourth-degree Taylor polynomial in integers (so it matches the chain to the wei and
/// undershoots e^x by a few per cent once x nears 2).
/// </summary>
public static class SpeedLimitPricing
{
    private const ulong OneInBips = 10_000;

    /// <summary>
    /// The base fee per gas for a backlog of <paramref name="backlog"/> gas: <paramref name="min"/>
    /// when it is within <paramref name="toleranceGas"/>; otherwise min × e^x ÷ 1 in basis points,
    /// where x = ⌊(backlog − tolerance) × 10_000 ÷ (inertia × speed limit)⌋ basis points.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The inertia or the speed limit is zero.</exception>
    public static UInt128 BaseFee(UInt128 min, UInt128 backlog, UInt128 toleranceGas, ulong inertia, ulong speedLimitPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfZero(inertia);
        ArgumentOutOfRangeException.ThrowIfZero(speedLimitPerSecond);
        if (backlog <= toleranceGas)
        {
            return min;
        }

        var exponentBips = (BigInteger)(backlog - toleranceGas) * OneInBips / ((BigInteger)inertia * speedLimitPerSecond);
        var fee = (BigInteger)min * ExpBips(exponentBips) / OneInBips;
        return fee >= (BigInteger)UInt128.MaxValue ? UInt128.MaxValue : (UInt128)fee;
    }

    /// <summary>
    /// e^(<paramref name="exponentBips"/> ÷ 10_000) in basis points by Horner's scheme on the
    /// Taylor series to the fourth power, each step rounded down: 1 + x(1 + x/2(1 + x/3(1 + x/4))).
    /// </summary>
    public static BigInteger ExpBips(BigInteger exponentBips)
    {
        BigInteger one = OneInBips;
        var result = one + (exponentBips / 4);
        for (var k = 3; k >= 1; k--)
        {
            result = one + (result * exponentBips / (k * one));
        }

        return result;
    }

    /// <summary>The gas the speed limit drains from genesis to <paramref name="time"/>, rounded down: the drain between two blocks is the difference, so no rounding accumulates.</summary>
    public static UInt128 DrainedBy(ulong speedLimitPerSecond, SimDuration time) =>
        (UInt128)speedLimitPerSecond * (ulong)Math.Max(0, time.Microseconds) / (ulong)SimDuration.MicrosPerSecond;
}
