using ProtoScript.Engine.Markets;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class DelayedPriceFeedTests
{
    private static FixedPrice Whole(ulong price) => new(price * FixedPrice.Scale);

    [Fact]
    public void A_published_price_becomes_visible_after_the_delay()
    {
        var feed = new DelayedPriceFeed(SimDuration.FromSeconds(3), Whole(1));
        feed.Publish(SimDuration.FromSeconds(0), Whole(10));
        feed.Publish(SimDuration.FromSeconds(2), Whole(20));
        feed.Publish(SimDuration.FromSeconds(4), Whole(30));

        Assert.Equal(Whole(1), feed.Seen(SimDuration.FromMilliseconds(2_999)));
        Assert.Equal(Whole(10), feed.Seen(SimDuration.FromSeconds(3)));
        Assert.Equal(Whole(20), feed.Seen(SimDuration.FromSeconds(6)));
        Assert.Equal(Whole(30), feed.Seen(SimDuration.FromSeconds(60)));
    }

    [Fact]
    public void Without_delay_the_latest_price_is_seen_at_once()
    {
        var feed = new DelayedPriceFeed(SimDuration.Zero, Whole(1));
        feed.Publish(SimDuration.FromSeconds(5), Whole(7));
        Assert.Equal(Whole(7), feed.Seen(SimDuration.FromSeconds(5)));
    }

    [Fact]
    public void Time_must_not_go_back()
    {
        var feed = new DelayedPriceFeed(SimDuration.FromSeconds(1), Whole(1));
        feed.Publish(SimDuration.FromSeconds(5), Whole(2));
        Assert.Throws<InvalidOperationException>(() => feed.Publish(SimDuration.FromSeconds(4), Whole(3)));
        feed.Seen(SimDuration.FromSeconds(9));
        Assert.Throws<InvalidOperationException>(() => feed.Seen(SimDuration.FromSeconds(8)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DelayedPriceFeed(new SimDuration(-1), Whole(1)));
    }
}
