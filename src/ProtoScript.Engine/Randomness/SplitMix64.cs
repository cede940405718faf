namespace ProtoScript.Engine.Randomness;

/// <summary>
/// Steele, Lea and Flood's SplitMix64 generator, exactly as in Vigna's reference
/// <c>splitmix64.c</c>. Used only to expand a 64-bit seed into generator state and to
/// mix derived seeds, never as a simulation stream itself.
/// </summary>
public struct SplitMix64
{
    /// <summary>The golden-ratio increment of the reference algorithm.</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private ulong _state;

    /// <summary>Creates a generator whose first output is <c>Mix(seed + Gamma)</c>.</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>Advances the state and returns the next output.</summary>
    public ulong Next()
    {
        _state = unchecked(_state + Gamma);
        return Mix(_state);
    }

    /// <summary>The SplitMix64 output finalizer: a bijective avalanche of 64 bits.</summary>
    public static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
