using ProtoScript.Engine.Ordering;

namespace ProtoScript.Engine.Mempool;

/// <summary>
/// A sequencer's pending transactions: per sender, a nonce-ordered queue; across
/// senders, a heap of each sender's lowest-nonce transaction ranked by the ordering
/// rule (the shape of geth's price-and-nonce heap). Transactions live in a reusable
/// slot array, so admitting and including one allocates nothing in steady state.
/// </summary>
public sealed class TransactionPool
{
    private const int None = -1;

    private readonly int[] _head;
    private readonly int[] _tail;
    private readonly int[] _pendingCount;
    private readonly ReadyHeap _ready;
    private readonly List<int> _skipped = [];
    private Transaction[] _slots = new Transaction[64];
    private int[] _nextInQueue = new int[64];
    private int _freeHead = None;
    private int _used;
    private ulong _nextArrival;

    /// <summary>Creates an empty pool for a chain with <paramref name="accounts"/> accounts.</summary>
    public TransactionPool(int accounts, IOrderingRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Rule = rule;
        _head = new int[accounts];
        _tail = new int[accounts];
        _pendingCount = new int[accounts];
        _head.AsSpan().Fill(None);
        _tail.AsSpan().Fill(None);
        _ready = new ReadyHeap(rule);
    }

    /// <summary>The rule that ranks senders' next transactions.</summary>
    public IOrderingRule Rule { get; }

    /// <summary>The number of pending transactions.</summary>
    public int Count { get; private set; }

    /// <summary>How many transactions of <paramref name="account"/> are pending.</summary>
    public int PendingCount(int account) => _pendingCount[account];

    /// <summary>
    /// Admits a transaction whose nonce directly follows the sender's last pending one,
    /// stamping it with the next arrival sequence number.
    /// </summary>
    /// <param name="transaction">The transaction; its <see cref="Transaction.ArrivalSequence"/> is ignored.</param>
    /// <param name="expectedNonce">The sender's pending nonce (state nonce plus pending count).</param>
    /// <returns>The stamped arrival sequence number.</returns>
    public ulong Add(in Transaction transaction, ulong expectedNonce)
    {
        if (transaction.Nonce != expectedNonce)
        {
            throw new ArgumentException(FormattableString.Invariant(
                $"Nonce {transaction.Nonce} of account {transaction.From} does not follow its pending nonce {expectedNonce}."),
                nameof(transaction));
        }

        var sender = transaction.From;
        var slot = AllocateSlot();
        var arrival = _nextArrival++;
        _slots[slot] = transaction with { ArrivalSequence = arrival };
        _nextInQueue[slot] = None;
        if (_tail[sender] == None)
        {
            _head[sender] = slot;
            _ready.Push(_slots, slot);
        }
        else
        {
            _nextInQueue[_tail[sender]] = slot;
        }

        _tail[sender] = slot;
        _pendingCount[sender]++;
        Count++;
        return arrival;
    }

    /// <summary>The best transaction that may go next in the block being built, if any.</summary>
    public bool TryPeekBest(out Transaction transaction)
    {
        if (_ready.Count == 0)
        {
            transaction = default;
            return false;
        }

        transaction = _slots[_ready.Peek()];
        return true;
    }

    /// <summary>Removes the best transaction (it was included); its sender's next one becomes a candidate.</summary>
    public void IncludeBest()
    {
        var slot = _ready.Pop(_slots);
        var sender = _slots[slot].From;
        var next = RemoveHead(sender, slot);
        if (next != None)
        {
            _ready.Push(_slots, next);
        }
    }

    /// <summary>
    /// Leaves the best sender out of the rest of this block (its transaction did not fit);
    /// it becomes a candidate again at <see cref="EndBlock"/>.
    /// </summary>
    public void SkipBestSender() => _skipped.Add(_ready.Pop(_slots));

