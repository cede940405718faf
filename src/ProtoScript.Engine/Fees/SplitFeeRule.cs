using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Fees;

/// <summary>
/// The split (<c>distribute = split { ROLE = PERCENT ... }</c>, the default): the base fees go to
/// the <c>base_fee</c> destination; from the pot (priority and L1 data fees) DataAvailability is
/// paid back what it is owed, then Prover; the rest is split by the shares.
/// </summary>
public static class SplitFeeRule
{
    /// <summary>The key this rule is registered under.</summary>
    public const string Key = "split";

    /// <inheritdoc cref="FeeRuleDistribution"/>
    public static void Distribute(FeeSettlement settlement, in FeeBlock block, List<FeePayment> payments)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        ArgumentNullException.ThrowIfNull(payments);
        payments.Add(new FeePayment(settlement.Model.BaseFee, block.BaseFees));
        var pot = block.PriorityFees + block.L1DataFees;
        pot = settlement.PayBack(Role.DataAvailability, pot, payments);
        pot = settlement.PayBack(Role.Prover, pot, payments);
        foreach (var payment in FeeSettlement.SplitShares(pot, settlement.Model.Shares))
        {
            payments.Add(payment);
        }
    }
}

/// <content>Registers <see cref="SplitFeeRule"/> as the built-in <see cref="FeeSplitRule.Split"/> rule.</content>
public static partial class BuiltInFeeRules
{
    private static readonly bool SplitRegistered = Register(new(FeeSplitRule.Split, SplitFeeRule.Key, SplitFeeRule.Distribute));
}
