using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Bridge;

/// <summary>Turns a rollup's bridge counters into its result at the end of a run.</summary>
internal static class BridgeCollector
{
    /// <summary>The bridge result, or null when the scenario neither deposits to nor withdraws from the rollup.</summary>
    public static BridgeResult? Collect(RollupChain chain, SimDuration end)
    {
        var m = chain.Bridge;
        if (!m.Active)
        {
            return null;
        }

        var (finalized, latency) = m.FinalizedBy(end);
        return new BridgeResult(
            m.DepositsSubmitted,
            m.DepositsIncluded,
            m.Deposited,
            m.DepositLatency.Summarize(),
            m.WithdrawalsInitiated,
            m.Withdrawn,
            m.WithdrawalsOnL1,
            finalized,
            chain.Model.Bridge.WithdrawalDelay,
            latency.Summarize())
        {
            FinalizesOnProof = chain.Model.Bridge.FinalizesOnProof,
        };
    }
}
