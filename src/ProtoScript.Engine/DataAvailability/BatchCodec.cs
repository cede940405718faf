using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using ProtoScript.Engine.Amm;

namespace ProtoScript.Engine.DataAvailability;

/// <summary>
/// The compact, deterministic binary form of a <see cref="Batch"/>, which is what a rollup
/// compresses and posts to L1 and what derivation decodes from L1 data. Every integer is an
/// unsigned LEB128 varint (<see cref="Leb128"/>):
/// <code>
/// batch  = version:u8 blockCount block*               (version 0x01: no block carries L1 attributes;
///                                                     0x02: every block does, for a rollup with a fees block)
/// block  = number timestamp l1Origin [attrs] txCount tx*
///                                                    (first block: absolute values;
///                                                     later blocks: increases over the previous block,
///                                                     number by at least 1; attrs only in version 0x02)
/// attrs  = l1FeeBasis compressedBytes encodedBytes daCost proofCost
///                                                    (absolute values, see L1Attributes)
/// tx     = kind:u8 from to value nonce priorityFeePerGas gas [pool direction:u8 minAmountOut] [rollup]
///                                                    (the first bracketed part for kind 0x02, a swap;
///                                                     the second, the other rollup's index, for kinds
///                                                     0x05 and 0x07, a cross-chain message and its
///                                                     delivery; kinds 0x04, a withdrawal, and 0x06, a
///                                                     delayed-inbox message by index, are laid out as a transfer)
/// </code>
/// Encoding is a pure function of the batch, and decoding accepts only what the encoder
/// writes (canonical varints, known kinds, no trailing bytes), so
/// <c>Encode(Decode(bytes))</c> gives back <c>bytes</c> for every batch the decoder accepts.
/// </summary>
public static class BatchCodec
{
    /// <summary>The version byte of a batch whose blocks carry no L1 attributes.</summary>
    public const byte Version = 0x01;

    /// <summary>The version byte of a batch whose every block carries its <see cref="L1Attributes"/>.</summary>
    public const byte VersionWithAttributes = 0x02;

    // The fewest bytes a block and a transaction can take; they bound counts read from
    // untrusted data, so a tampered count cannot make the decoder allocate wildly.
    private const int MinBlockBytes = 4;
    private const int MinAttributesBytes = 5;
    private const int MinTransactionBytes = 7;

