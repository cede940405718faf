namespace ProtoScript.Engine.Proving;

/// <summary>One prover of a <c>provers</c> block: what it has committed to and what it has done.</summary>
public sealed class ProverState
{
    /// <summary>Creates a prover at genesis, free from time 0.</summary>
    /// <param name="index">Its position in the block.</param>
    /// <param name="stake">Its stake in wei.</param>
    /// <param name="costFactorBasisPoints">Its own cost as a share of a job's price, in basis points.</param>
    public ProverState(int index, UInt128 stake, int costFactorBasisPoints)
    {
        Index = index;
        Stake = stake;
        CostFactorBasisPoints = costFactorBasisPoints;
    }

    /// <summary>Its position in the block, from 0.</summary>
    public int Index { get; }

    /// <summary>Its stake in wei (zero unless the selection is <c>stake</c>).</summary>
    public UInt128 Stake { get; }

    /// <summary>Its own cost as a share of the block's <c>cost</c>, in basis points (10 000 unless the selection is <c>market</c>).</summary>
    public int CostFactorBasisPoints { get; }

    /// <summary>
    /// When it finishes the last job it took: it works on one proof at a time, so a later job
    /// starts no earlier. Set by the selection rule that gives it work.
    /// </summary>
    public long BusyUntilMicroseconds { get; set; }

    /// <summary>Jobs it won (and proved), over every rollup it proves.</summary>
    public long ProofsWon { get; internal set; }

    /// <summary>Its bid for a job whose base price is <paramref name="price"/>: the price scaled by its cost factor.</summary>
    public UInt128 Bid(UInt128 price) => price * (uint)CostFactorBasisPoints / 10_000;
}
