using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class RunProgressTests
{
    private static ScenarioModel Scenario() =>
        TestScenarios.Single(TestScenarios.Rollup("A", OrderingRule.Fcfs), TestScenarios.Users(20, "A"), 120);

    [Fact]
    public void Progress_is_reported_a_hundred_times_in_simulated_time_order_ending_at_the_duration()
    {
        var seen = new List<RunProgress>();

        var result = Simulator.Run(Scenario(), SimulationOptions.Default with { Progress = seen.Add });

        Assert.Equal(100, seen.Count);
        Assert.Equal(new SimDuration(1_200_000), seen[0].Now);
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First.Now < p.Second.Now && p.First.Blocks <= p.Second.Blocks && p.First.Transactions <= p.Second.Transactions));
        Assert.Equal(SimDuration.FromSeconds(120), seen[^1].Now);
        Assert.Equal(result.Rollups[0].Blocks, seen[^1].Blocks);
        Assert.Equal(result.Rollups[0].Transactions.Included, seen[^1].Transactions);
    }

    [Fact]
    public void A_run_watched_for_progress_is_the_same_run()
    {
        var watched = Simulator.Run(Scenario(), SimulationOptions.Default with { Progress = _ => { } });
        var plain = Simulator.Run(Scenario());

        Assert.Equal(plain.Rollups[0].StateRoot, watched.Rollups[0].StateRoot);
        Assert.Equal(plain.Rollups[0].InclusionLatency, watched.Rollups[0].InclusionLatency);
        Assert.Equal(plain.Rollups[0].Fees, watched.Rollups[0].Fees);
    }
}
