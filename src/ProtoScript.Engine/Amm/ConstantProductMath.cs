namespace ProtoScript.Engine.Amm;

/// <summary>
/// Uniswap V2's pricing rules for a constant-product pool x·y = k with a swap fee f, in
/// integers. With γ = (10^4 − f_bp) and D = 10^4:
/// <list type="bullet">
/// <item><c>amountOut = ⌊amountIn·γ·reserveOut / (reserveIn·D + amountIn·γ)⌋</c></item>
/// <item><c>amountIn = ⌊reserveIn·amountOut·D / ((reserveOut − amountOut)·γ)⌋ + 1</c></item>
/// </list>
/// For the 0.3 % fee these give exactly the numbers of V2's 997/1000 formulas (both
/// numerator and denominator are scaled by 10). Reserves and amounts are limited to
/// 2^112 − 1 as V2's uint112 reserves are; then every intermediate but the product with a
/// reserve is below 2^127, and that product is carried in 256 bits (<see cref="FullMath"/>).
/// </summary>
public static class ConstantProductMath
{
    /// <summary>The largest reserve (and single amount) a pool accepts: 2^112 − 1, as Uniswap V2's uint112.</summary>
    public static readonly UInt128 MaxReserve = (UInt128.One << 112) - 1;

    /// <summary>
    /// The output of swapping <paramref name="amountIn"/> into a pool, rounded down (the
    /// pool keeps the remainder). Uniswap V2's <c>getAmountOut</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The input is zero, a reserve is zero, or a value is above <see cref="MaxReserve"/>.
    /// </exception>
    public static UInt128 GetAmountOut(UInt128 amountIn, UInt128 reserveIn, UInt128 reserveOut, SwapFee fee)
    {
        if (amountIn == UInt128.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(amountIn), "The input amount must be positive.");
        }

        CheckReserves(reserveIn, reserveOut);
        CheckAmount(amountIn, nameof(amountIn));
        var amountInWithFee = amountIn * fee.InputMultiplier; // < 2^126
        var denominator = (reserveIn * SwapFee.Denominator) + amountInWithFee; // < 2^127
        return FullMath.MulDivFloor(amountInWithFee, reserveOut, denominator);
    }

    /// <summary>
    /// The smallest input that buys at least <paramref name="amountOut"/>, rounded up
    /// (⌊·⌋ + 1, as V2 does, so the pool never gives away a rounding unit). Uniswap V2's
    /// <c>getAmountIn</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The output is zero or not below <paramref name="reserveOut"/>, a reserve is zero or
    /// above <see cref="MaxReserve"/>, or the required input exceeds what any pool can hold.
    /// </exception>
    public static UInt128 GetAmountIn(UInt128 amountOut, UInt128 reserveIn, UInt128 reserveOut, SwapFee fee)
    {
        if (amountOut == UInt128.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(amountOut), "The output amount must be positive.");
        }

        CheckReserves(reserveIn, reserveOut);
        if (amountOut >= reserveOut)
        {
            throw new ArgumentOutOfRangeException(
                nameof(amountOut),
                $"Insufficient liquidity: the output {amountOut} must be below the reserve {reserveOut}.");
        }

        return TryGetAmountIn(amountOut, reserveIn, reserveOut, fee, out var amountIn)
            ? amountIn
            : throw new ArgumentOutOfRangeException(
                nameof(amountOut),
                $"Buying {amountOut} needs an input above 2^112 − 1, more than any pool can hold.");
    }

    /// <summary>
    /// <see cref="GetAmountIn"/> without exceptions for valid reserves: false when the
    /// output is zero or not below the reserve, or when the input would exceed <see cref="MaxReserve"/>.
    /// </summary>
    public static bool TryGetAmountIn(UInt128 amountOut, UInt128 reserveIn, UInt128 reserveOut, SwapFee fee, out UInt128 amountIn)
    {
        amountIn = UInt128.Zero;
        if (amountOut == UInt128.Zero || amountOut >= reserveOut
            || reserveIn == UInt128.Zero || reserveIn > MaxReserve || reserveOut > MaxReserve)
        {
            return false;
        }

        var numeratorFactor = reserveIn * SwapFee.Denominator; // < 2^126
        var denominator = (reserveOut - amountOut) * fee.InputMultiplier; // < 2^126
        if (!FullMath.TryMulDiv(numeratorFactor, amountOut, denominator, roundUp: false, out var floor)
            || floor >= MaxReserve)
        {
            return false;
        }

        amountIn = floor + 1;
        return true;
    }

    /// <summary>The fee part of an input: ⌊amountIn·fee_bp / 10^4⌋.</summary>
    public static UInt128 FeeOf(UInt128 amountIn, SwapFee fee) =>
        FullMath.MulDivFloor(amountIn, fee.BasisPoints, SwapFee.Denominator);

    private static void CheckReserves(UInt128 reserveIn, UInt128 reserveOut)
    {
        if (reserveIn == UInt128.Zero || reserveOut == UInt128.Zero)
        {
            throw new ArgumentOutOfRangeException(
                reserveIn == UInt128.Zero ? nameof(reserveIn) : nameof(reserveOut),
                "Insufficient liquidity: both reserves must be positive.");
        }

        CheckAmount(reserveIn, nameof(reserveIn));
        CheckAmount(reserveOut, nameof(reserveOut));
    }

    private static void CheckAmount(UInt128 amount, string name)
    {
        if (amount > MaxReserve)
        {
            throw new ArgumentOutOfRangeException(
                name,
                $"{amount} is above 2^112 − 1, the largest amount a pool holds (as Uniswap V2's uint112 reserves); use a smaller unit or smaller amounts.");
        }
    }
}