    /// <summary>
    /// Removes the best transaction and every later one of the same sender (they can never
    /// become valid without it).
    /// </summary>
    /// <returns>How many transactions were removed after the best one.</returns>
    public int DropBestSender()
    {
        var slot = _ready.Pop(_slots);
        var sender = _slots[slot].From;
        var followers = -1;
        while (slot != None)
        {
            slot = RemoveHead(sender, slot);
            followers++;
        }

        return followers;
    }

    /// <summary>
    /// Empties the pool between blocks and returns what it held, in arrival order (so each
    /// sender's transactions in nonce order): a reorg puts the reorged transactions back in
    /// front of them and admits them all again.
    /// </summary>
    internal List<Transaction> DrainAll()
    {
        var all = new List<Transaction>(Count);
        for (var sender = 0; sender < _head.Length; sender++)
        {
            for (var slot = _head[sender]; slot != None; slot = _nextInQueue[slot])
            {
                all.Add(_slots[slot]);
            }
        }

        for (var sender = 0; sender < _head.Length; sender++)
        {
            while (_head[sender] != None)
            {
                RemoveHead(sender, _head[sender]);
            }
        }

        _ready.Clear();
        all.Sort((a, b) => a.ArrivalSequence.CompareTo(b.ArrivalSequence));
        return all;
    }

    /// <summary>
    /// Appends every pending transaction to <paramref name="into"/> without removing any: sender by
    /// sender in account order, each sender's in nonce order. A builder reads the pool this way to
    /// build a block candidate of its own (proposer–builder separation).
    /// </summary>
    internal void CopyPending(List<Transaction> into)
    {
        for (var sender = 0; sender < _head.Length; sender++)
        {
            for (var slot = _head[sender]; slot != None; slot = _nextInQueue[slot])
            {
                into.Add(_slots[slot]);
            }
        }
    }

    /// <summary>
    /// Removes every transaction whose nonce is below its sender's nonce in <paramref name="state"/>:
    /// a block built elsewhere (a PBS builder's) included them. Between blocks only.
    /// </summary>
    /// <returns>How many were removed.</returns>
    internal int PruneExecuted(State.AccountState state)
    {
        var removed = 0;
        for (var sender = 0; sender < _head.Length; sender++)
        {
            if (_head[sender] == None)
            {
                continue;
            }

            var nonce = state.Nonce(sender);
            while (_head[sender] != None && _slots[_head[sender]].Nonce < nonce)
            {
                RemoveHead(sender, _head[sender]);
                removed++;
            }
        }

        if (removed > 0)
        {
            // The heap holds each sender's head; some heads changed, so it is built again.
            _ready.Clear();
            for (var sender = 0; sender < _head.Length; sender++)
            {
                if (_head[sender] != None)
                {
                    _ready.Push(_slots, _head[sender]);
                }
            }
        }

        return removed;
    }

    /// <summary>The latest pending transaction of <paramref name="sender"/>, if it has any.</summary>
    public bool TryGetLast(int sender, out Transaction transaction)
    {
        var tail = _tail[sender];
        transaction = tail == None ? default : _slots[tail];
        return tail != None;
    }

    /// <summary>
    /// Replaces the pending transaction of <paramref name="transaction"/>'s sender that has its nonce,
    /// if the new priority fee is at least the old one raised by <paramref name="bumpBasisPoints"/>
    /// (geth's rule: new ≥ old × (1 + bump)). The replacement takes the next arrival sequence number,
    /// as a newly received transaction does.
    /// </summary>
    /// <returns>False, with the pool unchanged, when no such transaction is pending or the fee is raised too little.</returns>
    public bool TryReplace(in Transaction transaction, ulong bumpBasisPoints, out Transaction replaced)
    {
        replaced = default;
        var sender = transaction.From;
        var slot = _head[sender];
        while (slot != None && _slots[slot].Nonce != transaction.Nonce)
        {
            slot = _nextInQueue[slot];
        }

        if (slot == None)
        {
            return false;
        }

        var old = _slots[slot].PriorityFeePerGas;
        if (!RaisedEnough(old, transaction.PriorityFeePerGas, bumpBasisPoints))
        {
            return false;
        }

        replaced = _slots[slot];
        _slots[slot] = transaction with { ArrivalSequence = _nextArrival++ };
        if (slot == _head[sender])
        {
            RebuildReady(); // its rank in the heap changed
        }

        return true;
    }

