using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Simulation;

/// <summary>
/// A rule that is not built in (a C# hook) threw while a rollup built a block. It carries
/// where in the simulation that happened, so the tool can say so without a stack trace.
/// </summary>
public sealed class RuleFailedException : Exception
{
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
    }

    /// <summary>The rollup whose rule failed.</summary>
    public string Rollup { get; }

    /// <summary>The simulated time of the failure.</summary>
    public SimDuration Time { get; }

    /// <summary>The number of the block being built.</summary>
    public long Block { get; }

    /// <summary>Where it happened, for a diagnostic: <c>at 12.000 s in block 6 of rollup A</c>.</summary>
    public string When => FormattableString.Invariant($"at {Time} in block {Block} of rollup {Rollup}");
}
