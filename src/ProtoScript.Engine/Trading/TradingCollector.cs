using System.Collections.Immutable;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mev;
using ProtoScript.Engine.Results;

namespace ProtoScript.Engine.Trading;

/// <summary>Turns a rollup's market into its immutable trading result.</summary>
internal static class TradingCollector
{
    public static TradingResult? Collect(RollupChain chain)
    {
        if (chain.Market is not { } market)
        {
            return null;
        }

        var setup = market.Setup;
        var rejected = ImmutableArray.CreateBuilder<RejectionCount>();
        var userRejected = ImmutableArray.CreateBuilder<RejectionCount>();
        var searcherRejected = ImmutableArray.CreateBuilder<RejectionCount>();
        foreach (var reason in RejectReasons.All)
        {
            if (reason != RejectReason.NonceGap && !(RejectReasons.IsValidityOnly(reason) && chain.Validity is null) && !RejectReasons.IsPoolOnly(reason))
            {
                var name = RejectReasons.Name(reason);
                long all = market.SwapsRejected(reason), searchers = market.SearcherSwapsRejected(reason);
                rejected.Add(new RejectionCount(name, all));
                userRejected.Add(new RejectionCount(name, all - searchers));
                searcherRejected.Add(new RejectionCount(name, searchers));
            }
        }

        var pools = ImmutableArray.CreateBuilder<PoolResult>(market.Pools.Count);
        for (var p = 0; p < market.Pools.Count; p++)
        {
            var pool = market.Pools[p];
            int b = market.BaseAsset(p), q = market.QuoteAsset(p);
            pools.Add(new PoolResult(
                chain.Model.Amms[p].Name, setup.NameOf(b), setup.DecimalsOf(b), setup.NameOf(q), setup.DecimalsOf(q),
                pool.Fee.BasisPoints, pool.Reserve0, pool.Reserve1, pool.SwapCount));
        }

        var quoteAsset = market.Pools.Count > 0 ? market.QuoteAsset(0) : MarketSetup.Ether;
        CexResult? cex = market.Cex is { } c
            ? new CexResult(c.Model.QuoteToken, setup.DecimalsOf(setup.AssetOf(c.Model.QuoteToken)), c.Start.Scaled, c.Current.Scaled)
            : null;
        var mev = market.Mev;
        var mevSummary = new MevSummary(
            setup.NameOf(quoteAsset),
            setup.DecimalsOf(quoteAsset),
            mev.Total,
            mev.BlocksWithMev,
            [.. mev.ByKind().Select(k => new MevAmount(MevNames.Name(k.Kind), k.Amount, k.Events))],
            [.. mev.ByCaptor().Select(k => new MevAmount(k.Captor.ToString(), k.Amount, k.Events))]);
        var tokens = ImmutableArray.CreateBuilder<TokenSupply>(setup.Tokens.Length);
        for (var t = 0; t < setup.Tokens.Length; t++)
        {
            tokens.Add(new TokenSupply(setup.Tokens[t].Name, setup.Tokens[t].Decimals, market.GenesisSupply(t), chain.State.TotalTokenBalance(t)));
        }

        return new TradingResult(
            new SwapCounts(market.SwapsSubmitted, market.SwapsIncluded, rejected.ToImmutable()),
            market.ArbitragesSubmitted,
            market.ArbitragesIncluded,
            pools.MoveToImmutable(),
            cex,
            Summary(market.GapBefore),
            Summary(market.GapAfter),
            mevSummary,
            tokens.MoveToImmutable())
        {
            UserSwaps = new SwapCounts(market.SwapsSubmitted - market.SearcherSwapsSubmitted, market.SwapsIncluded - market.SearcherSwapsIncluded, userRejected.ToImmutable()),
            ArbitrageSwaps = new SwapCounts(market.SearcherSwapsSubmitted, market.SearcherSwapsIncluded, searcherRejected.ToImmutable()),
            ArbitragesUnprofitable = market.ArbitragesUnprofitable,
            ArbitrageLosses = market.ArbitrageLosses,
        };
    }

    private static PriceGapSummary Summary(Markets.PriceGapStatistics gap) =>
        new(gap.Samples, gap.MeanAbsoluteBasisPoints, gap.MaxAbsoluteBasisPoints);
}
