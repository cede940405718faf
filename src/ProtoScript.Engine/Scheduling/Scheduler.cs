using System.Runtime.CompilerServices;
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

    /// <summary>Schedules one of a process's events at an absolute time, which must not be in the past.</summary>
    public void ScheduleAt<TEvent>(SimDuration time, SimProcess<TEvent> process, TEvent simEvent)
        where TEvent : unmanaged, Enum
    {
        ArgumentNullException.ThrowIfNull(process);
        CheckNotPast(time);
        _queue.Enqueue(time, new ScheduledEvent(process, Unsafe.BitCast<TEvent, int>(simEvent)));
    }

    /// <summary>Schedules one of a process's events <paramref name="delay"/> after now.</summary>
    public void ScheduleAfter<TEvent>(SimDuration delay, SimProcess<TEvent> process, TEvent simEvent)
        where TEvent : unmanaged, Enum => ScheduleAt(Now + delay, process, simEvent);

    /// <summary>
    /// Schedules one of a process's events that may be withdrawn before it runs, as a timeout is
    /// when what it waits for happens first.
    /// </summary>
    /// <returns>The handle to pass to <see cref="Cancel"/>.</returns>
    public EventHandle ScheduleCancellableAt<TEvent>(SimDuration time, SimProcess<TEvent> process, TEvent simEvent)
        where TEvent : unmanaged, Enum
    {
        ArgumentNullException.ThrowIfNull(process);
        CheckNotPast(time);
        return _queue.EnqueueCancellable(time, new ScheduledEvent(process, Unsafe.BitCast<TEvent, int>(simEvent)));
    }

    /// <summary>Withdraws an event scheduled with <see cref="ScheduleCancellableAt{TEvent}"/>: it will never run.</summary>
    /// <returns>False when it already ran or was already cancelled.</returns>
    public bool Cancel(EventHandle handle) => _queue.Cancel(handle);

    /// <summary>The number of events waiting, cancelled ones not counted.</summary>
    public int Pending => _queue.Count;

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
            next.Process.Dispatch(this, next.Event);
        }

        Clock.AdvanceTo(end);
    }

    private void CheckNotPast(SimDuration time)
    {
        if (time < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(time), FormattableString.Invariant(
                $"Cannot schedule at {time.Microseconds} us; the clock is already at {Now.Microseconds} us."));
        }
    }
}
