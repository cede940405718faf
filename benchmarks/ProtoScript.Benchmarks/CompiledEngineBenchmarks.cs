using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;
using ProtoScript.Language.Text;
using ProtoScript.Scripting;

namespace ProtoScript.Benchmarks;

/// <summary>One workload of <see cref="CompiledEngineBenchmarks"/>.</summary>
/// <param name="Rollups">Rollups, each with its own users.</param>
/// <param name="Transactions">Transfers over all rollups in the run (the expected count).</param>
/// <param name="HookHeavy">True when every rollup orders with a C# hook (fee bands) instead of <c>priority_fee</c>.</param>
public sealed record CompiledEngineCase(int Rollups, int Transactions, bool HookHeavy) : IComparable<CompiledEngineCase>, IComparable
{
    /// <summary>Short enough for BenchmarkDotNet's table, which cuts longer values.</summary>
    public override string ToString() => FormattableString.Invariant($"{Rollups}r {Transactions / 1000}k {(HookHeavy ? "hook" : "fee")}");

    /// <summary>Orders the table (and the runs): the hook-heavy workload first, then by transactions, then by rollups.</summary>
    public int CompareTo(CompiledEngineCase? other) => other is null ? 1
        : HookHeavy != other.HookHeavy ? other.HookHeavy.CompareTo(HookHeavy)
        : Transactions != other.Transactions ? Transactions.CompareTo(other.Transactions)
        : Rollups.CompareTo(other.Rollups);

    /// <inheritdoc />
    public int CompareTo(object? obj) => CompareTo(obj as CompiledEngineCase);
}

/// <summary>
/// The scripted engine (built-in rules; C# hooks through <see cref="CompiledHooks"/>'
/// delegates), the compiled engine (<see cref="CompiledScenario"/>: the scenario emitted as
/// C# with its ordering rules specialised, compiled in memory) and the ceiling,
/// <see cref="HandWrittenScenario"/> (the same scenario written out by hand, the fee-band hook
/// as an inline comparison; the setup checks it computes the engines' results), across 1, 10
/// and 100 rollups and 10^5 and 10^6 transactions. A fourth row, the old minimal loop (per
/// block, order the block's arrivals with the rule's comparison inlined in a binary heap, then
/// apply each transfer over dense arrays: no mempool across blocks, root, batches or L1), shows
/// what the transfers alone cost. Each run
/// simulates 100 s with blocks every 100 ms sized for twice the mean demand, so almost every
/// transfer is included; times are per run (divide by the case's transactions for per-transfer cost).
/// </summary>
[MemoryDiagnoser]
public class CompiledEngineBenchmarks
{
    private const int DurationSeconds = 100;
    private const int BlocksPerSecond = 10;
    private const int AccountsPerRollup = 1_000;
    private const ulong TransferGas = 21_000;
    private const ulong Band = 10_000_000; // 0.01 gwei: the hook sorts priority fees in bands of this width

    private const string BandHook = """

              var bandX = x.PriorityFeePerGas / 10_000_000;
              var bandY = y.PriorityFeePerGas / 10_000_000;
              return bandX != bandY ? bandY.CompareTo(bandX) : x.ArrivalSequence.CompareTo(y.ArrivalSequence);

        """;

    private ScenarioModel _model = null!;
    private CompiledHooks? _hooks;
    private CompiledScenario _compiled = null!;
    private HandWrittenScenario _handWritten = null!;
    private readonly string _cacheDirectory = Path.Combine(Path.GetTempPath(), "protoscript-compiled-benchmarks", Guid.NewGuid().ToString("N"));

    // The transfers-only loop's pre-drawn workload: transfers grouped by rollup and block, in arrival order.
    private int[] _blockStart = [];
    private int[] _from = [];
    private int[] _to = [];
    private UInt128[] _value = [];
    private UInt128[] _tip = [];
    private UInt128[] _genesis = [];
    private UInt128[] _balances = [];
    private ulong[] _nonces = [];
    private int[] _heap = [];
    private UInt128 _baseFee;

    /// <summary>The cases run: scaling in rollups and transactions with a built-in rule, and the hook-heavy workload.</summary>
    public static IEnumerable<CompiledEngineCase> Cases() =>
    [
        new(1, 100_000, false), new(10, 100_000, false), new(100, 100_000, false),
        new(1, 1_000_000, false), new(10, 1_000_000, false), new(100, 1_000_000, false),
        new(1, 100_000, true), new(1, 1_000_000, true), new(10, 1_000_000, true),
    ];

    /// <summary>The workload.</summary>
    [ParamsSource(nameof(Cases))]
    public CompiledEngineCase Case { get; set; } = Cases().First();

