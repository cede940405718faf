using ProtoScript.Engine.State;
using ProtoScript.Hooks;

namespace ProtoScript.Engine.Chains;

/// <summary>
/// Who is paid a fee: a role and, where a role has several members (competing builders,
/// several provers), which one. The role alone means its first member, index 0.
/// </summary>
/// <param name="Role">The role.</param>
/// <param name="Index">Which member of the role, from 0.</param>
public readonly record struct FeeActor(Role Role, int Index = 0)
{
    /// <summary>The first (or only) member of <paramref name="role"/>.</summary>
    public static implicit operator FeeActor(Role role) => new(role);

    /// <summary>The first (or only) member of <paramref name="role"/>.</summary>
    public static FeeActor FromRole(Role role) => new(role);
}

/// <summary>What a fee was paid for.</summary>
public enum FeeKind
{
    /// <summary>A transaction's base fee (booked to <see cref="Role.Burned"/> as it executes).</summary>
    BaseFee,

    /// <summary>A transaction's priority fee (tip), to whoever built its block.</summary>
    PriorityFee,

    /// <summary>What a top-of-block auction's winner paid the sequencer for the position.</summary>
    AuctionPayment,

    /// <summary>What a <c>fees</c> block's settlement paid out of a block's fees (shares, paybacks, the base fee's destination).</summary>
    Settlement,

    /// <summary>Ether a <c>fees</c> block's issuance minted.</summary>
    Issuance,
}

/// <summary>
/// The running totals of fees paid on one chain, by actor (role and member) and by kind. Each
/// actor has its own totals, so several builders or provers can each be paid; what a total
/// means follows from its kind, so no total has to be inferred by subtracting another.
/// </summary>
public sealed class FeeLedger
{
    private const int Kinds = 5;
    private static readonly int Roles = Enum.GetValues<Role>().Length;

    // By role: each member's totals by kind, member-major (member m, kind k at m × Kinds + k).
    private readonly UInt128[][] _amounts;

    // The world state's journal, set only while a snapshot is open.
    private StateJournal? _recording;

    /// <summary>An empty ledger with room for one member of every role.</summary>
    public FeeLedger()
    {
        _amounts = new UInt128[Roles][];
        for (var r = 0; r < Roles; r++)
        {
            _amounts[r] = new UInt128[Kinds];
        }
    }

    /// <summary>The total paid to every member of <paramref name="role"/>, of every kind, in wei.</summary>
    public UInt128 this[Role role]
    {
        get
        {
            UInt128 total = 0;
            foreach (var amount in _amounts[(int)role])
            {
                total = checked(total + amount);
            }

            return total;
        }
    }

    /// <summary>The total of kind <paramref name="kind"/> paid to <paramref name="actor"/>, in wei.</summary>
    public UInt128 this[FeeActor actor, FeeKind kind]
    {
        get
        {
            var row = _amounts[(int)actor.Role];
            var slot = (actor.Index * Kinds) + (int)kind;
            return slot < row.Length ? row[slot] : 0;
        }
    }

    /// <summary>The total of all fees, in wei.</summary>
    public UInt128 Total
    {
        get
        {
            UInt128 total = 0;
            for (var r = 0; r < Roles; r++)
            {
                total = checked(total + this[(Role)r]);
            }

            return total;
        }
    }

    /// <summary>The members of <paramref name="role"/> the ledger has room for (at least 1).</summary>
    public int Members(Role role) => _amounts[(int)role].Length / Kinds;

    /// <summary>The total of kind <paramref name="kind"/> paid to every actor, in wei.</summary>
    public UInt128 Of(FeeKind kind)
    {
        UInt128 total = 0;
        for (var r = 0; r < Roles; r++)
        {
            total = checked(total + Of((Role)r, kind));
        }

        return total;
    }

    /// <summary>The total of kind <paramref name="kind"/> paid to every member of <paramref name="role"/>, in wei.</summary>
    public UInt128 Of(Role role, FeeKind kind)
    {
        var row = _amounts[(int)role];
        UInt128 total = 0;
        for (var slot = (int)kind; slot < row.Length; slot += Kinds)
        {
            total = checked(total + row[slot]);
        }

        return total;
    }

    /// <summary>Records a payment of kind <paramref name="kind"/> to <paramref name="actor"/>.</summary>
    public void Add(FeeActor actor, FeeKind kind, UInt128 amount)
    {
        var row = _amounts[(int)actor.Role];
        var slot = (actor.Index * Kinds) + (int)kind;
        if (slot >= row.Length)
        {
            row = Grow(actor);
        }

        _recording?.Record(JournalTarget.Fee, (int)actor.Role, slot, row[slot]);
        row[slot] = checked(row[slot] + amount);
    }

    /// <summary>Starts or stops recording undo entries into <paramref name="journal"/>.</summary>
    internal void RecordInto(StateJournal? journal) => _recording = journal;

    /// <summary>Puts back a total an undo entry saved (a member's room, once made, stays).</summary>
    internal void Undo(in JournalEntry entry) => _amounts[entry.Index][entry.Token] = entry.Old;

    private UInt128[] Grow(FeeActor actor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(actor.Index);
        var row = _amounts[(int)actor.Role];
        Array.Resize(ref row, (actor.Index + 1) * Kinds);
        _amounts[(int)actor.Role] = row;
        return row;
    }
}
