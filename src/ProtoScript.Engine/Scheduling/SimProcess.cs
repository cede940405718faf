using System.Runtime.CompilerServices;

namespace ProtoScript.Engine.Scheduling;

/// <summary>
/// A component that acts when one of its scheduled events comes due: what the queue holds.
/// Derive from <see cref="SimProcess{TEvent}"/>, whose events are the values of an enum.
/// </summary>
/// <remarks>
/// An abstract class rather than an interface because it is on the hot path of every run: the
/// scheduler calls <see cref="Dispatch"/> once per event (about a million a second), and two
/// virtual calls through the class's method table (this one, then the typed handler) cost less
/// than the one interface dispatch through many process types they replace.
/// </remarks>
public abstract class SimProcess
{
    // Only SimProcess<TEvent> derives from it, so every process's events are an enum.
    private protected SimProcess()
    {
    }

    /// <summary>What this process's events do, which orders them among events due at the same microsecond.</summary>
    public abstract EventKind EventKind { get; }

    /// <summary>Delivers an event as the queue stores it, its enum value as an integer.</summary>
    internal abstract void Dispatch(Scheduler scheduler, int simEvent);
}

/// <summary>
/// A process whose events are the values of an enum: it is scheduled with
/// <see cref="Scheduler.ScheduleAt{TEvent}"/> and handles each event as its
/// <typeparamref name="TEvent"/>, so a process with several events (a slot's start and its
/// sealing, a consensus round's timeouts) cannot confuse them, and no process reads bare integers.
/// </summary>
/// <typeparam name="TEvent">The process's events; an enum whose underlying type is <see cref="int"/>.</typeparam>
/// <remarks>The queue stores the event as its integer value, so a typed event costs what an integer tag cost.</remarks>
public abstract class SimProcess<TEvent> : SimProcess
    where TEvent : unmanaged, Enum
{
    /// <summary>Checks that <typeparamref name="TEvent"/> is as wide as the queue's integer, so each event converts back unchanged.</summary>
    /// <exception cref="NotSupportedException">The enum's underlying type is not 32 bits wide.</exception>
    protected SimProcess()
    {
        if (Unsafe.SizeOf<TEvent>() != sizeof(int))
        {
            throw new NotSupportedException($"The events of a process must be an enum whose underlying type is int; {typeof(TEvent).Name} is not.");
        }
    }

    /// <summary>Handles an event this process scheduled.</summary>
    /// <param name="scheduler">The run's scheduler; its clock already shows the event's time.</param>
    /// <param name="simEvent">The event.</param>
    protected abstract void OnEvent(Scheduler scheduler, TEvent simEvent);

    /// <inheritdoc />
    internal sealed override void Dispatch(Scheduler scheduler, int simEvent) => OnEvent(scheduler, Unsafe.BitCast<int, TEvent>(simEvent));
}
