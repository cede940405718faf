using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.State;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class WorldStateTests
{
    private static (WorldState World, AccountState Accounts, FeeLedger Fees) Fresh(int tokens = 0)
    {
        var accounts = new AccountState(6, tokens);
        for (var i = 0; i < 6; i++)
        {
            accounts.SetBalance(i, (UInt128)(1_000 + i));
        }

        var fees = new FeeLedger();
        return (new WorldState(accounts, fees), accounts, fees);
    }

    private static void Scribble(AccountState accounts, FeeLedger fees)
    {
        accounts.Debit(0, 300);
        accounts.Credit(5, 300);
        accounts.IncrementNonce(0);
        accounts.IncrementNonce(0);
        accounts.SetBalance(3, 7);
        fees.Add(Role.Sequencer, FeeKind.PriorityFee, 21);
        fees.Add(Role.Burned, FeeKind.BaseFee, 9);
    }

    [Fact]
    public void Restore_returns_balances_nonces_fees_and_the_state_root_exactly()
    {
        var (world, accounts, fees) = Fresh();
        var tree = new MerkleStateTree(accounts);
        var root = tree.RootHex;
        var balances = Enumerable.Range(0, 6).Select(accounts.Balance).ToArray();

        var snapshot = world.TakeSnapshot();
        Scribble(accounts, fees);
        tree.Update(accounts);
        Assert.NotEqual(root, tree.RootHex);

        world.Restore(snapshot);
        tree.Update(accounts);

        Assert.Equal(root, tree.RootHex);
        Assert.Equal(root, "0x" + Convert.ToHexStringLower(MerkleStateTree.ComputeRoot(accounts)));
        Assert.Equal(balances, Enumerable.Range(0, 6).Select(accounts.Balance).ToArray());
        Assert.Equal(0UL, accounts.Nonce(0));
        Assert.Equal(UInt128.Zero, fees.Total);
        Assert.Equal(0, world.OpenSnapshots);
    }

    [Fact]
    public void Restore_returns_token_balances_too()
    {
        var (world, accounts, _) = Fresh(tokens: 2);
        accounts.SetTokenBalance(1, 2, 50);
        var snapshot = world.TakeSnapshot();
        accounts.DebitToken(1, 2, 20);
        accounts.CreditToken(1, 4, 20);
        accounts.CreditToken(0, 0, 3);

        world.Restore(snapshot);

        Assert.Equal((UInt128)50, accounts.TokenBalance(1, 2));
        Assert.Equal(UInt128.Zero, accounts.TokenBalance(1, 4));
        Assert.Equal(UInt128.Zero, accounts.TokenBalance(0, 0));
    }

    [Fact]
    public void Nested_snapshots_restore_the_inner_without_touching_what_the_outer_covers()
    {
        var (world, accounts, fees) = Fresh();
        var outer = world.TakeSnapshot();
        accounts.Credit(1, 100);
        var inner = world.TakeSnapshot();
        accounts.Credit(1, 10);
        fees.Add(new FeeActor(Role.Prover, 2), FeeKind.Settlement, 5);

        world.Restore(inner);
        Assert.Equal((UInt128)1_101, accounts.Balance(1));
        Assert.Equal(UInt128.Zero, fees[Role.Prover]);
        Assert.Equal(1, world.OpenSnapshots);

        accounts.Credit(2, 1);
        world.Restore(outer);
        Assert.Equal((UInt128)1_001, accounts.Balance(1));
        Assert.Equal((UInt128)1_002, accounts.Balance(2));
        Assert.Equal(0, world.OpenSnapshots);
    }

    [Fact]
    public void Committing_an_inner_snapshot_keeps_its_writes_undoable_by_the_outer()
    {
        var (world, accounts, _) = Fresh();
        var outer = world.TakeSnapshot();
        var inner = world.TakeSnapshot();
        accounts.Credit(0, 5);
        world.Commit(inner);
        Assert.Equal((UInt128)1_005, accounts.Balance(0));

        world.Restore(outer);
        Assert.Equal((UInt128)1_000, accounts.Balance(0));
    }

    [Fact]
    public void Restoring_the_outer_snapshot_closes_the_inner_one()
    {
        var (world, accounts, _) = Fresh();
        var outer = world.TakeSnapshot();
        var inner = world.TakeSnapshot();
        accounts.Credit(0, 5);
        world.Restore(outer);

        Assert.Throws<InvalidOperationException>(() => world.Restore(inner));
        Assert.Throws<InvalidOperationException>(() => world.Commit(outer));
    }

    [Fact]
    public void No_journal_is_kept_while_no_snapshot_is_open()
    {
        var (world, accounts, fees) = Fresh();
        Scribble(accounts, fees);
        Assert.Equal(0, world.JournalLength);

        var snapshot = world.TakeSnapshot();
        Scribble(accounts, fees);
        Assert.True(world.JournalLength > 0);

        world.Commit(snapshot);
        Assert.Equal(0, world.JournalLength);
        Scribble(accounts, fees);
        Assert.Equal(0, world.JournalLength);
    }

    [Fact]
    public void A_chain_reverted_to_a_snapshot_has_its_blocks_root_and_fees_back()
    {
        var chain = new RollupChain(TestScenarios.Rollup("A", OrderingRule.Fcfs, accounts: 4), new FcfsOrdering());
        chain.RecordBlockRoots();
        chain.ProduceBlock(SimDuration.FromSeconds(2));
        var root = chain.StateRootHex;
        var fees = chain.Fees.Total;
        var snapshot = chain.TakeSnapshot();

        chain.Submit(new Transaction(0, 1, Wei.PerEther, 0, TestScenarios.Gwei, Transaction.TransferGas, SimDuration.FromSeconds(3)));
        chain.ProduceBlock(SimDuration.FromSeconds(4));
        Assert.Equal(2UL, chain.Tree.SoftHead);
        Assert.NotEqual(root, chain.StateRootHex);

        chain.RevertTo(snapshot);

        Assert.Equal(root, chain.StateRootHex);
        Assert.Equal(fees, chain.Fees.Total);
        Assert.Equal(1UL, chain.Tree.SoftHead);
        Assert.Equal(1L, chain.Metrics.Blocks);
        Assert.Equal(0L, chain.Metrics.Included);
        Assert.Single(chain.BlockRoots!);
        Assert.Equal(0UL, chain.State.Nonce(0));
    }
}
