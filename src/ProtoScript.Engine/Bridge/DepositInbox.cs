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
    private Queue<L1Deposit> _pending = new();

    // While a withholding sequencer holds blocks: the deposits they minted, and the origin before them.
    private List<L1Deposit>? _mintedSinceMark;
    private ulong _markedOrigin;
    private ulong _lastOrigin;

    public DepositInbox(L1Chain l1, int rollup)
    {
        _l1 = l1;
        _rollup = rollup;
    }

    /// <summary>Deposits sent but not yet minted on L2.</summary>
    public int Pending => _pending.Count;

    /// <summary>Sends a deposit to L1 now; it lands in the next L1 block.</summary>
    public L1Deposit Submit(int to, UInt128 value, SimDuration now, int from = -1)
    {
        var deposit = new L1Deposit(_l1.HeadNumber + 1, now, _rollup, to, value) { From = from };
        _pending.Enqueue(deposit);
        _l1.DataLog?.AddDeposit(deposit);
        return deposit;
    }

    /// <summary>Executes on <paramref name="chain"/> every pending deposit of L1 blocks up to the current L1 head, the block's origin.</summary>
    public void MintUpToOrigin(RollupChain chain, SimDuration blockTime)
    {
        _lastOrigin = _l1.HeadNumber;
        while (_pending.TryPeek(out var deposit) && deposit.L1Block <= _lastOrigin)
        {
            _pending.Dequeue();
            _mintedSinceMark?.Add(deposit);
            chain.ApplyL1Message(deposit.ToTransaction(blockTime));
            Included(chain, deposit, blockTime, forced: false);
        }
    }

    /// <summary>
    /// The OP Stack's forced inclusion: if the sequencer sealed no block with origin E or later
    /// before L1 block E + <paramref name="window"/> (the end of E's sequencing window), the chain
    /// gets a deposit-only block at that L1 block's time, with origin E, holding the deposits of
    /// the L1 blocks up to E not yet included. Seals every such block due by <paramref name="now"/>.
    /// </summary>
    public void ForceExpiredEpochs(RollupChain chain, SimDuration now, ulong window, SimDuration slot)
    {
        while (true)
        {
            var epoch = _lastOrigin + 1;
            var due = new SimDuration(checked((long)(epoch + window) * slot.Microseconds));
            if (due > now)
            {
                return;
            }

            var messages = new List<L1Deposit>();
            while (_pending.TryPeek(out var deposit) && deposit.L1Block <= epoch)
            {
                messages.Add(_pending.Dequeue());
                _mintedSinceMark?.Add(deposit);
            }

            chain.SealForcedBlock([.. messages.Select(m => m.ToTransaction(due))], due);
            foreach (var message in messages)
            {
                Included(chain, message, due, forced: true);
            }

            _lastOrigin = epoch;
        }
    }

    /// <summary>From now on, remembers what the sequencer's blocks take from the inbox, so that <see cref="Rollback"/> can give it back.</summary>
    public void Mark()
    {
        _mintedSinceMark = [];
        _markedOrigin = _lastOrigin;
    }

    /// <summary>The blocks since <see cref="Mark"/> were reorged out: their deposits are pending again and the origin is the one before them.</summary>
    public void Rollback()
    {
        if (_mintedSinceMark is { } minted)
        {
            _pending = new Queue<L1Deposit>(minted.Concat(_pending));
            _lastOrigin = _markedOrigin;
            _mintedSinceMark = null;
        }
    }

    /// <summary>The blocks since <see cref="Mark"/> are on L1 for good: forgets the mark.</summary>
    public void Unmark() => _mintedSinceMark = null;

    /// <summary>Since <see cref="Mark"/>: how many deposits were minted, and the origin of the last block.</summary>
    public (int Minted, ulong Origin) Position => (_mintedSinceMark?.Count ?? 0, _lastOrigin);

    /// <summary>The blocks after <paramref name="position"/> were reorged out: their deposits are pending again; the earlier ones stay marked.</summary>
    public void RollbackTo((int Minted, ulong Origin) position)
    {
        if (_mintedSinceMark is { } minted)
        {
            _pending = new Queue<L1Deposit>(minted.Skip(position.Minted).Concat(_pending));
            minted.RemoveRange(position.Minted, minted.Count - position.Minted);
            _lastOrigin = position.Origin;
        }
    }

    internal static void Included(RollupChain chain, L1Deposit message, SimDuration blockTime, bool forced)
    {
        if (message.Mints)
        {
            chain.Bridge.DepositsIncluded++;
            chain.Bridge.DepositLatency.Record(blockTime - message.SubmitTime);
        }
        else
        {
            chain.ForcedInclusion.RecordIncluded(blockTime - message.SubmitTime, forced);
        }
    }
}
