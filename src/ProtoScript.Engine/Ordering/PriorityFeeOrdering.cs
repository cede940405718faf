using ProtoScript.Engine.Mempool;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Ordering;

/// <summary>Highest priority fee per gas first; earlier arrival breaks ties.</summary>
public sealed class PriorityFeeOrdering : IOrderingRule
{
    /// <summary>The key this rule is registered under.</summary>
    public const string Key = "priority_fee";

    /// <inheritdoc />
    public string Name => Key;

    /// <inheritdoc />
    public int Compare(in Transaction x, in Transaction y)
    {
        var byFee = y.PriorityFeePerGas.CompareTo(x.PriorityFeePerGas);
        return byFee != 0 ? byFee : x.ArrivalSequence.CompareTo(y.ArrivalSequence);
    }
}

/// <content>Registers <see cref="PriorityFeeOrdering"/> as the built-in <see cref="OrderingRule.PriorityFee"/> rule.</content>
public static partial class BuiltInOrderings
{
    private static readonly bool PriorityFeeRegistered = Register(new(OrderingRule.PriorityFee, PriorityFeeOrdering.Key, _ => new PriorityFeeOrdering()));
}
