using ProtoScript.Engine.Metrics;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Bridge;

/// <summary>What one rollup's bridge moved during a run, in both directions.</summary>
public sealed class BridgeMetrics
{
    private readonly List<(long Submitted, long FinalizableAt)> _withdrawalsOnL1 = [];

    /// <summary>True when the scenario sends deposits to the rollup or withdraws from it (the report shows a bridge section).</summary>
    public bool Active { get; set; }

    /// <summary>Deposits sent to L1 for this rollup.</summary>
    public long DepositsSubmitted { get; set; }

    /// <summary>Deposits minted in an L2 block.</summary>
    public long DepositsIncluded { get; set; }

    /// <summary>Wei minted by deposits.</summary>
    public UInt128 Deposited { get; set; }

    /// <summary>Time from sending a deposit to L1 to the L2 block that minted it.</summary>
    public LatencyRecorder DepositLatency { get; } = new();

    /// <summary>Withdrawals executed (burned) on L2.</summary>
    public long WithdrawalsInitiated { get; set; }

    /// <summary>Wei burned by withdrawals.</summary>
    public UInt128 Withdrawn { get; set; }

    /// <summary>Withdrawals whose batch landed on L1, which starts their delay.</summary>
    public long WithdrawalsOnL1 => _withdrawalsOnL1.Count;

    /// <summary>A withdrawal's batch landed: it may be finalized on L1 at <paramref name="finalizableAt"/>.</summary>
    public void AddWithdrawalOnL1(long submittedMicros, SimDuration finalizableAt) => _withdrawalsOnL1.Add((submittedMicros, finalizableAt.Microseconds));

    /// <summary>
    /// The withdrawals finalized by <paramref name="end"/> and the latency of each, from the user
    /// sending it on L2 to its finalization on L1.
    /// </summary>
    public (long Finalized, LatencyRecorder Latency) FinalizedBy(SimDuration end)
    {
        var latency = new LatencyRecorder();
        long finalized = 0;
        foreach (var (submitted, at) in _withdrawalsOnL1)
        {
            if (at <= end.Microseconds)
            {
                finalized++;
                latency.Record(new SimDuration(at - submitted));
            }
        }

        return (finalized, latency);
    }
}
