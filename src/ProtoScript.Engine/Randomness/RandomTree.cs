using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ProtoScript.Engine.Randomness;

/// <summary>
/// The single seeded source of randomness of a run. Every component asks for its own
/// stream by a stable path (e.g. <c>workload/0/rollup/A</c>); the stream's seed is a
/// hash of the root seed and the path, so adding or removing a component never shifts
/// the draws of another.
/// </summary>
public sealed class RandomTree
{
    /// <summary>Creates the tree of a run.</summary>
    /// <param name="rootSeed">The scenario's seed.</param>
    public RandomTree(ulong rootSeed) => RootSeed = rootSeed;

    /// <summary>The scenario's seed.</summary>
    public ulong RootSeed { get; }

    /// <summary>
    /// Derives the seed of the stream at <paramref name="path"/>: the first 8 bytes
    /// (big-endian) of SHA-256(rootSeed as 8 big-endian bytes || UTF-8 path).
    /// </summary>
    public ulong DeriveSeed(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var input = new byte[8 + Encoding.UTF8.GetByteCount(path)];
        BinaryPrimitives.WriteUInt64BigEndian(input, RootSeed);
        Encoding.UTF8.GetBytes(path, input.AsSpan(8));
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, digest);
        return BinaryPrimitives.ReadUInt64BigEndian(digest);
    }

    /// <summary>Creates the stream at <paramref name="path"/>; the same path always gives the same draws.</summary>
    public RandomStream Stream(string path) => new(DeriveSeed(path));
}
