using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

public class AuctionBindingTests
{
    [Fact]
    public void Ordering_by_auction_defaults_to_a_first_price_auction()
    {
        var text = TestSources.Valid.Replace("ordering = priority_fee", "ordering = auction", StringComparison.Ordinal);
        var rollup = Assert.Single(TestSources.Compile(text).Model!.Rollups);
        Assert.Equal(OrderingRule.Auction, rollup.Ordering);
        Assert.Equal(AuctionModel.FirstPrice, rollup.Auction);
    }

    [Fact]
    public void An_auction_block_sets_the_second_price_rule()
    {
        var text = TestSources.Valid.Replace("ordering = priority_fee", "ordering = auction\n    auction { price = second }", StringComparison.Ordinal);
        var result = TestSources.Compile(text);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(AuctionPrice.Second, result.Model!.Rollups[0].Auction!.Price);
    }

    [Fact]
    public void Other_orderings_have_no_auction()
    {
        Assert.Null(Assert.Single(TestSources.Compile(TestSources.Valid).Model!.Rollups).Auction);
    }

    [Fact]
    public void An_auction_block_without_auction_ordering_is_an_error()
    {
        var text = TestSources.Valid.Replace("ordering = priority_fee", "ordering = priority_fee\n    auction { price = second }", StringComparison.Ordinal);
        var d = TestSources.Single(text);
        Assert.Equal("PS3005 9:5 rollup `A` has an `auction` block but is not ordered by auction", $"{d.Code} {d.Position.Line}:{d.Position.Column} {d.Message}");
    }

    [Fact]
    public void An_unknown_auction_price_lists_the_choices()
    {
        var text = TestSources.Valid.Replace("ordering = priority_fee", "ordering = auction\n    auction { price = third }", StringComparison.Ordinal);
        var d = TestSources.Single(text);
        Assert.Equal("PS3005", d.Code);
        Assert.Contains("first, second", d.Hint, StringComparison.Ordinal);
    }
}
