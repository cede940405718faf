using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Fees;

/// <summary>
/// The OP Stack (<c>distribute = op_stack { ROLE = PERCENT ... }</c>). Users' fees land in three
/// vaults: base fees in the BaseFeeVault, priority fees in the SequencerFeeVault, L1 data fees in
/// the L1FeeVault. Every block the Superchain revenue share, <see cref="SuperchainShare"/>, goes to
/// <see cref="Role.Treasury"/> (the Optimism Collective); from what remains DataAvailability (the
/// batcher, which the L1FeeVault funds) and then Prover are paid back what they are owed; the rest,
/// the chain operator's revenue, is split by the shares (default: all to the sequencer). The
/// OperatorFeeVault (Isthmus: <see cref="OperatorFee"/> per transaction) is operator revenue too:
/// it counts in the gross revenue and is split with the rest.
/// <c>base_fee</c> does not apply: the BaseFeeVault is revenue, not burned.
/// </summary>
public static class OpStackFeeRule
{
    /// <summary>The key this rule is registered under.</summary>
    public const string Key = "op_stack";

    /// <summary>The floor of the Superchain share: 2.5 % of gross revenue, in parts per thousand.</summary>
    public const uint GrossPerMille = 25;

    /// <summary>The Superchain share of net revenue: 15 %, in parts per thousand.</summary>
    public const uint NetPerMille = 150;

    /// <summary>
    /// The Superchain revenue share of one block, in wei rounded down: max(2.5 % × gross,
    /// 15 % × (gross − L1 fee revenue)), where gross is every fee the block's users paid
    /// (base, priority and L1 data fees) and the L1 fee revenue is the L1 data fees (the
    /// L1FeeVault), which pays for posting, so the 15 % applies to the rest.
    /// </summary>
    /// <param name="gross">Every fee the block's users paid.</param>
    /// <param name="l1FeeRevenue">The L1 data fees among them.</param>
    public static UInt128 SuperchainShare(UInt128 gross, UInt128 l1FeeRevenue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(l1FeeRevenue, gross);
        return UInt128.Max(PerMille(gross, GrossPerMille), PerMille(gross - l1FeeRevenue, NetPerMille));
    }

    /// <summary>
    /// The Isthmus operator fee of one transaction, in wei: gas used × <paramref name="scalar"/> /
    /// 1 000 000 rounded down, plus <paramref name="constant"/> (the GasPriceOracle's
    /// <c>getOperatorFee(gasUsed)</c> before Jovian).
    /// </summary>
    /// <param name="gasUsed">The transaction's gas used.</param>
    /// <param name="scalar">The operator fee scalar (SystemConfig's <c>operatorFeeScalar</c>, a uint32).</param>
    /// <param name="constant">The operator fee constant in wei (SystemConfig's <c>operatorFeeConstant</c>, a uint64).</param>
    public static UInt128 OperatorFee(ulong gasUsed, uint scalar, UInt128 constant) =>
        ((UInt128)gasUsed * scalar / 1_000_000) + constant;

    /// <inheritdoc cref="FeeRuleDistribution"/>
    public static void Distribute(FeeSettlement settlement, in FeeBlock block, List<FeePayment> payments)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        ArgumentNullException.ThrowIfNull(payments);

        // The vaults users paid into, then the Superchain share of them all: gross revenue is every
        // vault's revenue (the OperatorFeeVault's included), net revenue gross minus the L1FeeVault's.
        settlement.AddComponent("base_fee_vault", block.BaseFees);
        settlement.AddComponent("sequencer_fee_vault", block.PriorityFees);
        settlement.AddComponent("l1_fee_vault", block.L1DataFees);
        if (settlement.Model.HasOperatorFee)
        {
            settlement.AddComponent("operator_fee_vault", block.OperatorFees);
        }

        var share = SuperchainShare(block.Collected, block.L1DataFees);
        settlement.AddComponent("superchain_share", share);
        payments.Add(new FeePayment(Role.Treasury, share));
        var pot = block.Collected - share;
        pot = settlement.PayBack(Role.DataAvailability, pot, payments);
        pot = settlement.PayBack(Role.Prover, pot, payments);
        foreach (var payment in FeeSettlement.SplitShares(pot, settlement.Model.Shares))
        {
            payments.Add(payment);
        }
    }

    // amount × perMille / 1000 rounded down, without overflow: whole thousands first, then the rest.
    private static UInt128 PerMille(UInt128 amount, uint perMille) =>
        (amount / 1000 * perMille) + (amount % 1000 * perMille / 1000);
}

/// <content>Registers <see cref="OpStackFeeRule"/> as the built-in <see cref="FeeSplitRule.OpStack"/> rule.</content>
public static partial class BuiltInFeeRules
{
    private static readonly bool OpStackRegistered = Register(new(FeeSplitRule.OpStack, OpStackFeeRule.Key, OpStackFeeRule.Distribute));
}
