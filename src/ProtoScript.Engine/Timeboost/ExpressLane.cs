using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Mev;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Engine.Trading;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Timeboost;

/// <summary>The express lane's events.</summary>
public enum ExpressLaneEvent
{
    /// <summary>The first delayed transaction reaches the sequencer.</summary>
    Release,

    /// <summary>A round ends and the next starts: the ended round's arbitrage profit is attributed.</summary>
    RoundEnds,
}

/// <summary>
/// Timeboost's express lane on one rollup (<see cref="ExpressLaneModel"/>). Round r covers
/// [r·round, (r+1)·round); its auction closes at r·round − closing and is opened in the rollup's
/// first block sealed at or after that time (round 0, which starts with the run, is never sold).
/// The winner's payment executes at the top of that block. While a round has a holder, every
/// transaction sent to the sequencer by anyone else reaches it <c>delay</c> later; the holder's
/// arrive at once. L1 messages (deposits, the delayed inbox) and cross-chain deliveries do not
/// pass through the sequencer's queue and are not delayed.
/// </summary>
public sealed class ExpressLane : SimProcess<ExpressLaneEvent>, IBlockBuildStage
{
    private const int None = -1;

    private readonly RollupChain _chain;
    private readonly DelayLine _line;
    private readonly List<int> _holders = [None];
    private readonly List<UInt128> _prices = [];
    private readonly SortedDictionary<int, (long Rounds, UInt128 Paid)> _winners = [];
    private readonly UInt128[] _profitAtRoundStart;
    private readonly MevCaptor[] _captors;
    private Scheduler? _scheduler;
    private long _nextAuction = 1;
    private UInt128 _holderProfit;
    private UInt128 _arbitrageProfit;

