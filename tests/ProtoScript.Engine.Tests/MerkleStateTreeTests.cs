using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.State;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class MerkleStateTreeTests
{
    // Expected roots computed independently with Python's hashlib:
    // leaf(i, b, n) = sha256(i.to_bytes(8,'big') + b.to_bytes(16,'big') + n.to_bytes(8,'big')).
    [Fact]
    public void Root_of_two_accounts_is_the_hash_of_their_two_leaves()
    {
        var state = new AccountState(2);
        state.SetBalance(0, Wei.PerEther);
        state.SetBalance(1, 5);
        state.IncrementNonce(1);
        state.IncrementNonce(1);
        state.IncrementNonce(1);

        var tree = new MerkleStateTree(state);

        Assert.Equal("0xe7e4322aab1bbe4d9f5d17b3183a3d9e7cc2042c59f833a5fab0a34bfcc6e838", tree.RootHex);
    }

    [Fact]
    public void Leaf_count_is_padded_to_a_power_of_two_with_zero_leaves()
    {
        var state = new AccountState(3);
        state.SetBalance(0, Wei.PerEther);
        state.SetBalance(1, 5);
        for (var i = 0; i < 3; i++)
        {
            state.IncrementNonce(1);
        }

        state.SetBalance(2, 7);
        state.IncrementNonce(2);

        Assert.Equal("0xa88178bf0d9963909184c2ded7161058173424f80af84ebfd1d347c4d790e17d", new MerkleStateTree(state).RootHex);
    }

    [Fact]
    public void Root_of_a_single_account_is_its_leaf()
    {
        var state = new AccountState(1);
        state.SetBalance(0, 42);
        Assert.Equal("0x69e7446edd6d798c3f79309e377c3fa35e6bfdfab263c67e0dd7f6ca1bd2da38", new MerkleStateTree(state).RootHex);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(64)]
    [InlineData(1000)]
    public void Incremental_updates_match_a_full_recompute(int accounts)
    {
        var state = new AccountState(accounts);
        var random = new RandomStream((ulong)accounts);
        for (var i = 0; i < accounts; i++)
        {
            state.SetBalance(i, (UInt128)random.NextUInt64());
        }

        var tree = new MerkleStateTree(state);
        Assert.Equal(MerkleStateTree.ComputeRoot(state), tree.Root.ToArray());

        for (var block = 0; block < 20; block++)
        {
            var changes = random.NextInt(Math.Min(accounts, 30) + 1);
            for (var c = 0; c < changes; c++)
            {
                var account = random.NextInt(accounts);
                state.Credit(account, random.NextUInt64(1_000_000));
                if (random.NextInt(2) == 0)
                {
                    state.IncrementNonce(account);
                }
            }

            tree.Update(state);
            Assert.Equal(MerkleStateTree.ComputeRoot(state), tree.Root.ToArray());
            Assert.True(state.DirtyAccounts.IsEmpty);
        }
    }

    [Fact]
    public void Same_state_gives_the_same_root_and_any_change_gives_another()
    {
        AccountState Make()
        {
            var s = new AccountState(10);
            for (var i = 0; i < 10; i++)
            {
                s.SetBalance(i, (UInt128)(i * 1000));
            }

            return s;
        }

        var a = Make();
        var b = Make();
        var treeA = new MerkleStateTree(a);
        Assert.Equal(treeA.RootHex, new MerkleStateTree(b).RootHex);

        a.Credit(9, 1);
        treeA.Update(a);
        Assert.NotEqual(treeA.RootHex, new MerkleStateTree(b).RootHex);
    }
}
