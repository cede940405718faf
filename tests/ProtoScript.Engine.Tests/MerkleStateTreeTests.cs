using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.State;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class MerkleStateTreeTests
{
    // Expected roots computed independently with Python's hashlib:
    // leaf(i, b, n) = i.to_bytes(8,'big') + b.to_bytes(16,'big') + n.to_bytes(8,'big') (raw, not hashed),
    // node = sha256(c0 + c1 + c2 + c3), leaves padded with bytes(32) to a power of four, at least 4.
    [Fact]
    public void Root_of_two_accounts_is_the_hash_of_their_raw_leaves_and_two_zero_leaves()
    {
        var state = new AccountState(2);
        state.SetBalance(0, Wei.PerEther);
        state.SetBalance(1, 5);
        state.IncrementNonce(1);
        state.IncrementNonce(1);
        state.IncrementNonce(1);

        var tree = new MerkleStateTree(state);

        Assert.Equal("0x09cb5598a489f15fe8f4f2186bbd5a7a7c065c439419f1bc16a4ab5720f020a2", tree.RootHex);
    }

    [Fact]
    public void Leaf_count_is_padded_to_a_power_of_four_with_zero_leaves()
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

        Assert.Equal("0x903ba130e241d3d8022daada5e5921a3debd2c4e9e0a42605453bfb61948c7a8", new MerkleStateTree(state).RootHex);
    }

    [Fact]
    public void Five_accounts_make_a_two_level_tree_of_sixteen_leaves()
    {
        var state = new AccountState(5);
        for (var i = 0; i < 5; i++)
        {
            state.SetBalance(i, (UInt128)(i * 7));
        }

        Assert.Equal("0x9eae5fcf1424e3c778a5ff591a96b3926dab34b98e3d846eceafd7a2da551c64", new MerkleStateTree(state).RootHex);
        Assert.Equal("0x9eae5fcf1424e3c778a5ff591a96b3926dab34b98e3d846eceafd7a2da551c64", "0x" + Convert.ToHexStringLower(MerkleStateTree.ComputeRoot(state)));
    }

    [Fact]
    public void Root_of_a_single_account_hashes_its_raw_leaf_with_three_zero_leaves()
    {
        var state = new AccountState(1);
        state.SetBalance(0, 42);
        Assert.Equal("0x5f0d4084180ed9104615e718794de4e2cbe014568c9159126ccba7f042f0d579", new MerkleStateTree(state).RootHex);
    }

    [Fact]
    public void With_tokens_a_leaf_is_the_hash_of_the_account_then_its_token_balances()
    {
        // leaf = sha256(account 32 bytes + token count u8 + each token balance u128).
        var state = new AccountState(2, tokens: 1);
        state.SetBalance(0, 5);
        state.SetTokenBalance(0, 1, 9);

        Assert.Equal("0x250439b760edfcc3523d32a3f125caec9325b05bb720bcbbcd2267e35e7febbf", new MerkleStateTree(state).RootHex);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(17)]
    [InlineData(64)]
    [InlineData(65)]
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
