using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.L1;
using ProtoScript.Engine.Randomness;

namespace ProtoScript.Engine.Tests;

public class ChannelFramesTests
{
    private static readonly ChannelId Channel = new(new UInt128(0x0102030405060708, 0x090A0B0C0D0E0F10));

    [Fact]
    public void Split_cuts_frames_of_the_given_size_and_marks_only_the_last()
    {
        var frames = ChannelFrames.Split(Channel, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4);

        Assert.Equal([4, 4, 2], frames.Select(f => f.Data.Length));
        Assert.Equal([0, 1, 2], frames.Select(f => (int)f.Number));
        Assert.Equal([false, false, true], frames.Select(f => f.IsLast));
    }

    [Fact]
    public void Empty_channel_is_one_empty_last_frame()
    {
        var frame = Assert.Single(ChannelFrames.Split(Channel, [], 100));

        Assert.Empty(frame.Data);
        Assert.True(frame.IsLast);
    }

    [Fact]
    public void Transaction_data_is_a_version_byte_then_big_endian_frames()
    {
        var data = ChannelFrames.EncodeTransactionData([new Frame(Channel, 0x0203, [0xAA, 0xBB], true)]);

        byte[] expected =
        [
            0x00,
            0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10,
            0x02, 0x03,
            0x00, 0x00, 0x00, 0x02,
            0xAA, 0xBB,
            0x01,
        ];
        Assert.Equal(expected, data);
        Assert.Equal(new Frame(Channel, 0x0203, [0xAA, 0xBB], true), Assert.Single(ChannelFrames.DecodeTransactionData(data)));
    }

    [Fact]
    public void A_frame_longer_than_the_data_is_rejected()
    {
        var data = ChannelFrames.EncodeTransactionData([new Frame(Channel, 0, [1, 2, 3], true)]);
        data[22] = 4;

        var error = Assert.Throws<BatchFormatException>(() => ChannelFrames.DecodeTransactionData(data));
        Assert.Equal("frame 0 claims 4 data bytes but only 3 remain", error.Reason);
    }

    [Fact]
    public void Reassemble_accepts_frames_in_any_order()
    {
        var frames = ChannelFrames.Split(Channel, [1, 2, 3, 4, 5, 6, 7], 3);

        Assert.Equal<byte>([1, 2, 3, 4, 5, 6, 7], ChannelFrames.Reassemble(frames.Reverse()));
    }

    [Fact]
    public void Reassemble_reports_a_missing_frame()
    {
        var frames = ChannelFrames.Split(Channel, [1, 2, 3, 4, 5, 6, 7], 3);

        var error = Assert.Throws<BatchFormatException>(() => ChannelFrames.Reassemble([frames[0], frames[2]]));
        Assert.Equal("frame 1 is missing", error.Reason);
    }

    [Fact]
    public void Reassemble_reports_a_channel_without_its_last_frame()
    {
        var frames = ChannelFrames.Split(Channel, [1, 2, 3, 4, 5, 6, 7], 3);

        var error = Assert.Throws<BatchFormatException>(() => ChannelFrames.Reassemble([frames[0], frames[1]]));
        Assert.Equal("the channel's last frame is missing", error.Reason);
    }

    [Fact]
    public void Reassemble_reports_frames_of_two_channels()
    {
        var other = new Frame(new ChannelId(99), 1, [9], true);

        var error = Assert.Throws<BatchFormatException>(() => ChannelFrames.Reassemble([new Frame(Channel, 0, [1], false), other]));
        Assert.Equal("frame 1 belongs to another channel", error.Reason);
    }

    [Fact]
    public void A_blob_sized_frame_leaves_room_for_the_version_byte_and_overhead()
    {
        Assert.Equal(126_952, ChannelFrames.MaxFrameDataPerBlob(Forks.Osaka));
    }

    [Fact]
    public void A_batch_survives_encoding_compression_framing_into_blobs_and_back()
    {
        var spec = Forks.Prague;
        var random = new RandomStream(7);
        var blocks = new List<BatchBlock>();
        for (var b = 0; b < 40; b++)
        {
            var txs = Enumerable.Range(0, 500)
                .Select(_ => new BatchTransaction(TransactionKind.Transfer, (int)random.NextUInt64(1_000_000), (int)random.NextUInt64(1_000_000), random.NextUInt64(), random.NextUInt64(1000), random.NextUInt64(), 21_000))
                .ToList();
            blocks.Add(new BatchBlock((ulong)b, b * 2_000_000L, (ulong)b / 6, txs));
        }

        var batch = new Batch(blocks);
        var compressed = Compressors.Brotli.Compress(BatchCodec.Encode(batch));
        var frames = ChannelFrames.Split(new ChannelId(1), compressed, ChannelFrames.MaxFrameDataPerBlob(spec));
        var blobPayloads = frames.Select(f => ChannelFrames.EncodeTransactionData([f])).ToList();

        Assert.True(frames.Count > 1, "the batch should need more than one blob");
        Assert.All(blobPayloads, p => Assert.Equal(1UL, DaCost.BlobsNeeded(spec, (ulong)p.Length)));

        var received = blobPayloads.SelectMany(p => ChannelFrames.DecodeTransactionData(p));
        var channelData = ChannelFrames.Reassemble(received);
        var decoded = BatchCodec.Decode(Compressors.Brotli.Decompress(channelData, Compressors.DefaultMaxDecompressedBytes));

        Assert.Equal(batch, decoded);
    }
}
