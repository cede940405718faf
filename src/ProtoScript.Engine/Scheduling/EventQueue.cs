using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Scheduling;

/// <summary>An event waiting in the queue: which process to wake, and with which tag.</summary>
/// <param name="Process">The process that handles the event.</param>
/// <param name="Tag">A value the process uses to tell its events apart.</param>
public readonly record struct ScheduledEvent(ISimProcess Process, int Tag);

/// <summary>
/// Pending events ordered by time, then by the order they were scheduled in, so that
/// events at the same microsecond always run in the same order.
/// </summary>
public sealed class EventQueue
{
    private readonly PriorityQueue<ScheduledEvent, EventKey> _queue = new();
    private ulong _nextSequence;

    /// <summary>The number of pending events.</summary>
    public int Count => _queue.Count;

    /// <summary>Adds an event due at <paramref name="time"/>.</summary>
    public void Enqueue(SimDuration time, ScheduledEvent scheduledEvent)
    {
        _queue.Enqueue(scheduledEvent, new EventKey(time.Microseconds, _nextSequence++));
    }

    /// <summary>Returns the time of the earliest event, if any.</summary>
    public bool TryPeekTime(out SimDuration time)
    {
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
        if (_queue.TryDequeue(out scheduledEvent, out var key))
        {
            time = new SimDuration(key.Time);
            return true;
        }

        time = default;
        return false;
    }

    private readonly record struct EventKey(long Time, ulong Sequence) : IComparable<EventKey>
    {
        public int CompareTo(EventKey other)
        {
            var byTime = Time.CompareTo(other.Time);
            return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
        }
    }
}
