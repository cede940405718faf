using System.Buffers.Binary;
using ProtoScript.Engine.L1;

namespace ProtoScript.Engine.DataAvailability;

/// <summary>A channel's 16-byte identifier, written big-endian.</summary>
/// <param name="Value">The identifier as a 128-bit number.</param>
public readonly record struct ChannelId(UInt128 Value);

/// <summary>
/// One piece of a channel's compressed data, as the OP Stack splits a channel across L1
/// transactions: <c>frame = channel_id(16) ++ frame_number(u16) ++ frame_data_length(u32) ++
/// frame_data ++ is_last(u8)</c>, integers big-endian.
/// </summary>
/// <param name="Channel">The channel the frame belongs to.</param>
/// <param name="Number">The frame's position in its channel, from 0.</param>
/// <param name="Data">The frame's slice of the channel data.</param>
/// <param name="IsLast">Whether this is the channel's final frame.</param>
public sealed record Frame(ChannelId Channel, ushort Number, byte[] Data, bool IsLast)
{
    /// <summary>Bytes a frame takes besides its data: 16 + 2 + 4 + 1.</summary>
    public const int Overhead = 23;

    /// <summary>The frame's encoded size.</summary>
    public int EncodedLength => Overhead + Data.Length;

    /// <summary>Equal when every field and every data byte are equal.</summary>
    public bool Equals(Frame? other) =>
        other is not null && Channel == other.Channel && Number == other.Number && IsLast == other.IsLast && Data.AsSpan().SequenceEqual(other.Data);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Channel, Number, IsLast, Data.Length);
}

/// <summary>
/// Splits a channel's compressed bytes into frames, packs frames into the data of one L1
/// transaction (a version byte, then frames), and puts a channel back together, checking what
/// derivation must check: one channel, frames numbered from 0 without gaps, the last one marked.
/// </summary>
public static class ChannelFrames
{
    /// <summary>The version byte that starts the frames of an L1 transaction (the OP Stack's <c>DERIVATION_VERSION_0</c>).</summary>
    public const byte DerivationVersion0 = 0;

    /// <summary>
    /// The most channel bytes one frame can carry if its transaction is one blob: the blob's usable
    /// bytes less the version byte and the frame overhead (126952 on mainnet).
    /// </summary>
    public static int MaxFrameDataPerBlob(ForkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return (int)Math.Min(int.MaxValue, spec.UsableBytesPerBlob - 1 - Frame.Overhead);
    }

