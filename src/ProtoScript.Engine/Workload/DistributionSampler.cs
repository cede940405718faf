using ProtoScript.Engine.Randomness;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Workload;

/// <summary>Draws from a scenario's <see cref="DistributionModel"/>.</summary>
public static class DistributionSampler
{
    /// <summary>The largest amount a draw is clamped to: 2^96 wei (about 7.9e10 ETH), so fee arithmetic stays far from overflow.</summary>
    public static readonly UInt128 MaxAmount = UInt128.One << 96;

    private const double TwoPow64 = 18446744073709551616.0;
    private const double TwoPow96 = 79228162514264337593543950336.0;

    /// <summary>Draws one real value.</summary>
    public static double Sample(DistributionModel distribution, RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        ArgumentNullException.ThrowIfNull(random);
        return distribution.Kind switch
        {
            DistributionKind.Constant => distribution.A,
            DistributionKind.Uniform => distribution.A + ((distribution.B - distribution.A) * random.NextDouble()),
            DistributionKind.Exponential => random.NextExponential(distribution.A),
            DistributionKind.Normal => random.NextNormal(distribution.A, distribution.B),
            DistributionKind.LogNormal => LogNormal(distribution.A, distribution.B, random),
            _ => throw new ArgumentOutOfRangeException(nameof(distribution), distribution.Kind, "Unknown distribution."),
        };
    }

    /// <summary>
    /// exp(μ + σZ) with μ and σ chosen so the draws have the given mean and standard deviation;
    /// through the deterministic Log and Exp so every machine draws the same bits.
    /// </summary>
    private static double LogNormal(double mean, double sd, RandomStream random)
    {
        var variance = DeterministicMath.Log(1 + (sd * sd / (mean * mean)));
        var mu = DeterministicMath.Log(mean) - (variance / 2);
        return DeterministicMath.Exp(mu + (Math.Sqrt(variance) * random.NextNormal()));
    }

    /// <summary>
    /// Draws an amount in wei: clamped at zero (and at <see cref="MaxAmount"/>), rounded
    /// to the nearest integer, ties to even.
    /// </summary>
    public static UInt128 SampleWei(DistributionModel distribution, RandomStream random) =>
        ToWei(Sample(distribution, random));

    /// <summary>Clamps and rounds a real amount to whole wei.</summary>
    public static UInt128 ToWei(double amount)
    {
        if (!(amount > 0))
        {
            return 0; // negative, zero or NaN
        }

        var rounded = Math.Round(amount, MidpointRounding.ToEven);
        if (rounded >= TwoPow96)
        {
            return MaxAmount;
        }

        return rounded < TwoPow64 ? (ulong)rounded : (UInt128)rounded;
    }
}
