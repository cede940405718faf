using System.Buffers;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Randomness;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class BatchCodecTests
{
    private static readonly Batch OneTransfer = new([
        new BatchBlock(5, 2_000_000, 3, [new BatchTransaction(TransactionKind.Transfer, 1, 2, 300, 0, 1, 21_000)]),
    ]);

    [Theory]
    [InlineData(0UL, new byte[] { 0x00 })]
    [InlineData(127UL, new byte[] { 0x7F })]
    [InlineData(128UL, new byte[] { 0x80, 0x01 })]
    [InlineData(300UL, new byte[] { 0xAC, 0x02 })]
    [InlineData(21_000UL, new byte[] { 0x88, 0xA4, 0x01 })]
    public void Leb128_writes_seven_bits_per_byte_low_group_first(ulong value, byte[] expected)
    {
        var output = new ArrayBufferWriter<byte>();
        Leb128.Write(output, value);
        var wide = new ArrayBufferWriter<byte>();
        Leb128.Write(wide, (UInt128)value);

        Assert.Equal(expected, output.WrittenSpan.ToArray());
        Assert.Equal(expected, wide.WrittenSpan.ToArray());
        Assert.Equal(expected.Length, Leb128.SizeOf(value));
    }

    [Fact]
    public void Leb128_of_the_largest_UInt128_takes_19_bytes()
    {
        var output = new ArrayBufferWriter<byte>();
        Leb128.Write(output, UInt128.MaxValue);

        Assert.Equal(Leb128.MaxBytes128, output.WrittenCount);
        Assert.Equal(0x03, output.WrittenSpan[^1]);
        var offset = 0;
        Assert.Equal(UInt128.MaxValue, Leb128.Read(output.WrittenSpan, ref offset, UInt128.MaxValue, "value"));
    }

    [Fact]
    public void Encoding_lays_out_the_header_and_transaction_fields_as_documented()
    {
        byte[] expected = [0x01, 0x01, 0x05, 0x80, 0x89, 0x7A, 0x03, 0x01, 0x01, 0x01, 0x02, 0xAC, 0x02, 0x00, 0x01, 0x88, 0xA4, 0x01];

        Assert.Equal(expected, BatchCodec.Encode(OneTransfer));
    }

    [Fact]
    public void Later_blocks_are_encoded_as_increases_over_the_previous_block()
    {
        var batch = new Batch([new BatchBlock(5, 2_000_000, 3, []), new BatchBlock(6, 4_000_000, 3, [])]);

        var bytes = BatchCodec.Encode(batch);

        Assert.Equal<byte>([0x01, 0x02, 0x05, 0x80, 0x89, 0x7A, 0x03, 0x00, 0x01, 0x80, 0x89, 0x7A, 0x00, 0x00], bytes);
        Assert.Equal(batch, BatchCodec.Decode(bytes));
    }

    [Fact]
    public void Decode_of_encode_gives_back_every_random_batch()
    {
        var random = new RandomStream(4844);
        for (var i = 0; i < 300; i++)
        {
            var batch = BatchTestData.Random(random);

            var bytes = BatchCodec.Encode(batch);
            var decoded = BatchCodec.Decode(bytes);

            Assert.Equal(batch, decoded);
            Assert.Equal(bytes, BatchCodec.Encode(decoded));
        }
    }

    [Fact]
    public void Extreme_values_round_trip()
    {
        var batch = new Batch([
            new BatchBlock(ulong.MaxValue - 1, long.MaxValue - 1, ulong.MaxValue - 1, [
                new BatchTransaction(TransactionKind.Transfer, int.MaxValue, 0, UInt128.MaxValue, ulong.MaxValue, UInt128.MaxValue, ulong.MaxValue),
                new BatchTransaction(TransactionKind.Transfer, 0, int.MaxValue, 0, 0, 0, 0),
            ]),
            new BatchBlock(ulong.MaxValue, long.MaxValue, ulong.MaxValue, []),
        ]);

        Assert.Equal(batch, BatchCodec.Decode(BatchCodec.Encode(batch)));
    }

    [Fact]
    public void A_mempool_transfer_keeps_its_chain_fields_and_drops_simulation_bookkeeping()
    {
        var tx = new Transaction(3, 4, 5, 6, 7, 21_000, SimDuration.FromSeconds(9), ArrivalSequence: 10);

        Assert.Equal(new BatchTransaction(TransactionKind.Transfer, 3, 4, 5, 6, 7, 21_000), BatchTransaction.FromTransfer(tx));
    }

    [Fact]
    public void Every_truncation_of_a_batch_is_rejected_as_malformed()
    {
        var bytes = BatchCodec.Encode(BatchTestData.SimilarTransfers(50));

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(BatchCodec.TryDecode(bytes.AsSpan(0, length), out _, out var error));
            Assert.InRange(error.Offset, 0, length);
        }
    }

    [Fact]
    public void Trailing_bytes_are_rejected()
    {
        byte[] bytes = [.. BatchCodec.Encode(OneTransfer), 0x00];

        var error = Assert.Throws<BatchFormatException>(() => BatchCodec.Decode(bytes));
        Assert.Equal("malformed batch at byte 18: 1 bytes follow the last block", error.Message);
    }

    [Fact]
    public void A_varint_longer_than_needed_is_rejected()
    {
        var error = Assert.Throws<BatchFormatException>(() => BatchCodec.Decode([0x01, 0x80, 0x00]));

        Assert.Equal(1, error.Offset);
        Assert.Contains("not the shortest encoding", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reserved_kind_is_rejected_by_name()
    {
        var bytes = BatchCodec.Encode(OneTransfer);
        bytes[8] = (byte)TransactionKind.Deposit;

        var error = Assert.Throws<BatchFormatException>(() => BatchCodec.Decode(bytes));
        Assert.Equal("malformed batch at byte 8: transaction kind 0x03 Deposit is reserved and not decodable yet", error.Message);
    }

    [Fact]
    public void An_unknown_version_is_rejected()
    {
        var error = Assert.Throws<BatchFormatException>(() => BatchCodec.Decode([0x07, 0x00]));

        Assert.Equal("unknown batch version 0x07; this decoder reads versions 0x01 and 0x02", error.Reason);
    }

    [Fact]
    public void A_count_larger_than_the_data_can_hold_is_rejected_before_allocating()
    {
        var error = Assert.Throws<BatchFormatException>(() => BatchCodec.Decode([0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x07]));

        Assert.Contains("block count 2147483647 cannot fit in the 0 bytes left", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Encoder_rejects_block_numbers_that_do_not_rise()
    {
        var batch = new Batch([new BatchBlock(5, 0, 0, []), new BatchBlock(5, 0, 0, [])]);

        var error = Assert.Throws<ArgumentException>(() => BatchCodec.Encode(batch));
        Assert.StartsWith("block 5 follows block 5; block numbers in a batch must rise", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encoding_into_a_reused_buffer_appends_the_same_bytes_as_Encode()
    {
        var output = new ArrayBufferWriter<byte>();
        BatchCodec.Encode(OneTransfer, output);
        var first = output.WrittenSpan.ToArray();
        output.ResetWrittenCount();
        BatchCodec.Encode(OneTransfer, output);

        Assert.Equal(BatchCodec.Encode(OneTransfer), first);
        Assert.Equal(first, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Frame_transactions_are_the_bytes_of_each_split_frame_alone()
    {
        var data = new byte[2_500];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (byte)(i * 7);
        }

        var channel = new ChannelId(0x1234);
        var direct = ChannelFrames.EncodeFrameTransactions(channel, data, 1_000);
        var viaFrames = ChannelFrames.Split(channel, data, 1_000).Select(f => ChannelFrames.EncodeTransactionData([f])).ToArray();

        Assert.Equal(3, direct.Length);
        Assert.Equal(viaFrames, direct);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("brotli")]
    [InlineData("zlib")]
    public void Compressing_into_a_buffer_gives_the_same_bytes_as_Compress(string name)
    {
        var compressor = Compressors.Get(name);
        var input = BatchCodec.Encode(OneTransfer);
        var output = new ArrayBufferWriter<byte>();
        output.Write(new byte[] { 0xEE });
        compressor.Compress(input, output);

        Assert.Equal([0xEE, .. compressor.Compress(input)], output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Leb128_size_is_the_written_length_at_every_seven_bit_boundary()
    {
        for (var bits = 0; bits <= 128; bits++)
        {
            var edge = bits == 128 ? UInt128.MaxValue : (UInt128.One << bits) - 1;
            foreach (var value in (UInt128[])[edge, edge + (bits == 128 ? 0u : 1u), edge / 3])
            {
                var output = new ArrayBufferWriter<byte>();
                Leb128.Write(output, value);
                Assert.Equal(output.WrittenCount, Leb128.SizeOf(value));
            }
        }
    }

    [Fact]
    public void Leb128_reads_back_every_value_it_writes_on_both_sides_of_the_64_bit_fast_path()
    {
        for (var bits = 0; bits <= 128; bits++)
        {
            var edge = bits == 128 ? UInt128.MaxValue : (UInt128.One << bits) - 1;
            foreach (var value in (UInt128[])[edge, edge / 3, bits == 128 ? edge : edge + 1])
            {
                var output = new ArrayBufferWriter<byte>();
                output.Write(new byte[] { 0xAA });
                Leb128.Write(output, value);
                var offset = 1;
                Assert.Equal(value, Leb128.Read(output.WrittenSpan, ref offset, UInt128.MaxValue, "value"));
                Assert.Equal(output.WrittenCount, offset);
            }
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x00 }, "redundant trailing zero")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x80, 0x00 }, "redundant trailing zero")]
    [InlineData(new byte[] { 0x81, 0x01 }, "above its maximum 100")]
    [InlineData(new byte[] { 0x80, 0x80 }, "ends inside")]
    public void Leb128_rejects_non_canonical_too_large_and_truncated_varints_whichever_path_reads_them(byte[] bytes, string reason)
    {
        var offset = 0;
        var error = Assert.Throws<BatchFormatException>(() => Leb128.Read(bytes, ref offset, 100, "value"));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