    /// <summary>
    /// Splits <paramref name="channelData"/> into frames of at most <paramref name="maxFrameData"/>
    /// bytes each, numbered from 0, the last one marked. Empty data gives one empty last frame.
    /// </summary>
    /// <exception cref="ArgumentException">The data needs more than 65536 frames.</exception>
    public static IReadOnlyList<Frame> Split(ChannelId channel, ReadOnlySpan<byte> channelData, int maxFrameData)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameData, 1);
        var count = FrameCount(channelData.Length, maxFrameData);
        var frames = new Frame[count];
        for (var i = 0; i < count; i++)
        {
            var start = i * maxFrameData;
            var length = Math.Min(maxFrameData, channelData.Length - start);
            frames[i] = new Frame(channel, (ushort)i, channelData.Slice(start, length).ToArray(), i == count - 1);
        }

        return frames;
    }

    /// <summary>
    /// Cuts <paramref name="channelData"/> as <see cref="Split"/> does and encodes each frame as the
    /// data of its own L1 transaction, as <see cref="EncodeTransactionData"/> does for one frame —
    /// the same bytes, without an intermediate copy of each frame's data.
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="Split"/>.</exception>
    public static byte[][] EncodeFrameTransactions(ChannelId channel, ReadOnlySpan<byte> channelData, int maxFrameData)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameData, 1);
        var count = FrameCount(channelData.Length, maxFrameData);
        var transactions = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var start = i * maxFrameData;
            var data = channelData.Slice(start, Math.Min(maxFrameData, channelData.Length - start));
            var output = new byte[1 + Frame.Overhead + data.Length];
            output[0] = DerivationVersion0;
            WriteFrame(output.AsSpan(1), channel, (ushort)i, data, i == count - 1);
            transactions[i] = output;
        }

        return transactions;
    }

    /// <summary>The data of one L1 transaction carrying <paramref name="frames"/>: the version byte, then each frame.</summary>
    public static byte[] EncodeTransactionData(IEnumerable<Frame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var list = frames.ToList();
        var output = new byte[1 + list.Sum(f => f.EncodedLength)];
        output[0] = DerivationVersion0;
        var offset = 1;
        foreach (var frame in list)
        {
            WriteFrame(output.AsSpan(offset), frame.Channel, frame.Number, frame.Data, frame.IsLast);
            offset += frame.EncodedLength;
        }

        return output;
    }

    /// <summary>Reads the frames of one L1 transaction's data.</summary>
    /// <exception cref="BatchFormatException">The data is not a version byte followed by whole frames.</exception>
    public static IReadOnlyList<Frame> DecodeTransactionData(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0 || data[0] != DerivationVersion0)
        {
            throw new BatchFormatException(0, data.Length == 0 ? "the transaction data is empty" : $"unknown derivation version 0x{data[0]:x2}; expected 0x00");
        }

        var frames = new List<Frame>();
        var offset = 1;
        while (offset < data.Length)
        {
            if (data.Length - offset < Frame.Overhead)
            {
                throw new BatchFormatException(offset, $"{data.Length - offset} bytes left, fewer than a frame's {Frame.Overhead}-byte overhead");
            }

            var channel = new ChannelId(BinaryPrimitives.ReadUInt128BigEndian(data[offset..]));
            var number = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 16)..]);
            var length = BinaryPrimitives.ReadUInt32BigEndian(data[(offset + 18)..]);
            if (length > (uint)(data.Length - offset - Frame.Overhead))
            {
                throw new BatchFormatException(offset + 18, $"frame {number} claims {length} data bytes but only {data.Length - offset - Frame.Overhead} remain");
            }

            var body = data.Slice(offset + 22, (int)length).ToArray();
            var last = data[offset + 22 + (int)length];
            if (last > 1)
            {
                throw new BatchFormatException(offset + 22 + (int)length, $"frame {number} has is_last byte 0x{last:x2}; it must be 0 or 1");
            }

            frames.Add(new Frame(channel, number, body, last == 1));
            offset += Frame.Overhead + (int)length;
        }

        return frames;
    }

    /// <summary>
    /// Joins a channel's frames back into its data. The frames may arrive in any order but must be
    /// one channel's, numbered 0 to n−1 exactly once, with only frame n−1 marked last.
    /// </summary>
    /// <exception cref="BatchFormatException">The frames do not make up one complete channel.</exception>
    public static byte[] Reassemble(IEnumerable<Frame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var ordered = frames.OrderBy(f => f.Number).ToList();
        if (ordered.Count == 0)
        {
            throw new BatchFormatException(0, "a channel needs at least one frame");
        }

        var channel = ordered[0].Channel;
        for (var i = 0; i < ordered.Count; i++)
        {
            var frame = ordered[i];
            if (frame.Channel != channel)
            {
                throw new BatchFormatException(0, $"frame {frame.Number} belongs to another channel");
            }

            if (frame.Number != i)
            {
                throw new BatchFormatException(0, frame.Number < i ? $"frame {frame.Number} appears twice" : $"frame {i} is missing");
            }

            if (frame.IsLast != (i == ordered.Count - 1))
            {
                throw new BatchFormatException(0, frame.IsLast ? $"frame {i} is marked last but frames follow it" : "the channel's last frame is missing");
            }
        }

        var output = new byte[ordered.Sum(f => f.Data.Length)];
        var offset = 0;
        foreach (var frame in ordered)
        {
            frame.Data.CopyTo(output, offset);
            offset += frame.Data.Length;
        }

        return output;
    }

    private static int FrameCount(int length, int maxFrameData)
    {
        var count = Math.Max(1, (length + maxFrameData - 1) / maxFrameData);
        if (count > ushort.MaxValue + 1)
        {
            throw new ArgumentException($"{length} bytes need {count} frames of {maxFrameData} bytes; a channel has at most 65536", "channelData");
        }

        return count;
    }

    // channel_id u128 ‖ frame_number u16 ‖ frame_data_length u32 ‖ frame_data ‖ is_last u8, all big-endian.
    private static void WriteFrame(Span<byte> output, ChannelId channel, ushort number, ReadOnlySpan<byte> data, bool isLast)
    {
        BinaryPrimitives.WriteUInt128BigEndian(output, channel.Value);
        BinaryPrimitives.WriteUInt16BigEndian(output[16..], number);
        BinaryPrimitives.WriteUInt32BigEndian(output[18..], (uint)data.Length);
        data.CopyTo(output[22..]);
        output[22 + data.Length] = isLast ? (byte)1 : (byte)0;
    }
}
