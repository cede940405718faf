using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Scheduling;

/// <summary>An event waiting in the queue: which process to wake, and with which tag.</summary>
/// <param name="Process">The process that handles the event.</param>
/// <param name="Tag">A value the process uses to tell its events apart.</param>
public readonly record struct ScheduledEvent(ISimProcess Process, int Tag);

/// <summary>
/// Pending events ordered by time, then by their <see cref="EventKind"/>, then by the order
/// they were scheduled in, so that events at the same microsecond always run in the same order
/// and that order is a rule (a price before the decisions that read it, a block before the
/// batch that carries it) rather than an accident of when each was queued.
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
        _queue.Enqueue(scheduledEvent, new EventKey(time.Microseconds, scheduledEvent.Process.Kind, _nextSequence++));
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
