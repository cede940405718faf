using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Randomness;

namespace ProtoScript.Engine.Tests;

/// <summary>Seeded batches for the codec and compression tests.</summary>
internal static class BatchTestData
{
    /// <summary>A batch with values of every size, from 0 to the type's maximum.</summary>
    public static Batch Random(RandomStream random)
    {
        var blockCount = (int)random.NextUInt64(5);
        var blocks = new List<BatchBlock>();
        ulong number = AnyULong(random) / 2;
        var timestamp = (long)(random.NextUInt64() >> 2);
        ulong origin = AnyULong(random) / 2;
        for (var b = 0; b < blockCount; b++)
        {
            number += 1 + random.NextUInt64(3);
            timestamp += (long)random.NextUInt64(3_000_000);
            origin += random.NextUInt64(2);
            var transactions = new List<BatchTransaction>();
            var txCount = (int)random.NextUInt64(20);
            for (var t = 0; t < txCount; t++)
            {
                transactions.Add(new BatchTransaction(
                    TransactionKind.Transfer,
                    (int)(AnyULong(random) & int.MaxValue),
                    (int)(AnyULong(random) & int.MaxValue),
                    ((UInt128)AnyULong(random) << 64) | AnyULong(random),
                    AnyULong(random),
                    AnyULong(random) % 3 == 0 ? UInt128.MaxValue : AnyULong(random),
                    AnyULong(random)));
            }

            blocks.Add(new BatchBlock(number, timestamp, origin, transactions));
        }

        return new Batch(blocks);
    }

    /// <summary>1,000 transfers like a busy rollup's: few accounts, round values, the same fee and gas.</summary>
    public static Batch SimilarTransfers(int count = 1000)
    {
        var random = new RandomStream(2024);
        var nonces = new ulong[200];
        var blocks = new List<BatchBlock>();
        var transactions = new List<BatchTransaction>();
        for (var i = 0; i < count; i++)
        {
            var from = (int)random.NextUInt64(200);
            var to = (int)random.NextUInt64(200);
            var value = (UInt128)(1 + random.NextUInt64(1000)) * 1_000_000_000_000_000;
            transactions.Add(new BatchTransaction(TransactionKind.Transfer, from, to, value, nonces[from]++, 1_000_000_000, 21_000));
            if (transactions.Count == 100)
            {
                blocks.Add(new BatchBlock((ulong)blocks.Count + 1, blocks.Count * 2_000_000L, 10 + ((ulong)blocks.Count / 6), transactions));
                transactions = [];
            }
        }

        if (transactions.Count > 0)
        {
            blocks.Add(new BatchBlock((ulong)blocks.Count + 1, blocks.Count * 2_000_000L, 10, transactions));
        }

        return new Batch(blocks);
    }

    // Values spread over every bit length, so varints of every size appear.
    private static ulong AnyULong(RandomStream random)
    {
        var bits = (int)random.NextUInt64(65);
        return bits == 0 ? 0 : random.NextUInt64() >> (64 - bits);
    }
}
