using System.Runtime.CompilerServices;

namespace ProtoScript.Engine.Scheduling;

/// <summary>A component that acts when one of its scheduled events comes due.</summary>
public interface ISimProcess
{
    /// <summary>What this process's events do, which orders them among events due at the same microsecond.</summary>
    EventKind Kind { get; }

    /// <summary>Handles an event this process scheduled.</summary>
    /// <param name="scheduler">The run's scheduler; its clock already shows the event's time.</param>
    /// <param name="tag">The value given when the event was scheduled, to tell a process's events apart.</param>
    void OnEvent(Scheduler scheduler, int tag);
}

/// <summary>
/// A process whose events are the values of an enum rather than bare integer tags: it is
/// scheduled with <see cref="Scheduler.ScheduleAt{TEvent}"/> and handles each event as its
/// <typeparamref name="TEvent"/>, so a process with several events (a slot's start and its
/// sealing, a consensus round's timeouts) cannot confuse them.
/// </summary>
/// <typeparam name="TEvent">The process's events; an enum whose underlying type is <see cref="int"/>.</typeparam>
/// <remarks>The queue still stores the event as its integer value, so a typed event costs what a tag costs.</remarks>
public interface ISimProcess<TEvent> : ISimProcess
    where TEvent : unmanaged, Enum
{
    /// <summary>Handles an event this process scheduled.</summary>
    /// <param name="scheduler">The run's scheduler; its clock already shows the event's time.</param>
    /// <param name="simEvent">The event.</param>
    void OnEvent(Scheduler scheduler, TEvent simEvent);

    /// <inheritdoc />
    void ISimProcess.OnEvent(Scheduler scheduler, int tag) => OnEvent(scheduler, Unsafe.BitCast<int, TEvent>(tag));
}
