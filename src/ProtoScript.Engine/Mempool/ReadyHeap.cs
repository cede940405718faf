using ProtoScript.Engine.Ordering;

namespace ProtoScript.Engine.Mempool;

/// <summary>
/// A binary min-heap of transaction slots ranked by an ordering rule; it holds at most
/// one slot per sender (that sender's lowest pending nonce).
/// </summary>
internal sealed class ReadyHeap(IOrderingRule rule)
{
    private int[] _items = new int[16];

    public int Count { get; private set; }

    public int Peek() => _items[0];

    /// <summary>Forgets every candidate (the pool was emptied).</summary>
    public void Clear() => Count = 0;

    public void Push(Transaction[] slots, int slot)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (rule.Compare(in slots[slot], in slots[_items[parent]]) >= 0)
            {
                break;
            }

            _items[i] = _items[parent];
            i = parent;
        }

        _items[i] = slot;
    }

    public int Pop(Transaction[] slots)
    {
        var top = _items[0];
        var last = _items[--Count];
        if (Count > 0)
        {
            var i = 0;
            while (true)
            {
                var child = (2 * i) + 1;
                if (child >= Count)
                {
                    break;
                }

                if (child + 1 < Count && rule.Compare(in slots[_items[child + 1]], in slots[_items[child]]) < 0)
                {
                    child++;
                }

                if (rule.Compare(in slots[_items[child]], in slots[last]) >= 0)
                {
                    break;
                }

                _items[i] = _items[child];
                i = child;
            }

            _items[i] = last;
        }

        return top;
    }
}
