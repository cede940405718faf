using ProtoScript.Engine.Randomness;

namespace ProtoScript.Engine.Proving;

/// <summary>Draws of the number of nonce attempts until the first success.</summary>
public static class Geometric
{
    /// <summary>
    /// Attempts until the first success when each succeeds with probability 2^-<paramref name="difficultyBits"/>:
    /// a geometric variable on 1, 2, 3, ... drawn by inversion, <c>1 + floor(ln(1 − U) / ln(1 − p))</c>
    /// for one uniform <c>U</c> of the stream, through the deterministic logarithm so that every
    /// machine draws the same count. One draw per call, whatever the difficulty.
    /// </summary>
    /// <param name="difficultyBits">0 to 60; 0 means every attempt succeeds.</param>
    /// <param name="random">The stream to draw from.</param>
    public static long Attempts(int difficultyBits, RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(difficultyBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(difficultyBits, 60);
        var u = random.NextDouble();
        if (difficultyBits == 0)
        {
            return 1;
        }

        var attempts = 1.0 + Math.Floor(DeterministicMath.Log(1.0 - u) / LogOfFailure(difficultyBits));

        // Beyond 2^62 attempts no run can finish the grind anyway; clamp so the count stays a long.
        return attempts >= 4.6e18 ? 4_600_000_000_000_000_000 : (long)attempts;
    }

    /// <summary>
    /// ln(1 − 2^-d). Up to d = 30, 1 − 2^-d is exact in a double and goes through the logarithm;
    /// above, it would round towards 1, so the series −p − p²/2 − p³/3 is used (its error, below p⁴, is far under an ulp).
    /// </summary>
    public static double LogOfFailure(int difficultyBits)
    {
        var p = Math.ScaleB(1.0, -difficultyBits);
        return difficultyBits <= 30 ? DeterministicMath.Log(1.0 - p) : -p - (p * p / 2) - (p * p * p / 3);
    }
}
