using System.Numerics;
using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Markets;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Trading;

/// <summary>An arbitrage desk's events.</summary>
public enum ArbitrageEvent
{
    /// <summary>A lead before a block: the arbitrageurs look at the CEX and the pool and decide.</summary>
    Look,
}

/// <summary>
/// The competing arbitrageurs of one rollup's first pool. Once per L2 block, a lead time
/// before the block is sealed, every arbitrageur looks at the CEX price as the sync delay
/// lets it see it and at the pool as of the last sealed block, and when
/// <see cref="CexDexArbitrage.Find(ConstantProductPool, FixedPrice, UInt128)"/> says the
/// trade pays after the pool fee and the gas at the base fee, each sends the same swap with
/// the computed output as its minimum. They race: each transaction reaches the sequencer
/// after its own random network latency (uniform below the lead, drawn per transaction),
/// so under <c>fcfs</c> the fastest wins; under <c>priority_fee</c> each also bids a fixed
/// share of the expected profit (drawn once per arbitrageur, uniform in [50 %, 90 %) in whole basis points) as
/// priority fee, so the highest bidder wins. Only one arbitrage per pool and block executes;
/// the others revert (<c>slippage_exceeded</c>) and still pay their gas.
/// </summary>
public sealed class ArbitrageDesk : SimProcess<ArbitrageEvent>
{
    /// <summary>The longest lead before a block at which arbitrageurs decide (half a block time when that is shorter).</summary>
    public static readonly SimDuration MaxLead = SimDuration.FromMilliseconds(50);

    private readonly RollupChain _chain;
    private readonly RollupMarket _market;
    private readonly CexMarket _cex;
    private readonly SimDuration _lead;
    private readonly RandomStream _latency;
    private readonly uint[] _bidShareBasisPoints;
    private readonly bool _bids;
    private ArbitrageOpportunity _opportunity;
    private readonly UInt128[] _tipPerGas;
    private readonly UInt128[] _sealedBidWei;
    private readonly IArbitrageStrategy? _strategy;
    private readonly ArbitrageOrder[] _orders;

    // One per arbitrageur, made once: a trade reaching the sequencer is its arbitrageur's event.
    private readonly Arbitrageur[] _arbitrageurs;

    /// <summary>Creates the desk; its random streams live under <c>arbitrage/ROLLUP</c>.</summary>
    public ArbitrageDesk(RollupChain chain, RandomTree random)
        : this(chain, random, null)
    {
    }

    /// <summary>
    /// Creates the desk with a strategy that replaces the built-in closed-form trade (a hook);
    /// null for the built-in rule. Its random streams live under <c>arbitrage/ROLLUP</c>.
    /// </summary>
    public ArbitrageDesk(RollupChain chain, RandomTree random, IArbitrageStrategy? strategy)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(random);
        _chain = chain;
        _market = chain.Market ?? throw new ArgumentException("The rollup has no market.", nameof(chain));
        _cex = _market.Cex ?? throw new ArgumentException("The scenario has no CEX.", nameof(chain));
        var blockTime = chain.Model.BlockTime;
        _lead = blockTime.Microseconds / 2 < MaxLead.Microseconds ? new SimDuration(blockTime.Microseconds / 2) : MaxLead;
        var path = "arbitrage/" + chain.Model.Name;
        _latency = random.Stream(path + "/latency");
        var shares = random.Stream(path + "/bid-share");
        _bidShareBasisPoints = new uint[_market.Arbitrageurs];
        for (var a = 0; a < _bidShareBasisPoints.Length; a++)
        {
            _bidShareBasisPoints[a] = 5_000 + (uint)shares.NextUInt64(4_000);
        }

