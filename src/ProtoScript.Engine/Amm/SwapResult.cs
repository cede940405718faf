namespace ProtoScript.Engine.Amm;

/// <summary>Whether a swap executed and, if not, why.</summary>
public enum SwapOutcome
{
    /// <summary>The swap executed and the reserves changed.</summary>
    Executed,

    /// <summary>The input amount was zero.</summary>
    InsufficientInputAmount,

    /// <summary>The input was so small that the output rounds down to zero.</summary>
    InsufficientOutputAmount,

    /// <summary>The requested output is not below the pool's reserve of that token.</summary>
    InsufficientLiquidity,

    /// <summary>The output was below the caller's minimum, or the input above its maximum.</summary>
    SlippageExceeded,

    /// <summary>The input would take the pool's reserve above 2^112 − 1, the largest it can hold.</summary>
    ReserveOverflow,
}

/// <summary>Stable names of <see cref="SwapOutcome"/> values, as reports print them.</summary>
public static class SwapOutcomes
{
    /// <summary>Every outcome, in report order.</summary>
    public static IReadOnlyList<SwapOutcome> All { get; } = Enum.GetValues<SwapOutcome>();

    /// <summary>The snake_case name of an outcome.</summary>
    public static string Name(SwapOutcome outcome) => outcome switch
    {
        SwapOutcome.Executed => "executed",
        SwapOutcome.InsufficientInputAmount => "insufficient_input_amount",
        SwapOutcome.InsufficientOutputAmount => "insufficient_output_amount",
        SwapOutcome.InsufficientLiquidity => "insufficient_liquidity",
        SwapOutcome.SlippageExceeded => "slippage_exceeded",
        SwapOutcome.ReserveOverflow => "reserve_overflow",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown swap outcome."),
    };
}

/// <summary>
/// What a swap did. A rejected swap changes nothing; its amounts are those it would have
/// had where they could be computed, zero otherwise.
/// </summary>
/// <param name="Outcome">Executed, or why not.</param>
/// <param name="Direction">Which token went in.</param>
/// <param name="AmountIn">The input amount, in the input token's smallest unit.</param>
/// <param name="AmountOut">The output amount, in the output token's smallest unit.</param>
/// <param name="Fee">The fee part of the input, ⌊AmountIn·fee / 10^4⌋; it stays in the pool.</param>
public readonly record struct SwapResult(
    SwapOutcome Outcome,
    SwapDirection Direction,
    UInt128 AmountIn,
    UInt128 AmountOut,
    UInt128 Fee)
{
    /// <summary>Whether the swap executed.</summary>
    public bool Executed => Outcome == SwapOutcome.Executed;

    /// <summary>A rejection with no amounts.</summary>
    public static SwapResult Rejected(SwapOutcome outcome, SwapDirection direction) =>
        new(outcome, direction, UInt128.Zero, UInt128.Zero, UInt128.Zero);
}
