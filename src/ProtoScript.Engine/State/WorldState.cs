using ProtoScript.Engine.Chains;

namespace ProtoScript.Engine.State;

/// <summary>
/// What a rollup's blocks write: its accounts and its fee ledger, with snapshots. A snapshot
/// starts an undo journal (every write then records the value it overwrites); restoring replays
/// the journal backwards, so a reorg or a discarded block candidate costs what it wrote, not a
/// copy of every account. Snapshots nest: restoring or committing one also closes those taken
/// after it. With no snapshot open nothing is recorded.
/// </summary>
public sealed class WorldState
{
    private readonly StateJournal _journal = new();

    /// <summary>Puts <paramref name="accounts"/> and <paramref name="fees"/> under one journal.</summary>
    public WorldState(AccountState accounts, FeeLedger fees)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(fees);
        Accounts = accounts;
        Fees = fees;
    }

    /// <summary>
    /// Puts <paramref name="accounts"/>, <paramref name="fees"/> and the contract storage
    /// <paramref name="storage"/> (a slot's word held as its balance) under one journal.
    /// </summary>
    public WorldState(AccountState accounts, FeeLedger fees, AccountState? storage)
        : this(accounts, fees)
    {
        Storage = storage;
        Storage?.HoldStorage();
    }

    /// <summary>The accounts.</summary>
    public AccountState Accounts { get; }

    /// <summary>The contract storage, slot by slot, or null when nothing writes storage.</summary>
    public AccountState? Storage { get; }

    /// <summary>The fees paid, by recipient.</summary>
    public FeeLedger Fees { get; }

    /// <summary>Snapshots taken and not yet restored or committed.</summary>
    public int OpenSnapshots => _journal.Open;

    /// <summary>Undo entries held for the open snapshots (0 when none is open).</summary>
    public int JournalLength => _journal.Count;

    /// <summary>Marks the current state, to return to with <see cref="Restore"/>.</summary>
    public StateSnapshot TakeSnapshot()
    {
        var snapshot = _journal.Take();
        if (snapshot.Depth == 0)
        {
            Accounts.RecordInto(_journal);
            Fees.RecordInto(_journal);
            Storage?.RecordInto(_journal);
        }

        return snapshot;
    }

    /// <summary>
    /// Returns accounts and fees to what they were at <paramref name="snapshot"/> and closes it
    /// (and any taken after it). Restored accounts are marked changed, so the state root follows.
    /// </summary>
    /// <exception cref="InvalidOperationException">The snapshot is closed already.</exception>
    public void Restore(StateSnapshot snapshot)
    {
        var undo = _journal.PopAfter(snapshot);
        for (var i = undo.Length - 1; i >= 0; i--)
        {
            ref readonly var entry = ref undo[i];
            if (entry.Target == JournalTarget.Fee)
            {
                Fees.Undo(in entry);
            }
            else if (entry.Target == JournalTarget.Storage)
            {
                Storage!.Undo(in entry);
            }
            else
            {
                Accounts.Undo(in entry);
            }
        }

        StopRecordingIfClosed();
    }

    /// <summary>Keeps everything written since <paramref name="snapshot"/> and closes it (and any taken after it).</summary>
    /// <exception cref="InvalidOperationException">The snapshot is closed already.</exception>
    public void Commit(StateSnapshot snapshot)
    {
        _journal.Commit(snapshot);
        StopRecordingIfClosed();
    }

    private void StopRecordingIfClosed()
    {
        if (_journal.Open == 0)
        {
            Accounts.RecordInto(null);
            Fees.RecordInto(null);
            Storage?.RecordInto(null);
        }
    }
}
