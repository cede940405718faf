using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class SupplyCheckTests
{
    [Fact]
    public void A_chain_checking_every_block_names_the_first_block_after_which_ether_appeared_from_nowhere()
    {
        var chain = new RollupChain(TestScenarios.Rollup("A"), new FcfsOrdering()) { CheckSupplyEachBlock = true };
        chain.ProduceBlock(SimDuration.FromSeconds(2));
        chain.ProduceBlock(SimDuration.FromSeconds(4));
        Assert.Null(chain.FirstUnconservedBlock);

        chain.State.Credit(0, 1); // one wei minted outside any transaction
        chain.ProduceBlock(SimDuration.FromSeconds(6));
        chain.ProduceBlock(SimDuration.FromSeconds(8));

        Assert.Equal(3, chain.FirstUnconservedBlock);
    }

    [Fact]
    public void Without_the_expectation_no_block_is_checked()
    {
        var chain = new RollupChain(TestScenarios.Rollup("A"), new FcfsOrdering());
        chain.State.Credit(0, 1);
        chain.ProduceBlock(SimDuration.FromSeconds(2));
        Assert.Null(chain.FirstUnconservedBlock);
    }

    [Fact]
    public void A_run_that_expects_conservation_checks_every_block_and_finds_it_conserved()
    {
        var expectation = new ExpectationModel(ExpectationKind.ConservedTotalSupply, "conserved total_supply", new SourceLocation("t.proto-script", 1, 1));
        var scenario = TestScenarios.TwoRollups(durationSeconds: 60) with { Expectations = [expectation] };
        var result = Simulator.Run(scenario);
        Assert.All(result.Rollups, r => Assert.Null(r.Supply.FirstUnconservedBlock));
        Assert.All(result.Rollups, r => Assert.True(r.Supply.Conserved));
    }
}
