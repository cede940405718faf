using ProtoScript.Hooks;

namespace ProtoScript.Engine.Batching;

/// <summary>
/// How a DA aggregator's shared posting's L1 cost is split among its rollups when a C# hook
/// decides it (<c>cost_split = csharp ...</c>); the built-in rules split by bytes or equally (<see cref="DaCostSplit"/>).
/// </summary>
public interface IDaCostSplitRule
{
    /// <summary>Each part's share of <see cref="CostSplitView.Total"/>, in wei, in part order; the shares sum to it exactly.</summary>
    UInt128[] Split(CostSplitView posting);
}
