using System.Collections.Immutable;
using ProtoScript.Engine.Batching;
using ProtoScript.Engine.Chains;

namespace ProtoScript.Engine.Fees;

/// <summary>Connects each rollup's fee settlement to what it needs from the rest of the run.</summary>
internal static class FeeWiring
{
    /// <summary>
    /// Gives every settlement its L1 data price and posting cost (from its batcher and the L1),
    /// its proving cost (from the rollup's provers, when a <c>provers</c> block proves it) and, for a hook distribution, its compiled hook.
    /// </summary>
    /// <exception cref="ArgumentException">A rollup has a fee-distribution hook but no compiled distributor was given.</exception>
    public static void Connect(ImmutableArray<RollupChain> rollups, ImmutableArray<Batcher> batchers, L1Chain l1, Simulation.IRuleProvider? rules)
    {
        for (var i = 0; i < rollups.Length; i++)
        {
            if (rollups[i].Settlement is not { } settlement)
            {
                continue;
            }

            var batcher = batchers[i];
            settlement.PriceRule = L1DataPriceRule.For(l1.Spec, batcher.Target);
            settlement.AttributesSource = new SequencerL1Attributes(batcher, l1, rollups[i].BlockCosts);
            settlement.Distributor = Simulation.RuleRegistry.FeeDistribution.Resolve(rollups[i].Model, rules);
        }
    }
}
