using ProtoScript.Engine.Chains;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Bridge;

/// <summary>
/// A rollup's deposit contract on L1 as its sequencer sees it: deposits land in the next L1
/// block, and an L2 block whose L1 origin has advanced past its parent's mints, before any
/// other transaction, every deposit of the L1 blocks in between, in L1 order (the OP Stack
/// rule: the deposits of epoch E come first in the first L2 block of that epoch). Derivation
/// applies the same rule to the deposits in the L1 data log, so it needs no batch data for them.
/// </summary>
internal sealed class DepositInbox
{
    private readonly L1Chain _l1;
    private readonly int _rollup;
    private readonly Queue<L1Deposit> _pending = new();

    public DepositInbox(L1Chain l1, int rollup)
    {
        _l1 = l1;
        _rollup = rollup;
    }

    /// <summary>Deposits sent but not yet minted on L2.</summary>
    public int Pending => _pending.Count;

    /// <summary>Sends a deposit to L1 now; it lands in the next L1 block.</summary>
    public L1Deposit Submit(int to, UInt128 value, SimDuration now)
    {
        var deposit = new L1Deposit(_l1.HeadNumber + 1, now, _rollup, to, value);
        _pending.Enqueue(deposit);
        _l1.DataLog?.AddDeposit(deposit);
        return deposit;
    }

    /// <summary>Mints on <paramref name="chain"/> every pending deposit of L1 blocks up to the current L1 head, the block's origin.</summary>
    public void MintUpToOrigin(RollupChain chain, SimDuration blockTime)
    {
        var origin = _l1.HeadNumber;
        while (_pending.TryPeek(out var deposit) && deposit.L1Block <= origin)
        {
            _pending.Dequeue();
            chain.Mint(deposit.To, deposit.Value);
            chain.Bridge.DepositsIncluded++;
            chain.Bridge.DepositLatency.Record(blockTime - deposit.SubmitTime);
        }
    }
}
