using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;

namespace ProtoScript.Engine.FeeMarket;

/// <summary>What a rollup's base-fee market did over a run; fees per gas in wei.</summary>
/// <param name="Model">The rule and its settings.</param>
/// <param name="GasTarget">EIP-1559's gas target per block (the gas limit ÷ elasticity).</param>
/// <param name="Start">The first block's base fee.</param>
/// <param name="End">The last block's base fee.</param>
/// <param name="Min">The lowest block base fee.</param>
/// <param name="Mean">The mean block base fee, rounded down.</param>
/// <param name="Median">The median block base fee (nearest rank).</param>
/// <param name="Max">The highest block base fee.</param>
/// <param name="Blocks">Blocks priced.</param>
/// <param name="AboveTarget">Blocks above the EIP-1559 target, or priced above the speed limit's minimum.</param>
/// <param name="MaxBacklog">The speed limit's largest backlog after a block, in gas (0 under EIP-1559).</param>
/// <param name="PricedOut">Transactions that waited at least one block because their max fee was below the base fee.</param>
/// <param name="Waiting">Transactions pending at the end whose max fee is below the last base fee.</param>
public sealed record BaseFeeMarketResult(
    Language.Model.BaseFeeMarketModel Model,
    ulong GasTarget,
    UInt128 Start,
    UInt128 End,
    UInt128 Min,
    UInt128 Mean,
    UInt128 Median,
    UInt128 Max,
    long Blocks,
    long AboveTarget,
    UInt128 MaxBacklog,
    long PricedOut,
    long Waiting);

/// <summary>Collects a rollup's <see cref="BaseFeeMarketResult"/>.</summary>
internal static class BaseFeeMarketCollector
{
    public static BaseFeeMarketResult? Collect(RollupChain chain)
    {
        if (chain.BaseFeeMarket is not { } market)
        {
            return null;
        }

        var statistics = market.Statistics;
        var (min, mean, median, max) = statistics.Summarize();
        var pending = new List<Transaction>();
        chain.Pool.CopyPending(pending);
        var waiting = pending.Count(tx => tx.MaxFeePerGas != 0 && tx.MaxFeePerGas < statistics.Last);
        return new BaseFeeMarketResult(
            market.Model,
            market.GasTarget,
            statistics.First,
            statistics.Last,
            min,
            mean,
            median,
            max,
            statistics.Blocks,
            statistics.AboveTarget,
            statistics.MaxBacklog,
            chain.Metrics.PricedOut,
            waiting);
    }
}
