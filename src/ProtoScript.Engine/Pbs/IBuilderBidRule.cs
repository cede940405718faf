using ProtoScript.Hooks;

namespace ProtoScript.Engine.Pbs;

/// <summary>
/// What a PBS builder bids for its block candidate, when a C# hook decides it
/// (<c>bid = csharp ...</c>); the built-in rule is a share of the candidate's value.
/// </summary>
public interface IBuilderBidRule
{
    /// <summary>The bid in wei for <paramref name="candidate"/>; at most its <see cref="BuilderBidView.Value"/>.</summary>
    UInt128 Bid(in BuilderBidView candidate);
}
