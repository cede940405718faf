using System.Collections;

namespace ProtoScript.Hooks;

/// <summary>One transaction a PBS builder may put in its block, as its <c>strategy</c> hook sees it.</summary>
/// <param name="Sender">The sending account.</param>
/// <param name="Nonce">Its nonce: a sender's transactions execute only in nonce order, one after the other.</param>
/// <param name="TipPerGas">Its priority fee per gas in wei (a searcher's bundle: its bid per gas).</param>
/// <param name="Gas">The gas it uses.</param>
/// <param name="Kind"><c>transfer</c>, <c>swap</c>, <c>withdrawal</c>, <c>message</c> (to another rollup) or <c>other</c>.</param>
/// <param name="Source">Where the builder got it: <c>bundle</c> (a searcher's), <c>public</c> (the mempool) or <c>exclusive</c> (its private flow).</param>
public readonly record struct BuilderTxView(int Sender, ulong Nonce, UInt128 TipPerGas, ulong Gas, string Kind, string Source);

/// <summary>
/// What a PBS builder sees for one slot, as its <c>strategy</c> hook sees it: the transactions it
/// may include, by index, in the built-in greedy order (the best searcher's bundle first, then by
/// tip, each sender's in nonce order).
/// </summary>
public sealed class BuilderPoolView : IReadOnlyList<BuilderTxView>
{
    private readonly BuilderTxView[] _transactions;

    /// <summary>Wraps the views (copied, so the hook cannot change the builder's pool).</summary>
    /// <param name="block">The number of the L2 block the slot seals (1-based).</param>
    /// <param name="timeMicroseconds">The slot's seal time, in simulated microseconds since genesis.</param>
    /// <param name="builder">The builder's name.</param>
    /// <param name="gasLimit">The block's gas limit: transactions past it are left out.</param>
    /// <param name="transactions">The transactions, in greedy order.</param>
    public BuilderPoolView(ulong block, long timeMicroseconds, string builder, ulong gasLimit, IEnumerable<BuilderTxView> transactions)
    {
        Block = block;
        TimeMicroseconds = timeMicroseconds;
        Builder = builder;
        GasLimit = gasLimit;
        _transactions = [.. transactions];
    }

    /// <summary>The number of the L2 block the slot seals (1-based).</summary>
    public ulong Block { get; }

    /// <summary>The slot's seal time, in simulated microseconds since genesis.</summary>
    public long TimeMicroseconds { get; }

    /// <summary>The slot's seal time as a time span since genesis (simulated time).</summary>
    public TimeSpan Time => TimeSpan.FromMicroseconds(TimeMicroseconds);

    /// <summary>The builder's name.</summary>
    public string Builder { get; }

    /// <summary>The block's gas limit: a transaction that does not fit what is left is left out, and the next is tried.</summary>
    public ulong GasLimit { get; }

    /// <inheritdoc />
    public int Count => _transactions.Length;

    /// <inheritdoc />
    public BuilderTxView this[int index] => _transactions[index];

    /// <summary>The greedy order itself: 0, 1, ..., Count − 1.</summary>
    public int[] Greedy()
    {
        var order = new int[_transactions.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        return order;
    }

    /// <inheritdoc />
    public IEnumerator<BuilderTxView> GetEnumerator() => ((IEnumerable<BuilderTxView>)_transactions).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _transactions.GetEnumerator();
}
