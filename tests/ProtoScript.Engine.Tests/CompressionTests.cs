using ProtoScript.Engine.DataAvailability;

namespace ProtoScript.Engine.Tests;

public class CompressionTests
{
    public static TheoryData<string> Names => ["none", "brotli", "zlib"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Decompress_of_compress_gives_back_the_batch(string name)
    {
        var compressor = Compressors.Get(name);
        var batch = BatchTestData.SimilarTransfers();

        var compressed = compressor.Compress(BatchCodec.Encode(batch));
        var restored = BatchCodec.Decode(compressor.Decompress(compressed, Compressors.DefaultMaxDecompressedBytes));

        Assert.Equal(batch, restored);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Compression_gives_the_same_bytes_every_time(string name)
    {
        var bytes = BatchCodec.Encode(BatchTestData.SimilarTransfers());

        var first = Compressors.Get(name).Compress(bytes);
        var second = Compressors.Get(name).Compress(bytes);

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("brotli")]
    [InlineData("zlib")]
    public void Similar_transfers_compress_by_more_than_a_third(string name)
    {
        var bytes = BatchCodec.Encode(BatchTestData.SimilarTransfers());

        var compressed = Compressors.Get(name).Compress(bytes);

        // Ratio = uncompressed / compressed; a loose floor that any working compressor clears.
        Assert.True(bytes.Length * 2 > compressed.Length * 3, $"{name}: {bytes.Length} -> {compressed.Length} bytes");
    }

    [Fact]
    public void Brotli_beats_zlib_on_similar_transfers()
    {
        var bytes = BatchCodec.Encode(BatchTestData.SimilarTransfers());

        Assert.True(Compressors.Brotli.Compress(bytes).Length < Compressors.Zlib.Compress(bytes).Length);
    }

    // Reports will print DA bytes, so they depend on the runtime's bundled Brotli and zlib.
    // Pinning the sizes makes a codec change in an SDK update show up here first, not as
    // unexplained snapshot diffs.
    [Theory]
    [InlineData("none", 21_702)]
    [InlineData("brotli", 9_666)]
    [InlineData("zlib", 9_975)]
    public void Compressed_sizes_of_the_reference_batch_are_pinned(string name, int expected)
    {
        var bytes = BatchCodec.Encode(BatchTestData.SimilarTransfers());

        Assert.Equal(expected, Compressors.Get(name).Compress(bytes).Length);
    }

    [Fact]
    public void None_leaves_the_bytes_as_they_are()
    {
        byte[] bytes = [1, 2, 3, 0, 255];

        Assert.Equal(bytes, Compressors.None.Compress(bytes));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Decompression_stops_at_the_output_limit(string name)
    {
        var compressor = Compressors.Get(name);
        var compressed = compressor.Compress(new byte[1_000_000]);

        var error = Assert.Throws<InvalidDataException>(() => compressor.Decompress(compressed, 1000));
        Assert.Contains("1000 bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("brotli")]
    [InlineData("zlib")]
    public void Corrupt_data_is_reported_as_invalid(string name)
    {
        byte[] garbage = [0xFF, 0xFE, 0xFD, 0xFC, 0xFB, 0xFA, 0xF9, 0xF8];

        Assert.Throws<InvalidDataException>(() => Compressors.Get(name).Decompress(garbage, 1000));
    }

    [Fact]
    public void Unknown_compression_error_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => Compressors.Get("lz4"));

        Assert.StartsWith("unknown compression 'lz4'; known: none, brotli, zlib", error.Message, StringComparison.Ordinal);
        Assert.True(Compressors.TryGet("BROTLI", out var brotli));
        Assert.Same(Compressors.Brotli, brotli);
    }
}
