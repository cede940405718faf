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
/// </remarks>
public sealed class RollupProving : IRollupBlockObserver, IBlockCostSource
{
    private readonly ProverPool _pool;
    private readonly RollupModel _rollup;
    private readonly List<(long Submitted, ulong Gas)> _included = [];
    private readonly List<UInt128> _costs = [];
    private readonly List<long> _ready = [];
    private readonly List<long> _latency = [];
    private readonly long[] _won;
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

    /// <summary>Follows <paramref name="rollup"/> for the provers of <paramref name="pool"/>.</summary>
    public RollupProving(ProverPool pool, RollupModel rollup)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(rollup);
        _pool = pool;
        _rollup = rollup;
        _won = new long[pool.Provers.Count];
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
        ulong gas = 0;
        foreach (var (_, g) in included)
        {
            gas += g;
        }

        var perBlock = model.CostScope == ProvingScope.Block ? model.Cost : UInt128.Zero;
        var perTransaction = model.CostScope == ProvingScope.Transaction ? model.Cost : UInt128.Zero;
        UInt128 cost = 0;
        long ready;
        if (model.Pipeline == ProvingScope.Block)
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
        return outcome;
    }

    /// <summary>When the proof of block <paramref name="block"/> (1-based) is ready, or null for a block not handed to the provers yet.</summary>
    public SimDuration? ProofReadyAt(ulong block) =>
        block >= 1 && block <= (ulong)_ready.Count ? new SimDuration(_ready[(int)(block - 1)]) : null;

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
        var latency = new LatencyRecorder();
        var aggregation = new LatencyRecorder();
        long pending = 0;
        for (var i = 0; i < _ready.Count; i++)
        {
            if (_ready[i] <= end.Microseconds)
            {
                latency.Record(new SimDuration(_latency[i]));
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
            Aggregation = model.Aggregation is { } tree
                ? new ProofAggregationResult(tree.Arity, _leaves, _maxDepth, _treeJobs, _costs.Count, aggregation.Summarize())
                : null,
            Verification = model.Verification is { } v
                ? new ProofVerificationResult(v.Gas, v.Every, v.AcrossRollups ? model.Rollups.Length : 1, _verifications, _verifiedBlocks, _verifiedLatency.Summarize(), _sharedVerifications, _verificationJobs, _verificationCost, _verificationCostAlone)
                : null,
        };
    }
}
