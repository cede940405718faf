using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Metrics;

/// <summary>
/// Collects latencies as exact microsecond values and reports nearest-rank percentiles.
/// Eight bytes per sample; a streaming sketch can replace it when runs outgrow memory.
/// </summary>
public sealed class LatencyRecorder
{
    private long[] _samples = new long[256];

    /// <summary>The number of samples recorded.</summary>
    public int Count { get; private set; }

    /// <summary>Records one latency.</summary>
    public void Record(SimDuration latency)
    {
        if (Count == _samples.Length)
        {
            Array.Resize(ref _samples, _samples.Length * 2);
        }

        _samples[Count++] = latency.Microseconds;
    }

    /// <summary>The p50/p95/p99 of the samples so far.</summary>
    public LatencySummary Summarize()
    {
        if (Count == 0)
        {
            return LatencySummary.Empty;
        }

        var sorted = _samples.AsSpan(0, Count).ToArray();
        Array.Sort(sorted);
        return new LatencySummary(Count, NearestRank(sorted, 50), NearestRank(sorted, 95), NearestRank(sorted, 99));
    }

    /// <summary>The smallest sample such that at least <paramref name="percent"/>% of samples are at or below it.</summary>
    private static SimDuration NearestRank(long[] sorted, int percent)
    {
        // Integer ceil(percent * n / 100), so no floating point decides the rank.
        var rank = (int)(((long)percent * sorted.Length + 99) / 100);
        return new SimDuration(sorted[Math.Max(rank, 1) - 1]);
    }
}