        // On a PBS rollup the bid is what the searcher pays the builder, whatever the ordering rule.
        _bids = chain.Model.Ordering == OrderingRule.PriorityFee || chain.Pbs is not null;
        _tipPerGas = new UInt128[_market.Arbitrageurs];
        _sealedBidWei = new UInt128[_market.Arbitrageurs];
        _strategy = strategy;
        _orders = new ArbitrageOrder[_market.Arbitrageurs];
        _arbitrageurs = new Arbitrageur[_market.Arbitrageurs];
        for (var a = 0; a < _arbitrageurs.Length; a++)
        {
            _arbitrageurs[a] = new Arbitrageur(this, a);
        }
    }

    /// <summary>The rollup whose first pool the desk trades on.</summary>
    internal RollupChain Chain => _chain;

    /// <summary>The share of the expected profit <paramref name="arbitrageur"/> bids (as priority fee, sealed bid or express-lane bid), in basis points.</summary>
    public uint BidShareBasisPoints(int arbitrageur) => _bidShareBasisPoints[arbitrageur];

    /// <summary>
    /// Every rollup with arbitrageurs, in scenario order (this one among them): what a strategy
    /// hook sees as <c>market.Pools</c> and where its multi-leg trades may send legs.
    /// </summary>
    public System.Collections.Immutable.ImmutableArray<RollupChain> Venues { get; init; } = [];

    /// <summary>Schedules the first look, a lead before the first block.</summary>
    public void Begin(Scheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (_market.Arbitrageurs > 0 && _lead > SimDuration.Zero)
        {
            scheduler.ScheduleAt(_chain.Model.BlockTime - _lead, this, ArbitrageEvent.Look);
        }
    }

    /// <inheritdoc />
    public override EventKind EventKind => EventKind.Arbitrage;

    /// <inheritdoc />
    protected override void OnEvent(Scheduler scheduler, ArbitrageEvent simEvent)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        Look(scheduler);
        scheduler.ScheduleAfter(_chain.Model.BlockTime, this, ArbitrageEvent.Look);
    }

    /// <summary>Sends the trade <paramref name="arbitrageur"/> decided on, as it reaches the sequencer.</summary>
    private void Arrive(Scheduler scheduler, int arbitrageur)
    {
        var account = _market.FirstArbitrageur + arbitrageur;
        if (_strategy is not null)
        {
            Send(scheduler, account, in _orders[arbitrageur]);
            return;
        }

        var swap = new Transaction(
            account, _market.FirstPoolAccount, _opportunity.AmountIn, _chain.PendingNonce(account), _tipPerGas[arbitrageur], Transaction.SwapGas, scheduler.Now)
        {
            Kind = TransactionKind.Swap,
            PoolIndex = 0,
            Direction = _opportunity.SwapDirection,
            MinAmountOut = _opportunity.AmountOut,
        };
        if (_chain.Auction is { } auction)
        {
            auction.Submit(in swap, _sealedBidWei[arbitrageur]);
        }
        else if (_chain.Pbs is { } pbs)
        {
            pbs.SubmitBundle(in swap); // a searcher's bundle to every builder, its bid as its priority fee
        }
        else
        {
            _market.SubmitSwap(in swap);
        }
    }

    private void Look(Scheduler scheduler)
    {
        var seen = _cex.Feed.Seen(scheduler.Now);
        var pool = _market.Pools[0];
        var baseGasCost = RollupMarket.QuoteValue(checked((UInt128)Transaction.SwapGas * _chain.BaseFee), seen);
        var opportunity = CexDexArbitrage.Find(pool, seen, baseGasCost);
        if (_strategy is not null)
        {
            Decide(scheduler, seen, pool, opportunity);
            return;
        }

        if (!opportunity.ShouldTrade)
        {
            return;
        }

        _opportunity = opportunity;
        for (var a = 0; a < _market.Arbitrageurs; a++)
        {
            _tipPerGas[a] = _bids ? TipPerGas(opportunity.NetProfit, _bidShareBasisPoints[a], seen) : UInt128.Zero;
            _sealedBidWei[a] = _chain.Auction is null ? UInt128.Zero : BidWei(opportunity.NetProfit, _bidShareBasisPoints[a], seen);

            // Drawn for every arbitrageur in order, so one's latency never shifts another's.
            var latency = new SimDuration((long)_latency.NextUInt64((ulong)_lead.Microseconds));
            scheduler.ScheduleAfter(latency, _arbitrageurs[a], ArbitrageurEvent.TradeArrives);
        }
    }

    /// <summary>Asks the strategy of every arbitrageur, in order, and schedules the trades it returns.</summary>
    private void Decide(Scheduler scheduler, FixedPrice seen, ConstantProductPool pool, ArbitrageOpportunity opportunity)
    {
        var state = _chain.State;
        var auction = _chain.Auction is not null;
        for (var a = 0; a < _market.Arbitrageurs; a++)
        {
            var best = opportunity.ShouldTrade
                ? new ArbitrageOrder(
                    true,
                    opportunity.SwapDirection,
                    opportunity.AmountIn,
                    opportunity.AmountOut,
                    _bids ? TipPerGas(opportunity.NetProfit, _bidShareBasisPoints[a], seen) : UInt128.Zero,
                    auction ? BidWei(opportunity.NetProfit, _bidShareBasisPoints[a], seen) : UInt128.Zero)
                : default;
            var account = _market.FirstArbitrageur + a;
            var situation = new ArbitrageSituation(
                seen,
                pool,
                _chain.BaseFee,
                auction,
                a,
                RollupMarket.BalanceOf(state, _market.BaseAsset(0), account),
                RollupMarket.BalanceOf(state, _market.QuoteAsset(0), account),
                best,
                scheduler.Now)
            {
                Venues = Venues,
                Rollup = _chain.Model.Name,
            };
            ArbitrageOrder order;
            try
            {
                order = _strategy!.Decide(in situation);
                if (situation.Impossible(in order) is { } why)
                {
                    throw new InvalidOperationException("the strategy returned an impossible trade: " + why);
                }
            }
            catch (Exception e) when (e is not (RuleFailedException or OutOfMemoryException))
            {
                throw new RuleFailedException(_chain.Model.Name, scheduler.Now, _chain.Metrics.Blocks + 1, e);
            }

            _orders[a] = order;
            if (order.SendsAnything)
            {
                var latency = new SimDuration((long)_latency.NextUInt64((ulong)_lead.Microseconds));
                scheduler.ScheduleAfter(latency, _arbitrageurs[a], ArbitrageurEvent.TradeArrives);
            }
        }
    }

    private void Send(Scheduler scheduler, int account, in ArbitrageOrder order)
    {
        if (order.Trade)
        {
            SendMain(scheduler, account, in order);
        }

        // A multi-leg trade's other legs: ordinary swaps, each from this arbitrageur's account on its rollup.
        foreach (var leg in order.Legs.IsDefault ? [] : order.Legs)
        {
            var chain = Venues[leg.Venue];
            var market = chain.Market!;
            var from = market.FirstArbitrageur + (account - _market.FirstArbitrageur);
            market.SubmitSwap(new Transaction(from, market.FirstPoolAccount + leg.Pool, leg.AmountIn, chain.PendingNonce(from), order.TipPerGas, Transaction.SwapGas, scheduler.Now)
            {
                Kind = TransactionKind.Swap,
                PoolIndex = leg.Pool,
                Direction = leg.Direction,
                MinAmountOut = leg.MinAmountOut,
            });
        }
    }

    private void SendMain(Scheduler scheduler, int account, in ArbitrageOrder order)
    {
        var swap = new Transaction(
            account, _market.FirstPoolAccount, order.AmountIn, _chain.PendingNonce(account), order.TipPerGas, Transaction.SwapGas, scheduler.Now)
        {
            Kind = TransactionKind.Swap,
            PoolIndex = 0,
            Direction = order.Direction,
            MinAmountOut = order.MinAmountOut,
        };
        if (_chain.Auction is { } auction)
        {
            auction.Submit(in swap, order.Bid);
        }
        else if (_chain.Pbs is { } pbs)
        {
            pbs.SubmitBundle(in swap);
        }
        else
        {
            _market.SubmitSwap(in swap);
        }
    }

    /// <summary>The priority fee per gas that bids <paramref name="shareBasisPoints"/> of the expected profit, in wei at the price the arbitrageur sees.</summary>
    private static UInt128 TipPerGas(UInt128 netProfitQuote, uint shareBasisPoints, FixedPrice price) =>
        BidWei(netProfitQuote, shareBasisPoints, price) / Transaction.SwapGas;

    /// <summary>
    /// <paramref name="shareBasisPoints"/> of the expected profit (in the quote token), in wei at
    /// the price the arbitrageur sees, rounded down: its sealed bid under <c>ordering = auction</c>.
    /// </summary>
    public static UInt128 BidWei(UInt128 netProfitQuote, uint shareBasisPoints, FixedPrice price)
    {
        if (price.Scaled == UInt128.Zero)
        {
            return UInt128.Zero;
        }

        BigInteger bidQuote = (BigInteger)netProfitQuote * shareBasisPoints / 10_000;
        return (UInt128)(bidQuote * (BigInteger)FixedPrice.Scale / (BigInteger)price.Scaled);
    }

    private enum ArbitrageurEvent
    {
        // The arbitrageur's trade, sent at the look, reaches the sequencer after its latency.
        TradeArrives,
    }

    /// <summary>
    /// One arbitrageur of the desk as a process, so that its trade's arrival is its own event
    /// rather than the desk's event carrying its index. Its events are of the desk's kind, so
    /// they run in the same order as if the desk had scheduled them.
    /// </summary>
    private sealed class Arbitrageur(ArbitrageDesk desk, int index) : SimProcess<ArbitrageurEvent>
    {
        public override EventKind EventKind => EventKind.Arbitrage;

        protected override void OnEvent(Scheduler scheduler, ArbitrageurEvent simEvent) => desk.Arrive(scheduler, index);
    }
}
