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
