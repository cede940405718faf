using System.Numerics;
using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Markets;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Mev;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Trading;

/// <summary>
/// The back-runners of one rollup's first pool. Each watches the public mempool: when a user's
/// swap is sent, it replays that swap on the pool as of the last executed transaction and, if
/// the pool then sits far enough from the reference price (the CEX price as the sync delay lets
/// it be seen when the scenario has a CEX, else the pool's price before the swap) that the
/// closed-form trade back toward it earns more than the gas plus the minimum profit, sends that
/// trade. The back-run carries the user's own priority fee, so under <c>priority_fee</c> (the
/// only ordering it is bound on) it ties with the swap and the earlier arrival, the user's, goes
/// first: it lands right behind the swap, ahead of everything that bids less. Its minimum output
/// is the least that still earns the gas plus the minimum profit at the reference price, so a
/// back-run that something else overtook (another back-runner, an arbitrageur, a later swap)
/// reverts rather than loses. Each back-runner's transaction reaches the sequencer after its own
/// uniform latency below <see cref="MaxLatency"/>; one arriving after the block is sealed lands
/// in the next block.
/// </summary>
public sealed class BackRunDesk
{
    /// <summary>The longest time from seeing a user's swap to the back-run reaching the sequencer.</summary>
    public static readonly SimDuration MaxLatency = SimDuration.FromMilliseconds(50);

    private readonly RollupChain _chain;
    private readonly RollupMarket _market;
    private readonly RandomStream _latency;
    private readonly Dictionary<(int Account, ulong Nonce), FixedPrice> _references = [];
    private Scheduler? _scheduler;

