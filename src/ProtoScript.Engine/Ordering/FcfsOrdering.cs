using ProtoScript.Engine.Mempool;

namespace ProtoScript.Engine.Ordering;

/// <summary>First come, first served: by arrival at the sequencer.</summary>
public sealed class FcfsOrdering : IOrderingRule
{
    /// <summary>The key this rule is registered under.</summary>
    public const string Key = "fcfs";

    /// <inheritdoc />
    public string Name => Key;

    /// <inheritdoc />
    public int Compare(in Transaction x, in Transaction y) => x.ArrivalSequence.CompareTo(y.ArrivalSequence);
}
