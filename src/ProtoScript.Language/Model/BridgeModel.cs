using System.Collections.Immutable;

namespace ProtoScript.Language.Model;

/// <summary>
/// Users who move ether from L1 to a rollup: each arrival is an L1 deposit transaction that
/// mints its value on the rollup once an L2 block takes the L1 block it landed in as origin.
/// </summary>
/// <param name="RatePerSecond">Mean deposits per simulated second, on each target rollup.</param>
/// <param name="Rollups">Names of the rollups the deposits go to.</param>
/// <param name="Value">Distribution of the deposited value, in wei.</param>
public sealed record DepositStreamModel(double RatePerSecond, ImmutableArray<string> Rollups, DistributionModel Value);

/// <summary>The rollup's bridge to L1: how long a withdrawal waits on L1 before it can be finalized.</summary>
/// <param name="WithdrawalDelay">
/// Time from the L1 block that carries a withdrawal's batch to its finalization on L1 (the
/// challenge period of an optimistic rollup; 7 days by default). Not read when
/// <see cref="FinalizesOnProof"/> is set.
/// </param>
public sealed record BridgeModel(SimDuration WithdrawalDelay)
{
    /// <summary>The OP Stack's 7-day challenge period.</summary>
    public static BridgeModel Default { get; } = new(SimDuration.FromSeconds(7L * 24 * 3600));

    /// <summary>
    /// True for <c>withdrawal_delay = proof</c> (a validity rollup): a withdrawal is final once
    /// the proof of the L2 block that executed it is verified on L1, with no challenge period.
    /// The rollup must be proven (a <c>provers</c> block names it).
    /// </summary>
    public bool FinalizesOnProof { get; init; }
}
