using ProtoScript.Language.Model;

namespace ProtoScript.Reporting.Tests;

public class ConservationExpectationTests
{
    private static readonly ScenarioModel Model = new(
        "c",
        1,
        SimDuration.FromSeconds(60),
        new L1Model("ethereum", SimDuration.FromSeconds(12)),
        [],
        new WorkloadModel([]))
    {
        Expectations = [new ExpectationModel(ExpectationKind.ConservedTotalSupply, "conserved total_supply", new SourceLocation("c.proto-script", 3, 5))],
    };

    [Fact]
    public void A_supply_that_broke_during_the_run_fails_and_names_the_first_block_even_if_the_end_balances_agree()
    {
        var sample = SampleResults.Small();
        var broken = sample with
        {
            Rollups = [sample.Rollups[0] with { Supply = sample.Rollups[0].Supply with { FirstUnconservedBlock = 17 } }, .. sample.Rollups.Skip(1)],
        };
        Assert.Equal(sample.Rollups[0].Supply.InAccounts + sample.Rollups[0].Supply.Burned, sample.Rollups[0].Supply.Genesis);

        var outcome = Assert.Single(ExpectationChecker.Check(Model, broken));

        Assert.False(outcome.Passed);
        Assert.Equal("not conserved on A (first after block 17)", outcome.Actual);
        Assert.True(Assert.Single(ExpectationChecker.Check(Model, sample)).Passed);
    }
}
