using System.Numerics;

namespace ProtoScript.Engine.Randomness;

/// <summary>
/// One independent stream of pseudo-random numbers: xoshiro256** (Blackman and Vigna),
/// seeded by four outputs of <see cref="SplitMix64"/>. The algorithm is pinned, not
/// borrowed from the runtime, so a seed means the same draws on every platform and
/// every .NET version; every derived draw uses only IEEE-exact operations or
/// <see cref="DeterministicMath"/>.
/// </summary>
public sealed class RandomStream
{
    private const double TwoPowMinus53 = 1.0 / (1UL << 53);

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double _spareNormal;
    private bool _hasSpareNormal;

    /// <summary>Creates a stream from a 64-bit seed.</summary>
    public RandomStream(ulong seed)
    {
        var sm = new SplitMix64(seed);
        _s0 = sm.Next();
        _s1 = sm.Next();
        _s2 = sm.Next();
        _s3 = sm.Next();
    }

    /// <summary>Returns 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        unchecked
        {
            var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
            var t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = BitOperations.RotateLeft(_s3, 45);
            return result;
        }
    }

    /// <summary>
    /// Returns a uniform integer in <c>[0, bound)</c> without modulo bias
    /// (Lemire's multiply-and-reject method).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is zero.</exception>
    public ulong NextUInt64(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        var high = Math.BigMul(NextUInt64(), bound, out var low);
        if (low < bound)
        {
            // Only low products below (2^64 mod bound) belong to an over-represented bucket.
            var threshold = unchecked(0 - bound) % bound;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), bound, out low);
            }
        }

        return high;
    }

    /// <summary>Returns a uniform integer in <c>[0, bound)</c> without modulo bias.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is not positive.</exception>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        return (int)NextUInt64((ulong)bound);
    }

    /// <summary>Returns a uniform double in <c>[0, 1)</c> built from the top 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * TwoPowMinus53;

    /// <summary>Returns an exponentially distributed value with the given mean (inversion method).</summary>
    public double NextExponential(double mean)
    {
        // 1 - U lies in (0, 1] and is exact for a 53-bit U, so the logarithm is finite.
        return -mean * DeterministicMath.Log(1.0 - NextDouble());
    }

    /// <summary>
    /// Returns a standard normal value (Marsaglia's polar method). Each accepted pair
    /// yields two values; the second is returned by the next call.
    /// </summary>
    public double NextNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }

        double u, v, s;
        do
        {
            u = (2.0 * NextDouble()) - 1.0;
            v = (2.0 * NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        var factor = Math.Sqrt(-2.0 * DeterministicMath.Log(s) / s);
        _spareNormal = v * factor;
        _hasSpareNormal = true;
        return u * factor;
    }

    /// <summary>Returns a normal value with the given mean and standard deviation.</summary>
    public double NextNormal(double mean, double standardDeviation) => mean + (standardDeviation * NextNormal());
}
