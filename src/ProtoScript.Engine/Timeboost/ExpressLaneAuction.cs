using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Timeboost;

/// <summary>
/// The sealed-bid auction for one express-lane round at a time. Bids sent before the round's
/// closing time count (a bidder's later bid replaces its earlier one, as Arbitrum's auctioneer
/// keeps an address's most recent bid); a bid at or after the closing time is late and ignored.
/// At the closing the highest bid of at least the reserve wins (the earlier bid on a tie), provided
/// its bidder can pay; it pays its own bid (first price) or the highest other bid of at least
/// the reserve, or the reserve when there is none (second price). No bid at or above the reserve
/// leaves the round without a holder.
/// </summary>
public sealed class ExpressLaneAuction
{
    private readonly List<LaneBid> _bids = [];
    private ulong _sequence;

    /// <summary>Creates the auction with the lane's price rule and reserve.</summary>
    public ExpressLaneAuction(AuctionPrice price, UInt128 reserve)
    {
        Price = price;
        Reserve = reserve;
    }

    /// <summary>What the winner pays: its bid, or the highest other bid (at least the reserve).</summary>
    public AuctionPrice Price { get; }

    /// <summary>The least bid that can win, in wei.</summary>
    public UInt128 Reserve { get; }

    /// <summary>Bids that counted (sent before their round's closing), replaced ones included.</summary>
    public long Bids { get; private set; }

    /// <summary>Bids sent at or after their round's closing time, which did not count.</summary>
    public long LateBids { get; private set; }

    /// <summary>Counted bids below the reserve, which could not win.</summary>
    public long BelowReserve { get; private set; }

    /// <summary>Winning bids passed over because their bidder could not pay the price.</summary>
    public long PassedOver { get; private set; }

    /// <summary>
    /// Receives <paramref name="bidder"/>'s bid of <paramref name="amount"/> wei for the round whose
    /// auction closes at <paramref name="closing"/>, sent at <paramref name="now"/>.
    /// </summary>
    /// <returns>False when the bid is late (at or after the closing time) and does not count.</returns>
    public bool Submit(int bidder, UInt128 amount, SimDuration now, SimDuration closing)
    {
        if (now >= closing)
        {
            LateBids++;
            return false;
        }

        Bids++;
        var earlier = _bids.FindIndex(b => b.Bidder == bidder);
        var bid = new LaneBid(bidder, amount, _sequence++);
        if (earlier >= 0)
        {
            _bids[earlier] = bid;
        }
        else
        {
            _bids.Add(bid);
        }

        return true;
    }

    /// <summary>
    /// Closes the auction over the bids received and forgets them: the winner and its price, or
    /// null when no bid of at least the reserve can be paid.
    /// </summary>
    /// <param name="canPay">Whether a bidder can pay a price now (its balance covers it).</param>
    public (int Winner, UInt128 Price)? Close(Func<int, UInt128, bool> canPay)
    {
        ArgumentNullException.ThrowIfNull(canPay);
        var valid = new List<LaneBid>(_bids.Count);
        foreach (var bid in _bids)
        {
            if (bid.Amount >= Reserve)
            {
                valid.Add(bid);
            }
            else
            {
                BelowReserve++;
            }
        }

        _bids.Clear();
        valid.Sort(static (a, b) => b.Amount != a.Amount ? b.Amount.CompareTo(a.Amount) : a.Sequence.CompareTo(b.Sequence));
        for (var i = 0; i < valid.Count; i++)
        {
            var price = Price == AuctionPrice.First ? valid[i].Amount
                : i + 1 < valid.Count ? valid[i + 1].Amount
                : Reserve;
            if (canPay(valid[i].Bidder, price))
            {
                return (valid[i].Bidder, price);
            }

            PassedOver++;
        }

        return null;
    }

    private readonly record struct LaneBid(int Bidder, UInt128 Amount, ulong Sequence);
}
