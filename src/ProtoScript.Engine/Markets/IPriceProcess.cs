using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Markets;

/// <summary>
/// An external reference price (a CEX) that moves with simulated time. Implementations
/// draw only from the stream they are given, so a seed fixes the whole path.
/// </summary>
public interface IPriceProcess
{
    /// <summary>The price now.</summary>
    FixedPrice Current { get; }

    /// <summary>The simulated time elapsed since the start of the path.</summary>
    SimDuration Elapsed { get; }

    /// <summary>Moves the price forward by <paramref name="step"/> and returns the new price.</summary>
    FixedPrice Advance(SimDuration step);
}
