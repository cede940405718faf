using ProtoScript.Engine.Batching;
using ProtoScript.Engine.Chains;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Fees;

/// <summary>Gives each rollup's fee settlement what it needs from the rest of the run, as parts of the chain.</summary>
internal static class FeeWiring
{
    /// <summary>
    /// Adds to <paramref name="parts"/> the settlement's L1 data price (the rollup's DA target
    /// under the L1's fork), its view of the L1 posting cost (from its batcher and the L1) and
    /// proving cost (from the rollup's provers, when a <c>provers</c> block proves it) and, for a
    /// hook distribution or a hooked base fee market, its compiled hook. A rollup without a <c>fees</c> block gets nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A rollup has a fee-distribution hook but no compiled distributor was given.</exception>
    public static RollupParts Connect(RollupParts parts, RollupModel rollup, L1Chain l1, Simulation.IRuleProvider? rules)
    {
        if (rollup.Fees is null)
        {
            return parts;
        }

        return parts with
        {
            FeePriceRule = L1DataPriceRule.For(l1.Spec, Batcher.TargetOf(rollup.Batch)),

            // Made by the chain after its batcher and provers, which it reads (RollupParts).
            FeeAttributes = chain => new SequencerL1Attributes(chain.Batcher!, l1, chain.BlockCosts),
            FeeDistributor = Simulation.RuleRegistry.FeeDistribution.Resolve(rollup, rules),
            BaseFeeRule = Simulation.RuleRegistry.BaseFeeMarket.Resolve(rollup, rules),
        };
    }
}
