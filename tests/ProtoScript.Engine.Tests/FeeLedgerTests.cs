using ProtoScript.Engine.Chains;
using ProtoScript.Hooks;

namespace ProtoScript.Engine.Tests;

public class FeeLedgerTests
{
    [Fact]
    public void Several_members_of_a_role_each_have_their_own_totals()
    {
        var ledger = new FeeLedger();
        ledger.Add(new FeeActor(Role.Builder, 0), FeeKind.PriorityFee, 10);
        ledger.Add(new FeeActor(Role.Builder, 2), FeeKind.PriorityFee, 7);
        ledger.Add(new FeeActor(Role.Builder, 2), FeeKind.PriorityFee, 1);

        Assert.Equal((UInt128)10, ledger[new FeeActor(Role.Builder, 0), FeeKind.PriorityFee]);
        Assert.Equal(UInt128.Zero, ledger[new FeeActor(Role.Builder, 1), FeeKind.PriorityFee]);
        Assert.Equal((UInt128)8, ledger[new FeeActor(Role.Builder, 2), FeeKind.PriorityFee]);
        Assert.Equal(UInt128.Zero, ledger[new FeeActor(Role.Builder, 5), FeeKind.PriorityFee]);
        Assert.Equal(3, ledger.Members(Role.Builder));
        Assert.Equal((UInt128)18, ledger[Role.Builder]);
        Assert.Equal((UInt128)18, ledger.Of(Role.Builder, FeeKind.PriorityFee));
    }

    [Fact]
    public void Fees_are_kept_apart_by_kind_and_a_role_total_sums_them()
    {
        var ledger = new FeeLedger();
        ledger.Add(Role.Sequencer, FeeKind.PriorityFee, 100);
        ledger.Add(Role.Sequencer, FeeKind.AuctionPayment, 40);
        ledger.Add(Role.Burned, FeeKind.BaseFee, 3);

        Assert.Equal((UInt128)100, ledger.Of(Role.Sequencer, FeeKind.PriorityFee));
        Assert.Equal((UInt128)40, ledger.Of(Role.Sequencer, FeeKind.AuctionPayment));
        Assert.Equal((UInt128)140, ledger[Role.Sequencer]);
        Assert.Equal((UInt128)143, ledger.Total);
    }

    [Fact]
    public void A_role_alone_is_its_first_member()
    {
        FeeActor actor = Role.Prover;

        Assert.Equal(new FeeActor(Role.Prover, 0), actor);
    }

    [Fact]
    public void A_member_added_inside_a_snapshot_is_taken_back_by_restoring_it()
    {
        var ledger = new FeeLedger();
        var world = new State.WorldState(new State.AccountState(1), ledger);
        ledger.Add(new FeeActor(Role.Prover, 0), FeeKind.Settlement, 4);
        var snapshot = world.TakeSnapshot();
        ledger.Add(new FeeActor(Role.Prover, 3), FeeKind.Settlement, 9);
        ledger.Add(new FeeActor(Role.Prover, 0), FeeKind.Settlement, 1);

        world.Restore(snapshot);

        Assert.Equal((UInt128)4, ledger[Role.Prover]);
    }
}
