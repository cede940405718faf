using System.Collections.Immutable;
using System.Numerics;
using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Bundles;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Markets;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Mev;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Engine.Sequencing;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Trading;

/// <summary>A cross-rollup arbitrage desk's events.</summary>
public enum CrossArbitrageEvent
{
    /// <summary>A lead before the first rollup's block: the searchers look at both pools and decide.</summary>
    Look,
}

/// <summary>Hears every swap a cross-rollup searcher sends that a market executes, reverts or refuses.</summary>
internal interface ISearcherSwapListener
{
    /// <summary>
    /// <paramref name="tx"/> ran on <paramref name="chain"/>: executed as <paramref name="result"/>
    /// when <paramref name="reason"/> is null, else reverted (fees paid) or refused (no fees) for it.
    /// </summary>
    void OnSwap(RollupChain chain, in Transaction tx, in SwapResult result, RejectReason? reason, UInt128 feesWei);
}

/// <summary>
/// The searchers of one <c>cross_arbitrage</c> path: they trade one pair on rollup A's pool
/// against rollup B's pool. Once per block of A, a lead before it is sealed, they look at both
/// pools as of the last sealed blocks; when <see cref="CrossPoolArbitrage.Find"/> finds a trade
/// whose gross profit exceeds both legs' gas at the base fees (valued at the reference price),
/// every searcher without a trade under way sends it: a buy of base on the cheaper pool with
/// the computed output as its limit, and a sale of that base on the dearer pool whose limit is
/// the break-even (quote paid plus gas).
/// </summary>
/// <remarks>
/// <para><b>Atomic</b>: the two legs go as one <see cref="PathBundle"/> of independent legs to the
/// shared sequencer or builder that holds both rollups, which lands them at the top of one slot's
/// blocks. A simulating producer drops the bundle whole when a leg would fail; an ordering-only
/// one includes both legs, and each may revert on its own.</para>
/// <para><b>Independent</b>: each leg is an ordinary swap sent to its rollup's mempool, with its
/// own network latency; either may be beaten or revert, leaving the searcher holding inventory.</para>
/// <para>A finished trade's profit is its quote-token change plus its base-token change less the
/// gas paid (ether: the pair's base token), valued at the reference price when it finishes — the
/// CEX price when the scenario has a CEX quoting the pair's quote token, else the mean of the two
/// pools' prices — rounded toward zero. Gains are booked as arbitrage MEV to the searcher in the
/// first rollup's ledger; losses are counted apart.</para>
/// </remarks>
public sealed class CrossArbitrageDesk : SimProcess<CrossArbitrageEvent>, ISearcherSwapListener
{
    private readonly CrossArbitrageModel _model;
    private readonly ImmutableArray<RollupChain> _chains;
    private readonly ImmutableArray<int> _indexes;
    private readonly RollupMarket[] _markets;
    private readonly int[] _pools;
    private readonly int[] _firstAccount;
    private readonly SlotCoordinator? _coordinator;
    private readonly SimDuration _lead;
    private readonly RandomStream _latency;
    private readonly Trade?[] _open;
    private readonly Messenger[] _messengers;
    private readonly MevCaptor[] _captors;
    private readonly PathStatistics _bundleStatistics;
    private readonly long[] _failures = new long[3];
    private readonly bool _cexReference;
    private long _opportunities;
    private long _sent;
    private long _skipped;
    private long _completed;
    private long _oneLegged;
    private long _noLeg;
    private long _dropped;
    private Int128 _profit;
    private UInt128 _mev;
    private UInt128 _losses;
    private Int128 _inventory;

