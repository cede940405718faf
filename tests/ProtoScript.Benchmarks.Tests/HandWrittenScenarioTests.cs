using System.Collections.Immutable;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;
using ProtoScript.Scripting;

namespace ProtoScript.Benchmarks.Tests;

public class HandWrittenScenarioTests
{
    [Theory]
    [InlineData(OrderingRule.Fcfs)]
    [InlineData(OrderingRule.PriorityFee)]
    public void Matches_the_engine_on_the_engine_benchmark_scenario(OrderingRule ordering)
    {
        var model = EngineWorkload.Model(ordering) with { Duration = SimDuration.FromSeconds(2) };

        var hand = new HandWrittenScenario(model).Run();
        var engine = HandWrittenScenario.Summarize(Simulator.Run(model));

        Assert.Equal(engine.Describe(), hand.Describe());
        Assert.Equal(engine, hand);
        Assert.Equal(20, hand.Rollups[0].Blocks); // 2 s of 100 ms blocks
        Assert.True(hand.Included > 19_000, "about 10 000 transfers a second are sent and all fit");
    }

    [Theory]
    [InlineData(OrderingRule.Fcfs)]
    [InlineData(OrderingRule.PriorityFee)]
    public void Matches_the_engine_under_congestion_drops_batches_and_ties(OrderingRule ordering)
    {
        var model = Stress(ordering, rollups: 3);

        var hand = new HandWrittenScenario(model).Run();
        var engine = HandWrittenScenario.Summarize(Simulator.Run(model));

        Assert.Equal(engine.Describe(), hand.Describe());
        Assert.Equal(engine, hand);

        // The scenario really exercises what it is for: a backlog, senders that run dry,
        // several batches landing on L1 and postings still waiting at the end.
        var first = hand.Rollups[0];
        Assert.True(first.Pending > 0, "blocks hold 500 transfers and 2 000 arrive per block");
        Assert.True(first.Rejected > 0, "genesis balances run out: " + first);
        Assert.True(first.DataAvailability.BatchesConfirmed >= 2, first.DataAvailability.ToString());
        Assert.Equal(60, first.Blocks);
    }

    [Theory]
    [InlineData(OrderingRule.Fcfs)]
    [InlineData(OrderingRule.PriorityFee)]
    public void Matches_the_engine_when_arrivals_fall_on_block_times(OrderingRule ordering)
    {
        // A block every 2 us and an arrival every 2 us on average: most arrivals share a
        // microsecond with a block, and whether each goes in that block or the next depends on
        // when the two events were scheduled (gaps above, equal to and below the block time).
        var rollup = new RollupModel("tight", new SimDuration(2), 4 * 21_000, ordering, Wei.PerGwei / 1_000, 50, Wei.PerEther)
        {
            Batch = BatchModel.Default with { Every = SimDuration.FromMilliseconds(5) },
        };
        var users = new UserStreamModel(
            500_000,
            ["tight"],
            new DistributionModel(DistributionKind.Exponential, 0.01e9, 0),
            new DistributionModel(DistributionKind.Uniform, 0.001e18, 0.01e18));
        var model = new ScenarioModel("ties", 3, SimDuration.FromMilliseconds(20), new L1Model("ethereum", SimDuration.FromMilliseconds(1)), [rollup], new WorkloadModel([users]));

        var hand = new HandWrittenScenario(model).Run();
        var engine = HandWrittenScenario.Summarize(Simulator.Run(model));

        Assert.Equal(engine.Describe(), hand.Describe());
        Assert.Equal(engine, hand);
        Assert.Equal(10_000, hand.Rollups[0].Blocks);
    }

    [Fact]
    public void Matches_the_scripted_engine_with_the_compiled_benchmarks_fee_band_hook()
    {
        // The compiled-engine benchmark's hook-heavy case: two rollups ordered by a C# hook
        // (fee bands of 0.01 gwei, then arrival), which the hand-written scenario inlines; with
        // blocks cut to half the demand, so that the order decides what is included.
        var (model, hooks) = CompiledEngineBenchmarks.Model(new CompiledEngineCase(2, 20_000, HookHeavy: true));
        model = model with { Duration = SimDuration.FromSeconds(3), Rollups = [.. model.Rollups.Select(r => r with { GasLimit = r.GasLimit / 4 })] };
        using var compiled = new HookCompiler(new HookOptions { UseCache = false }).Compile(hooks).Hooks;
        Assert.NotNull(compiled);

        var hand = new HandWrittenScenario(model, hookFeeBand: 10_000_000).Run();
        var engine = HandWrittenScenario.Summarize(Simulator.Run(model, new SimulationOptions { Rules = compiled }));

        Assert.Equal(engine.Describe(), hand.Describe());
        Assert.Equal(engine, hand);
        Assert.NotEqual(hand.Rollups[0].StateRoot, new HandWrittenScenario(model, hookFeeBand: 1).Run().Rollups[0].StateRoot);
    }

    [Fact]
    public void Fcfs_and_priority_fee_differ_under_congestion()
    {
        // Guards the test above: under a backlog the ordering decides which transfers are
        // included, so the two rules cannot share a root by accident.
        var fcfs = new HandWrittenScenario(Stress(OrderingRule.Fcfs, rollups: 1)).Run();
        var fee = new HandWrittenScenario(Stress(OrderingRule.PriorityFee, rollups: 1)).Run();

        Assert.NotEqual(fcfs.Rollups[0].StateRoot, fee.Rollups[0].StateRoot);
    }

    [Fact]
    public void Refuses_a_scenario_it_does_not_implement()
    {
        var model = EngineWorkload.Model(OrderingRule.Random);

        var error = Assert.Throws<NotSupportedException>(() => new HandWrittenScenario(model));
        Assert.Contains("rollup bench", error.Message, StringComparison.Ordinal);
    }

    // 6 simulated seconds at 20 000 transfers a second per rollup among 200 accounts with 0.02
    // ether each (so senders run dry), blocks of 500 transfers every 100 ms, a batch every 2 s and an L1 block every
    // second. Gaps of 50 us on average put a few arrivals on a block's exact microsecond.
    private static ScenarioModel Stress(OrderingRule ordering, int rollups)
    {
        var names = Enumerable.Range(0, rollups).Select(i => "r" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToImmutableArray();
        var models = names.Select(name => new RollupModel(
            name,
            SimDuration.FromMilliseconds(100),
            500 * 21_000,
            ordering,
            Wei.PerGwei / 1_000,
            200,
            Wei.PerEther / 50)
        {
            Batch = BatchModel.Default with { Every = SimDuration.FromSeconds(2) },
        }).ToImmutableArray();
        var users = new UserStreamModel(
            20_000,
            names,
            new DistributionModel(DistributionKind.Exponential, 0.01e9, 0),
            new DistributionModel(DistributionKind.Uniform, 0.001e18, 0.01e18));
        return new ScenarioModel(
            "hand-written-stress",
            7,
            SimDuration.FromSeconds(6),
            new L1Model("ethereum", SimDuration.FromSeconds(1)),
            models,
            new WorkloadModel([users]));
    }
}
