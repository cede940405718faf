using ProtoScript.Engine.Chains;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class BlockTreeTests
{
    private static readonly byte[] Root = new byte[32];

    private static BlockTree Sealed(int blocks)
    {
        var tree = new BlockTree();
        for (var i = 0; i < blocks; i++)
        {
            tree.Sealed(Root);
        }

        return tree;
    }

    [Fact]
    public void Sealing_advances_the_soft_head_only()
    {
        var tree = Sealed(3);

        Assert.Equal(3UL, tree.SoftHead);
        Assert.Equal(0UL, tree.SafeHead);
        Assert.Equal(0UL, tree.FinalHead);
    }

    [Fact]
    public void A_landed_batch_makes_its_blocks_safe_and_final_once_their_time_comes()
    {
        var tree = Sealed(5);
        tree.MarkSafe(2, SimDuration.FromSeconds(100));
        tree.MarkSafe(4, SimDuration.FromSeconds(90));

        Assert.Equal(4UL, tree.SafeHead);
        Assert.Equal(0UL, tree.AdvanceFinal(SimDuration.FromSeconds(99)));

        // Block 4's proof was ready first, but it is final only once block 2 is.
        Assert.Equal(4UL, tree.AdvanceFinal(SimDuration.FromSeconds(100)));
        Assert.True(tree.FinalHead <= tree.SafeHead && tree.SafeHead <= tree.SoftHead);
    }

    [Fact]
    public void A_batch_never_makes_an_unsealed_block_safe_nor_moves_the_safe_head_back()
    {
        var tree = Sealed(2);

        Assert.Throws<InvalidOperationException>(() => tree.MarkSafe(3, SimDuration.Zero));
        tree.MarkSafe(2, SimDuration.Zero);
        tree.MarkSafe(1, SimDuration.Zero);
        Assert.Equal(2UL, tree.SafeHead);
    }

    [Fact]
    public void A_reorg_drops_soft_blocks_and_their_roots_but_never_a_safe_one()
    {
        var tree = new BlockTree();
        tree.RecordRoots();
        for (var i = 0; i < 5; i++)
        {
            tree.Sealed(Root);
        }

        tree.MarkSafe(2, SimDuration.Zero);
        tree.ReorgTo(3);

        Assert.Equal(3UL, tree.SoftHead);
        Assert.Equal([1UL, 2UL, 3UL], tree.Roots!.Select(r => r.Number));
        Assert.Throws<InvalidOperationException>(() => tree.ReorgTo(1));

        tree.Sealed(Root);
        Assert.Equal(4UL, tree.Roots![^1].Number);
    }
}
