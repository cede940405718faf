namespace ProtoScript.Engine.State;

/// <summary>
/// A taken world-state snapshot: the journal position to undo back to and the nesting depth
/// it opened. Values only; restoring or committing one closes it and every snapshot taken after it.
/// </summary>
/// <param name="Position">How many undo entries the journal held when it was taken.</param>
/// <param name="Depth">How many snapshots were open before it (0 for the outermost).</param>
public readonly record struct StateSnapshot(int Position, int Depth);

/// <summary>Which piece of the world state an undo entry restores.</summary>
internal enum JournalTarget : byte
{
    Balance,
    Nonce,
    Token,
    Fee,

    /// <summary>A contract-storage slot's word (held as the balance of the storage's <see cref="AccountState"/>).</summary>
    Storage,
}

/// <summary>One undo entry: the value <see cref="Index"/> (of <see cref="Token"/>) held before a write.</summary>
internal readonly record struct JournalEntry(JournalTarget Target, int Index, int Token, UInt128 Old);

/// <summary>
/// The undo log of one world state. Writers record the value they overwrite only while a
/// snapshot is open (they hold a reference to the journal only then), so a run that never
/// rolls back pays one null check per write and nothing else.
/// </summary>
internal sealed class StateJournal
{
    private JournalEntry[] _entries = new JournalEntry[256];
    private int _count;
    private int _open;

    /// <summary>Open snapshots.</summary>
    public int Open => _open;

    /// <summary>Undo entries held.</summary>
    public int Count => _count;

    public StateSnapshot Take() => new(_count, _open++);

    public void Record(JournalTarget target, int index, int token, UInt128 old)
    {
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        _entries[_count++] = new JournalEntry(target, index, token, old);
    }

    /// <summary>The entries after <paramref name="snapshot"/>, newest first, removed from the journal as they are returned.</summary>
    public ReadOnlySpan<JournalEntry> PopAfter(StateSnapshot snapshot)
    {
        Check(snapshot);
        var undo = _entries.AsSpan(snapshot.Position, _count - snapshot.Position);
        _count = snapshot.Position;
        Close(snapshot);
        return undo;
    }

    /// <summary>Keeps what was written since <paramref name="snapshot"/>; the entries stay while an outer snapshot may still undo them.</summary>
    public void Commit(StateSnapshot snapshot)
    {
        Check(snapshot);
        Close(snapshot);
    }

    private void Close(StateSnapshot snapshot)
    {
        _open = snapshot.Depth;
        if (_open == 0)
        {
            _count = 0;
        }
    }

    private void Check(StateSnapshot snapshot)
    {
        if (snapshot.Depth >= _open || snapshot.Position > _count)
        {
            throw new InvalidOperationException("The snapshot was already restored or committed.");
        }
    }
}
