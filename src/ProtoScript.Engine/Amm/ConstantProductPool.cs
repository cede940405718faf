namespace ProtoScript.Engine.Amm;

/// <summary>
/// A two-token constant-product pool with Uniswap V2's rules (<see cref="ConstantProductMath"/>).
/// The whole input, fee included, joins the reserves, so k = reserve0·reserve1 never
/// decreases and the fees accrue to the pool. A swap that cannot execute changes nothing
/// and says why.
/// </summary>
public sealed partial class ConstantProductPool
{
    /// <summary>Creates a pool with its initial reserves, in each token's smallest unit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A reserve is zero or above <see cref="ConstantProductMath.MaxReserve"/>.</exception>
    public ConstantProductPool(UInt128 reserve0, UInt128 reserve1, SwapFee fee)
    {
        CheckReserve(reserve0, nameof(reserve0));
        CheckReserve(reserve1, nameof(reserve1));
        Reserve0 = reserve0;
        Reserve1 = reserve1;
        Fee = fee;
    }

    /// <summary>The pool's balance of token 0.</summary>
    public UInt128 Reserve0 { get; private set; }

    /// <summary>The pool's balance of token 1.</summary>
    public UInt128 Reserve1 { get; private set; }

    /// <summary>The swap fee.</summary>
    public SwapFee Fee { get; }

    /// <summary>The fees paid in token 0 so far (part of <see cref="Reserve0"/>).</summary>
    public UInt128 FeesAccrued0 { get; private set; }

    /// <summary>The fees paid in token 1 so far (part of <see cref="Reserve1"/>).</summary>
    public UInt128 FeesAccrued1 { get; private set; }

    /// <summary>The number of swaps executed.</summary>
    public long SwapCount { get; private set; }

    /// <summary>An independent copy, e.g. for an arbitrageur to simulate a trade.</summary>
    public ConstantProductPool Clone() => (ConstantProductPool)MemberwiseClone();

    /// <summary>The reserves as (input, output) for a direction.</summary>
    public (UInt128 ReserveIn, UInt128 ReserveOut) ReservesFor(SwapDirection direction) =>
        direction == SwapDirection.ZeroForOne ? (Reserve0, Reserve1) : (Reserve1, Reserve0);

    /// <summary>
    /// Swaps exactly <paramref name="amountIn"/> for at least <paramref name="minAmountOut"/>
    /// (the caller's slippage limit). Rejected, and nothing changes, when the input is zero,
    /// would overflow the reserve, buys nothing, or buys less than the minimum.
    /// </summary>
    public SwapResult SwapExactIn(SwapDirection direction, UInt128 amountIn, UInt128 minAmountOut)
    {
        var (reserveIn, reserveOut) = ReservesFor(direction);
        if (amountIn == UInt128.Zero)
        {
            return SwapResult.Rejected(SwapOutcome.InsufficientInputAmount, direction);
        }

        if (amountIn > ConstantProductMath.MaxReserve - reserveIn)
        {
            return SwapResult.Rejected(SwapOutcome.ReserveOverflow, direction);
        }

        var amountOut = ConstantProductMath.GetAmountOut(amountIn, reserveIn, reserveOut, Fee);
        var fee = ConstantProductMath.FeeOf(amountIn, Fee);
        if (amountOut == UInt128.Zero)
        {
            return new SwapResult(SwapOutcome.InsufficientOutputAmount, direction, amountIn, amountOut, fee);
        }

        if (amountOut < minAmountOut)
        {
            return new SwapResult(SwapOutcome.SlippageExceeded, direction, amountIn, amountOut, fee);
        }

        Apply(direction, amountIn, amountOut, fee);
        return new SwapResult(SwapOutcome.Executed, direction, amountIn, amountOut, fee);
    }

    /// <summary>
    /// Buys exactly <paramref name="amountOut"/> for at most <paramref name="maxAmountIn"/>.
    /// Rejected, and nothing changes, when the output is zero, not below the reserve, needs
    /// an input that would overflow the reserve, or costs more than the maximum.
    /// </summary>
    public SwapResult SwapExactOut(SwapDirection direction, UInt128 amountOut, UInt128 maxAmountIn)
    {
        var (reserveIn, reserveOut) = ReservesFor(direction);
        if (amountOut == UInt128.Zero)
        {
            return SwapResult.Rejected(SwapOutcome.InsufficientOutputAmount, direction);
        }

        if (amountOut >= reserveOut)
        {
            return SwapResult.Rejected(SwapOutcome.InsufficientLiquidity, direction);
        }

        if (!ConstantProductMath.TryGetAmountIn(amountOut, reserveIn, reserveOut, Fee, out var amountIn)
            || amountIn > ConstantProductMath.MaxReserve - reserveIn)
        {
            return SwapResult.Rejected(SwapOutcome.ReserveOverflow, direction);
        }

        var fee = ConstantProductMath.FeeOf(amountIn, Fee);
        if (amountIn > maxAmountIn)
        {
            return new SwapResult(SwapOutcome.SlippageExceeded, direction, amountIn, amountOut, fee);
        }

        Apply(direction, amountIn, amountOut, fee);
        return new SwapResult(SwapOutcome.Executed, direction, amountIn, amountOut, fee);
    }

    /// <summary>What <see cref="SwapExactIn"/> would pay out now, without changing the pool; zero when it would be rejected.</summary>
    public UInt128 QuoteExactIn(SwapDirection direction, UInt128 amountIn)
    {
        var (reserveIn, reserveOut) = ReservesFor(direction);
        return amountIn == UInt128.Zero || amountIn > ConstantProductMath.MaxReserve - reserveIn
            ? UInt128.Zero
            : ConstantProductMath.GetAmountOut(amountIn, reserveIn, reserveOut, Fee);
    }

    private void Apply(SwapDirection direction, UInt128 amountIn, UInt128 amountOut, UInt128 fee)
    {
        if (direction == SwapDirection.ZeroForOne)
        {
            Reserve0 += amountIn;
            Reserve1 -= amountOut;
            FeesAccrued0 += fee;
        }
        else
        {
            Reserve1 += amountIn;
            Reserve0 -= amountOut;
            FeesAccrued1 += fee;
        }

        SwapCount++;
    }

    private static void CheckReserve(UInt128 reserve, string name)
    {
        if (reserve == UInt128.Zero || reserve > ConstantProductMath.MaxReserve)
        {
            throw new ArgumentOutOfRangeException(
                name,
                reserve,
                "A pool's initial reserve must be between 1 and 2^112 − 1 smallest units (Uniswap V2's uint112 range).");
        }
    }
}
