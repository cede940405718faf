using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Proving;

/// <summary>
/// Proof timeliness for one rollup (<c>deadline { ... }</c>), after Aztec's design. Blocks form
/// epochs of <c>epoch</c> blocks by number. When an epoch's first block is sealed, the selection
/// rule chooses its claimant, which escrows the bond and proves the epoch's blocks one after
/// another as they are sealed. The epoch ends when its last block is sealed; its proof (its last
/// block's) must be ready within <c>window</c> of that.
/// </summary>
/// <remarks>
/// <para>A proof ready in time returns the bond when it lands. A missed window, at the deadline:
/// the claimant loses <c>slash</c> of its bond (burned; the rest is returned), and the pending
/// chain is pruned to the proven tip, the block before the missed epoch: that epoch's blocks and
/// every block sealed after it are re-proposed at the deadline. Their claims are dropped (the
/// other claimants get their whole bonds back and stop work on them) and each of their epochs is
/// claimed again at once, the missed one by the fallback prover (the one free soonest other than
/// the slashed one, ties to the lower index) when <c>fallback = true</c>, else by the selection
/// rule. A re-proposed epoch that is complete ends at the deadline, so it gets a whole new window.</para>
/// <para>Re-proposed blocks hold the same transactions, in the same order, as the pruned ones, so
/// the chain's state, its batches and its derivation are those of the run; only the proving
/// timeline (proofs, bonds, the proven tip) is replayed. Epochs are settled in order: an epoch is
/// counted proven when its proof lands, and a miss is acted on at its deadline, so a later epoch is
/// never counted proven while an earlier one can still prune it.</para>
/// <para>Deadlines are processed when the rollup seals its next block (before proving it) and at
/// the end of the run; as the provers serve this rollup only, no other job can come in between.</para>
/// </remarks>
internal sealed class ProofDeadlines
{
    private readonly ProverPool _pool;
    private readonly string _rollup;
    private readonly ProvingDeadlineModel _model;
    private readonly LeaderSelection _selection;
    private readonly TimeWindow[][] _offline;
    private readonly List<BlockProof> _blocks = [];
    private readonly List<Epoch> _open = []; // claimed, not settled, in epoch order
    private readonly UInt128[] _slashedBy;
    private long _epochs;
    private long _onTime;
    private long _missed;
    private long _claims;
    private long _fallbackClaims;
    private UInt128 _posted;
    private UInt128 _returned;
    private UInt128 _slashed;
    private long _prunes;
    private long _prunedBlocks;
    private long _prunedTransactions;
    private long _reproofs;
    private ulong _provenTip;
    private int _highestComplete = -1;

    public ProofDeadlines(ProverPool pool, string rollup, ProvingDeadlineModel model)
    {
        _pool = pool;
        _rollup = rollup;
        _model = model;
        _selection = pool.Selection as LeaderSelection
            ?? throw new ArgumentException("Proof deadlines need a selection with one leader per job; the binder refuses a race.", nameof(pool));
        _offline = new TimeWindow[pool.Provers.Count][];
        for (var i = 0; i < _offline.Length; i++)
        {
            _offline[i] = [.. pool.Model.Offline.Where(o => o.Prover == i).Select(o => o.Window).OrderBy(w => w.Start.Microseconds).ThenBy(w => w.Length.Microseconds)];
        }

        _slashedBy = new UInt128[pool.Provers.Count];
    }

    /// <summary>Jobs assigned (first proofs and re-proofs): the prover that got them, the job's start and its work in microseconds; for the rollup's totals.</summary>
    public Action<int, long, long>? OnJob { get; init; }

    /// <summary>
    /// Block <paramref name="number"/> was sealed at <paramref name="seal"/> with <paramref name="transactions"/>
    /// user transactions and <paramref name="gas"/>: settle the deadlines due by then, then prove it.
    /// Returns its first proof's finish and what the claimant is paid for it.
    /// </summary>
    public (long Finish, UInt128 Paid) OnSealed(ulong number, long seal, int transactions, ulong gas, UInt128 price)
    {
        Settle(seal);
        var block = new BlockProof(number, seal, transactions, gas, price) { Ready = seal };
        _blocks.Add(block);
        var epoch = Assign(block);
        return (block.Finish, _pool.Provers[epoch.Claimant].Bid(price));
    }

