using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mev;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Engine.Simulation;
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
/// (<see cref="ArbitrageDesk.BidWei"/>). A zero bid is not sent. A C# hook
/// (<see cref="IExpressLaneBidRule"/>) replaces the rule: it is asked once per arbitrageur, in
/// order, at the same time.
/// </summary>
public sealed class ExpressLaneBidders : SimProcess<ExpressLaneBidEvent>
{
    private readonly RollupChain _chain;
    private readonly ArbitrageDesk _desk;
    private readonly ExpressLane _lane;
    private readonly RollupMarket _market;
    private readonly IExpressLaneBidRule? _rule;
    private readonly MevCaptor[] _captors;
    private readonly UInt128[] _ownAtLastBid;
    private UInt128 _profitAtLastBid;

    /// <summary>Creates the bidders of the desk's rollup, which must have an express lane.</summary>
    public ExpressLaneBidders(ArbitrageDesk desk)
        : this(desk, null)
    {
    }

    /// <summary>Creates the bidders of the desk's rollup, which must have an express lane, bidding by <paramref name="rule"/> (null: the built-in rule).</summary>
    public ExpressLaneBidders(ArbitrageDesk desk, IExpressLaneBidRule? rule)
    {
        ArgumentNullException.ThrowIfNull(desk);
        _desk = desk;
        _chain = desk.Chain;
        _lane = _chain.ExpressLane ?? throw new ArgumentException("The desk's rollup has no express lane.", nameof(desk));
        _market = _chain.Market!;
        _rule = rule;
        _captors = new MevCaptor[_market.Arbitrageurs];
        _ownAtLastBid = new UInt128[_market.Arbitrageurs];
        for (var a = 0; a < _captors.Length; a++)
        {
            _captors[a] = new MevCaptor(MevCaptorRole.Arbitrageur, RollupMarket.ArbitrageurName(a));
        }
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
            if (_rule is not null)
            {
                bid = Ask(scheduler, a, value, seen, bid);
            }

            if (bid > UInt128.Zero)
            {
                _lane.SubmitBid(_market.FirstArbitrageur + a, bid, scheduler.Now);
            }
        }

        ScheduleNext(scheduler, _lane.ClosingOf(_lane.NextAuction.Round + 1));
    }

    /// <summary>The hook's bid for arbitrageur <paramref name="a"/>; a failure is the rule's, located by the run.</summary>
    private UInt128 Ask(Scheduler scheduler, int a, UInt128 value, Markets.FixedPrice seen, UInt128 builtIn)
    {
        var own = _market.Mev.TotalOf(_captors[a]);
        var ownValue = own - _ownAtLastBid[a];
        _ownAtLastBid[a] = own;
        var (round, closing) = _lane.NextAuction;
        var account = _market.FirstArbitrageur + a;
        var pool = _market.Pools[0];
        var situation = new ExpressLaneBidSituation(
            round,
            closing + _lane.Model.Closing,
            closing,
            _lane.Model.Round,
            _lane.Model.Reserve,
            _lane.Model.Price,
            a,
            RollupMarket.BalanceOf(_chain.State, _market.BaseAsset(0), account),
            RollupMarket.BalanceOf(_chain.State, _market.QuoteAsset(0), account),
            _desk.BidShareBasisPoints(a),
            value,
            ownValue,
            seen,
            pool.Reserve0,
            pool.Reserve1,
            (int)pool.Fee.BasisPoints,
            _chain.BaseFee,
            builtIn);
        try
        {
            var bid = _rule!.Bid(in situation);
            return situation.Impossible(bid) is { } why
                ? throw new InvalidOperationException("the express lane bid rule returned an impossible bid: " + why)
                : bid;
        }
        catch (Exception e) when (e is not (RuleFailedException or OutOfMemoryException))
        {
            throw new RuleFailedException(_chain.Model.Name, scheduler.Now, _chain.Metrics.Blocks + 1, e);
        }
    }

    private void ScheduleNext(Scheduler scheduler, SimDuration closing)
    {
        var lead = ArbitrageDesk.MaxLead < _lane.Model.Round ? ArbitrageDesk.MaxLead : SimDuration.Zero;
        var at = closing - lead;
        scheduler.ScheduleAt(at > scheduler.Now ? at : scheduler.Now, this, ExpressLaneBidEvent.Bid);
    }
}
