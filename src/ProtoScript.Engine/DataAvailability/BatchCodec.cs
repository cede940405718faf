using System.Diagnostics.CodeAnalysis;
using ProtoScript.Engine.Amm;

namespace ProtoScript.Engine.DataAvailability;

/// <summary>
/// The compact, deterministic binary form of a <see cref="Batch"/>, which is what a rollup
/// compresses and posts to L1 and what derivation decodes from L1 data. Every integer is an
/// unsigned LEB128 varint (<see cref="Leb128"/>):
/// <code>
/// batch  = version:u8(0x01) blockCount block*
/// block  = number timestamp l1Origin txCount tx*      (first block: absolute values;
///                                                     later blocks: increases over the previous block,
///                                                     number by at least 1)
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
    /// <summary>The version byte that starts every batch this codec writes.</summary>
    public const byte Version = 0x01;

    // The fewest bytes a block and a transaction can take; they bound counts read from
    // untrusted data, so a tampered count cannot make the decoder allocate wildly.
    private const int MinBlockBytes = 4;
    private const int MinTransactionBytes = 7;

    /// <summary>Encodes <paramref name="batch"/>.</summary>
    /// <exception cref="ArgumentException">The batch breaks an ordering rule (a block number that
    /// does not rise, a timestamp or L1 origin that falls, a negative timestamp or account) or
    /// holds a kind that is not encodable yet.</exception>
    public static byte[] Encode(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var output = new List<byte>(EstimateSize(batch)) { Version };
        Leb128.Write(output, (ulong)batch.Blocks.Count);
        BatchBlock? previous = null;
        foreach (var block in batch.Blocks)
        {
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

            Leb128.Write(output, (ulong)block.Transactions.Count);
            foreach (var tx in block.Transactions)
            {
                WriteTransaction(output, tx);
            }

            previous = block;
        }

        return [.. output];
    }

    /// <summary>Decodes a batch written by <see cref="Encode"/>.</summary>
    /// <exception cref="BatchFormatException">The bytes are not a well-formed batch; the
    /// exception says at which byte and why.</exception>
    public static Batch Decode(ReadOnlySpan<byte> data)
    {
        var offset = 0;
        if (data.Length == 0)
        {
            throw new BatchFormatException(0, "the data is empty; a batch starts with its version byte");
        }

        if (data[0] != Version)
        {
            throw new BatchFormatException(0, $"unknown batch version 0x{data[0]:x2}; this decoder reads version 0x{Version:x2}");
        }

        offset++;
        var blockCount = ReadCount(data, ref offset, MinBlockBytes, "block count");
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

            var txCount = ReadCount(data, ref offset, MinTransactionBytes, "transaction count");
            var transactions = new BatchTransaction[txCount];
            for (var t = 0; t < txCount; t++)
            {
                transactions[t] = ReadTransaction(data, ref offset);
            }

            blocks[b] = new BatchBlock(number, (long)timestamp, origin, transactions);
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

    private static void WriteTransaction(List<byte> output, in BatchTransaction tx)
    {
        if (tx.Kind is not (TransactionKind.Transfer or TransactionKind.Swap or TransactionKind.Withdrawal or TransactionKind.DelayedMessage or TransactionKind.CrossChainMessage or TransactionKind.CrossChainDelivery))
        {
            throw new ArgumentException($"transaction kind {tx.Kind} is reserved and has no encoding yet", nameof(tx));
        }

        if (tx.From < 0 || tx.To < 0)
        {
            throw new ArgumentException($"account numbers must not be negative (from {tx.From}, to {tx.To})", nameof(tx));
        }

        output.Add((byte)tx.Kind);
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
            output.Add((byte)tx.Direction);
            Leb128.Write(output, tx.MinAmountOut);
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
        if (kind is not (TransactionKind.Transfer or TransactionKind.Swap or TransactionKind.Withdrawal or TransactionKind.DelayedMessage or TransactionKind.CrossChainMessage or TransactionKind.CrossChainDelivery))
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
