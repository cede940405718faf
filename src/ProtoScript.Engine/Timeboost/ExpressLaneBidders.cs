using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mev;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Engine.Trading;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Timeboost;

/// <summary>The bidders' events.</summary>
public enum ExpressLaneBidEvent
{
    /// <summary>A lead before an auction closes: every arbitrageur bids.</summary>
    Bid,
}

/// <summary>
/// The built-in bid rule of a rollup's arbitrageurs for its express lane. A lead before each
/// auction closes (<see cref="ArbitrageDesk.MaxLead"/>, 50 ms), every arbitrageur values the
/// round at what it can know then: the arbitrage profit (MEV of kind arbitrage, all captors) the
/// rollup yielded since the previous auction's bids, one round's length (since the run started,
/// for the first), and bids its bid share of it — the share it bids as priority fee under
/// <c>priority_fee</c> — converted to wei at the CEX price it sees and rounded down
/// (<see cref="ArbitrageDesk.BidWei"/>). A zero bid is not sent.
/// </summary>
public sealed class ExpressLaneBidders : SimProcess<ExpressLaneBidEvent>
{
    private readonly RollupChain _chain;
    private readonly ArbitrageDesk _desk;
    private readonly ExpressLane _lane;
    private readonly RollupMarket _market;
    private UInt128 _profitAtLastBid;

    /// <summary>Creates the bidders of the desk's rollup, which must have an express lane.</summary>
    public ExpressLaneBidders(ArbitrageDesk desk)
    {
        ArgumentNullException.ThrowIfNull(desk);
        _desk = desk;
        _chain = desk.Chain;
        _lane = _chain.ExpressLane ?? throw new ArgumentException("The desk's rollup has no express lane.", nameof(desk));
        _market = _chain.Market!;
    }

    /// <inheritdoc />
    public override EventKind EventKind => EventKind.Arbitrage;

    /// <summary>Schedules the bids for the first auction.</summary>
    public void Begin(Scheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ScheduleNext(scheduler, _lane.NextAuction.Closing);
    }

    /// <inheritdoc />
    protected override void OnEvent(Scheduler scheduler, ExpressLaneBidEvent simEvent)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        var total = _market.Mev.TotalOf(MevKind.Arbitrage);
        var value = total - _profitAtLastBid;
        _profitAtLastBid = total;
        var seen = _market.Cex!.Feed.Seen(scheduler.Now);
        for (var a = 0; a < _market.Arbitrageurs; a++)
        {
            var bid = ArbitrageDesk.BidWei(value, _desk.BidShareBasisPoints(a), seen);
            if (bid > UInt128.Zero)
            {
                _lane.SubmitBid(_market.FirstArbitrageur + a, bid, scheduler.Now);
            }
        }

        ScheduleNext(scheduler, _lane.ClosingOf(_lane.NextAuction.Round + 1));
    }

    private void ScheduleNext(Scheduler scheduler, SimDuration closing)
    {
        var lead = ArbitrageDesk.MaxLead < _lane.Model.Round ? ArbitrageDesk.MaxLead : SimDuration.Zero;
        var at = closing - lead;
        scheduler.ScheduleAt(at > scheduler.Now ? at : scheduler.Now, this, ExpressLaneBidEvent.Bid);
    }
}
