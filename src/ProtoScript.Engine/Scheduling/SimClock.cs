using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Scheduling;

/// <summary>
/// Simulated time since genesis. It only moves forward, and only when the scheduler
/// delivers an event; nothing in the engine reads the wall clock.
/// </summary>
public sealed class SimClock
{
    /// <summary>The current simulated time.</summary>
    public SimDuration Now { get; private set; }

    /// <summary>Moves the clock to <paramref name="time"/>.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="time"/> is in the past.</exception>
    public void AdvanceTo(SimDuration time)
    {
        if (time < Now)
        {
            throw new InvalidOperationException(FormattableString.Invariant(
                $"Simulated time cannot go back from {Now.Microseconds} us to {time.Microseconds} us."));
        }

        Now = time;
    }
}