    /// <summary>Creates the lane of <paramref name="chain"/>.</summary>
    public ExpressLane(RollupChain chain, ExpressLaneModel model)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(model);
        _chain = chain;
        Model = model;
        Auction = new ExpressLaneAuction(model.Price, model.Reserve);
        _line = new DelayLine(chain.State.Count);
        var arbitrageurs = chain.Market?.Arbitrageurs ?? 0;
        _profitAtRoundStart = new UInt128[arbitrageurs];
        _captors = new MevCaptor[arbitrageurs];
        for (var a = 0; a < arbitrageurs; a++)
        {
            _captors[a] = new MevCaptor(MevCaptorRole.Arbitrageur, RollupMarket.ArbitrageurName(a));
        }
    }

    /// <summary>The lane's settings.</summary>
    public ExpressLaneModel Model { get; }

    /// <summary>The auction of the next round to be sold.</summary>
    public ExpressLaneAuction Auction { get; }

    /// <summary>Auctions held: closing times the rollup's blocks reached.</summary>
    public long Auctions { get; private set; }

    /// <summary>What the holders paid for their rounds, in wei.</summary>
    public UInt128 Revenue { get; private set; }

    /// <summary>Transactions that reached the sequencer the delay late.</summary>
    public long Delayed { get; private set; }

    /// <summary>Transactions still on their way through the delay at the end.</summary>
    public int InDelay => _line.Count;

    /// <summary>The price paid for each sold round, in the order they were sold.</summary>
    public IReadOnlyList<UInt128> Prices => _prices;

    /// <summary>Each winner's account, rounds won and payments, by account.</summary>
    public IEnumerable<(int Account, long Rounds, UInt128 Paid)> Winners => _winners.Select(w => (w.Key, w.Value.Rounds, w.Value.Paid));

    /// <inheritdoc />
    public override EventKind EventKind => EventKind.UserTransaction;

    /// <summary>The round <paramref name="time"/> falls in.</summary>
    public long RoundAt(SimDuration time) => time.Microseconds / Model.Round.Microseconds;

    /// <summary>When the auction for <paramref name="round"/> closes: <c>closing</c> before it starts.</summary>
    public SimDuration ClosingOf(long round) => new((round * Model.Round.Microseconds) - Model.Closing.Microseconds);

    /// <summary>The account holding the express lane in <paramref name="round"/>, or −1 when it was not sold (or not yet).</summary>
    public int HolderOf(long round) => round < _holders.Count ? _holders[(int)round] : None;

    /// <summary>How many of <paramref name="account"/>'s transactions are still in the delay.</summary>
    public int HeldFor(int account) => _line.Held(account);

    /// <summary>Schedules the first round's end, for attributing arbitrage profit to holders.</summary>
    public void Start(Scheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        _scheduler = scheduler;
        scheduler.ScheduleAt(Model.Round, this, ExpressLaneEvent.RoundEnds);
    }

    /// <summary>Receives a bid for the next round to be sold; false when it is late.</summary>
    public bool SubmitBid(int bidder, UInt128 amount, SimDuration now) => Auction.Submit(bidder, amount, now, ClosingOf(_nextAuction));

    /// <summary>The next round whose auction has not closed, and when it closes.</summary>
    public (long Round, SimDuration Closing) NextAuction => (_nextAuction, ClosingOf(_nextAuction));

    /// <summary>
    /// Sends <paramref name="transaction"/> (sent at its submit time) into the delay when the round
    /// has a holder other than its sender, or when its sender still has a transaction in the delay
    /// (its nonces must arrive in order).
    /// </summary>
    /// <returns>False when it reaches the sequencer at once.</returns>
    internal bool TryDelay(in Transaction transaction)
    {
        var now = transaction.SubmitTime;
        var holder = HolderOf(RoundAt(now));
        if (holder == None || (holder == transaction.From && _line.Held(transaction.From) == 0))
        {
            return false;
        }

        var wasEmpty = _line.Count == 0;
        _line.Add(in transaction, now + Model.Delay);
        Delayed++;
        if (wasEmpty)
        {
            _scheduler!.ScheduleAt(now + Model.Delay, this, ExpressLaneEvent.Release);
        }

        return true;
    }

    /// <summary>The holder's profit share: arbitrage profit the round's holder made, over all the arbitrageurs made, both in the quote token's smallest unit, the open round included.</summary>
    public (UInt128 Holder, UInt128 All) ArbitrageProfit()
    {
        var (holder, all) = (_holderProfit, _arbitrageProfit);
        var current = _scheduler is null ? None : HolderOf(RoundAt(_scheduler.Now));
        AddRound(current, ref holder, ref all, commit: false);
        return (holder, all);
    }

    /// <inheritdoc />
    protected override void OnEvent(Scheduler scheduler, ExpressLaneEvent simEvent)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (simEvent == ExpressLaneEvent.RoundEnds)
        {
            // Runs after the block sealed at the same instant, whose transactions arrived in the ended round.
            AddRound(HolderOf(RoundAt(scheduler.Now) - 1), ref _holderProfit, ref _arbitrageProfit, commit: true);
            scheduler.ScheduleAfter(Model.Round, this, ExpressLaneEvent.RoundEnds);
            return;
        }

        while (_line.TryTakeDue(scheduler.Now, out var tx))
        {
            _chain.ReceiveDelayed(in tx);
        }

        if (_line.Count > 0)
        {
            scheduler.ScheduleAt(_line.NextDue, this, ExpressLaneEvent.Release);
        }
    }

    /// <summary>
    /// At the top of a block: closes every auction whose closing time the block has reached and
    /// executes each winner's payment in it.
    /// </summary>
    ulong IBlockBuildStage.Fill(RollupChain chain, SimDuration blockTime, ulong gasLeft)
    {
        while (ClosingOf(_nextAuction) <= blockTime)
        {
            var round = _nextAuction++;
            Auctions++;
            var state = chain.State;
            var outcome = Auction.Close((bidder, price) => state.Balance(bidder) >= price);
            var holder = None;
            if (outcome is { } won)
            {
                var payment = ExpressLanePayment.Make(chain, won.Winner, won.Price, round, blockTime);
                if (!ExpressLanePayment.TryApply(chain, in payment))
                {
                    throw new InvalidOperationException("An express lane winner could not pay after its balance was checked.");
                }

                chain.NotifyIncluded(in payment);
                holder = won.Winner;
                Revenue += won.Price;
                _prices.Add(won.Price);
                var (rounds, paid) = _winners.GetValueOrDefault(holder);
                _winners[holder] = (rounds + 1, paid + won.Price);
            }

            while (_holders.Count <= round)
            {
                _holders.Add(None);
            }

            _holders[(int)round] = holder;
        }

        return 0;
    }

    private void AddRound(int holder, ref UInt128 holderProfit, ref UInt128 all, bool commit)
    {
        if (_captors.Length == 0)
        {
            return;
        }

        var mev = _chain.Market!.Mev;
        for (var a = 0; a < _captors.Length; a++)
        {
            var total = mev.TotalOf(_captors[a]);
            var made = total - _profitAtRoundStart[a];
            all += made;
            if (holder == _chain.Market.FirstArbitrageur + a)
            {
                holderProfit += made;
            }

            if (commit)
            {
                _profitAtRoundStart[a] = total;
            }
        }
    }
}
