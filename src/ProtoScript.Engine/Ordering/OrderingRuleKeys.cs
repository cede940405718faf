using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Ordering;

/// <summary>Maps the bound model's ordering rules to the keys their implementations are registered under.</summary>
public static class OrderingRuleKeys
{
    /// <summary>The service key of a built-in rule.</summary>
    public static string Of(OrderingRule rule) => rule switch
    {
        OrderingRule.Fcfs => FcfsOrdering.Key,
        OrderingRule.PriorityFee => PriorityFeeOrdering.Key,
        OrderingRule.Random => RandomOrdering.Key,
        OrderingRule.Auction => AuctionOrdering.Key,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown ordering rule."),
    };
}
