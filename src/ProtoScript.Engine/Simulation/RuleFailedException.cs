using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Simulation;

/// <summary>
/// A rule that is not built in (a C# hook) threw while a rollup built a block. It carries
/// where in the simulation that happened, so the tool can say so without a stack trace.
/// </summary>
public sealed class RuleFailedException : Exception
{
    private readonly string _place;

    /// <summary>Wraps the rule's exception with the simulated time and block.</summary>
    /// <param name="rollup">The rollup whose rule failed.</param>
    /// <param name="time">The simulated time of the failure.</param>
    /// <param name="block">The number of the block being built.</param>
    /// <param name="innerException">What the rule threw.</param>
    public RuleFailedException(string rollup, SimDuration time, long block, Exception innerException)
        : base(FormattableString.Invariant($"at {time} while rollup {rollup} built block {block}: {innerException?.Message}"), innerException)
    {
        Rollup = rollup;
        Time = time;
        Block = block;
        _place = FormattableString.Invariant($"block {block} of rollup {rollup}");
    }

    // A shared sequencer's set decides heights for several rollups at once: the failure is its own, not a rollup's.
    private RuleFailedException(string sequencer, SimDuration time, long height, Exception innerException, bool _)
        : base(FormattableString.Invariant($"at {time} while shared sequencer {sequencer} decided height {height}: {innerException?.Message}"), innerException)
    {
        Rollup = sequencer;
        Time = time;
        Block = height;
        _place = FormattableString.Invariant($"height {height} of shared sequencer {sequencer}");
    }

    /// <summary>The rollup whose rule failed (for a shared sequencer's rule, the sequencer).</summary>
    public string Rollup { get; }

    /// <summary>The simulated time of the failure.</summary>
    public SimDuration Time { get; }

    /// <summary>The number of the block being built (for a shared sequencer's rule, the height being decided).</summary>
    public long Block { get; }

    /// <summary>Where it happened, for a diagnostic: <c>at 12.000 s in block 6 of rollup A</c>, or <c>at 2 s in height 1 of shared sequencer S</c>.</summary>
    public string When => FormattableString.Invariant($"at {Time} in {_place}");

    /// <summary>A shared sequencer's rule (its set's proposer hook) failed while its set decided <paramref name="height"/>.</summary>
    /// <param name="sequencer">The shared sequencer.</param>
    /// <param name="time">The simulated time of the failure.</param>
    /// <param name="height">The height being decided.</param>
    /// <param name="innerException">What the rule threw.</param>
    /// <returns>The exception to throw.</returns>
    public static RuleFailedException OfSharedSequencer(string sequencer, SimDuration time, long height, Exception innerException) =>
        new(sequencer, time, height, innerException, true);
}
