using ProtoScript.Engine.Mempool;
using ProtoScript.Language.Model;

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

/// <content>Registers <see cref="FcfsOrdering"/> as the built-in <see cref="OrderingRule.Fcfs"/> rule.</content>
public static partial class BuiltInOrderings
{
    private static readonly bool FcfsRegistered = Register(new(OrderingRule.Fcfs, FcfsOrdering.Key, _ => new FcfsOrdering()));
}