    /// <summary>Builds the model, compiles its hooks and its specialised code, checks the ceiling against them, and draws the transfers-only loop's transfers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var (model, hooks) = Model(Case);
        _model = model;
        _hooks = hooks.Length == 0 ? null : new HookCompiler(new HookOptions { UseCache = false }).Compile(hooks).Hooks
            ?? throw new InvalidOperationException("The benchmark's hooks do not compile.");
        _compiled = CompiledScenario.Compile(model, hooks, new HookOptions { CacheDirectory = _cacheDirectory }).Scenario
            ?? throw new InvalidOperationException("The benchmark's scenario does not compile.");

        // Both engines must agree before either is timed.
        var scripted = Scripted();
        var compiled = Compiled();
        var included = scripted.Rollups.Sum(r => (long)r.Transactions.Included);
        if (included != compiled.Rollups.Sum(r => (long)r.Transactions.Included) || scripted.Rollups.Select(r => r.StateRoot).SequenceEqual(compiled.Rollups.Select(r => r.StateRoot)) is false)
        {
            throw new InvalidOperationException("The scripted and compiled engines disagree.");
        }

        // The ceiling must compute the same results, or the ratio to it means nothing.
        _handWritten = new HandWrittenScenario(model, Case.HookHeavy ? Band : 0);
        _handWritten.Run().AssertEqual(HandWrittenScenario.Summarize(scripted));

