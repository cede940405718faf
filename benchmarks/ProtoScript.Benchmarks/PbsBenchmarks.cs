using BenchmarkDotNet.Attributes;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language;
using ProtoScript.Language.Model;

namespace ProtoScript.Benchmarks;

/// <summary>
/// Issue 15's benchmark: the same users on the same rollup, once under one bundled sequencer
/// (the baseline) and once under proposer–builder separation with four competing builders of
/// different latency, exclusive flow and bid. Times are per included transaction: both runs
/// include the same users' transactions (checked in the setup within 1 %), so the ratio column
/// is the cost of four builders per simulated transaction. The target is at most 5×.
/// </summary>
[MemoryDiagnoser]
public class PbsBenchmarks
{
    /// <summary>The users' transactions a run includes, nominally (10 simulated minutes at 400 per second).</summary>
    public const int NominalTransactions = 240_000;

    private const string Users = """
        workload {
          users = poisson(400 / s) on A
          priority_fee = exponential(0.01 gwei)
          value = uniform(0.001 eth, 0.01 eth)
        }
        """;

    private const string Rollup = """
        seed 1
        duration 10 min
        rollup A {
          block_time = 2 s
          gas_limit = 30_000_000
          ordering = priority_fee
          accounts 20_000 funded 100 eth
          batch { compression = none }
        }
        """;

    private const string Builders = """
        builder b1 for A { latency = 10 ms  bid = 90 % }
        builder b2 for A { latency = 30 ms  exclusive_flow = 10 %  bid = 80 % }
        builder b3 for A { latency = 50 ms  exclusive_flow = 5 %  bid = 95 % }
        builder b4 for A { latency = 80 ms  bid = 99 % }
        """;

    /// <summary>The scenario with one bundled sequencer.</summary>
    public static string BundledText { get; } = "scenario \"pbs bench: one sequencer\" {\n" + Rollup + "\n" + Users + "\n}\n";

    /// <summary>The same scenario with four PBS builders.</summary>
    public static string BuildersText { get; } = "scenario \"pbs bench: four builders\" {\n" + Rollup + "\n" + Builders + "\n" + Users + "\n}\n";

    private ScenarioModel _bundled = null!;
    private ScenarioModel _builders = null!;

    /// <summary>Compiles both scenarios and checks that they include the same transactions.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _bundled = Compile("pbs-bundled.proto-script", BundledText);
        _builders = Compile("pbs-builders.proto-script", BuildersText);
        var bundled = Included(_bundled);
        var builders = Included(_builders);
        Console.WriteLine(FormattableString.Invariant($"// pbs: one sequencer included {bundled} transactions, four builders {builders}"));
        foreach (var included in new[] { bundled, builders })
        {
            if (Math.Abs(included - NominalTransactions) > NominalTransactions / 100)
            {
                throw new InvalidOperationException(FormattableString.Invariant(
                    $"The PBS benchmark included {included} transactions; expected {NominalTransactions} within 1 %."));
            }
        }
    }

    /// <summary>One bundled sequencer orders and executes every block.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = NominalTransactions, Description = "One sequencer")]
    public long OneSequencer() => Included(_bundled);

    /// <summary>Four builders each build a candidate per slot; the proposer's auction picks one.</summary>
    [Benchmark(OperationsPerInvoke = NominalTransactions, Description = "Four PBS builders")]
    public long FourBuilders() => Included(_builders);

    /// <summary>Runs a scenario and returns the transactions its rollup included.</summary>
    public static long Included(ScenarioModel model) => Simulator.Run(model).Rollups[0].Transactions.Included;

    /// <summary>Compiles one of the benchmark's scenario texts.</summary>
    public static ScenarioModel Compile(string path, string text)
    {
        var result = ScenarioCompiler.Compile(path, text);
        return result.Model ?? throw new InvalidOperationException(
            "The PBS benchmark scenario does not compile: " + string.Join("; ", result.Diagnostics));
    }
}
