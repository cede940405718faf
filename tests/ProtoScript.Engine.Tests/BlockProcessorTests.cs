using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class BlockProcessorTests
{
    private static RollupChain WithOneTransfer()
    {
        var chain = new RollupChain(TestScenarios.Rollup("A", OrderingRule.Fcfs, accounts: 4), new FcfsOrdering());
        chain.Submit(new Transaction(0, 1, Wei.PerEther, 0, TestScenarios.Gwei, Transaction.TransferGas, SimDuration.FromSeconds(1)));
        return chain;
    }

    [Fact]
    public void A_block_opened_and_finished_through_the_public_api_is_the_block_ProduceBlock_seals()
    {
        var produced = WithOneTransfer();
        produced.ProduceBlock(SimDuration.FromSeconds(2));

        var byHand = WithOneTransfer();
        byHand.BeginBlock(SimDuration.FromSeconds(2));
        byHand.FinishBlock(SimDuration.FromSeconds(2));

        Assert.Equal(produced.StateRootHex, byHand.StateRootHex);
        Assert.Equal(1UL, byHand.Tree.SoftHead);
        Assert.Equal(1L, byHand.Metrics.Included);
        Assert.Equal(produced.Fees.Total, byHand.Fees.Total);
    }

    [Fact]
    public void Sealing_books_the_tip_as_a_priority_fee_and_the_base_fee_as_burned()
    {
        var chain = WithOneTransfer();
        chain.ProduceBlock(SimDuration.FromSeconds(2));

        var gas = (UInt128)Transaction.TransferGas;
        Assert.Equal(gas * TestScenarios.Gwei, chain.Fees[new FeeActor(Role.Sequencer), FeeKind.PriorityFee]);
        Assert.Equal(gas * chain.Model.BaseFee, chain.Fees[new FeeActor(Role.Burned), FeeKind.BaseFee]);
        Assert.Equal(UInt128.Zero, chain.Fees.Of(Role.Sequencer, FeeKind.AuctionPayment));
    }
}
