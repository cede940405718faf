using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Results;

/// <summary>What a rollup's bridge moved: deposits from L1 and withdrawals to L1.</summary>
/// <param name="DepositsSubmitted">Deposit transactions sent to L1.</param>
/// <param name="DepositsIncluded">Deposits minted in an L2 block.</param>
/// <param name="Deposited">Wei minted by deposits.</param>
/// <param name="DepositLatency">Time from sending a deposit to L1 to the L2 block that minted it.</param>
/// <param name="WithdrawalsInitiated">Withdrawals executed (burned) on L2.</param>
/// <param name="Withdrawn">Wei burned by withdrawals.</param>
/// <param name="WithdrawalsOnL1">Withdrawals whose batch landed on L1, which starts their delay.</param>
/// <param name="WithdrawalsFinalized">Withdrawals whose delay ran out (or whose block's proof was verified) by the end of the run.</param>
/// <param name="WithdrawalDelay">The delay (challenge period) between a withdrawal's batch landing and its finalization.</param>
/// <param name="WithdrawalLatency">Time from sending a withdrawal on L2 to its finalization on L1, over the finalized ones.</param>
public sealed record BridgeResult(
    long DepositsSubmitted,
    long DepositsIncluded,
    UInt128 Deposited,
    LatencySummary DepositLatency,
    long WithdrawalsInitiated,
    UInt128 Withdrawn,
    long WithdrawalsOnL1,
    long WithdrawalsFinalized,
    SimDuration WithdrawalDelay,
    LatencySummary WithdrawalLatency)
{
    /// <summary>
    /// True for <c>withdrawal_delay = proof</c>: a withdrawal is final when the proof of its
    /// block is verified on L1, and <see cref="WithdrawalDelay"/> is not used.
    /// </summary>
    public bool FinalizesOnProof { get; init; }
}
