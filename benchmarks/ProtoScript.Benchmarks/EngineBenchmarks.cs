using BenchmarkDotNet.Attributes;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Benchmarks;

/// <summary>
/// Engine throughput in simulated L2 transactions per second of wall time: a full
/// <see cref="Simulator.Run"/> (workload, mempool, ordering, execution, Merkle root, batches,
/// compression, L1, metrics) against the baseline, <see cref="HandWrittenScenario"/>: the same
/// scenario written out by hand, which the setup checks computes the same results (included
/// count, state root, batches, bytes, blobs, fees, latencies). A third row, the old minimal loop
/// of the same number of random transfers over dense arrays (no blocks, mempool, root, batches or
/// compression), shows what the transfers alone cost. Times are per transaction
/// (<c>OperationsPerInvoke</c> = the nominal 1 000 000).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TransactionsConfig))]
public class EngineBenchmarks
{
    private const ulong TransferGas = 21_000;

    private ScenarioModel _model = null!;
    private HandWrittenScenario _handWritten = null!;
    private int[] _from = [];
    private int[] _to = [];
    private UInt128[] _value = [];
    private UInt128[] _tip = [];
    private UInt128[] _genesis = [];
    private UInt128[] _balances = [];
    private ulong[] _nonces = [];
    private UInt128 _baseFee;

    /// <summary>The sequencer's ordering rule.</summary>
    [Params(OrderingRule.Fcfs, OrderingRule.PriorityFee)]
    public OrderingRule Ordering { get; set; }

    /// <summary>
    /// Builds the model, runs the engine and the hand-written scenario once each (also their
    /// warm-up) and throws unless their results are equal, then draws the transfers-only loop's transfers.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        _model = EngineWorkload.Model(Ordering);
        _handWritten = new HandWrittenScenario(_model);
        var engine = EngineWorkload.Reference(Ordering);
        _handWritten.Run().AssertEqual(engine);
        var included = (int)engine.Included;
        Console.WriteLine(FormattableString.Invariant($"// {Ordering}: {included} transactions included per run; hand-written root {engine.Rollups[0].StateRoot} equals the engine's"));

        var rollup = _model.Rollups[0];
        _baseFee = rollup.BaseFee;
        var random = new Random(7);
        _from = new int[included];
        _to = new int[included];
        _value = new UInt128[included];
        _tip = new UInt128[included];
        for (var i = 0; i < included; i++)
        {
            var from = random.Next(rollup.Accounts);
            var to = random.Next(rollup.Accounts - 1);
            _from[i] = from;
            _to[i] = to >= from ? to + 1 : to;
            _value[i] = (UInt128)(ulong)(1e15 + (random.NextDouble() * 9e15));
            _tip[i] = (UInt128)(ulong)(-Math.Log(1 - random.NextDouble()) * 1e7);
        }

        _genesis = new UInt128[rollup.Accounts + 1]; // the last account is the sequencer's
        _genesis.AsSpan(0, rollup.Accounts).Fill(rollup.InitialBalance);
        _balances = new UInt128[_genesis.Length];
        _nonces = new ulong[_genesis.Length];
    }

    [Benchmark(OperationsPerInvoke = EngineWorkload.NominalTransfers, Description = "Engine (Simulator.Run)")]
    public SimulationResult Engine() => Simulator.Run(_model);

    /// <summary>The ceiling: the scenario written out by hand, with the engine's results.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = EngineWorkload.NominalTransfers, Description = "Ceiling (hand-written scenario)")]
    public HandWrittenResult Ceiling() => _handWritten.Run();

    /// <summary>The transfers alone: not the scenario (no blocks, mempool, root, batches or L1), a lower bound on any implementation's cost.</summary>
    [Benchmark(OperationsPerInvoke = EngineWorkload.NominalTransfers, Description = "Transfers only (arrays)")]
    public UInt128 TransfersOnly()
    {
        // Genesis, then the transfers: check the sender can pay value + gas × (base fee + tip),
        // debit it, credit the receiver and the sequencer, bump the nonce, count the burn.
        _genesis.AsSpan().CopyTo(_balances);
        Array.Clear(_nonces);
        var balances = _balances;
        var nonces = _nonces;
        var sequencer = balances.Length - 1;
        var baseFee = _baseFee;
        UInt128 burned = 0;
        var from = _from;
        var to = _to;
        var value = _value;
        var tip = _tip;
        for (var i = 0; i < from.Length; i++)
        {
            var sender = from[i];
            var burn = TransferGas * baseFee;
            var priority = TransferGas * tip[i];
            var total = value[i] + burn + priority;
            if (balances[sender] < total)
            {
                continue;
            }

            balances[sender] -= total;
            balances[to[i]] += value[i];
            balances[sequencer] += priority;
            nonces[sender]++;
            burned += burn;
        }

        return burned;
    }
}
