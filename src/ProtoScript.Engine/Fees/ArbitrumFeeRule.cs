using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Fees;

/// <summary>
/// Arbitrum (<c>distribute = arbitrum { ROLE = PERCENT ... }</c>). The L2 base fee is two fees: the
/// infrastructure fee, the block's gas used at the minimum base fee (<see cref="MinBaseFee"/>), to
/// <see cref="Role.Treasury"/> (the infrastructure fee account), and the network fee, the rest of
/// the base fee. The L1 data fees fund the L1 pricer, which pays DataAvailability (the batch poster)
/// back what it is owed; its surplus goes to the treasury (the L1 rewards recipient), and a deficit is
/// what DataAvailability is still owed, carried over to later blocks as the pricer carries it.
/// The network fee and the priority fees pay Prover back (the validators) and the rest is split by
/// the shares (default: all to the sequencer). <c>base_fee</c> does not apply.
/// </summary>
public static class ArbitrumFeeRule
{
    /// <summary>The key this rule is registered under.</summary>
    public const string Key = "arbitrum";

    /// <summary>
    /// The minimum base fee per gas the infrastructure fee is charged at: the base fee market's
    /// floor when the rollup has one, else Arbitrum One's 0.01 gwei.
    /// </summary>
    public static UInt128 MinBaseFee(FeesModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.BaseFeeMarket is { Kind: not BaseFeeMarketKind.Hooked, Min: var min } ? min : BaseFeeMarketModel.ArbitrumMinBaseFee;
    }

    /// <summary>
    /// The infrastructure fee of a block: its gas used at <paramref name="minBaseFee"/>, at most the
    /// base fees it paid (a block whose base fee fell below the floor pays only what it paid).
    /// </summary>
    public static UInt128 InfrastructureFee(ulong gasUsed, UInt128 minBaseFee, UInt128 baseFees) =>
        UInt128.Min(baseFees, checked(gasUsed * minBaseFee));

    /// <inheritdoc cref="FeeRuleDistribution"/>
    public static void Distribute(FeeSettlement settlement, in FeeBlock block, List<FeePayment> payments)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        ArgumentNullException.ThrowIfNull(payments);
        var infrastructure = InfrastructureFee(block.GasUsed, MinBaseFee(settlement.Model), block.BaseFees);
        payments.Add(new FeePayment(Role.Treasury, infrastructure));
        settlement.AddComponent("infrastructure_fee", infrastructure);
        settlement.AddComponent("network_fee", block.BaseFees - infrastructure);
        settlement.AddComponent("priority_fees", block.PriorityFees);

        // The L1 pricer: its funds pay the poster; only what the poster is not owed is surplus.
        var surplus = settlement.PayBack(Role.DataAvailability, block.L1DataFees, payments);
        settlement.AddComponent("l1_pricer_funds", block.L1DataFees);
        settlement.AddComponent("l1_pricer_surplus", surplus);
        payments.Add(new FeePayment(Role.Treasury, surplus));

        var network = block.BaseFees - infrastructure + block.PriorityFees;
        network = settlement.PayBack(Role.Prover, network, payments);
        foreach (var payment in FeeSettlement.SplitShares(network, settlement.Model.Shares))
        {
            payments.Add(payment);
        }
    }
}

/// <content>Registers <see cref="ArbitrumFeeRule"/> as the built-in <see cref="FeeSplitRule.Arbitrum"/> rule.</content>
public static partial class BuiltInFeeRules
{
    private static readonly bool ArbitrumRegistered = Register(new(FeeSplitRule.Arbitrum, ArbitrumFeeRule.Key, ArbitrumFeeRule.Distribute));
}
