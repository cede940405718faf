using System.Collections.Immutable;
using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Engine.Sequencing;
using ProtoScript.Engine.Trading;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Bundles;

/// <summary>A bundle stream's events.</summary>
public enum BundleEvent
{
    /// <summary>A user sends a bundle, and the next arrival is drawn.</summary>
    Arrival,
}

/// <summary>
/// The users of one <c>bundles { ... }</c> stream: Poisson arrivals, each a bundle over the
/// stream's path from a uniformly chosen user (the same account index on every rollup of the
/// path). A swap leg's direction is drawn half and half, its size is the bundle's value of base
/// token (in quote at the pool's price when it buys), and its limit is the pool's quote when the
/// bundle is sent less 1 %, as a wallet sets it. The bundle goes to the block producer that holds
/// every rollup of the path, or else hop by hop as asynchronous messages.
/// </summary>
/// <remarks>
/// It draws from its own streams (<c>bundles/N/arrivals</c>, <c>bundles/N/accounts</c>,
/// <c>bundles/N/swaps</c>), so adding a bundle stream leaves every other draw of a run as it was.
/// </remarks>
public sealed class BundleStream : SimProcess<BundleEvent>
{
    private readonly BundleStreamModel _model;
    private readonly ImmutableArray<RollupChain> _chains;
    private readonly ImmutableArray<int> _indexes;
    private readonly int _users;
    private readonly SlotCoordinator? _coordinator;
    private readonly AsynchronousBundles? _asynchronous;
    private readonly double _meanGapMicroseconds;
    private readonly RandomStream _arrivals;
    private readonly RandomStream _accounts;
    private readonly RandomStream _swaps;

    internal BundleStream(BundleStreamModel model, ImmutableArray<RollupChain> chains, ImmutableArray<int> indexes, PathStatistics statistics, SlotCoordinator? coordinator, AsynchronousBundles? asynchronous, RandomTree random, string randomPath)
    {
        _model = model;
        _chains = chains;
        _indexes = indexes;
        _users = chains.Min(c => c.UserAccounts);
        Statistics = statistics;
        _coordinator = coordinator;
        _asynchronous = asynchronous;
        _meanGapMicroseconds = SimDuration.MicrosPerSecond / model.RatePerSecond;
        _arrivals = random.Stream(randomPath + "/arrivals");
        _accounts = random.Stream(randomPath + "/accounts");
        _swaps = random.Stream(randomPath + "/swaps");
    }

    /// <summary>The path's counters.</summary>
    public PathStatistics Statistics { get; }

    /// <inheritdoc />
    public override EventKind EventKind => EventKind.UserTransaction;

    /// <summary>Schedules the first arrival, unless no user is on every rollup of the path.</summary>
    public void Start(Scheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (_users > 0)
        {
            scheduler.ScheduleAfter(NextGap(), this, BundleEvent.Arrival);
        }
    }

    /// <inheritdoc />
    protected override void OnEvent(Scheduler scheduler, BundleEvent simEvent)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        var now = scheduler.Now;
        var account = _accounts.NextInt(_users);
        var swaps = _model.Leg == BundleLegKind.Swap ? [.. _chains.Select(Plan)] : ImmutableArray<SwapPlan?>.Empty;
        var bundle = new PathBundle(Statistics, _chains, _indexes, account, _model.Value, _model.PriorityFee, swaps, now);
        Statistics.Sent++;
        if (_coordinator is not null)
        {
            // Signed whole now: every leg's transactions count as submitted on their rollups.
            for (var leg = 0; leg < bundle.Legs; leg++)
            {
                bundle.CountSubmitted(leg);
            }

            _coordinator.Submit(new Bundle([.. _chains.Select(c => new SlotSection(c, []))], now) { Path = bundle });
        }
        else
        {
            _asynchronous!.Send(bundle, _indexes[0]);
        }

        scheduler.ScheduleAfter(NextGap(), this, BundleEvent.Arrival);
    }

    private SwapPlan? Plan(RollupChain chain)
    {
        var pool = chain.Market!.Pools[0];
        var direction = _swaps.NextUInt64(2) == 0 ? SwapDirection.ZeroForOne : SwapDirection.OneForZero;
        var amountIn = direction == SwapDirection.ZeroForOne
            ? _model.Value
            : FullMath.MulDivFloor(_model.Value, pool.Reserve1, pool.Reserve0); // that much base, in quote at the pool's price
        if (amountIn == UInt128.Zero)
        {
            amountIn = 1;
        }

        var quote = pool.QuoteExactIn(direction, amountIn);
        return new SwapPlan(direction, amountIn, FullMath.MulDivFloor(quote, SwapFee.Denominator - UserSwaps.SlippageToleranceBasisPoints, SwapFee.Denominator));
    }

    private SimDuration NextGap()
    {
        var gap = Math.Round(_arrivals.NextExponential(_meanGapMicroseconds), MidpointRounding.ToEven);
        return new SimDuration(gap >= long.MaxValue ? long.MaxValue / 2 : (long)gap);
    }
}
