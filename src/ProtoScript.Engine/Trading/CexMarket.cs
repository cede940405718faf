using ProtoScript.Engine.Markets;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Trading;

/// <summary>The CEX's events.</summary>
public enum CexEvent
{
    /// <summary>A tick: the price moves and is published to the arbitrageurs' feed.</summary>
    Tick,
}

/// <summary>
/// The scenario's CEX: one geometric-Brownian-motion price of ether in the quote token,
/// advanced every <see cref="Tick"/> of simulated time, and a feed that shows it to
/// arbitrageurs after the scenario's sync delay.
/// </summary>
/// <remarks>
/// The tick is a fixed 100 ms rather than a rollup's block time, so the price path depends
/// only on the seed: a sweep over block times compares rollups on the same CEX path
/// (common random numbers). 100 ms is finer than any block time the examples use; a
/// rollup with shorter blocks sees the price move in 100 ms steps.
/// </remarks>
public sealed class CexMarket : SimProcess<CexEvent>
{
    /// <summary>How often the CEX price moves.</summary>
    public static readonly SimDuration Tick = SimDuration.FromMilliseconds(100);

    private readonly GbmPriceProcess _process;

    /// <summary>Creates the CEX of <paramref name="model"/>; its path draws only from the stream <c>cex</c>.</summary>
    public CexMarket(PriceProcessModel model, SimDuration syncDelay, RandomTree random)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(random);
        Model = model;

        // StartPrice is in quote units per whole ether (10^18 wei), which is exactly the
        // fixed-point price per wei scaled by 10^18.
        Start = new FixedPrice(model.StartPrice);
        _process = new GbmPriceProcess(Start, model.Volatility, model.Drift, random.Stream("cex"));
        Feed = new DelayedPriceFeed(syncDelay, Start);
    }

    /// <summary>The process's description.</summary>
    public PriceProcessModel Model { get; }

    /// <summary>The price at time zero.</summary>
    public FixedPrice Start { get; }

    /// <summary>The price now.</summary>
    public FixedPrice Current => _process.Current;

    /// <summary>The price as arbitrageurs see it, after the sync delay.</summary>
    public DelayedPriceFeed Feed { get; }

    /// <summary>Schedules the first tick.</summary>
    public void Begin(Scheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        scheduler.ScheduleAfter(Tick, this, CexEvent.Tick);
    }

    /// <inheritdoc />
    public override EventKind EventKind => EventKind.MarketPrice;

    /// <inheritdoc />
    protected override void OnEvent(Scheduler scheduler, CexEvent simEvent)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        Feed.Publish(scheduler.Now, _process.Advance(Tick));
        scheduler.ScheduleAfter(Tick, this, CexEvent.Tick);
    }
}
