using System.Globalization;
using BenchmarkDotNet.Attributes;
using ProtoScript.Engine.Amm;
using ProtoScript.Language.Model;

namespace ProtoScript.Benchmarks;

/// <summary>
/// Issue 4's full-run benchmark: <see cref="FullRunScenario"/> (one rollup, transfers and
/// swaps, arbitrageurs, batching, Brotli, blobs) run by the engine as the sequencer does, and
/// again with derivation on (every block re-derived from the L1 data and its state root
/// compared), against the baseline: a hand-written minimal state-transition loop doing the
/// same number of transfers and swaps (balances, nonces, fee arithmetic and constant-product
/// math over dense arrays; no blocks, roots, batches or metrics). Times are per transaction
/// (<c>OperationsPerInvoke</c> = the nominal 1 000 000).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TransactionsConfig))]
public class FullRunBenchmarks
{
    private const ulong TransferGas = 21_000;
    private const ulong SwapGas = 100_000;
    private static readonly SwapFee Fee = SwapFee.UniswapV2;

    private byte[] _kind = [];
    private int[] _from = [];
    private int[] _to = [];
    private UInt128[] _amount = [];
    private UInt128[] _tip = [];
    private UInt128[] _ether = [];
    private UInt128[] _usdc = [];
    private ulong[] _nonces = [];

    /// <summary>
    /// How batches are compressed: <c>Brotli</c> as the scenario says, or <c>None</c>, which
    /// separates the engine's own cost from the compressor library's.
    /// </summary>
    [Params(CompressionKind.Brotli, CompressionKind.None)]
    public CompressionKind Compression { get; set; }

    /// <summary>Runs the scenario once each way (warm-up and the counts' check) and draws the baseline's transactions.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var run = FullRunScenario.Measure(derive: false, Compression);
        var derived = FullRunScenario.Measure(derive: true, Compression);
        Console.WriteLine(FormattableString.Invariant(
            $"// full run, {Compression}: {run.Included} transactions included ({run.Swaps} swaps); derivation rebuilt {derived.BlocksDerived} blocks, {derived.BlocksMatched} matched"));

        var count = (int)run.Included;
        var random = new Random(7);
        _kind = new byte[count];
        _from = new int[count];
        _to = new int[count];
        _amount = new UInt128[count];
        _tip = new UInt128[count];
        for (var i = 0; i < count; i++)
        {
            var from = random.Next(10_000);
            var to = random.Next(9_999);
            _kind[i] = (byte)(random.NextDouble() < 0.2 ? 1 + random.Next(2) : 0); // 0 transfer, 1 sell eth, 2 buy eth
            _from[i] = from;
            _to[i] = to >= from ? to + 1 : to;
            _amount[i] = _kind[i] == 2
                ? (UInt128)(ulong)(-Math.Log(1 - random.NextDouble()) * 1_500e6) // usdc, 6 decimals
                : (UInt128)(ulong)(_kind[i] == 0 ? 1e15 + (random.NextDouble() * 9e15) : -Math.Log(1 - random.NextDouble()) * 0.5e18);
            _tip[i] = (UInt128)(ulong)(-Math.Log(1 - random.NextDouble()) * 1e7);
        }

        _ether = new UInt128[10_002]; // users, the sequencer, the pool
        _usdc = new UInt128[10_002];
        _nonces = new ulong[10_002];
    }

    /// <summary>The engine as the sequencer: execute, build blocks, state roots, batch, compress, post to L1.</summary>
    [Benchmark(OperationsPerInvoke = FullRunScenario.NominalTransactions, Description = "Engine: run")]
    public FullRunScenario.Counts Run() => FullRunScenario.Run(Compression);

    /// <summary>The same run keeping its L1 data, then every block derived from L1 alone and compared.</summary>
    [Benchmark(OperationsPerInvoke = FullRunScenario.NominalTransactions, Description = "Engine: run + derive")]
    public FullRunScenario.Counts RunAndDerive() => FullRunScenario.RunAndDerive(Compression);

    /// <summary>The hand-written minimal loop: what the transfers and swaps alone cost.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = FullRunScenario.NominalTransactions, Description = "Minimal loop (arrays)")]
    public UInt128 MinimalLoop()
    {
        const int sequencer = 10_000;
        const int pool = 10_001;
        var ether = _ether;
        var usdc = _usdc;
        ether.AsSpan(0, sequencer).Fill(UInt128.Parse("1000000000000000000000", CultureInfo.InvariantCulture));
        usdc.AsSpan(0, sequencer).Fill(3_000_000_000_000);
        ether[sequencer] = 0;
        ether[pool] = UInt128.Parse("100000000000000000000000", CultureInfo.InvariantCulture);
        usdc[pool] = 300_000_000_000_000;
        Array.Clear(_nonces);
        var nonces = _nonces;
        var baseFee = (UInt128)1_000_000; // 0.001 gwei
        UInt128 burned = 0;
        for (var i = 0; i < _kind.Length; i++)
        {
            var sender = _from[i];
            var gas = _kind[i] == 0 ? TransferGas : SwapGas;
            var burn = gas * baseFee;
            var priority = gas * _tip[i];
            var amount = _amount[i];
            switch (_kind[i])
            {
                case 0:
                    if (ether[sender] < amount + burn + priority)
                    {
                        continue;
                    }

                    ether[sender] -= amount + burn + priority;
                    ether[_to[i]] += amount;
                    break;
                case 1:
                    {
                        if (ether[sender] < amount + burn + priority)
                        {
                            continue;
                        }

                        var output = ConstantProductMath.GetAmountOut(amount, ether[pool], usdc[pool], Fee);
                        ether[sender] -= amount + burn + priority;
                        ether[pool] += amount;
                        usdc[pool] -= output;
                        usdc[sender] += output;
                        break;
                    }

                default:
                    {
                        if (ether[sender] < burn + priority || usdc[sender] < amount)
                        {
                            continue;
                        }

                        var output = ConstantProductMath.GetAmountOut(amount, usdc[pool], ether[pool], Fee);
                        ether[sender] -= burn + priority;
                        usdc[sender] -= amount;
                        usdc[pool] += amount;
                        ether[pool] -= output;
                        ether[sender] += output;
                        break;
                    }
            }

            ether[sequencer] += priority;
            nonces[sender]++;
            burned += burn;
        }

        return burned;
    }
}
