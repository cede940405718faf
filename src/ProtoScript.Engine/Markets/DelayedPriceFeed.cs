using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Markets;

/// <summary>
/// A price as an observer sees it after a fixed sync delay: a price published at time t
/// becomes visible at t + delay. It models the latency between the CEX (or the L1) and an
/// L2's view of it. Only prices still inside the delay window are kept, so memory is bounded
/// by the number of publications per delay, not by the run.
/// </summary>
public sealed class DelayedPriceFeed
{
    private readonly Queue<(SimDuration Time, FixedPrice Price)> _pending = new();
    private SimDuration _lastPublished = new(long.MinValue);
    private SimDuration _lastSeen = new(long.MinValue);
    private FixedPrice _visible;

    /// <summary>Creates a feed whose observer sees <paramref name="initial"/> until the first publication arrives.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public DelayedPriceFeed(SimDuration delay, FixedPrice initial)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delay.Microseconds, nameof(delay));
        Delay = delay;
        _visible = initial;
    }

    /// <summary>The sync delay.</summary>
    public SimDuration Delay { get; }

    /// <summary>Publishes the source's price at <paramref name="time"/>; times must not go back.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="time"/> is before the previous publication.</exception>
    public void Publish(SimDuration time, FixedPrice price)
    {
        if (time < _lastPublished)
        {
            throw new InvalidOperationException(
                $"A price was published at {time.Microseconds} us after one at {_lastPublished.Microseconds} us; publications must be in time order.");
        }

        _lastPublished = time;
        _pending.Enqueue((time, price));
    }

    /// <summary>The latest price published at or before <c>now − Delay</c> (the initial price if none); <paramref name="now"/> must not go back.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="now"/> is before the previous query.</exception>
    public FixedPrice Seen(SimDuration now)
    {
        if (now < _lastSeen)
        {
            throw new InvalidOperationException(
                $"The feed was read at {now.Microseconds} us after a read at {_lastSeen.Microseconds} us; reads must be in time order.");
        }

        _lastSeen = now;
        while (_pending.Count > 0 && _pending.Peek().Time.Microseconds <= now.Microseconds - Delay.Microseconds)
        {
            _visible = _pending.Dequeue().Price;
        }

        return _visible;
    }
}
