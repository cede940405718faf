using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Reporting.Tests;

public class EndToEndReportTests
{
    private static ScenarioModel Scenario(ulong seed) => new(
        "end to end",
        seed,
        SimDuration.FromSeconds(120),
        new L1Model("ethereum", SimDuration.FromSeconds(12)),
        [
            new RollupModel("A", SimDuration.FromSeconds(2), 30_000_000, OrderingRule.PriorityFee, Wei.PerGwei, 100, 10 * Wei.PerEther),
            new RollupModel("B", SimDuration.FromMilliseconds(250), 1_000_000, OrderingRule.Fcfs, Wei.PerGwei / 10, 100, 10 * Wei.PerEther),
        ],
        new WorkloadModel(
        [
            new UserStreamModel(
                40,
                ["A", "B"],
                new DistributionModel(DistributionKind.Normal, 2e9, 1e9),
                new DistributionModel(DistributionKind.Exponential, 1e16, 0)),
        ]));

    [Fact]
    public void Same_scenario_and_seed_give_byte_identical_reports()
    {
        var first = Simulator.Run(Scenario(3));
        var second = Simulator.Run(Scenario(3));

        Assert.Equal(first, second);
        Assert.Equal(TextReportWriter.Write(first), TextReportWriter.Write(second));
        Assert.Equal(JsonReportWriter.Write(first), JsonReportWriter.Write(second));
    }

    [Fact]
    public void Another_seed_gives_another_report()
    {
        Assert.NotEqual(TextReportWriter.Write(Simulator.Run(Scenario(3))), TextReportWriter.Write(Simulator.Run(Scenario(4))));
    }
}
