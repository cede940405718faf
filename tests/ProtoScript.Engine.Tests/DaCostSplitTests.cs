using ProtoScript.Engine.Batching;

namespace ProtoScript.Engine.Tests;

/// <summary>A shared posting's fee split among rollups by bytes, to the wei.</summary>
public class DaCostSplitTests
{
    [Theory]
    [InlineData(100, new ulong[] { 30, 50, 20 }, new ulong[] { 30, 50, 20 })] // exact: no remainder
    [InlineData(10, new ulong[] { 1, 1, 1 }, new ulong[] { 4, 3, 3 })] // 3 each, 1 wei left to the first of the tied largest
    [InlineData(7, new ulong[] { 1, 2, 2 }, new ulong[] { 1, 4, 2 })] // 1, 2, 2 (5 given), 2 wei left to the first largest
    [InlineData(131_072, new ulong[] { 21_512, 21_113, 21_329 }, new ulong[] { 44_089, 43_270, 43_713 })] // 44 088, 43 270, 43 713 and 1 wei to D, the largest
    [InlineData(5, new ulong[] { 9 }, new ulong[] { 5 })] // alone, it pays everything
    public void Each_rollup_pays_its_bytes_share_rounded_down_and_the_largest_the_remainder(ulong fee, ulong[] bytes, ulong[] expected)
    {
        var shares = DaCostSplit.ByBytes(fee, bytes);

        Assert.Equal(expected.Select(e => (UInt128)e), shares);
        Assert.Equal((UInt128)fee, shares.Aggregate(UInt128.Zero, (sum, s) => sum + s));
    }

    [Fact]
    public void A_split_without_bytes_is_refused()
    {
        Assert.Throws<ArgumentException>(() => DaCostSplit.ByBytes(10, []));
        Assert.Throws<ArgumentException>(() => DaCostSplit.ByBytes(10, [0, 0]));
    }

    [Theory]
    [InlineData(10, 3, new ulong[] { 4, 3, 3 })] // 3 each, the 1 wei left to the first
    [InlineData(11, 3, new ulong[] { 4, 4, 3 })] // 3 each, 2 wei left to the first two
    [InlineData(9, 3, new ulong[] { 3, 3, 3 })] // exact
    [InlineData(2, 3, new ulong[] { 1, 1, 0 })] // fewer wei than rollups: the last pays nothing
    [InlineData(5, 1, new ulong[] { 5 })] // alone, it pays everything
    public void An_equal_split_gives_each_rollup_the_floor_and_the_first_ones_the_remainder(ulong fee, int parts, ulong[] expected)
    {
        var shares = DaCostSplit.Equal(fee, parts);

        Assert.Equal(expected.Select(e => (UInt128)e), shares);
    }

    [Theory]
    [InlineData(new ulong[] { 60, 40 }, 70, 30, new ulong[] { 42, 28 }, new ulong[] { 18, 12 })] // exact: 30 × 60/100 = 18, 30 × 40/100 = 12
    [InlineData(new ulong[] { 4, 3, 3 }, 9, 1, new ulong[] { 3, 3, 3 }, new ulong[] { 1, 0, 0 })] // ⌊1 × s / 10⌋ = 0 each: the left-over wei moves from the first part's blob fee
    [InlineData(new ulong[] { 10, 0 }, 0, 10, new ulong[] { 0, 0 }, new ulong[] { 10, 0 })] // no blob fee: all execution
    [InlineData(new ulong[] { 0, 7 }, 7, 0, new ulong[] { 0, 7 }, new ulong[] { 0, 0 })] // no execution fee: all blob
    public void A_hooks_shares_are_told_apart_into_blob_and_execution_fees_that_each_sum_to_the_postings(ulong[] shares, ulong blobFee, ulong executionFee, ulong[] blob, ulong[] execution)
    {
        var (blobParts, executionParts) = DaCostSplit.Apportion([.. shares.Select(s => (UInt128)s)], blobFee, executionFee);

        Assert.Equal(blob.Select(e => (UInt128)e), blobParts);
        Assert.Equal(execution.Select(e => (UInt128)e), executionParts);
        Assert.Equal(shares.Select(s => (UInt128)s), blobParts.Zip(executionParts, (b, e) => b + e));
    }

    [Fact]
    public void Shares_that_do_not_sum_to_the_postings_cost_are_refused()
    {
        Assert.Throws<ArgumentException>(() => DaCostSplit.Apportion([4, 3, 2], 9, 1));
    }
}
