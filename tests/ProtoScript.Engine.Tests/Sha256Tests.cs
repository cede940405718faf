using System.Security.Cryptography;
using ProtoScript.Engine.State;

namespace ProtoScript.Engine.Tests;

public class Sha256Tests
{
    [Fact]
    public void Digest_equals_the_BCL_one_for_every_length_up_to_five_blocks()
    {
        var input = new byte[320];
        new Random(11).NextBytes(input);
        var actual = new byte[Sha256.HashSize];
        for (var length = 0; length <= input.Length; length++)
        {
            Sha256.HashData(input.AsSpan(0, length), actual);
            Assert.Equal(SHA256.HashData(input.AsSpan(0, length)), actual);
        }
    }

    [Fact]
    public void Digest_of_abc_is_the_FIPS_180_test_vector()
    {
        var actual = new byte[Sha256.HashSize];
        Sha256.HashData("abc"u8, actual);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(actual));
    }

    [Fact]
    public void On_Linux_the_direct_libcrypto_path_is_in_use()
    {
        // .NET's own cryptography needs libcrypto on Linux, so the fast path must be found there;
        // if it silently fell back, the engine would run ~5x slower hashing with no test noticing.
        Assert.Equal(OperatingSystem.IsLinux(), Sha256.IsNative);
    }
}
