using ProtoScript.Engine.Metrics;
using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Bundles;

/// <summary>Why a leg of a bundle failed, or would have.</summary>
public enum LegFailure
{
    /// <summary>Its payer could not pay its gas (and value, or a swap's ether input).</summary>
    Balance,

    /// <summary>A swap's output was below the limit its wallet set.</summary>
    Slippage,

    /// <summary>A swap's pool could not pay it out.</summary>
    Liquidity,
}

/// <summary>The counters of one bundle path over a run.</summary>
public sealed class PathStatistics
{
    private readonly long[] _failures = new long[3];
    private readonly LatencyRecorder? _allPaths;

    /// <summary>Counters for <paramref name="path"/>, carried out in <paramref name="mode"/>; latencies are also recorded into <paramref name="allPaths"/>, when given.</summary>
    public PathStatistics(BundleStreamModel path, BundleMode mode, LatencyRecorder? allPaths = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        Mode = mode;
        _allPaths = allPaths;
    }

    /// <summary>The stream's path.</summary>
    public BundleStreamModel Path { get; }

    /// <summary>How its bundles are carried out.</summary>
    public BundleMode Mode { get; }

    /// <summary>Bundles sent.</summary>
    public long Sent { get; internal set; }

    /// <summary>Bundles whose every leg executed.</summary>
    public long Included { get; internal set; }

    /// <summary>Bundles refused whole before inclusion.</summary>
    public long Dropped { get; internal set; }

    /// <summary>Legs that ran and failed.</summary>
    public long LegsReverted { get; internal set; }

    /// <summary>Bundles that failed after one of their legs executed.</summary>
    public long AtomicFailures { get; internal set; }

    /// <summary>Value that left a rollup and arrived nowhere, in wei.</summary>
    public UInt128 ValueLocked { get; internal set; }

    /// <summary>Submission to the block of the last leg, per bundle included.</summary>
    public LatencyRecorder Latency { get; } = new();

    /// <summary>Failures (drops and legs reverted) for <paramref name="reason"/>.</summary>
    public long Failures(LegFailure reason) => _failures[(int)reason];

    /// <summary>A simulating producer refused a bundle whose leg would have failed for <paramref name="reason"/>.</summary>
    internal void OnDropped(LegFailure reason)
    {
        Dropped++;
        _failures[(int)reason]++;
    }

    /// <summary>Leg <paramref name="leg"/> ran and failed for <paramref name="reason"/>, ending its bundle; <paramref name="locked"/> wei arrived nowhere.</summary>
    internal void OnLegFailed(int leg, LegFailure reason, UInt128 locked)
    {
        LegsReverted++;
        _failures[(int)reason]++;
        ValueLocked += locked;
        if (leg > 0)
        {
            AtomicFailures++;
        }
    }

    /// <summary>Every leg executed; the last in a block sealed <paramref name="latency"/> after the bundle was sent.</summary>
    internal void OnIncluded(SimDuration latency)
    {
        Included++;
        Latency.Record(latency);
        _allPaths?.Record(latency);
    }

    /// <summary>The result for the report; a failed bundle ends at its one failed leg, so what is neither included, dropped nor failed is pending.</summary>
    public BundlePathResult Collect() =>
        new(Path.Name, Mode, Sent, Included, Dropped, LegsReverted, AtomicFailures, Sent - Included - Dropped - LegsReverted, ValueLocked, Latency.Summarize())
        {
            FailedBalance = _failures[(int)LegFailure.Balance],
            FailedSlippage = _failures[(int)LegFailure.Slippage],
            FailedLiquidity = _failures[(int)LegFailure.Liquidity],
        };
}
