using ProtoScript.Engine.State;

namespace ProtoScript.Engine.Chains;

/// <summary>Who a fee goes to.</summary>
public enum FeeRole
{
    /// <summary>Destroyed: the base fee leaves the supply.</summary>
    Burned,

    /// <summary>The sequencer (or proposer): the priority fee, and its share of a fee split.</summary>
    Sequencer,

    /// <summary>Block builders, when proposing and building are separate.</summary>
    Builder,

    /// <summary>The prover(s) of the rollup's blocks.</summary>
    Prover,

    /// <summary>The L1: what posting the rollup's data (blobs or calldata) cost.</summary>
    DataAvailability,

    /// <summary>The protocol's treasury.</summary>
    Treasury,
}

/// <summary>The running total of fees paid on one chain, by recipient role.</summary>
public sealed class FeeLedger
{
    private readonly UInt128[] _byRole = new UInt128[Enum.GetValues<FeeRole>().Length];

    // The world state's journal, set only while a snapshot is open.
    private StateJournal? _recording;

    /// <summary>The total paid to <paramref name="role"/>, in wei.</summary>
    public UInt128 this[FeeRole role] => _byRole[(int)role];

    /// <summary>The total of all fees, in wei.</summary>
    public UInt128 Total
    {
        get
        {
            UInt128 total = 0;
            foreach (var amount in _byRole)
            {
                total = checked(total + amount);
            }

            return total;
        }
    }

    /// <summary>Starts or stops recording undo entries into <paramref name="journal"/>.</summary>
    internal void RecordInto(StateJournal? journal) => _recording = journal;

    /// <summary>Puts back a total an undo entry saved.</summary>
    internal void Undo(in JournalEntry entry) => _byRole[entry.Index] = entry.Old;

    /// <summary>Records a payment to <paramref name="role"/>.</summary>
    public void Add(FeeRole role, UInt128 amount)
    {
        _recording?.Record(JournalTarget.Fee, (int)role, 0, _byRole[(int)role]);
        _byRole[(int)role] = checked(_byRole[(int)role] + amount);
    }
}