    /// <summary>When block <paramref name="number"/>'s latest proof attempt finishes.</summary>
    public long? ProofFinish(ulong number) =>
        number >= 1 && number <= (ulong)_blocks.Count ? _blocks[(int)(number - 1)].Finish : null;

    /// <summary>Settles what is due by <paramref name="end"/> and sums up.</summary>
    public ProvingDeadlineResult Collect(SimDuration end)
    {
        Settle(end.Microseconds);
        return new ProvingDeadlineResult(
            _model.EpochBlocks,
            _model.Window,
            _epochs,
            _onTime,
            _missed,
            _open.Count(e => e.Complete),
            _claims,
            _fallbackClaims,
            _posted,
            _returned,
            _slashed,
            _posted - _returned - _slashed,
            _prunes,
            _prunedBlocks,
            _prunedTransactions,
            _reproofs,
            _provenTip,
            [.. _slashedBy]);
    }

    private int EpochOf(ulong block) => (int)((block - 1) / (ulong)_model.EpochBlocks);

    /// <summary>Puts <paramref name="block"/> in its epoch (claiming the epoch if it has no claimant) and proves it.</summary>
    private Epoch Assign(BlockProof block, int fallbackFor = -1)
    {
        var index = EpochOf(block.Number);
        var epoch = _open.Count > 0 && _open[^1].Index == index ? _open[^1] : null;
        if (epoch is null)
        {
            epoch = new Epoch(index, Claim(block, fallbackFor));
            _open.Add(epoch);
        }

        var prover = _pool.Provers[epoch.Claimant];
        var duration = _pool.DrawProofTime(ProofJobKind.Block);
        block.Queued = Math.Max(block.Ready, prover.BusyUntilMicroseconds);
        (block.Start, block.Finish) = Work(epoch.Claimant, block.Queued, duration);
        block.Prover = epoch.Claimant;
        prover.BusyUntilMicroseconds = block.Finish;
        prover.ProofsWon++;
        OnJob?.Invoke(epoch.Claimant, block.Start, duration);
        epoch.Proof = Math.Max(epoch.Proof, block.Finish);
        if ((block.Number % (ulong)_model.EpochBlocks) == 0)
        {
            epoch.Complete = true;
            epoch.Deadline = checked(block.Ready + _model.Window.Microseconds);
            if (index > _highestComplete)
            {
                _highestComplete = index;
                _epochs++;
            }
        }

        return epoch;
    }

    private int Claim(BlockProof first, int slashed)
    {
        int claimant;
        if (slashed >= 0 && _model.Fallback)
        {
            claimant = -1;
            var provers = _pool.Provers;
            for (var i = 0; i < provers.Count; i++)
            {
                if ((i != slashed || provers.Count == 1)
                    && (claimant < 0 || provers[i].BusyUntilMicroseconds < provers[claimant].BusyUntilMicroseconds))
                {
                    claimant = i;
                }
            }

            _fallbackClaims++;
        }
        else
        {
            var job = new ProofJob(ProofJobKind.Block, _rollup, first.Number, first.Transactions, first.Gas, first.Ready, first.Price);
            claimant = _selection.Choose(in job, _pool);
        }

        _claims++;
        _posted += _model.Bond;
        return claimant;
    }

