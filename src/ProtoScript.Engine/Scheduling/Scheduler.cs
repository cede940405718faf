using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Scheduling;

/// <summary>
/// The discrete-event loop of a run: a simulated clock and the queue of events that
/// move it.
/// </summary>
public sealed class Scheduler
{
    private readonly EventQueue _queue = new();

    /// <summary>The run's clock.</summary>
    public SimClock Clock { get; } = new();

    /// <summary>The current simulated time.</summary>
    public SimDuration Now => Clock.Now;

    /// <summary>How many events have been delivered so far.</summary>
    public long EventsProcessed { get; private set; }

    /// <summary>Schedules an event at an absolute time, which must not be in the past.</summary>
    public void ScheduleAt(SimDuration time, ISimProcess process, int tag = 0)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (time < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(time), FormattableString.Invariant(
                $"Cannot schedule at {time.Microseconds} us; the clock is already at {Now.Microseconds} us."));
        }

        _queue.Enqueue(time, new ScheduledEvent(process, tag));
    }

    /// <summary>Schedules an event <paramref name="delay"/> after now.</summary>
    public void ScheduleAfter(SimDuration delay, ISimProcess process, int tag = 0) => ScheduleAt(Now + delay, process, tag);

    /// <summary>
    /// Delivers, in order, every event due at or before <paramref name="end"/>, then
    /// leaves the clock at <paramref name="end"/>. Later events stay queued.
    /// </summary>
    public void RunUntil(SimDuration end)
    {
        while (_queue.TryPeekTime(out var time) && time <= end)
        {
            _queue.TryDequeue(out time, out var next);
            Clock.AdvanceTo(time);
            EventsProcessed++;
            next.Process.OnEvent(this, next.Tag);
        }

        Clock.AdvanceTo(end);
    }
}
