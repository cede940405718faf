using ProtoScript.Engine.Chains;

namespace ProtoScript.Engine.Metrics;

/// <summary>The counters one rollup accumulates during a run.</summary>
public sealed class RollupMetrics
{
    private readonly long[] _rejected = new long[RejectReasons.All.Count];

    /// <summary>Blocks produced (genesis not counted).</summary>
    public long Blocks { get; set; }

    /// <summary>Transactions users sent to the sequencer.</summary>
    public long Submitted { get; set; }

    /// <summary>Transactions executed in a block.</summary>
    public long Included { get; set; }

    /// <summary>Gas used by all blocks.</summary>
    public ulong GasUsed { get; set; }

    private readonly HashSet<(int Sender, ulong Nonce)> _pricedOut = [];

    /// <summary>Transactions the sequencer passed over at least once because their max fee per gas was below the base fee.</summary>
    public long PricedOut => _pricedOut.Count;

    /// <summary>Counts a transaction passed over for its max fee (once, however many blocks it waits).</summary>
    public void AddPricedOut(int sender, ulong nonce) => _pricedOut.Add((sender, nonce));

    /// <summary>Time from submission to the including block, per included transaction.</summary>
    public LatencyRecorder InclusionLatency { get; } = new();

    /// <summary>Transactions rejected for <paramref name="reason"/>.</summary>
    public long Rejected(RejectReason reason) => _rejected[(int)reason];

    /// <summary>Counts rejections.</summary>
    public void AddRejected(RejectReason reason, long count = 1) => _rejected[(int)reason] += count;
}
