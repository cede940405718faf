using ProtoScript.Engine.Metrics;

namespace ProtoScript.Engine.Chains;

/// <summary>
/// What a rollup's blocks change, copied at one block boundary so that a reorg can return the
/// chain to it: accounts, block count and roots, fees, and the counters and latencies of what the
/// blocks included. What happened outside the blocks stays (transactions submitted, rejected or
/// censored, deposits sent). Pools, fee settlement, auctions, proofs and cross-chain messages are
/// not covered, which is why the binder refuses withholding on a rollup that has them.
/// </summary>
internal sealed class ChainCheckpoint
{
    public required (UInt128[] Balances, ulong[] Nonces) State { get; init; }

    public required long Blocks { get; init; }

    public required int Roots { get; init; }

    public required long Included { get; init; }

    public required ulong GasUsed { get; init; }

    public required LatencyRecorder InclusionLatency { get; init; }

    public required UInt128[] Fees { get; init; }

    public required long DepositsIncluded { get; init; }

    public required UInt128 Deposited { get; init; }

    public required LatencyRecorder DepositLatency { get; init; }

    public required long WithdrawalsInitiated { get; init; }

    public required UInt128 Withdrawn { get; init; }

    public required long IncludedBySequencer { get; init; }

    public required long Forced { get; init; }

    public required long ForcedBlocks { get; init; }

    public required LatencyRecorder ForcedLatency { get; init; }
}
