using System.Buffers;

namespace ProtoScript.Engine.DataAvailability;

/// <summary>
/// Unsigned LEB128 varints: seven bits per byte, least significant group first, the high bit
/// set on every byte but the last. Readers accept only the shortest (canonical) form, so one
/// value has exactly one encoding and a decoded batch re-encodes to the same bytes.
/// </summary>
public static class Leb128
{
    /// <summary>The most bytes a 128-bit value takes (ceil(128 / 7)).</summary>
    public const int MaxBytes128 = 19;

    /// <summary>Appends <paramref name="value"/> to <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, UInt128 value)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(MaxBytes128);
        var written = 0;
        while (value >= 0x80)
        {
            span[written++] = (byte)((byte)(value & 0x7F) | 0x80);
            value >>= 7;
        }

        span[written++] = (byte)value;
        output.Advance(written);
    }

    /// <summary>Appends <paramref name="value"/> to <paramref name="output"/> (the 64-bit fast path of the same encoding).</summary>
    public static void Write(IBufferWriter<byte> output, ulong value)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(10);
        var written = 0;
        while (value >= 0x80)
        {
            span[written++] = (byte)((value & 0x7F) | 0x80);
            value >>= 7;
        }

        span[written++] = (byte)value;
        output.Advance(written);
    }

    /// <summary>How many bytes <paramref name="value"/> takes.</summary>
    public static int SizeOf(UInt128 value) =>
        value == 0 ? 1 : (128 - (int)UInt128.LeadingZeroCount(value) + 6) / 7; // seven bits a byte

    /// <summary>
    /// Reads a varint at <paramref name="offset"/>, advancing it, and checks that it is at most
    /// <paramref name="max"/>.
    /// </summary>
    /// <exception cref="BatchFormatException">The bytes end inside the varint, the varint is
    /// longer than needed, or its value is above <paramref name="max"/>.</exception>
    public static UInt128 Read(ReadOnlySpan<byte> input, ref int offset, UInt128 max, string field)
    {
        // Most fields (accounts, nonces, gas, fees, values under 2^63) take at most nine bytes:
        // those accumulate in 64 bits. Anything else, or anything wrong, takes the full path,
        // which reads from the same offset and reports what is wrong.
        ulong small = 0;
        var i = offset;
        for (var shift = 0; shift < 63 && i < input.Length; shift += 7)
        {
            var b = input[i++];
            small |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if ((b == 0 && i - offset > 1) || small > max)
                {
                    break;
                }

                offset = i;
                return small;
            }
        }

        return ReadWide(input, ref offset, max, field);
    }

    private static UInt128 ReadWide(ReadOnlySpan<byte> input, ref int offset, UInt128 max, string field)
    {
        var start = offset;
        UInt128 value = 0;
        var shift = 0;
        while (true)
        {
            if (offset >= input.Length)
            {
                throw new BatchFormatException(start, $"the data ends inside the {field} varint");
            }

            var b = input[offset++];
            var group = (UInt128)(b & 0x7F);
            if (shift >= 128 || (shift > 0 && group >> (128 - shift) != 0))
            {
                throw new BatchFormatException(start, $"the {field} varint does not fit in 128 bits");
            }

            value |= group << shift;
            if ((b & 0x80) == 0)
            {
                if (b == 0 && offset - start > 1)
                {
                    throw new BatchFormatException(start, $"the {field} varint has a redundant trailing zero byte (not the shortest encoding)");
                }

                break;
            }

            shift += 7;
        }

        if (value > max)
        {
            throw new BatchFormatException(start, $"{field} {value} is above its maximum {max}");
        }

        return value;
    }
}
