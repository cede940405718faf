using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace ProtoScript.Engine.State;

/// <summary>
/// SHA-256 of short inputs (Merkle leaves and nodes), the state root's hot path.
/// <para>
/// Why not only <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>: on Linux it goes
/// through OpenSSL 3's EVP interface, which fetches the algorithm and allocates a context on
/// every call — about 500 ns for a 64-byte input, of which the hashing itself (with the CPU's
/// SHA extensions) is under 100. A run hashes ~8 nodes per transaction, so that overhead was
/// three quarters of the engine's time. When the process can load OpenSSL's libcrypto (it
/// is what .NET's own cryptography uses on Linux) and its low-level <c>SHA256_Init</c>,
/// <c>SHA256_Update</c> and <c>SHA256_Final</c> give the right digests for known inputs,
/// those are called directly with a stack-allocated context (about 95 ns); otherwise, and on
/// other platforms, the BCL one-shot is used. Both compute the same standard SHA-256, so the
/// roots never depend on which path ran.
/// </para>
/// </summary>
public static unsafe class Sha256
{
    /// <summary>Bytes in a digest.</summary>
    public const int HashSize = 32;

    // OpenSSL's SHA256_CTX is 112 bytes (8 + 2 + 16 + 2 32-bit words); room to spare.
    private const int ContextSize = 256;

    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, int> Init;
    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, byte*, nuint, int> Update;
    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, byte*, int> Final;

    static Sha256()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        foreach (var name in (string[])["libcrypto.so.3", "libcrypto.so.1.1"])
        {
            if (NativeLibrary.TryLoad(name, out var library)
                && NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
                && NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
                && NativeLibrary.TryGetExport(library, "SHA256_Final", out var final))
            {
                Init = (delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, int>)init;
                Update = (delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, byte*, nuint, int>)update;
                Final = (delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, byte*, int>)final;
                if (SelfTest())
                {
                    IsNative = true;
                    return;
                }
            }
        }
    }

    /// <summary>True when the direct libcrypto path passed its self-test and is in use.</summary>
    public static bool IsNative { get; }

    /// <summary>Writes SHA-256(<paramref name="input"/>) to the first 32 bytes of <paramref name="destination"/>.</summary>
    public static void HashData(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        if (!IsNative)
        {
            SHA256.HashData(input, destination);
            return;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, HashSize);
        NativeHash(input, destination);
    }

    private static void NativeHash(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        var context = stackalloc byte[ContextSize];
        fixed (byte* data = input)
        fixed (byte* digest = destination)
        {
            if (Init(context) != 1 || Update(context, data, (nuint)input.Length) != 1 || Final(digest, context) != 1)
            {
                throw new CryptographicException("libcrypto's SHA256 failed.");
            }
        }
    }

    private static bool SelfTest()
    {
        // Inputs of the sizes the tree hashes (leaf, node, token leaf) and the block boundaries.
        Span<byte> input = stackalloc byte[200];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (byte)((i * 131) + 7);
        }

        Span<byte> expected = stackalloc byte[HashSize];
        Span<byte> actual = stackalloc byte[HashSize];
        foreach (var length in (int[])[0, 32, 55, 56, 64, 65, 81, 200])
        {
            SHA256.HashData(input[..length], expected);
            NativeHash(input[..length], actual);
            if (!actual.SequenceEqual(expected))
            {
                return false;
            }
        }

        return true;
    }
}
