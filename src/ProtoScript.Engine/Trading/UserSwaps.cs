using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Workload;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Trading;

/// <summary>
/// Turns a share of a user stream's arrivals into swaps on the target rollup's first pool:
/// half sell a <c>swap_size</c> of the base token, half buy that much base token with the
/// quote token at the pool's current price. Each swap sets its minimum output to the
/// pool's quote now less <see cref="SlippageToleranceBasisPoints"/>, as a wallet's default
/// slippage setting does.
/// </summary>
/// <remarks>
/// Swaps draw from their own streams (<c>…/swaps</c>, <c>…/swap-sizes</c>,
/// <c>…/swap-fees</c>); the arrival stream is shared with transfers, and the transfer streams
/// are simply not drawn for an arrival that swaps, so the transfers keep their sequence of
/// draws.
/// </remarks>
public sealed class UserSwaps
{
    /// <summary>The users' slippage tolerance: 1 % (100 basis points) below the quoted output.</summary>
    public const uint SlippageToleranceBasisPoints = 100;

    private readonly TradingModel _trading;
    private readonly UserStreamModel _stream;
    private readonly RollupChain _target;
    private readonly RollupMarket _market;
    private readonly RandomStream _choices;
    private readonly RandomStream _sizes;
    private readonly RandomStream _fees;

    /// <summary>Creates the swaps of one user stream on one rollup; its streams live under <paramref name="randomPath"/>.</summary>
    public UserSwaps(TradingModel trading, UserStreamModel stream, RollupChain target, RandomTree random, string randomPath)
    {
        ArgumentNullException.ThrowIfNull(trading);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(random);
        _trading = trading;
        _stream = stream;
        _target = target;
        _market = target.Market is { Pools.Count: > 0 } market
            ? market
            : throw new ArgumentException($"Rollup '{target.Model.Name}' has no pool to swap on.", nameof(target));
        _choices = random.Stream(randomPath + "/swaps");
        _sizes = random.Stream(randomPath + "/swap-sizes");
        _fees = random.Stream(randomPath + "/swap-fees");
    }

    /// <summary>Decides whether this arrival swaps and, if so, sends the swap.</summary>
    /// <returns>True when a swap was sent (the arrival is used up).</returns>
    public bool TrySend(SimDuration now)
    {
        if (!(_choices.NextDouble() < _trading.SwapShare))
        {
            return false;
        }

        var from = _choices.NextInt(_target.UserAccounts);
        var direction = _choices.NextUInt64(2) == 0 ? SwapDirection.ZeroForOne : SwapDirection.OneForZero;
        var size = DistributionSampler.SampleWei(_trading.SwapSize, _sizes);
        var fee = DistributionSampler.SampleWei(_stream.PriorityFee, _fees);
        var pool = _market.Pools[0];
        var amountIn = direction == SwapDirection.ZeroForOne
            ? size
            : FullMath.MulDivFloor(size, pool.Reserve1, pool.Reserve0); // that much base, in quote at the pool's price
        if (amountIn == UInt128.Zero)
        {
            amountIn = 1;
        }

        var quote = pool.QuoteExactIn(direction, amountIn);
        var minOut = FullMath.MulDivFloor(quote, SwapFee.Denominator - SlippageToleranceBasisPoints, SwapFee.Denominator);
        var swap = new Transaction(from, _market.FirstPoolAccount, amountIn, _target.PendingNonce(from), fee, Transaction.SwapGas, now)
        {
            Kind = TransactionKind.Swap,
            PoolIndex = 0,
            Direction = direction,
            MinAmountOut = minOut,
        };
        _market.SubmitSwap(in swap);
        _market.BackRuns?.Watch(now, in swap);
        return true;
    }
}
