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
}