    /// <summary>Creates the desk and hands it to the rollup's market; its random stream lives under <c>backrun/ROLLUP</c>.</summary>
    public BackRunDesk(RollupChain chain, RandomTree random)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(random);
        _chain = chain;
        _market = chain.Market is { BackRunners: > 0 } market ? market : throw new ArgumentException("The rollup has no back-runners.", nameof(chain));
        _latency = random.Stream("backrun/" + chain.Model.Name + "/latency");
        _market.BackRuns = this;
    }

    /// <summary>Back-runs sent.</summary>
    public long Sent { get; private set; }

    /// <summary>Remembers the scheduler the back-runs are sent on.</summary>
    public void Begin(Scheduler scheduler) => _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));

    /// <summary>Looks at a user's swap just sent and, when it pays, sends every back-runner's back-run.</summary>
    internal void Watch(SimDuration now, in Transaction userSwap)
    {
        if (_scheduler is not { } scheduler)
        {
            return;
        }

        var pool = _market.Pools[userSwap.PoolIndex];
        var reference = _market.TracksCex && _market.Cex is { } cex
            ? cex.Feed.Seen(now)
            : FixedPrice.FromRatio(pool.Reserve1, pool.Reserve0);
        var after = new ConstantProductPool(pool.Reserve0, pool.Reserve1, pool.Fee);
        if (!after.SwapExactIn(userSwap.Direction, userSwap.Value, userSwap.MinAmountOut).Executed || reference.Scaled == UInt128.Zero)
        {
            return; // the swap would revert, or the reference is no price: nothing to follow
        }

        var tip = userSwap.PriorityFeePerGas;
        var gasCost = RollupMarket.QuoteValue(checked((UInt128)Transaction.SwapGas * (_chain.BaseFee + tip)), reference);
        var threshold = checked(gasCost + _market.Setup.Trading.BackRunMinProfit);
        var trade = CexDexArbitrage.Find(after, reference, threshold);
        if (!trade.ShouldTrade)
        {
            return;
        }

        var minOut = MinimumOutput(trade.Direction, trade.AmountIn, reference, threshold);
        for (var b = 0; b < _market.BackRunners; b++)
        {
            // Drawn for every back-runner in order, so one's latency never shifts another's.
            var latency = new SimDuration((long)_latency.NextUInt64((ulong)MaxLatency.Microseconds));
            var order = new BackRun(this, _market.FirstBackRunner + b, trade.SwapDirection, trade.AmountIn, minOut, tip, reference, userSwap.PoolIndex);
            scheduler.ScheduleAfter(latency, order, BackRunEvent.Arrives);
        }
    }

    /// <summary>
    /// The least output at which paying <paramref name="amountIn"/> in still earns
    /// <paramref name="threshold"/> at <paramref name="reference"/>, rounded up.
    /// </summary>
    public static UInt128 MinimumOutput(ArbitrageDirection direction, UInt128 amountIn, FixedPrice reference, UInt128 threshold)
    {
        BigInteger p = reference.Scaled, scale = FixedPrice.Scale;
        var needed = direction == ArbitrageDirection.BuyOnPool
            ? ((((BigInteger)amountIn + threshold) * scale) + p - 1) / p // base out, sold at the reference
            : ((((BigInteger)amountIn * p) + scale - 1) / scale) + threshold; // quote out, the base bought back at the reference
        return (UInt128)needed;
    }

    /// <summary>Books an executed back-run: what it kept at its reference price to the back-runner, its tip to the sequencer.</summary>
    internal void Book(in Transaction tx, in SwapResult swap, UInt128 burnedWei, UInt128 tipWei, MevCaptor backRunner, MevCaptor sequencer)
    {
        if (!_references.Remove((tx.From, tx.Nonce), out var price))
        {
            return;
        }

        BigInteger p = price.Scaled, scale = FixedPrice.Scale;
        var gross = swap.Direction == SwapDirection.OneForZero
            ? ((BigInteger)swap.AmountOut * p / scale) - (BigInteger)swap.AmountIn
            : (BigInteger)swap.AmountOut - ((((BigInteger)swap.AmountIn * p) + scale - 1) / scale);
        var tip = RollupMarket.QuoteValue(tipWei, price);
        var kept = gross - (BigInteger)RollupMarket.QuoteValue(burnedWei, price) - (BigInteger)tip;
        if (kept > 0)
        {
            _market.Mev.Record(MevKind.BackRun, backRunner, (UInt128)kept);
        }

        if (tip > UInt128.Zero)
        {
            _market.Mev.Record(MevKind.BackRun, sequencer, tip);
        }
    }

    private void Send(BackRun order)
    {
        var nonce = _chain.PendingNonce(order.Account);
        var swap = new Transaction(order.Account, _market.FirstPoolAccount + order.Pool, order.AmountIn, nonce, order.TipPerGas, Transaction.SwapGas, _scheduler!.Now)
        {
            Kind = DataAvailability.TransactionKind.Swap,
            PoolIndex = order.Pool,
            Direction = order.Direction,
            MinAmountOut = order.MinAmountOut,
        };
        _references[(order.Account, nonce)] = order.Reference;
        Sent++;
        _market.SubmitSwap(in swap);
    }

    private enum BackRunEvent
    {
        // The back-run, decided when the user's swap was seen, reaches the sequencer after its latency.
        Arrives,
    }

    /// <summary>One back-run on its way to the sequencer.</summary>
    private sealed class BackRun(BackRunDesk desk, int account, SwapDirection direction, UInt128 amountIn, UInt128 minAmountOut, UInt128 tipPerGas, FixedPrice reference, int pool)
        : SimProcess<BackRunEvent>
    {
        public int Account => account;

        public SwapDirection Direction => direction;

        public UInt128 AmountIn => amountIn;

        public UInt128 MinAmountOut => minAmountOut;

        public UInt128 TipPerGas => tipPerGas;

        public FixedPrice Reference => reference;

        public int Pool => pool;

        public override EventKind EventKind => EventKind.Arbitrage;

        protected override void OnEvent(Scheduler scheduler, BackRunEvent simEvent) => desk.Send(this);
    }
}
