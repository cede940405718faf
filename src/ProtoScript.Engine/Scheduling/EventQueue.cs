using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Scheduling;

/// <summary>An event waiting in the queue: which process to wake, and with which of its events.</summary>
/// <param name="Process">The process that handles the event.</param>
/// <param name="Event">The process's event (a value of its enum, see <see cref="SimProcess{TEvent}"/>) as an integer, so that the queue is not generic.</param>
internal readonly record struct ScheduledEvent(SimProcess Process, int Event);

/// <summary>
/// A cancellable event scheduled with <see cref="Scheduler.ScheduleCancellableAt"/>, to pass to
/// <see cref="Scheduler.Cancel"/>; a plain value, so keeping one costs nothing.
/// </summary>
/// <param name="Sequence">The event's scheduling sequence number, unique within its queue; 0 (the default handle) names no event.</param>
public readonly record struct EventHandle(ulong Sequence);

/// <summary>
/// Pending events ordered by time, then by their <see cref="EventKind"/>, then by the order
/// they were scheduled in, so that events at the same microsecond always run in the same order
/// and that order is a rule (a price before the decisions that read it, a block before the
/// batch that carries it) rather than an accident of when each was queued.
/// </summary>
/// <remarks>
/// Cancellation is lazy: a cancelled event stays in the heap, marked, and is discarded when it
/// reaches the top, so cancelling costs no heap search and an event that is never cancellable
/// costs one count check. Only events scheduled as cancellable are tracked, so the plain path
/// (every block, arrival and posting) allocates nothing per event.
/// </remarks>
internal sealed class EventQueue
{
    private readonly PriorityQueue<ScheduledEvent, EventKey> _queue = new();

    // Pending cancellable events by sequence number, true once cancelled; an entry leaves when its event leaves the heap.
    private readonly Dictionary<ulong, bool> _cancellable = [];
    private int _cancelled;

    // From 1, so that a default EventHandle names no event.
    private ulong _nextSequence = 1;

    /// <summary>The number of pending events, not counting cancelled ones.</summary>
    public int Count => _queue.Count - _cancelled;

    /// <summary>Adds an event due at <paramref name="time"/>.</summary>
    public void Enqueue(SimDuration time, ScheduledEvent scheduledEvent)
    {
        _queue.Enqueue(scheduledEvent, new EventKey(time.Microseconds, scheduledEvent.Process.EventKind, _nextSequence++));
    }

    /// <summary>Adds an event due at <paramref name="time"/> that <see cref="Cancel"/> can withdraw until it runs.</summary>
    public EventHandle EnqueueCancellable(SimDuration time, ScheduledEvent scheduledEvent)
    {
        var handle = new EventHandle(_nextSequence);
        Enqueue(time, scheduledEvent);
        _cancellable.Add(handle.Sequence, false);
        return handle;
    }

    /// <summary>Withdraws a pending cancellable event: it will never be returned.</summary>
    /// <returns>False when the event already ran, was already cancelled, or was not scheduled as cancellable.</returns>
    public bool Cancel(EventHandle handle)
    {
        if (!_cancellable.TryGetValue(handle.Sequence, out var cancelled) || cancelled)
        {
            return false;
        }

        _cancellable[handle.Sequence] = true;
        _cancelled++;
        return true;
    }

    /// <summary>Returns the time of the earliest event, if any.</summary>
    public bool TryPeekTime(out SimDuration time)
    {
        DiscardCancelledTop();
        if (_queue.TryPeek(out _, out var key))
        {
            time = new SimDuration(key.Time);
            return true;
        }

        time = default;
        return false;
    }

    /// <summary>Removes and returns the earliest event, if any.</summary>
    public bool TryDequeue(out SimDuration time, out ScheduledEvent scheduledEvent)
    {
        DiscardCancelledTop();
        if (_queue.TryDequeue(out scheduledEvent, out var key))
        {
            if (_cancellable.Count > 0)
            {
                _cancellable.Remove(key.Sequence);
            }

            time = new SimDuration(key.Time);
            return true;
        }

        time = default;
        return false;
    }

    private void DiscardCancelledTop()
    {
        while (_cancelled > 0 && _queue.TryPeek(out _, out var key) && _cancellable.TryGetValue(key.Sequence, out var cancelled) && cancelled)
        {
            _queue.Dequeue();
            _cancellable.Remove(key.Sequence);
            _cancelled--;
        }
    }

    private readonly record struct EventKey(long Time, EventKind Kind, ulong Sequence) : IComparable<EventKey>
    {
        public int CompareTo(EventKey other)
        {
            var byTime = Time.CompareTo(other.Time);
            if (byTime != 0)
            {
                return byTime;
            }

            // As integers: an enum's CompareTo takes an object, which would box both on every heap step.
            var byKind = ((int)Kind).CompareTo((int)other.Kind);
            return byKind != 0 ? byKind : Sequence.CompareTo(other.Sequence);
        }
    }
}