    /// <summary>
    /// Evicts the pending transaction with the lowest priority fee among senders' latest ones (so no
    /// sender is left with a nonce gap), if it is strictly cheaper than <paramref name="fee"/>; ties go
    /// to the most recent arrival. <paramref name="except"/>'s transactions are never evicted: the
    /// newcomer's nonce follows them.
    /// </summary>
    /// <returns>False, with the pool unchanged, when no pending transaction is cheaper.</returns>
    public bool TryEvictCheapest(int except, UInt128 fee, out Transaction evicted)
    {
        evicted = default;
        var victim = None;
        for (var sender = 0; sender < _tail.Length; sender++)
        {
            var tail = _tail[sender];
            if (tail == None || sender == except)
            {
                continue;
            }

            ref readonly var candidate = ref _slots[tail];
            if (candidate.PriorityFeePerGas >= fee)
            {
                continue;
            }

            if (victim == None || candidate.PriorityFeePerGas < _slots[victim].PriorityFeePerGas
                || (candidate.PriorityFeePerGas == _slots[victim].PriorityFeePerGas && candidate.ArrivalSequence > _slots[victim].ArrivalSequence))
            {
                victim = tail;
            }
        }

        if (victim == None)
        {
            return false;
        }

        evicted = _slots[victim];
        RemoveTail(evicted.From);
        return true;
    }

    /// <summary>Makes the senders skipped while building a block candidates again.</summary>
    public void EndBlock()
    {
        foreach (var slot in _skipped)
        {
            _ready.Push(_slots, slot);
        }

        _skipped.Clear();
    }

    private static bool RaisedEnough(UInt128 old, UInt128 offered, ulong bumpBasisPoints)
    {
        // offered × 10_000 ≥ old × (10_000 + bump), without overflow: fees are below 2^96 wei.
        var required = (old * (10_000 + (UInt128)bumpBasisPoints) + 9_999) / 10_000;
        return offered >= required;
    }

    private void RemoveTail(int sender)
    {
        var tail = _tail[sender];
        if (tail == _head[sender])
        {
            RemoveHead(sender, tail);
            RebuildReady();
            return;
        }

        var previous = _head[sender];
        while (_nextInQueue[previous] != tail)
        {
            previous = _nextInQueue[previous];
        }

        _nextInQueue[previous] = None;
        _tail[sender] = previous;
        _pendingCount[sender]--;
        Count--;
        _slots[tail] = default;
        _nextInQueue[tail] = _freeHead;
        _freeHead = tail;
    }

    private void RebuildReady()
    {
        _ready.Clear();
        for (var sender = 0; sender < _head.Length; sender++)
        {
            if (_head[sender] != None)
            {
                _ready.Push(_slots, _head[sender]);
            }
        }
    }

    private int RemoveHead(int sender, int slot)
    {
        var next = _nextInQueue[slot];
        _head[sender] = next;
        if (next == None)
        {
            _tail[sender] = None;
        }

        _pendingCount[sender]--;
        Count--;
        _slots[slot] = default;
        _nextInQueue[slot] = _freeHead;
        _freeHead = slot;
        return next;
    }

    private int AllocateSlot()
    {
        if (_freeHead != None)
        {
            var slot = _freeHead;
            _freeHead = _nextInQueue[slot];
            return slot;
        }

        if (_used == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
            Array.Resize(ref _nextInQueue, _nextInQueue.Length * 2);
        }

        return _used++;
    }
}
