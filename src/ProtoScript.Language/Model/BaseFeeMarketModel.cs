namespace ProtoScript.Language.Model;

/// <summary>How a rollup's base fee follows demand.</summary>
public enum BaseFeeMarketKind
{
    /// <summary>EIP-1559 as the OP Stack runs it: each block's base fee moves by the parent's gas used against a target.</summary>
    Eip1559,

    /// <summary>ArbOS's pricing: a gas backlog that drains at a speed limit, the price exponential in the backlog above a tolerance.</summary>
    SpeedLimit,
}

/// <summary>
/// A rollup's base-fee market (<c>fees { base_fee_market = eip1559 { ... } }</c> or
/// <c>speed_limit { ... }</c>): the base fee per gas follows demand instead of staying at the
/// rollup's <c>base_fee</c>. Only the fields of <see cref="Kind"/> are used.
/// </summary>
/// <param name="Kind">The rule.</param>
/// <param name="Min">The floor of the base fee, in wei: EIP-1559's minimum (OP Stack Jovian's), or ArbOS's minimum base fee, the price of an empty backlog.</param>
public sealed record BaseFeeMarketModel(BaseFeeMarketKind Kind, UInt128 Min)
{
    /// <summary>The OP Stack's elasticity multiplier since Canyon: the gas target is the gas limit ÷ 6.</summary>
    public const ulong OpElasticity = 6;

    /// <summary>The OP Stack's base-fee change denominator since Canyon.</summary>
    public const ulong OpDenominator = 250;

    /// <summary>Arbitrum One's speed limit, in gas per second.</summary>
    public const ulong ArbitrumSpeedLimit = 7_000_000;

    /// <summary>Arbitrum One's backlog tolerance: 10 seconds of the speed limit.</summary>
    public static readonly SimDuration ArbitrumTolerance = SimDuration.FromSeconds(10);

    /// <summary>Arbitrum One's pricing inertia.</summary>
    public const ulong ArbitrumInertia = 102;

    /// <summary>Arbitrum One's minimum base fee: 0.01 gwei.</summary>
    public static readonly UInt128 ArbitrumMinBaseFee = 10_000_000;

    /// <summary>EIP-1559: the gas target is the gas limit ÷ this.</summary>
    public ulong Elasticity { get; init; } = OpElasticity;

    /// <summary>EIP-1559: a block at twice the target raises the base fee by 1 ÷ this.</summary>
    public ulong Denominator { get; init; } = OpDenominator;

    /// <summary>Speed limit: the gas per second the backlog drains by.</summary>
    public ulong SpeedLimitPerSecond { get; init; } = ArbitrumSpeedLimit;

    /// <summary>Speed limit: the backlog priced at the minimum, as a time at the speed limit.</summary>
    public SimDuration Tolerance { get; init; } = ArbitrumTolerance;

    /// <summary>Speed limit: how slowly the price rises with the backlog above the tolerance.</summary>
    public ulong Inertia { get; init; } = ArbitrumInertia;

    /// <summary>The rule's scenario name.</summary>
    public string Name => Kind == BaseFeeMarketKind.Eip1559 ? "eip1559" : "speed_limit";
}
