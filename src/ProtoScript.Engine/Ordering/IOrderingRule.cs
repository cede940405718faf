using ProtoScript.Engine.Mempool;

namespace ProtoScript.Engine.Ordering;

/// <summary>
/// How a sequencer ranks the transactions it could include next. Only each sender's
/// lowest-nonce transaction is ever compared, so a rule never has to reason about
/// nonces.
/// </summary>
public interface IOrderingRule
{
    /// <summary>The name a scenario uses for this rule (e.g. <c>priority_fee</c>).</summary>
    string Name { get; }

    /// <summary>Negative if <paramref name="x"/> should be included before <paramref name="y"/>, positive if after.</summary>
    int Compare(in Transaction x, in Transaction y);
}