    /// <summary>Encodes <paramref name="batch"/>.</summary>
    /// <exception cref="ArgumentException">The batch breaks an ordering rule (a block number that
    /// does not rise, a timestamp or L1 origin that falls, a negative timestamp or account) or
    /// holds a kind that is not encodable yet, or some of its blocks carry L1 attributes and others do not.</exception>
    public static byte[] Encode(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var output = new ArrayBufferWriter<byte>(EstimateSize(batch));
        Encode(batch, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Appends the encoding of <paramref name="batch"/> to <paramref name="output"/>: the same bytes
    /// as <see cref="Encode(Batch)"/>, into a buffer the caller reuses from batch to batch.
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="Encode(Batch)"/>.</exception>
    public static void Encode(Batch batch, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(output);
        var withAttributes = batch.Blocks.Count > 0 && batch.Blocks[0]?.Attributes is not null;
        WriteByte(output, withAttributes ? VersionWithAttributes : Version);
        Leb128.Write(output, (ulong)batch.Blocks.Count);
        BatchBlock? previous = null;
        for (var b = 0; b < batch.Blocks.Count; b++)
        {
            var block = batch.Blocks[b];
            ArgumentNullException.ThrowIfNull(block, nameof(batch));
            if (block.TimestampMicros < 0)
            {
                throw new ArgumentException($"block {block.Number} has a negative timestamp {block.TimestampMicros}", nameof(batch));
            }

            if (previous is null)
            {
                Leb128.Write(output, block.Number);
                Leb128.Write(output, (ulong)block.TimestampMicros);
                Leb128.Write(output, block.L1Origin);
            }
            else
            {
                if (block.Number <= previous.Number)
                {
                    throw new ArgumentException($"block {block.Number} follows block {previous.Number}; block numbers in a batch must rise", nameof(batch));
                }

                if (block.TimestampMicros < previous.TimestampMicros || block.L1Origin < previous.L1Origin)
                {
                    throw new ArgumentException($"block {block.Number} has an earlier timestamp or L1 origin than block {previous.Number}", nameof(batch));
                }

                Leb128.Write(output, block.Number - previous.Number);
                Leb128.Write(output, (ulong)(block.TimestampMicros - previous.TimestampMicros));
                Leb128.Write(output, block.L1Origin - previous.L1Origin);
            }

            if (block.Attributes.HasValue != withAttributes)
            {
                throw new ArgumentException($"block {block.Number} {(withAttributes ? "lacks" : "carries")} L1 attributes; in a batch every block carries them or none does", nameof(batch));
            }

            if (block.Attributes is { } attributes)
            {
                Leb128.Write(output, attributes.L1FeeBasis);
                Leb128.Write(output, attributes.CompressedBytes);
                Leb128.Write(output, attributes.EncodedBytes);
                Leb128.Write(output, attributes.DaCost);
                Leb128.Write(output, attributes.ProofCost);
            }

            var transactions = block.Transactions;
            Leb128.Write(output, (ulong)transactions.Count);
            if (AsSpan(transactions, out var span))
            {
                foreach (ref readonly var tx in span)
                {
                    WriteTransaction(output, in tx);
                }
            }
            else
            {
                for (var t = 0; t < transactions.Count; t++)
                {
                    WriteTransaction(output, transactions[t]);
                }
            }

            previous = block;
        }
    }

    /// <summary>Decodes a batch written by <see cref="Encode(Batch)"/>.</summary>
    /// <exception cref="BatchFormatException">The bytes are not a well-formed batch; the
    /// exception says at which byte and why.</exception>
    public static Batch Decode(ReadOnlySpan<byte> data)
    {
        var offset = 0;
        if (data.Length == 0)
        {
            throw new BatchFormatException(0, "the data is empty; a batch starts with its version byte");
        }

        if (data[0] is not (Version or VersionWithAttributes))
        {
            throw new BatchFormatException(0, $"unknown batch version 0x{data[0]:x2}; this decoder reads versions 0x{Version:x2} and 0x{VersionWithAttributes:x2}");
        }

        var withAttributes = data[0] == VersionWithAttributes;
        offset++;
        var blockCount = ReadCount(data, ref offset, MinBlockBytes + (withAttributes ? MinAttributesBytes : 0), "block count");
        var blocks = new BatchBlock[blockCount];
        for (var b = 0; b < blockCount; b++)
        {
            var number = (ulong)Leb128.Read(data, ref offset, ulong.MaxValue, "block number");
            var timestamp = (ulong)Leb128.Read(data, ref offset, long.MaxValue, "timestamp");
            var origin = (ulong)Leb128.Read(data, ref offset, ulong.MaxValue, "L1 origin");
            if (b > 0)
            {
                var previous = blocks[b - 1];
                if (number == 0)
                {
                    throw new BatchFormatException(offset, $"block {b} repeats the previous block number; numbers must rise");
                }

                number = AddChecked(previous.Number, number, offset, "block number");
                timestamp = AddChecked((ulong)previous.TimestampMicros, timestamp, offset, "timestamp");
                origin = AddChecked(previous.L1Origin, origin, offset, "L1 origin");
                if (timestamp > long.MaxValue)
                {
                    throw new BatchFormatException(offset, "the timestamp passes the largest simulated time");
                }
            }

            L1Attributes? attributes = null;
            if (withAttributes)
            {
                attributes = new L1Attributes(
                    Leb128.Read(data, ref offset, UInt128.MaxValue, "L1 fee basis"),
                    (ulong)Leb128.Read(data, ref offset, ulong.MaxValue, "compressed bytes"),
                    (ulong)Leb128.Read(data, ref offset, ulong.MaxValue, "encoded bytes"),
                    Leb128.Read(data, ref offset, UInt128.MaxValue, "data-availability cost"),
                    Leb128.Read(data, ref offset, UInt128.MaxValue, "proving cost"));
            }

            var txCount = ReadCount(data, ref offset, MinTransactionBytes, "transaction count");
            var transactions = new BatchTransaction[txCount];
            for (var t = 0; t < txCount; t++)
            {
                transactions[t] = ReadTransaction(data, ref offset);
            }

            blocks[b] = new BatchBlock(number, (long)timestamp, origin, transactions) { Attributes = attributes };
        }

        if (offset != data.Length)
        {
            throw new BatchFormatException(offset, $"{data.Length - offset} bytes follow the last block");
        }

        return new Batch(blocks);
    }

    /// <summary>Decodes a batch, or says why the bytes are not one.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, [NotNullWhen(true)] out Batch? batch, [NotNullWhen(false)] out BatchFormatException? error)
    {
        try
        {
            batch = Decode(data);
            error = null;
            return true;
        }
        catch (BatchFormatException e)
        {
            batch = null;
            error = e;
            return false;
        }
    }

    private static void WriteTransaction(IBufferWriter<byte> output, in BatchTransaction tx)
    {
        if (tx.Kind is not (TransactionKind.Transfer or TransactionKind.Swap or TransactionKind.Withdrawal or TransactionKind.DelayedMessage or TransactionKind.CrossChainMessage or TransactionKind.CrossChainDelivery or TransactionKind.ExpressLanePayment or TransactionKind.StorageWrite))
        {
            throw new ArgumentException($"transaction kind {tx.Kind} is reserved and has no encoding yet", nameof(tx));
        }

        if (tx.From < 0 || tx.To < 0)
        {
            throw new ArgumentException($"account numbers must not be negative (from {tx.From}, to {tx.To})", nameof(tx));
        }

        WriteByte(output, (byte)tx.Kind);
        Leb128.Write(output, (uint)tx.From);
        Leb128.Write(output, (uint)tx.To);
        Leb128.Write(output, tx.Value);
        Leb128.Write(output, tx.Nonce);
        Leb128.Write(output, tx.PriorityFeePerGas);
        Leb128.Write(output, tx.Gas);
        if (tx.Kind == TransactionKind.Swap)
        {
            if (tx.PoolIndex < 0)
            {
                throw new ArgumentException($"a swap's pool index must not be negative ({tx.PoolIndex})", nameof(tx));
            }

            Leb128.Write(output, (uint)tx.PoolIndex);
            WriteByte(output, (byte)tx.Direction);
            Leb128.Write(output, tx.MinAmountOut);
        }
        else if (tx.Kind == TransactionKind.StorageWrite)
        {
            if (tx.Slots < 1)
            {
                throw new ArgumentException($"a storage write writes at least one slot ({tx.Slots})", nameof(tx));
            }

            Leb128.Write(output, (uint)tx.Slots);
        }
        else if (tx.IsCrossChain)
        {
            if (tx.PeerRollup < 0)
            {
                throw new ArgumentException($"a cross-chain transaction's rollup index must not be negative ({tx.PeerRollup})", nameof(tx));
            }

            Leb128.Write(output, (uint)tx.PeerRollup);
        }
    }

    private static BatchTransaction ReadTransaction(ReadOnlySpan<byte> data, ref int offset)
    {
        if (offset >= data.Length)
        {
            throw new BatchFormatException(offset, "the data ends where a transaction should start");
        }

        var kindOffset = offset;
        var kind = (TransactionKind)data[offset++];
        if (kind is not (TransactionKind.Transfer or TransactionKind.Swap or TransactionKind.Withdrawal or TransactionKind.DelayedMessage or TransactionKind.CrossChainMessage or TransactionKind.CrossChainDelivery or TransactionKind.ExpressLanePayment or TransactionKind.StorageWrite))
        {
            var known = Enum.IsDefined(kind) ? $"{kind} is reserved and not decodable yet" : "is not a known transaction kind";
            throw new BatchFormatException(kindOffset, $"transaction kind 0x{(byte)kind:x2} {known}");
        }

        var from = (int)Leb128.Read(data, ref offset, int.MaxValue, "sender");
        var to = (int)Leb128.Read(data, ref offset, int.MaxValue, "recipient");
        var value = Leb128.Read(data, ref offset, UInt128.MaxValue, "value");
        var nonce = (ulong)Leb128.Read(data, ref offset, ulong.MaxValue, "nonce");
        var tip = Leb128.Read(data, ref offset, UInt128.MaxValue, "priority fee");
        var gas = (ulong)Leb128.Read(data, ref offset, ulong.MaxValue, "gas");
        if (kind is TransactionKind.CrossChainMessage or TransactionKind.CrossChainDelivery)
        {
            var peer = (int)Leb128.Read(data, ref offset, int.MaxValue, "rollup index");
            return new BatchTransaction(kind, from, to, value, nonce, tip, gas) { PeerRollup = peer };
        }

        if (kind == TransactionKind.StorageWrite)
        {
            var slots = (int)Leb128.Read(data, ref offset, int.MaxValue, "slot count");
            if (slots < 1)
            {
                throw new BatchFormatException(offset - 1, "a storage write writes no slot");
            }

            return new BatchTransaction(kind, from, to, value, nonce, tip, gas) { Slots = slots };
        }

        if (kind != TransactionKind.Swap)
        {
            return new BatchTransaction(kind, from, to, value, nonce, tip, gas);
        }

        var pool = (int)Leb128.Read(data, ref offset, int.MaxValue, "pool index");
        if (offset >= data.Length)
        {
            throw new BatchFormatException(offset, "the data ends where a swap's direction should be");
        }

        var direction = data[offset];
        if (direction > (byte)SwapDirection.OneForZero)
        {
            throw new BatchFormatException(offset, $"swap direction 0x{direction:x2} is neither 0 nor 1");
        }

        offset++;
        var minOut = Leb128.Read(data, ref offset, UInt128.MaxValue, "minimum output");
        return new BatchTransaction(kind, from, to, value, nonce, tip, gas)
        {
            PoolIndex = pool,
            Direction = (SwapDirection)direction,
            MinAmountOut = minOut,
        };
    }

    private static int ReadCount(ReadOnlySpan<byte> data, ref int offset, int minItemBytes, string field)
    {
        var start = offset;
        var count = (int)Leb128.Read(data, ref offset, int.MaxValue, field);
        var room = (data.Length - offset) / minItemBytes;
        if (count > room)
        {
            throw new BatchFormatException(start, $"{field} {count} cannot fit in the {data.Length - offset} bytes left");
        }

        return count;
    }

    private static ulong AddChecked(ulong previous, ulong delta, int offset, string field) =>
        ulong.MaxValue - previous < delta
            ? throw new BatchFormatException(offset, $"the {field} overflows 64 bits")
            : previous + delta;

    // The batcher's blocks are array segments and decoded ones arrays: read those in place
    // rather than copying each transaction out through the list interface.
    private static bool AsSpan(IReadOnlyList<BatchTransaction> transactions, out ReadOnlySpan<BatchTransaction> span)
    {
        switch (transactions)
        {
            case BatchTransaction[] array:
                span = array;
                return true;
            case ArraySegment<BatchTransaction> segment:
                span = segment.AsSpan();
                return true;
            default:
                span = default;
                return false;
        }
    }

    private static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static int EstimateSize(Batch batch)
    {
        var transactions = 0L;
        foreach (var block in batch.Blocks)
        {
            transactions += block.Transactions.Count;
        }

        return (int)Math.Min(int.MaxValue / 2, 16 + (batch.Blocks.Count * 12L) + (transactions * 24L));
    }
}
