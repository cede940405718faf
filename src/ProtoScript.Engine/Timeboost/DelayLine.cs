using ProtoScript.Engine.Mempool;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Timeboost;

/// <summary>
/// The transactions on their way to the sequencer the express lane's delay late: first in, first
/// out, since every one waits the same delay. It counts what each sender has in the line, so that
/// the sender's next nonce can follow them.
/// </summary>
internal sealed class DelayLine(int accounts)
{
    private readonly Queue<(Transaction Transaction, SimDuration Due)> _queue = new();
    private readonly int[] _held = new int[accounts];

    /// <summary>Transactions in the line.</summary>
    public int Count => _queue.Count;

    /// <summary>How many of <paramref name="account"/>'s transactions are in the line.</summary>
    public int Held(int account) => _held[account];

    /// <summary>When the first transaction in the line reaches the sequencer; only when <see cref="Count"/> is positive.</summary>
    public SimDuration NextDue => _queue.Peek().Due;

    /// <summary>Puts <paramref name="transaction"/> in the line, to reach the sequencer at <paramref name="due"/> (no earlier than any already in it).</summary>
    public void Add(in Transaction transaction, SimDuration due)
    {
        _queue.Enqueue((transaction, due));
        _held[transaction.From]++;
    }

    /// <summary>Takes the first transaction out of the line if it is due at or before <paramref name="now"/>.</summary>
    public bool TryTakeDue(SimDuration now, out Transaction transaction)
    {
        if (_queue.Count == 0 || _queue.Peek().Due > now)
        {
            transaction = default;
            return false;
        }

        transaction = _queue.Dequeue().Transaction;
        _held[transaction.From]--;
        return true;
    }
}