    internal CrossArbitrageDesk(CrossArbitrageModel model, int index, ImmutableArray<RollupChain> chains, ImmutableArray<int> indexes, SlotCoordinator? coordinator, RandomTree random)
    {
        _model = model;
        _chains = chains;
        _indexes = indexes;
        _coordinator = coordinator;
        _markets = [.. chains.Select(c => c.Market ?? throw new ArgumentException("A cross-rollup arbitrage rollup has no market.", nameof(chains)))];
        var setup = _markets[0].Setup;
        _pools = [.. chains.Select(c => setup.CrossPool(c.Model, index))];
        _firstAccount = [.. chains.Select((c, leg) => _markets[leg].FirstCrossSearcher + setup.CrossSearcherOffset(c.Model, index))];
        var blockTime = chains.Min(c => c.Model.BlockTime.Microseconds);
        _lead = new SimDuration(Math.Min(blockTime / 2, ArbitrageDesk.MaxLead.Microseconds));
        _latency = random.Stream(FormattableString.Invariant($"cross_arbitrage/{index}/latency"));
        _open = new Trade?[model.Searchers];
        _messengers = new Messenger[model.Searchers * 3];
        _captors = new MevCaptor[model.Searchers];
        for (var s = 0; s < model.Searchers; s++)
        {
            for (var m = 0; m < 3; m++)
            {
                _messengers[(s * 3) + m] = new Messenger(this, s, m - 1);
            }

            _captors[s] = new MevCaptor(MevCaptorRole.Arbitrageur, model.Name + " #" + (s + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        _bundleStatistics = new PathStatistics(new BundleStreamModel(model.Path, 1, BundleLegKind.Swap, 0), coordinator?.ChecksLegs == true ? BundleMode.AtomicExecution : BundleMode.AtomicInclusion);
        var cex = setup.Cex;
        _cexReference = cex is not null && _markets[0].QuoteAsset(0) == setup.AssetOf(cex.Model.QuoteToken);
    }

    /// <inheritdoc />
    public override EventKind EventKind => EventKind.Arbitrage;

    /// <summary>Whether <paramref name="account"/> on leg <paramref name="leg"/>'s rollup is one of this path's searchers, and which.</summary>
    internal bool Owns(int leg, int account, out int searcher)
    {
        searcher = account - _firstAccount[leg];
        return searcher >= 0 && searcher < _model.Searchers;
    }

    /// <summary>The leg of <paramref name="chain"/> on this path, or -1.</summary>
    internal int LegOf(RollupChain chain) => chain == _chains[0] ? 0 : chain == _chains[1] ? 1 : -1;

    /// <summary>Schedules the first look, a lead before the first rollup's first block.</summary>
    public void Begin(Scheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (_model.Searchers > 0 && _lead > SimDuration.Zero)
        {
            scheduler.ScheduleAt(_chains[0].Model.BlockTime - _lead, this, CrossArbitrageEvent.Look);
        }
    }

    /// <summary>The path's counters for the report.</summary>
    public CrossArbitrageResult Collect()
    {
        var setup = _markets[0].Setup;
        var quote = _markets[0].QuoteAsset(_pools[0]);
        return new CrossArbitrageResult(_model.Name, _model.Mode, _coordinator?.Name ?? string.Empty, _model.Searchers, setup.NameOf(quote), setup.DecimalsOf(quote))
        {
            Opportunities = _opportunities,
            Sent = _sent,
            Skipped = _skipped,
            Completed = _completed,
            OneLegged = _oneLegged,
            NoLeg = _noLeg,
            Dropped = _dropped,
            Pending = _open.Count(t => t is not null),
            FailedSlippage = _failures[(int)LegFailure.Slippage],
            FailedLiquidity = _failures[(int)LegFailure.Liquidity],
            FailedBalance = _failures[(int)LegFailure.Balance],
            Profit = _profit,
            Mev = _mev,
            Losses = _losses,
            Inventory = _inventory,
        };
    }

    /// <inheritdoc />
    protected override void OnEvent(Scheduler scheduler, CrossArbitrageEvent simEvent)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        Look(scheduler);
        scheduler.ScheduleAfter(_chains[0].Model.BlockTime, this, CrossArbitrageEvent.Look);
    }

    /// <inheritdoc />
    void ISearcherSwapListener.OnSwap(RollupChain chain, in Transaction tx, in SwapResult result, RejectReason? reason, UInt128 feesWei)
    {
        var leg = LegOf(chain);
        if (leg < 0 || !Owns(leg, tx.From, out var searcher) || _open[searcher] is not { } trade || trade.Resolved[leg])
        {
            return;
        }

        trade.Resolved[leg] = true;
        trade.Fees += feesWei;
        if (reason is null)
        {
            trade.Executed[leg] = true;
            if (result.Direction == SwapDirection.OneForZero)
            {
                trade.Quote -= (Int128)result.AmountIn;
                trade.Base += (Int128)result.AmountOut;
            }
            else
            {
                trade.Base -= (Int128)result.AmountIn;
                trade.Quote += (Int128)result.AmountOut;
            }
        }
        else
        {
            _failures[(int)(reason switch
            {
                RejectReason.SlippageExceeded => LegFailure.Slippage,
                RejectReason.InsufficientLiquidity => LegFailure.Liquidity,
                _ => LegFailure.Balance,
            })]++;
        }

        if (trade.Resolved[0] && trade.Resolved[1])
        {
            Finish(searcher, trade);
        }
    }

    private void Look(Scheduler scheduler)
    {
        var first = _markets[0].Pools[_pools[0]];
        var second = _markets[1].Pools[_pools[1]];
        var found = CrossPoolArbitrage.Find(first, second);
        if (!found.Exists)
        {
            return;
        }

        var price = ReferencePrice();
        var gasWei = checked(((UInt128)Transaction.SwapGas * _chains[0].BaseFee) + ((UInt128)Transaction.SwapGas * _chains[1].BaseFee));
        var gasQuote = RollupMarket.QuoteValue(gasWei, price);
        if (found.GrossProfit <= gasQuote)
        {
            return;
        }

        _opportunities++;
        var buyLeg = found.BuyOnFirst ? 0 : 1;
        var sellLeg = 1 - buyLeg;
        var buy = new SwapPlan(SwapDirection.OneForZero, found.QuoteIn, found.BaseBought, _pools[buyLeg]);
        var sell = new SwapPlan(SwapDirection.ZeroForOne, found.BaseBought, found.QuoteIn + gasQuote, _pools[sellLeg]);
        for (var s = 0; s < _model.Searchers; s++)
        {
            if (_open[s] is not null || !CanPay(s, buyLeg, sellLeg, in found))
            {
                _skipped++;
                continue;
            }

            var plans = new SwapPlan[2];
            plans[buyLeg] = buy;
            plans[sellLeg] = sell;
            _open[s] = new Trade(plans);
            _sent++;

            // Drawn for every searcher in order (one draw per bundle, one per leg when independent).
            if (_model.Mode == CrossArbitrageMode.Atomic)
            {
                scheduler.ScheduleAfter(NextLatency(), _messengers[s * 3], Messenger.Arrives);
            }
            else
            {
                scheduler.ScheduleAfter(NextLatency(), _messengers[(s * 3) + 1], Messenger.Arrives);
                scheduler.ScheduleAfter(NextLatency(), _messengers[(s * 3) + 2], Messenger.Arrives);
            }
        }
    }

    private bool CanPay(int searcher, int buyLeg, int sellLeg, in CrossPoolTrade trade)
    {
        var buyMarket = _markets[buyLeg];
        var sellMarket = _markets[sellLeg];
        var buyAccount = _firstAccount[buyLeg] + searcher;
        var sellAccount = _firstAccount[sellLeg] + searcher;
        var gasBuy = (UInt128)Transaction.SwapGas * _chains[buyLeg].BaseFee;
        var gasSell = (UInt128)Transaction.SwapGas * _chains[sellLeg].BaseFee;
        return RollupMarket.BalanceOf(_chains[buyLeg].State, buyMarket.QuoteAsset(_pools[buyLeg]), buyAccount) >= trade.QuoteIn
            && _chains[buyLeg].State.Balance(buyAccount) >= gasBuy
            && RollupMarket.BalanceOf(_chains[sellLeg].State, sellMarket.BaseAsset(_pools[sellLeg]), sellAccount) >= trade.BaseBought + gasSell;
    }

    private SimDuration NextLatency() => new((long)_latency.NextUInt64((ulong)_lead.Microseconds));

    /// <summary>Sends searcher <paramref name="searcher"/>'s trade as it reaches the producer: the bundle (<paramref name="leg"/> −1) or one leg.</summary>
    private void Arrive(Scheduler scheduler, int searcher, int leg)
    {
        if (_open[searcher] is not { } trade)
        {
            return;
        }

        var now = scheduler.Now;
        if (leg < 0)
        {
            var bundle = new PathBundle(_bundleStatistics, _chains, _indexes, _firstAccount[0] + searcher, 0, 0, [.. trade.Plans.Select(p => (SwapPlan?)p)], now)
            {
                Carries = false,
                Accounts = [_firstAccount[0] + searcher, _firstAccount[1] + searcher],
                OnDropped = reason => Dropped(searcher, reason),
            };
            bundle.CountSubmitted(0);
            bundle.CountSubmitted(1);
            _coordinator!.Submit(new Bundle([new SlotSection(_chains[0], []), new SlotSection(_chains[1], [])], now) { Path = bundle });
            return;
        }

        var chain = _chains[leg];
        var account = _firstAccount[leg] + searcher;
        var plan = trade.Plans[leg];
        var swap = new Transaction(account, _markets[leg].FirstPoolAccount + plan.Pool, plan.AmountIn, chain.PendingNonce(account), 0, Transaction.SwapGas, now)
        {
            Kind = TransactionKind.Swap,
            PoolIndex = plan.Pool,
            Direction = plan.Direction,
            MinAmountOut = plan.MinAmountOut,
        };
        _markets[leg].SubmitSwap(in swap);
    }

    private void Dropped(int searcher, LegFailure reason)
    {
        if (_open[searcher] is null)
        {
            return;
        }

        _failures[(int)reason]++;
        _dropped++;
        _noLeg++;
        _open[searcher] = null;
    }

    private void Finish(int searcher, Trade trade)
    {
        _open[searcher] = null;
        var legs = (trade.Executed[0] ? 1 : 0) + (trade.Executed[1] ? 1 : 0);
        switch (legs)
        {
            case 2:
                _completed++;
                break;
            case 1:
                _oneLegged++;
                _inventory += trade.Base;
                break;
            default:
                _noLeg++;
                break;
        }

        var price = ReferencePrice();
        var ether = (BigInteger)trade.Base - (BigInteger)trade.Fees;
        var profit = (BigInteger)trade.Quote + (ether * (BigInteger)price.Scaled / (BigInteger)FixedPrice.Scale);
        _profit += (Int128)profit;
        if (profit > 0)
        {
            _mev += (UInt128)profit;
            _markets[0].Mev.Record(MevKind.Arbitrage, _captors[searcher], (UInt128)profit);
        }
        else if (profit < 0)
        {
            _losses += (UInt128)(-profit);
        }
    }

    // The CEX price when the scenario has a CEX quoting the pair's quote token, else the mean of the two pools' prices.
    private FixedPrice ReferencePrice()
    {
        if (_cexReference)
        {
            return _markets[0].Cex!.Current;
        }

        var first = _markets[0].Pools[_pools[0]];
        var second = _markets[1].Pools[_pools[1]];
        var a = FixedPrice.FromRatio(first.Reserve1, first.Reserve0).Scaled;
        var b = FixedPrice.FromRatio(second.Reserve1, second.Reserve0).Scaled;
        return new FixedPrice((a / 2) + (b / 2) + ((a % 2) + (b % 2)) / 2);
    }

    /// <summary>One searcher's trade under way: its two legs' plans and what each did.</summary>
    private sealed class Trade(SwapPlan[] plans)
    {
        public SwapPlan[] Plans { get; } = plans;

        public bool[] Resolved { get; } = new bool[2];

        public bool[] Executed { get; } = new bool[2];

        public Int128 Quote { get; set; }

        public Int128 Base { get; set; }

        public UInt128 Fees { get; set; }
    }

    /// <summary>
    /// A searcher's bundle (leg −1) or one of its legs on its way to the producer, as a process
    /// so its arrival is its own event; of the desk's kind, so events keep their order.
    /// </summary>
    private sealed class Messenger(CrossArbitrageDesk desk, int searcher, int leg) : SimProcess<Messenger.Event>
    {
        public const Event Arrives = Event.Arrives;

        public enum Event
        {
            Arrives,
        }

        public override EventKind EventKind => EventKind.Arbitrage;

        protected override void OnEvent(Scheduler scheduler, Event simEvent) => desk.Arrive(scheduler, searcher, leg);
    }
}
