using System.Collections.Immutable;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

internal static class TestScenarios
{
    public static readonly UInt128 Gwei = Wei.PerGwei;

    /// <summary>Binds a scenario written in the language, failing the test with its diagnostics if it has errors.</summary>
    public static ScenarioModel Bind(string text, string path = "test.proto-script")
    {
        var compiled = ProtoScript.Language.ScenarioCompiler.Compile(path, text);
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics));
        return compiled.Model!;
    }

    public static RollupModel Rollup(
        string name,
        OrderingRule ordering = OrderingRule.PriorityFee,
        int accounts = 100,
        UInt128? initialBalance = null,
        ulong gasLimit = 30_000_000,
        long blockTimeMs = 2_000,
        UInt128? baseFee = null) =>
        new(name, SimDuration.FromMilliseconds(blockTimeMs), gasLimit, ordering, baseFee ?? Gwei, accounts,
            initialBalance ?? 100 * Wei.PerEther);

    public static UserStreamModel Users(double ratePerSecond, params string[] rollups) =>
        new(ratePerSecond,
            [.. rollups],
            new DistributionModel(DistributionKind.Exponential, 2e9, 0),
            new DistributionModel(DistributionKind.Uniform, 1e15, 1e17));

    /// <summary>Two rollups with different ordering rules and a workload on both.</summary>
    public static ScenarioModel TwoRollups(ulong seed = 42, long durationSeconds = 60, double rate = 50) =>
        new("two rollups",
            seed,
            SimDuration.FromSeconds(durationSeconds),
            new L1Model("ethereum", SimDuration.FromSeconds(12)),
            [Rollup("A", OrderingRule.PriorityFee), Rollup("B", OrderingRule.Fcfs, accounts: 50, blockTimeMs: 250)],
            new WorkloadModel([Users(rate, "A", "B")]));

    public static ScenarioModel Single(RollupModel rollup, UserStreamModel users, long durationSeconds, ulong seed = 1) =>
        new("single", seed, SimDuration.FromSeconds(durationSeconds),
            new L1Model("ethereum", SimDuration.FromSeconds(12)),
            [rollup], new WorkloadModel(ImmutableArray.Create(users)));
}
