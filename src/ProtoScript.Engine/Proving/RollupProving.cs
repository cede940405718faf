using System.Collections.Immutable;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Metrics;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Proving;

/// <summary>
/// One rollup's proving: after each block is sealed it hands the block's proof jobs to the
/// provers, records when the block's proof is ready, and knows each block's proving cost
/// (<see cref="IBlockCostSource"/>) at the seal, so a fee distribution can pay the prover back.
/// </summary>
/// <remarks>
/// With pipeline <c>per_transaction</c> a transaction's witness exists once the sequencer has
/// executed it. A streaming sequencer executes a transaction as it arrives, so the witness is
/// taken to exist at its submission, or at the start of its block's interval (the previous
/// seal) if it waited longer: its proof can start before the block is sealed. The block's proof
/// is ready when the last transaction proof is done and then aggregated.
/// <para>
/// A block's proof is verified on L1 once it is ready and the block's batch has landed: the
/// proof is submitted in the first L1 slot at or after both, and not before the proof of the
/// block before it (the rollup's contract verifies each proof from the last verified state
/// root, so proofs are verified in block order). That is when the block is proof-final: a
/// withdrawal with <c>withdrawal_delay = proof</c> is final, and a destination with
/// <c>cross_chain_trust = validity_proof</c> trusts its messages.
/// </para>
/// </remarks>
public sealed class RollupProving : IRollupBlockObserver, IBlockCostSource
{
    private readonly ProverPool _pool;
    private readonly RollupModel _rollup;
    private readonly List<(long Submitted, ulong Gas)> _included = [];
    private readonly List<UInt128> _costs = [];
    private readonly List<long> _ready = [];
    private readonly List<long> _latency = [];
    private readonly List<long> _verified = [];
    private readonly long _slot;

    // Batched transactions whose block's proof is not verified yet at the last landing: their
    // submit time and that verification time, which grows along the queue (blocks are verified in order).
    private readonly Queue<(long Submitted, long Verified)> _awaitingProof = new();
    private readonly LatencyRecorder _proofFinal = new();
    private readonly long[] _won;

    // Every stretch of prover time spent on this rollup's jobs (won or wasted), so the busy
    // time inside the run can be cut at its end: jobs are scheduled when a block is sealed
    // and may finish after it.
    private readonly List<(long Start, long Finish)> _busy = [];
    private long _transactions;
    private readonly List<long> _leafFinishes = [];
    private readonly List<long> _aggregationLatency = [];
    private readonly LatencyRecorder _verifiedLatency = new();
    private long _leaves;
    private long _treeJobs;
    private int _maxDepth;
    private int _verifiedBlocks;
    private long _verifications;
    private long _sharedVerifications;
    private long _verificationJobs;
    private UInt128 _verificationCost;
    private UInt128 _verificationCostAlone;
    private long _jobs;
    private long _workMicroseconds;
    private long _wastedMicroseconds;
    private UInt128 _attempts;
    private UInt128 _paid;
    private readonly ProofDeadlines? _deadlines;

    // A market of named provers: each job's clearing time and price, and per prover what it was paid and what its jobs cost it.
    private readonly List<(long Cleared, UInt128 Price)> _prices = [];
    private readonly UInt128[] _revenue;
    private readonly UInt128[] _proverCost;
    private long _saturated;
    private long _saturatedWait;
    private long _saturatedWaitMax;
    private long _queued;
    private long _queueWait;

    /// <summary>Follows <paramref name="rollup"/> for the provers of <paramref name="pool"/>.</summary>
    /// <param name="pool">The provers.</param>
    /// <param name="rollup">The rollup they prove.</param>
    /// <param name="l1SlotTime">The L1's slot time, whose slots verify the proofs; 12 s (Ethereum's) when not given.</param>
    public RollupProving(ProverPool pool, RollupModel rollup, SimDuration? l1SlotTime = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(rollup);
        _pool = pool;
        _rollup = rollup;
        _slot = (l1SlotTime ?? SimDuration.FromSeconds(12)).Microseconds;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_slot, 0, nameof(l1SlotTime));
        _won = new long[pool.Provers.Count];
        if (pool.Model.Deadline is { } deadline)
        {
            _deadlines = new ProofDeadlines(pool, rollup.Name, deadline)
            {
                // A paused job's work is counted as one stretch from its start: its total is exact.
                OnJob = (prover, start, work) =>
                {
                    _jobs++;
                    _won[prover]++;
                    _workMicroseconds += work;
                    _busy.Add((start, start + work));
                },
            };
        }

