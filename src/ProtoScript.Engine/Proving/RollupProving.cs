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
    private long _jobs;
    private long _workMicroseconds;
    private long _wastedMicroseconds;
    private UInt128 _attempts;
    private UInt128 _paid;

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
    public RollupProving(ProverPool pool, RollupModel rollup)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(rollup);
        _pool = pool;
        _rollup = rollup;
        _won = new long[pool.Provers.Count];
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
        }
        else
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

        _costs.Add(cost);
        _paid += cost;
        _ready.Add(ready);
        _latency.Add(ready - seal);
    }

    private ProofOutcome Prove(ProofJob job)
    {
        var outcome = _pool.Selection.Prove(in job, _pool);
        _jobs++;
        _won[outcome.Prover]++;
        _workMicroseconds += outcome.FinishMicroseconds - outcome.StartMicroseconds;
        _wastedMicroseconds += outcome.WastedMicroseconds;
        _attempts += (UInt128)(ulong)outcome.Attempts;
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
        block >= 1 && block <= (ulong)_ready.Count ? new SimDuration(_ready[(int)(block - 1)]) : null;

    /// <summary>What the provers did for this rollup; proofs ready after <paramref name="end"/> are pending.</summary>
    public ProvingResult Collect(SimDuration end)
    {
        var latency = new LatencyRecorder();
        long pending = 0;
        for (var i = 0; i < _ready.Count; i++)
        {
            if (_ready[i] <= end.Microseconds)
            {
                latency.Record(new SimDuration(_latency[i]));
            }
            else
            {
                pending++;
            }
        }

        var model = _pool.Model;
        return new ProvingResult(
            _pool.Selection.Name,
            model.Pipeline == ProvingScope.Block ? "per_block" : "per_transaction",
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
            Market = _pool.Selection is ProofMarket ? CollectMarket(end) : null,
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
