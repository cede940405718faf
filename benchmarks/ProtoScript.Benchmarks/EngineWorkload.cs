using System.Collections.Concurrent;
using System.Collections.Immutable;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Benchmarks;

/// <summary>
/// The engine benchmark's scenario, built directly from the model records: one rollup with
/// 10 000 funded accounts and users sending about 1 000 000 transfers in 100 simulated
/// seconds, into blocks with room for twice the mean demand (so queues stay short and
/// almost every transfer is included).
/// </summary>
public static class EngineWorkload
{
    /// <summary>User accounts at genesis.</summary>
    public const int Accounts = 10_000;

    /// <summary>Transfers per simulated second.</summary>
    public const double RatePerSecond = 10_000;

    /// <summary>Simulated seconds.</summary>
    public const int DurationSeconds = 100;

    /// <summary>
    /// The expected number of transfers, used as BenchmarkDotNet's <c>OperationsPerInvoke</c>
    /// (an attribute argument, so it must be a constant). The exact included count of each run
    /// is within 1 % of it (checked in setup); the <c>Tx/s</c> column uses the exact count.
    /// </summary>
    public const int NominalTransfers = 1_000_000;

    private static readonly ConcurrentDictionary<OrderingRule, HandWrittenResult> ReferenceCache = new();

    /// <summary>The scenario with the given ordering rule (and, for the memory runs, another arrival rate).</summary>
    public static ScenarioModel Model(OrderingRule ordering, double ratePerSecond = RatePerSecond)
    {
        var rollup = new RollupModel(
            Name: "bench",
            BlockTime: SimDuration.FromMilliseconds(100),
            GasLimit: 2 * 1_000 * 21_000, // 2 000 transfers per block; mean demand is 1 000
            Ordering: ordering,
            BaseFee: Wei.PerGwei / 1_000, // 0.001 gwei
            Accounts: Accounts,
            InitialBalance: Wei.PerEther * 1_000);
        var users = new UserStreamModel(
            ratePerSecond,
            ["bench"],
            new DistributionModel(DistributionKind.Exponential, 0.01e9, 0), // 0.01 gwei
            new DistributionModel(DistributionKind.Uniform, 0.001e18, 0.01e18)); // 0.001 to 0.01 eth
        return new ScenarioModel(
            "engine-benchmark",
            42,
            SimDuration.FromSeconds(DurationSeconds),
            new L1Model("ethereum", SimDuration.FromSeconds(12)),
            [rollup],
            new WorkloadModel(ImmutableArray.Create(users)));
    }

    /// <summary>
    /// The transactions a run includes, measured by running it once (per process and ordering);
    /// throws if it is not within 1 % of <see cref="NominalTransfers"/>.
    /// </summary>
    public static long IncludedTransactions(OrderingRule ordering) => Reference(ordering).Included;

    /// <summary>
    /// The engine's numbers for the scenario (<see cref="HandWrittenScenario.Summarize"/> of one
    /// <see cref="Simulator.Run"/>, per process and ordering); throws if the included count is
    /// not within 1 % of <see cref="NominalTransfers"/>.
    /// </summary>
    public static HandWrittenResult Reference(OrderingRule ordering) => ReferenceCache.GetOrAdd(ordering, static o =>
    {
        var result = HandWrittenScenario.Summarize(Simulator.Run(Model(o)));
        var included = result.Included;
        if (Math.Abs(included - NominalTransfers) > NominalTransfers / 100)
        {
            throw new InvalidOperationException(FormattableString.Invariant(
                $"The engine benchmark included {included} transactions; expected {NominalTransfers} within 1 %."));
        }

        return result;
    });
}