        _revenue = new UInt128[pool.Provers.Count];
        _proverCost = new UInt128[pool.Provers.Count];
    }

    /// <inheritdoc />
    public UInt128 CostOf(ulong block) =>
        block >= 1 && block <= (ulong)_costs.Count ? _costs[(int)(block - 1)] : 0; // a block not sealed yet has no proof job

    void IRollupBlockObserver.OnTransactionIncluded(in Transaction transaction) =>
        _included.Add((transaction.SubmitTime.Microseconds, transaction.Gas));

    void IRollupBlockObserver.OnBlockSealed(ulong number, SimDuration time)
    {
        try
        {
            ProveSealedBlock(number, time, _included);
        }
        finally
        {
            _included.Clear();
        }
    }

    /// <summary>
    /// Hands the proof jobs of block <paramref name="number"/>, sealed at <paramref name="time"/>,
    /// to the provers; <paramref name="transactions"/> are its transactions in block order, each
    /// with its submission time (microseconds) and gas. Blocks must come in order.
    /// </summary>
    /// <exception cref="RuleFailedException">A selection hook failed; it says when and in which block.</exception>
    /// <exception cref="InvalidOperationException">A block was skipped or came twice.</exception>
    public void ProveSealedBlock(ulong number, SimDuration time, IReadOnlyList<(long Submitted, ulong Gas)> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);

        // Costs are kept by block number: every block of the chain, forced ones included, must come, in order.
        if (number != (ulong)_costs.Count + 1)
        {
            throw new InvalidOperationException($"Rollup {_rollup.Name}: block {number} was handed to the provers after block {_costs.Count}; every block must be proven, in order.");
        }

        try
        {
            ProveBlock(number, time.Microseconds, transactions);
        }
        catch (Exception e) when (e is not (RuleFailedException or OutOfMemoryException))
        {
            // Only a selection hook can throw here; say when and where, as an ordering hook's failure does.
            throw new RuleFailedException(_rollup.Name, time, (long)number, e);
        }
    }

    private void ProveBlock(ulong number, long seal, IReadOnlyList<(long Submitted, ulong Gas)> included)
    {

        var model = _pool.Model;
        var n = included.Count;
        _transactions += n;
        ulong gas = 0;
        foreach (var (_, g) in included)
        {
            gas += g;
        }

        var perBlock = model.CostScope == ProvingScope.Block ? model.Cost : UInt128.Zero;
        var perTransaction = model.CostScope == ProvingScope.Transaction ? model.Cost : UInt128.Zero;
        UInt128 cost = 0;
        long ready;
        if (_deadlines is not null)
        {
            (ready, cost) = _deadlines.OnSealed(number, seal, n, gas, perBlock + (perTransaction * (uint)n));
        }
        else if (model.Pipeline == ProvingScope.Block)
        {
            var outcome = Prove(new ProofJob(ProofJobKind.Block, _rollup.Name, number, n, gas, seal, perBlock + (perTransaction * (uint)n)));
            cost += outcome.Paid;
            ready = outcome.FinishMicroseconds;
            if (model.Aggregation is not null)
            {
                // The block's proof is the tree's one leaf: no node, then the wrap.
                _leafFinishes.Clear();
                _leafFinishes.Add(ready);
                ready = ProveTree(number, seal, n, gas, 0, ref cost);
            }
        }
        else if (model.Pipeline == ProvingScope.Shard)
        {
            // The block is executed after its seal; then its shards are proven in parallel.
            var witness = checked(seal + _pool.DrawExecutionTime());
            var price = perBlock + (perTransaction * (uint)n);
            _leafFinishes.Clear();
            for (var i = 0; i < model.Shards; i++)
            {
                var piece = Prove(new ProofJob(ProofJobKind.Shard, _rollup.Name, number, n, gas, witness, 0));
                _leafFinishes.Add(piece.FinishMicroseconds);
            }

            if (model.Aggregation is null)
            {
                var aggregate = Prove(new ProofJob(ProofJobKind.Aggregation, _rollup.Name, number, n, gas, Math.Max(seal, _leafFinishes.Max()), price));
                cost += aggregate.Paid;
                ready = aggregate.FinishMicroseconds;
            }
            else
            {
                ready = ProveTree(number, seal, n, gas, price, ref cost);
            }
        }
        else if (model.Aggregation is null)
        {
            var intervalStart = seal - _rollup.BlockTime.Microseconds;
            var last = seal;
            foreach (var (submitted, g) in included)
            {
                var witness = Math.Max(submitted, intervalStart);
                var piece = Prove(new ProofJob(ProofJobKind.Transaction, _rollup.Name, number, n, g, witness, perTransaction));
                cost += piece.Paid;
                last = Math.Max(last, piece.FinishMicroseconds);
            }

            var aggregate = Prove(new ProofJob(ProofJobKind.Aggregation, _rollup.Name, number, n, gas, last, perBlock));
            cost += aggregate.Paid;
            ready = aggregate.FinishMicroseconds;
        }
        else
        {
            var intervalStart = seal - _rollup.BlockTime.Microseconds;
            _leafFinishes.Clear();
            foreach (var (submitted, g) in included)
            {
                var witness = Math.Max(submitted, intervalStart);
                var piece = Prove(new ProofJob(ProofJobKind.Transaction, _rollup.Name, number, n, g, witness, perTransaction));
                cost += piece.Paid;
                _leafFinishes.Add(piece.FinishMicroseconds);
            }

            ready = ProveTree(number, seal, n, gas, perBlock, ref cost);
        }

        _costs.Add(cost);
        _paid += cost;
        _ready.Add(ready);
        _latency.Add(ready - seal);
    }

    /// <summary>
    /// Aggregates the leaf proofs in <see cref="_leafFinishes"/> (their finish times, in block
    /// order) level by level and wraps the root, which is ready no earlier than the seal; returns
    /// when the block's proof is ready. The wrap carries the block's price <paramref name="price"/>.
    /// </summary>
    private long ProveTree(ulong number, long seal, int transactions, ulong gas, UInt128 price, ref UInt128 cost)
    {
        var tree = _pool.Model.Aggregation!;
        var leaves = _leafFinishes.Count;
        var lastLeaf = seal;
        foreach (var f in _leafFinishes)
        {
            lastLeaf = Math.Max(lastLeaf, f);
        }

        var (root, depth, jobs) = AggregationTree.Reduce(_leafFinishes, tree.Arity, ready => Prove(new ProofJob(ProofJobKind.Aggregation, _rollup.Name, number, transactions, gas, ready, 0)).FinishMicroseconds);
        root = Math.Max(root, seal); // an empty block has no leaves: its root is its seal
        var wrap = Prove(new ProofJob(ProofJobKind.Wrap, _rollup.Name, number, transactions, gas, root, price));
        cost += wrap.Paid;
        _leaves += leaves;
        _treeJobs += jobs;
        _maxDepth = Math.Max(_maxDepth, depth);
        _aggregationLatency.Add(root - lastLeaf);
        return wrap.FinishMicroseconds;
    }

    private ProofOutcome Prove(ProofJob job)
    {
        var outcome = _pool.Selection.Prove(in job, _pool);
        _jobs++;
        _won[outcome.Prover]++;
        _workMicroseconds += outcome.FinishMicroseconds - outcome.StartMicroseconds;
        _wastedMicroseconds += outcome.WastedMicroseconds;
        _attempts += (UInt128)(ulong)outcome.Attempts;
        _busy.Add((outcome.StartMicroseconds, outcome.FinishMicroseconds));
        foreach (var start in outcome.LoserStarts)
        {
            _busy.Add((start, outcome.FinishMicroseconds));
        }

        if (_pool.Selection is ProofMarket)
        {
            _prices.Add((outcome.ClearedMicroseconds, outcome.Paid));
            _revenue[outcome.Prover] += outcome.Paid;
            _proverCost[outcome.Prover] += outcome.ProverCost;
            if (outcome.ClearedMicroseconds > job.ReadyMicroseconds)
            {
                var wait = outcome.ClearedMicroseconds - job.ReadyMicroseconds;
                _saturated++;
                _saturatedWait += wait;
                _saturatedWaitMax = Math.Max(_saturatedWaitMax, wait);
            }

            if (outcome.StartMicroseconds > outcome.ClearedMicroseconds)
            {
                _queued++;
                _queueWait += outcome.StartMicroseconds - outcome.ClearedMicroseconds;
            }
        }

        return outcome;
    }

    /// <summary>When the proof of block <paramref name="block"/> (1-based) is ready, or null for a block not handed to the provers yet.</summary>
    public SimDuration? ProofReadyAt(ulong block) =>
        _deadlines?.ProofFinish(block) is { } latest ? new SimDuration(latest)
        : block >= 1 && block <= (ulong)_ready.Count ? new SimDuration(_ready[(int)(block - 1)]) : null;

    /// <summary>
    /// The batch holding this rollup's blocks up to <paramref name="lastBlock"/> landed on L1 at
    /// <paramref name="landed"/>: each of those blocks not verified yet is verified in the first
    /// L1 slot at or after both its proof and <paramref name="landed"/>, and not before the block
    /// before it. Blocks are proven when sealed, so every block of the batch has its proof time.
    /// </summary>
    public void OnBatchLanded(ulong lastBlock, SimDuration landed)
    {
        while ((ulong)_verified.Count < lastBlock && _verified.Count < _ready.Count)
        {
            var block = _verified.Count;
            var at = SlotAtOrAfter(Math.Max(_ready[block], landed.Microseconds));
            _verified.Add(block > 0 ? Math.Max(at, _verified[block - 1]) : at);
        }
    }

    /// <summary>When the proof of block <paramref name="block"/> (1-based) is verified on L1, or null while its batch has not landed.</summary>
    public SimDuration? VerifiedAt(ulong block) =>
        block >= 1 && block <= (ulong)_verified.Count ? new SimDuration(_verified[(int)(block - 1)]) : null;

    /// <summary>
    /// The batched transactions of a batch that landed at <paramref name="now"/>, after
    /// <see cref="OnBatchLanded"/>: each block of <paramref name="blocks"/> (number, transactions)
    /// holds the next transactions of <paramref name="submitted"/>, in order. Their proof-final
    /// latency is from their submission to their block's proof verified on L1; it is recorded once
    /// that time has come, so a run's report counts only the proofs verified by its end.
    /// </summary>
    /// <exception cref="InvalidOperationException">A block's batch had not landed.</exception>
    public void OnTransactionsLanded(ReadOnlySpan<long> submitted, ReadOnlySpan<(ulong Number, int Transactions)> blocks, SimDuration now)
    {
        Flush(now);
        var next = 0;
        foreach (var (number, count) in blocks)
        {
            var verified = VerifiedAt(number)?.Microseconds
                ?? throw new InvalidOperationException($"Rollup {_rollup.Name}: block {number} landed on L1 before its batch was marked landed.");
            for (var i = 0; i < count; i++)
            {
                _awaitingProof.Enqueue((submitted[next++], verified));
            }
        }

        Flush(now);
    }

    /// <summary>
    /// Proof-final latency (submission to the block's proof verified on L1) of the batched
    /// transactions whose proof was verified by <paramref name="end"/>.
    /// </summary>
    public LatencySummary ProofFinalLatency(SimDuration end)
    {
        Flush(end);
        return _proofFinal.Summarize();
    }

    private void Flush(SimDuration now)
    {
        while (_awaitingProof.TryPeek(out var waiting) && waiting.Verified <= now.Microseconds)
        {
            _awaitingProof.Dequeue();
            _proofFinal.Record(new SimDuration(waiting.Verified - waiting.Submitted));
        }
    }

    // L1 blocks are sealed at every whole slot (the first one slot after genesis).
    private long SlotAtOrAfter(long time) => Math.Max(1, (time + _slot - 1) / _slot) * _slot;

    /// <summary>The rollup's name.</summary>
    public string Name => _rollup.Name;

    /// <summary>Blocks whose proof has been handed to a verification so far (a prefix of the chain).</summary>
    internal int Submitted { get; private set; }

    /// <summary>
    /// How many blocks after <see cref="Submitted"/>, in order, have their proof ready by
    /// <paramref name="time"/> (microseconds): a verification on L1 proves a prefix of the chain,
    /// so a ready proof waits for the proofs of the blocks before it.
    /// </summary>
    internal int ReadyAfterSubmitted(long time)
    {
        var count = 0;
        while (Submitted + count < _ready.Count && _ready[Submitted + count] <= time)
        {
            count++;
        }

        return count;
    }

    /// <summary>Hands the next <paramref name="count"/> blocks' proofs to a verification.</summary>
    internal void Submit(int count) => Submitted += count;

    /// <summary>The verification of blocks <paramref name="first"/> (0-based) and the <paramref name="count"/> - 1 after it landed on L1 at <paramref name="time"/>; the rollup paid <paramref name="share"/> of <paramref name="fee"/>.</summary>
    internal void RecordVerification(int first, int count, long time, UInt128 share, UInt128 fee, bool shared)
    {
        for (var i = first; i < first + count; i++)
        {
            _verifiedLatency.Record(new SimDuration(time - (_ready[i] - _latency[i])));
        }

        _verifiedBlocks += count;
        _verifications++;
        _sharedVerifications += shared ? 1 : 0;
        _verificationCost += share;
        _verificationCostAlone += fee;
    }

    /// <summary>Counts aggregation jobs run to combine this rollup's proofs for a verification.</summary>
    internal void RecordVerificationJobs(long jobs) => _verificationJobs += jobs;

    /// <summary>What the provers did for this rollup; proofs ready after <paramref name="end"/> are pending.</summary>
    public ProvingResult Collect(SimDuration end)
    {
        // With deadlines, a pruned block's proof is its re-proof's: latency counts from its first seal.
        var deadline = _deadlines?.Collect(end);
        var latency = new LatencyRecorder();
        var aggregation = new LatencyRecorder();
        long pending = 0;
        for (var i = 0; i < _ready.Count; i++)
        {
            var ready = _deadlines?.ProofFinish((ulong)i + 1) ?? _ready[i];
            if (ready <= end.Microseconds)
            {
                latency.Record(new SimDuration(ready - (_ready[i] - _latency[i])));
                if (_aggregationLatency.Count > 0)
                {
                    aggregation.Record(new SimDuration(_aggregationLatency[i]));
                }
            }
            else
            {
                pending++;
            }
        }

        long busy = 0;
        foreach (var (start, finish) in _busy)
        {
            busy += Math.Max(0, Math.Min(finish, end.Microseconds) - Math.Max(start, 0));
        }

        var model = _pool.Model;
        return new ProvingResult(
            _pool.Selection.Name,
            model.Pipeline switch
            {
                ProvingScope.Block => "per_block",
                ProvingScope.Shard => "per_shard",
                _ => "per_transaction",
            },
            model.Count,
            latency.Count,
            pending,
            latency.Summarize(),
            _jobs,
            new SimDuration(_workMicroseconds),
            new SimDuration(_wastedMicroseconds),
            _attempts,
            _paid,
            [.. _won])
        {
            Transactions = _transactions,
            BusyInRun = new SimDuration(busy),
            RunDuration = end,
            Deadline = deadline,
            Market = _pool.Selection is ProofMarket ? CollectMarket(end) : null,
            Aggregation = model.Aggregation is { } tree
                ? new ProofAggregationResult(tree.Arity, _leaves, _maxDepth, _treeJobs, _costs.Count, aggregation.Summarize())
                : null,
            Verification = model.Verification is { } v
                ? new ProofVerificationResult(v.Gas, v.Every, v.AcrossRollups ? model.Rollups.Length : 1, _verifications, _verifiedBlocks, _verifiedLatency.Summarize(), _sharedVerifications, _verificationJobs, _verificationCost, _verificationCostAlone)
                : null,
        };
    }

    private ProofMarketResult CollectMarket(SimDuration end)
    {
        var models = _pool.Model.Selection.MarketProvers;
        var provers = models.Select((m, i) => new MarketProverResult(m.Name, m.BidName, _won[i], _revenue[i], _proverCost[i])).ToImmutableArray();
        var sorted = _prices.Select(p => p.Price).Order().ToList();
        UInt128 paid = 0;
        var tenths = new (long Jobs, UInt128 Paid)[10];
        foreach (var (cleared, price) in _prices)
        {
            paid += price;

            // Tenth k holds the auctions cleared in [k × end / 10, (k + 1) × end / 10); later ones count in the last.
            var k = end.Microseconds <= 0 ? 9 : (int)Int128.Min(9, (Int128)cleared * 10 / end.Microseconds);
            tenths[k] = (tenths[k].Jobs + 1, tenths[k].Paid + price);
        }

        return new ProofMarketResult(
            provers,
            _prices.Count,
            sorted.Count == 0 ? 0 : sorted[(sorted.Count - 1) / 2],
            paid,
            [.. tenths.Select((t, k) => new MarketPeriod(k, t.Jobs, t.Paid))],
            _saturated,
            new SimDuration(_saturatedWait),
            new SimDuration(_saturatedWaitMax),
            _queued,
            new SimDuration(_queueWait));
    }
}
