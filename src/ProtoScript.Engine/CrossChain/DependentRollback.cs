using ProtoScript.Engine.Chains;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.CrossChain;

/// <summary>Which soft-trusting destinations roll back their dependent blocks when a source block is reorged.</summary>
internal static class DependentRollback
{
    /// <summary>
    /// True when the rollback covers everything <paramref name="chain"/>'s blocks change: plain
    /// transfers, deposits, withdrawals and cross-chain messages, as a withholding sequencer's reorg
    /// does. A rollup that reorgs its own blocks (withholding, an equivocating set) or has pools,
    /// a fee settlement, an auction, a validity hook, provers, a shared sequencer or builder, PBS,
    /// an express lane, flashblocks or bundles keeps counting the credit as a failed effect.
    /// </summary>
    public static bool Covers(ScenarioModel scenario, RollupChain chain)
    {
        var rollup = chain.Model;
        var name = rollup.Name;
        return rollup.Sequencer.Withhold.IsEmpty
            && rollup.Sequencer.Consensus?.CanCommitConflicting != true
            && rollup.Amms.IsDefaultOrEmpty && chain.Market is null
            && rollup.Fees is null && rollup.Auction is null && rollup.ValidityHook is null
            && chain.Proving is null && chain.Pbs is null && chain.ExpressLane is null
            && rollup.Flashblocks is null
            && !scenario.SharedSequencers.Any(s => s.Rollups.Contains(name))
            && !scenario.Builders.Any(b => b.Rollups.Contains(name))
            && scenario.Workload.Bundles.IsDefaultOrEmpty
            && chain.Sequencing is not null;
    }
}
