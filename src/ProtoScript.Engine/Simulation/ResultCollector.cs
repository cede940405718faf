using System.Collections.Immutable;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Trading;

namespace ProtoScript.Engine.Simulation;

/// <summary>Turns a rollup's live counters into its immutable result.</summary>
internal static class ResultCollector
{
    public static RollupResult Collect(RollupChain chain)
    {
        var metrics = chain.Metrics;
        var rejected = ImmutableArray.CreateBuilder<RejectionCount>(RejectReasons.All.Count);
        var hasPools = chain.Market is { Pools.Count: > 0 };
        foreach (var reason in RejectReasons.All)
        {
            if (RejectReasons.IsSwapOnly(reason) && !hasPools)
            {
                continue; // only swaps revert for these; rollups without pools keep their report
            }

            rejected.Add(new RejectionCount(RejectReasons.Name(reason), metrics.Rejected(reason)));
        }

        var model = chain.Model;
        return new RollupResult(
            model.Name,
            chain.Pool.Rule.Name,
            model.BlockTime,
            model.GasLimit,
            model.BaseFee,
            chain.State.Count,
            metrics.Blocks,
            new TransactionCounts(metrics.Submitted, metrics.Included, rejected.ToImmutable(), chain.Pool.Count),
            metrics.InclusionLatency.Summarize(),
            metrics.GasUsed,
            new FeeSummary(chain.Fees[FeeRole.Burned], chain.Fees[FeeRole.Sequencer]),
            new SupplySummary(chain.InitialSupply, chain.State.TotalBalance(), chain.Fees[FeeRole.Burned]),
            chain.StateRootHex)
        {
            Trading = TradingCollector.Collect(chain),
        };
    }
}