    /// <summary>Start and finish of <paramref name="duration"/> of work from <paramref name="start"/>, paused while the prover is offline.</summary>
    private (long Start, long Finish) Work(int prover, long start, long duration)
    {
        var t = start;
        var begun = start;
        var remaining = duration;
        var started = false;
        foreach (var w in _offline[prover])
        {
            if (w.End.Microseconds <= t)
            {
                continue;
            }

            if (w.Start.Microseconds <= t)
            {
                t = w.End.Microseconds; // offline now: nothing happens until it is back
                if (!started)
                {
                    begun = t;
                }

                continue;
            }

            started = true;
            if (t + remaining <= w.Start.Microseconds)
            {
                break;
            }

            remaining -= w.Start.Microseconds - t;
            t = w.End.Microseconds;
        }

        return (begun, checked(t + remaining));
    }

    /// <summary>Settles the open epochs in order: a proof that landed by <paramref name="now"/> in time, or a deadline passed without one.</summary>
    private void Settle(long now)
    {
        while (_open.Count > 0)
        {
            var epoch = _open[0];
            if (!epoch.Complete)
            {
                return;
            }

            if (epoch.Proof <= epoch.Deadline)
            {
                if (epoch.Proof > now)
                {
                    return;
                }

                _onTime++;
                _returned += _model.Bond;
                _provenTip = (ulong)(epoch.Index + 1) * (ulong)_model.EpochBlocks;
                _open.RemoveAt(0);
                continue;
            }

            if (epoch.Deadline > now)
            {
                return;
            }

            Prune(epoch);
        }
    }

    /// <summary><paramref name="missed"/> passed its deadline unproven: slash its claimant, prune to the proven tip and re-propose.</summary>
    private void Prune(Epoch missed)
    {
        var at = missed.Deadline;
        var cut = UInt128.Min(_model.Bond * (uint)_model.SlashBasisPoints / 10_000, _model.Bond);
        _missed++;
        _slashed += cut;
        _slashedBy[missed.Claimant] += cut;
        _returned += _model.Bond - cut;

        // The other dropped claims were not at fault: whole bonds back.
        _returned += _model.Bond * (uint)(_open.Count - 1);
        _open.Clear();

        var first = (int)((ulong)missed.Index * (ulong)_model.EpochBlocks);
        _prunes++;

        // Provers drop their jobs on pruned blocks at the prune: free from then, or from when the first such job was queued if later.
        var stop = new long[_pool.Provers.Count];
        Array.Fill(stop, long.MaxValue);
        for (var i = first; i < _blocks.Count; i++)
        {
            var b = _blocks[i];
            _prunedBlocks++;
            _prunedTransactions += b.Transactions;
            stop[b.Prover] = Math.Min(stop[b.Prover], b.Queued);
        }

        for (var p = 0; p < stop.Length; p++)
        {
            if (stop[p] != long.MaxValue)
            {
                var prover = _pool.Provers[p];
                prover.BusyUntilMicroseconds = Math.Min(prover.BusyUntilMicroseconds, Math.Max(at, stop[p]));
            }
        }

        // Re-proposed at the deadline, with the same contents: each epoch is claimed again and re-proven.
        for (var i = first; i < _blocks.Count; i++)
        {
            var b = _blocks[i];
            b.Ready = at;
            _reproofs++;
            Assign(b, i == first ? missed.Claimant : -1);
        }
    }

    private sealed class BlockProof(ulong number, long seal, int transactions, ulong gas, UInt128 price)
    {
        public ulong Number { get; } = number;

        public long Seal { get; } = seal;

        public int Transactions { get; } = transactions;

        public ulong Gas { get; } = gas;

        public UInt128 Price { get; } = price;

        /// <summary>When it is (re-)proposed: its seal, or the prune that re-proposed it.</summary>
        public long Ready { get; set; }

        public int Prover { get; set; }

        /// <summary>When its prover would have been free for it: its readiness or the prover's previous job's end.</summary>
        public long Queued { get; set; }

        public long Start { get; set; }

        public long Finish { get; set; }
    }

    private sealed class Epoch(int index, int claimant)
    {
        public int Index { get; } = index;

        public int Claimant { get; } = claimant;

        public bool Complete { get; set; }

        public long Deadline { get; set; }

        public long Proof { get; set; }
    }
}
