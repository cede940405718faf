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

    /// <summary>The totals by role, to return to with <see cref="Restore"/>.</summary>
    internal UInt128[] Snapshot() => (UInt128[])_byRole.Clone();

    /// <summary>Returns to totals taken by <see cref="Snapshot"/> (a reorg takes back the fees of its blocks).</summary>
    internal void Restore(UInt128[] totals) => totals.CopyTo(_byRole, 0);

    /// <summary>Records a payment to <paramref name="role"/>.</summary>
    public void Add(FeeRole role, UInt128 amount) => _byRole[(int)role] = checked(_byRole[(int)role] + amount);
}
