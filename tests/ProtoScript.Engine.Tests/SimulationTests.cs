using Microsoft.Extensions.DependencyInjection;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class SimulationTests
{
    [Fact]
    public void Same_scenario_and_seed_give_identical_results()
    {
        var first = Simulator.Run(TestScenarios.TwoRollups(seed: 42));
        var second = Simulator.Run(TestScenarios.TwoRollups(seed: 42));

        Assert.Equal(first, second);
        Assert.True(first.Rollups[0].Transactions.Included > 0);
    }

    [Fact]
    public void Different_seeds_give_different_runs()
    {
        var a = Simulator.Run(TestScenarios.TwoRollups(seed: 42));
        var b = Simulator.Run(TestScenarios.TwoRollups(seed: 43));

        Assert.NotEqual(a, b);
        Assert.NotEqual(a.Rollups[0].StateRoot, b.Rollups[0].StateRoot);
    }

    [Fact]
    public void Supply_is_conserved_on_every_rollup()
    {
        var result = Simulator.Run(TestScenarios.TwoRollups(durationSeconds: 300));

        foreach (var rollup in result.Rollups)
        {
            Assert.True(rollup.Supply.Conserved, rollup.Name);
            Assert.Equal(rollup.Supply.Genesis, rollup.Supply.InAccounts + rollup.Fees.BaseFeeBurned);
            Assert.True(rollup.Fees.BaseFeeBurned > 0);
        }
    }

    [Fact]
    public void Supply_is_conserved_when_poor_senders_are_rejected()
    {
        // 0.05 ETH each and transfers up to 0.1 ETH: many senders run dry.
        var scenario = TestScenarios.Single(
            TestScenarios.Rollup("A", accounts: 20, initialBalance: Wei.PerEther / 20),
            TestScenarios.Users(20, "A"),
            durationSeconds: 120);

        var rollup = Simulator.Run(scenario).Rollups[0];

        Assert.True(rollup.Transactions.Rejected[0].Count > 0);
        Assert.True(rollup.Supply.Conserved);
        Assert.Equal(rollup.Transactions.Submitted, rollup.Transactions.Included + rollup.Transactions.RejectedTotal + rollup.Transactions.Pending);
    }

    [Fact]
    public void Blocks_are_produced_every_block_time_up_to_the_end()
    {
        var result = Simulator.Run(TestScenarios.TwoRollups(durationSeconds: 60));

        Assert.Equal(5, result.L1.Blocks);
        Assert.Equal(30, result.Rollups[0].Blocks);
        Assert.Equal(240, result.Rollups[1].Blocks);
    }

    [Fact]
    public void Ordering_rule_changes_latency_but_not_the_workload()
    {
        // Congested: 15/s against 20 transfers per 2 s block, so the rule decides who waits.
        ScenarioModel With(OrderingRule rule) => TestScenarios.Single(
            TestScenarios.Rollup("A", rule, accounts: 200, gasLimit: 20 * 21_000),
            TestScenarios.Users(15, "A"),
            durationSeconds: 120);

        var fcfs = Simulator.Run(With(OrderingRule.Fcfs)).Rollups[0];
        var priority = Simulator.Run(With(OrderingRule.PriorityFee)).Rollups[0];

        Assert.Equal(fcfs.Transactions.Submitted, priority.Transactions.Submitted);
        Assert.Equal(fcfs.Transactions.Included, priority.Transactions.Included);
        Assert.NotEqual(fcfs.InclusionLatency, priority.InclusionLatency);
        Assert.True(priority.Fees.PriorityFeeToSequencer > fcfs.Fees.PriorityFeeToSequencer);
    }

    [Fact]
    public void Random_ordering_is_fixed_by_the_seed_and_ignores_both_fee_and_arrival()
    {
        ScenarioModel With(OrderingRule rule, ulong seed) => TestScenarios.Single(
            TestScenarios.Rollup("A", rule, accounts: 200, gasLimit: 20 * 21_000),
            TestScenarios.Users(15, "A"),
            durationSeconds: 120) with
        { Seed = seed };

        var random = Simulator.Run(With(OrderingRule.Random, 5)).Rollups[0];
        Assert.Equal(random, Simulator.Run(With(OrderingRule.Random, 5)).Rollups[0]);
        var fcfs = Simulator.Run(With(OrderingRule.Fcfs, 5)).Rollups[0];
        Assert.Equal(fcfs.Transactions.Submitted, random.Transactions.Submitted);
        Assert.Equal("random", random.Ordering);

        // Under congestion a random order spreads waiting more widely than arrival order does.
        Assert.True(random.InclusionLatency.P99 > fcfs.InclusionLatency.P99, $"random p99 {random.InclusionLatency.P99} vs fcfs {fcfs.InclusionLatency.P99}");
        Assert.NotEqual(random.StateRoot, fcfs.StateRoot);
    }

    [Fact]
    public void A_scenario_referring_to_an_unknown_rollup_is_refused()
    {
        var scenario = TestScenarios.TwoRollups() with
        {
            Workload = new WorkloadModel([TestScenarios.Users(1, "C")]),
        };

        var error = Assert.Throws<ArgumentException>(() => Simulator.Run(scenario));
        Assert.Contains("unknown rollup 'C'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordering_rules_are_keyed_services_that_a_host_can_replace()
    {
        var services = new ServiceCollection();
        services.AddKeyedSingleton<IOrderingRule, LastComeFirstServed>(FcfsOrdering.Key);
        services.AddProtoScriptEngine();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<PriorityFeeOrdering>(provider.GetRequiredKeyedService<IOrderingRule>(PriorityFeeOrdering.Key));
        var result = provider.GetRequiredService<SimulationRunner>().Run(TestScenarios.TwoRollups());
        Assert.Equal("lcfs", result.Rollups[1].Ordering);
    }

    private sealed class LastComeFirstServed : IOrderingRule
    {
        public string Name => "lcfs";

        public int Compare(in Transaction x, in Transaction y) => y.ArrivalSequence.CompareTo(x.ArrivalSequence);
    }
}
