using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Fees;

/// <summary>
/// The OP Stack (<c>distribute = op_stack { ROLE = PERCENT ... }</c>). Users' fees land in three
/// vaults: base fees in the BaseFeeVault, priority fees in the SequencerFeeVault, L1 data fees in
/// the L1FeeVault. Every block the Superchain revenue share, <see cref="SuperchainShare"/>, goes to
/// <see cref="Role.Treasury"/> (the Optimism Collective); from what remains DataAvailability (the
/// batcher, which the L1FeeVault funds) and then Prover are paid back what they are owed; the rest,
/// the chain operator's revenue, is split by the shares (default: all to the sequencer).
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

    /// <inheritdoc cref="FeeRuleDistribution"/>
    public static void Distribute(FeeSettlement settlement, in FeeBlock block, List<FeePayment> payments)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        ArgumentNullException.ThrowIfNull(payments);
        var share = SuperchainShare(block.Collected, block.L1DataFees);
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
