using System.Collections.Immutable;
using ProtoScript.Hooks;

namespace ProtoScript.Language.Model;

/// <summary>One role's share of a split, in parts per million of what is split.</summary>
/// <param name="Role">Who receives it.</param>
/// <param name="PartsPerMillion">Its share: 1 000 000 is everything.</param>
public sealed record FeeShareModel(Role Role, uint PartsPerMillion);

/// <summary>
/// A rollup's <c>fees { ... }</c> block: who receives each kind of fee. Without the block a
/// rollup keeps the built-in rule (base fee burned, priority fee to the sequencer, no L1 data
/// fee, no role accounts); with it, every role is an account of the rollup's state and each
/// block's fees are settled into them when the block is sealed.
/// </summary>
/// <param name="L1DataFee">Charge every transaction an L1 data fee (OP Stack style).</param>
/// <param name="BaseFee">Where base fees go: <see cref="Role.Burned"/> or a role.</param>
/// <param name="Shares">
/// How what remains of the priority and L1 data fees after the paybacks (data availability,
/// then proving) is split, in source order; the rounding remainder goes to the first. Empty
/// when <see cref="Hook"/> decides instead.
/// </param>
public sealed record FeesModel(bool L1DataFee, Role BaseFee, ImmutableArray<FeeShareModel> Shares)
{
    /// <summary>The default split: everything that remains to the sequencer.</summary>
    public static ImmutableArray<FeeShareModel> SequencerTakesAll { get; } = [new FeeShareModel(Role.Sequencer, 1_000_000)];

    /// <summary>New ether minted every block (wei), paid to <see cref="IssuanceTo"/>; 0 for none.</summary>
    public UInt128 IssuancePerBlock { get; init; }

    /// <summary>Who receives the issuance.</summary>
    public Role IssuanceTo { get; init; } = Role.Treasury;

    /// <summary>The built-in rule that distributes each block's fees by <see cref="Shares"/>, unless <see cref="Hook"/> does.</summary>
    public FeeSplitRule Rule { get; init; } = FeeSplitRule.Split;

    /// <summary>A C# fee-distribution hook that replaces <see cref="Rule"/> and <see cref="Shares"/>, or null.</summary>
    public HookModel? Hook { get; init; }

    /// <summary>
    /// The OP Stack's Isthmus operator fee scalar (<c>op_stack { operator_fee_scalar = N }</c>): every
    /// transaction pays gas used × this / 1 000 000 wei into the OperatorFeeVault; 0 for none.
    /// </summary>
    public uint OperatorFeeScalar { get; init; }

    /// <summary>The OP Stack's Isthmus operator fee constant: wei every transaction pays into the OperatorFeeVault on top of the scaled part; 0 for none.</summary>
    public UInt128 OperatorFeeConstant { get; init; }

    /// <summary>True when transactions pay an operator fee (an <c>op_stack</c> rule with a scalar or constant).</summary>
    public bool HasOperatorFee => OperatorFeeScalar > 0 || OperatorFeeConstant > 0;

    /// <summary>How the base fee follows demand (<c>base_fee_market = ...</c>), or null for the rollup's fixed <c>base_fee</c>.</summary>
    public BaseFeeMarketModel? BaseFeeMarket { get; init; }
}