        Console.WriteLine(FormattableString.Invariant($"// {Case}: {included} transactions included per run; the hand-written scenario's results equal the engines'"));
        DrawTransfersOnlyWorkload();
    }

    /// <summary>Unloads the compiled code.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _hooks?.Dispose();
        _compiled.Dispose();
    }

    /// <summary>The scripted engine.</summary>
    [Benchmark(Description = "Scripted engine")]
    public SimulationResult Scripted() => Simulator.Run(_model, new SimulationOptions { Rules = _hooks });

    /// <summary>The compiled engine (specialised ordering rules; hooks as direct static calls).</summary>
    [Benchmark(Description = "Compiled engine")]
    public SimulationResult Compiled() => Simulator.Run(_model, new SimulationOptions { Rules = _compiled });

    /// <summary>The ceiling: the scenario written out by hand, with the engines' results.</summary>
    [Benchmark(Baseline = true, Description = "Ceiling (hand-written scenario)")]
    public HandWrittenResult Ceiling() => _handWritten.Run();

    /// <summary>The transfers alone over dense arrays (not the scenario).</summary>
    [Benchmark(Description = "Transfers only (arrays)")]
    public UInt128 TransfersOnly() => Case.HookHeavy ? TransfersOnly(new BandRule(_tip)) : TransfersOnly(new PriorityFeeRule(_tip));

    /// <summary>The scenario of a case, built from the model records, and its hooks.</summary>
    public static (ScenarioModel Model, ImmutableArray<HookModel> Hooks) Model(CompiledEngineCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var rate = (double)c.Transactions / c.Rollups / DurationSeconds;
        var perBlock = rate / BlocksPerSecond;
        var gasLimit = (ulong)Math.Max(20, Math.Ceiling(2 * perBlock)) * TransferGas;
        var rollups = ImmutableArray.CreateBuilder<RollupModel>(c.Rollups);
        var hooks = ImmutableArray.CreateBuilder<HookModel>();
        var source = new SourceText("compiled-bench.proto-script", "ordering = csharp {" + BandHook + "}");
        for (var i = 0; i < c.Rollups; i++)
        {
            var name = "r" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            HookModel? hook = null;
            if (c.HookHeavy)
            {
                hook = new HookModel(HookKind.Ordering, "rollup " + name + " ordering", BandHook, false, source, new TextSpan("ordering = csharp {".Length, BandHook.Length));
                hooks.Add(hook);
            }

            rollups.Add(new RollupModel(name, SimDuration.FromMilliseconds(1000 / BlocksPerSecond), gasLimit, c.HookHeavy ? OrderingRule.Fcfs : OrderingRule.PriorityFee, Wei.PerGwei / 1_000, AccountsPerRollup, Wei.PerEther * 1_000)
            {
                OrderingHook = hook,
            });
        }

        var users = new UserStreamModel(
            rate,
            [.. rollups.Select(r => r.Name)],
            new DistributionModel(DistributionKind.Exponential, 0.01e9, 0),
            new DistributionModel(DistributionKind.Uniform, 0.001e18, 0.01e18));
        var model = new ScenarioModel(
            "compiled-engine-benchmark",
            42,
            SimDuration.FromSeconds(DurationSeconds),
            new L1Model("ethereum", SimDuration.FromSeconds(12)),
            rollups.MoveToImmutable(),
            new WorkloadModel([users]))
        {
            Hooks = hooks.ToImmutable(),
        };
        return (model, hooks.ToImmutable());
    }

    private UInt128 TransfersOnly<TRule>(TRule rule)
        where TRule : struct, ITransfersOnlyRule
    {
        _genesis.AsSpan().CopyTo(_balances);
        Array.Clear(_nonces);
        var balances = _balances;
        var nonces = _nonces;
        var heap = _heap;
        var blockStart = _blockStart;
        var baseFee = _baseFee;
        UInt128 burned = 0;
        var blocksPerRollup = (blockStart.Length - 1) / Case.Rollups;
        for (var b = 0; b + 1 < blockStart.Length; b++)
        {
            // The block's arrivals, ranked by the rule in a binary heap, then executed in that order.
            var count = 0;
            for (var t = blockStart[b]; t < blockStart[b + 1]; t++)
            {
                var i = count++;
                while (i > 0 && rule.Compare(t, heap[(i - 1) >> 1]) < 0)
                {
                    heap[i] = heap[(i - 1) >> 1];
                    i = (i - 1) >> 1;
                }

                heap[i] = t;
            }

            var sequencer = ((b / blocksPerRollup) + 1) * (AccountsPerRollup + 1) - 1;
            while (count > 0)
            {
                var tx = heap[0];
                var last = heap[--count];
                var i = 0;
                while (true)
                {
                    var child = (2 * i) + 1;
                    if (child >= count)
                    {
                        break;
                    }

                    if (child + 1 < count && rule.Compare(heap[child + 1], heap[child]) < 0)
                    {
                        child++;
                    }

                    if (rule.Compare(heap[child], last) >= 0)
                    {
                        break;
                    }

                    heap[i] = heap[child];
                    i = child;
                }

                heap[i] = last;

                var sender = _from[tx];
                var burn = TransferGas * baseFee;
                var priority = TransferGas * _tip[tx];
                var total = _value[tx] + burn + priority;
                if (balances[sender] < total)
                {
                    continue;
                }

                balances[sender] -= total;
                balances[_to[tx]] += _value[tx];
                balances[sequencer] += priority;
                nonces[sender]++;
                burned += burn;
            }
        }

        return burned;
    }

    private void DrawTransfersOnlyWorkload()
    {
        var rollups = Case.Rollups;
        var blocks = DurationSeconds * BlocksPerSecond;
        var rate = (double)Case.Transactions / rollups / DurationSeconds;
        var random = new Random(7);
        var from = new List<int>();
        var to = new List<int>();
        var value = new List<UInt128>();
        var tip = new List<UInt128>();
        _blockStart = new int[(rollups * blocks) + 1];
        var maxBlock = 0;
        for (var r = 0; r < rollups; r++)
        {
            var offset = r * (AccountsPerRollup + 1);
            var time = 0.0;
            var block = 0;
            var blockFirst = from.Count;
            while (true)
            {
                time += -Math.Log(1 - random.NextDouble()) / rate;
                var arrivalBlock = (int)(time * BlocksPerSecond);
                while (block < blocks && block < arrivalBlock)
                {
                    maxBlock = Math.Max(maxBlock, from.Count - blockFirst);
                    _blockStart[(r * blocks) + block + 1] = from.Count;
                    blockFirst = from.Count;
                    block++;
                }

                if (block >= blocks)
                {
                    break;
                }

                var sender = random.Next(AccountsPerRollup);
                var receiver = random.Next(AccountsPerRollup - 1);
                from.Add(offset + sender);
                to.Add(offset + (receiver >= sender ? receiver + 1 : receiver));
                value.Add((UInt128)(ulong)(1e15 + (random.NextDouble() * 9e15)));
                tip.Add((UInt128)(ulong)(-Math.Log(1 - random.NextDouble()) * 1e7));
            }
        }

        _from = [.. from];
        _to = [.. to];
        _value = [.. value];
        _tip = [.. tip];
        _heap = new int[maxBlock + 1];
        _genesis = new UInt128[rollups * (AccountsPerRollup + 1)];
        for (var r = 0; r < rollups; r++)
        {
            _genesis.AsSpan(r * (AccountsPerRollup + 1), AccountsPerRollup).Fill(Wei.PerEther * 1_000);
        }

        _balances = new UInt128[_genesis.Length];
        _nonces = new ulong[_genesis.Length];
        _baseFee = Wei.PerGwei / 1_000;
    }

    /// <summary>The transfers-only loop's ordering: transfer indices double as arrival order within a block.</summary>
    private interface ITransfersOnlyRule
    {
        int Compare(int x, int y);
    }

    private readonly struct PriorityFeeRule(UInt128[] tip) : ITransfersOnlyRule
    {
        public int Compare(int x, int y)
        {
            var byFee = tip[y].CompareTo(tip[x]);
            return byFee != 0 ? byFee : x.CompareTo(y);
        }
    }

    private readonly struct BandRule(UInt128[] tip) : ITransfersOnlyRule
    {
        public int Compare(int x, int y)
        {
            var bandX = tip[x] / Band;
            var bandY = tip[y] / Band;
            return bandX != bandY ? bandY.CompareTo(bandX) : x.CompareTo(y);
        }
    }
}
