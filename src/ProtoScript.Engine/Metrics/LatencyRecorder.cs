using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Metrics;

/// <summary>
/// Collects latencies in microseconds and reports nearest-rank percentiles, in memory that
/// stops growing with the run.
/// <para>
/// The first <see cref="ExactSamples"/> samples are kept as they are, and their percentiles
/// are exact. Past that, so that a run of millions of transactions does not hold eight bytes
/// per transaction, the samples move into a log-linear histogram (HdrHistogram's layout):
/// values below 2·<see cref="SubBuckets"/> µs (8.192 ms) keep a counter each, so they stay
/// exact; a larger value <c>v</c> with 2^e ≤ v &lt; 2^(e+1) shares its counter with the
/// 2^(e-12) values of its bucket. A percentile is then reported as the highest value of its
/// bucket (never above the largest sample), so it is at least the exact nearest-rank value and
/// exceeds it by less than 1/<see cref="SubBuckets"/> (0.025 %) of it. The histogram holds
/// 32–64 KiB per power of two of latency actually seen, whatever the number of samples.
/// </para>
/// </summary>
public sealed class LatencyRecorder
{
    /// <summary>How many samples are kept exactly before the recorder switches to its histogram.</summary>
    public const int ExactSamples = 1 << 16;

    /// <summary>Counters per power of two in the histogram: its relative resolution.</summary>
    public const int SubBuckets = 1 << SubBucketBits;

    private const int SubBucketBits = 12;

    private long[]? _samples = new long[256];
    private long[]?[]? _buckets;
    private long _max;

    /// <summary>The number of samples recorded.</summary>
    public long Count { get; private set; }

    /// <summary>True while every sample is kept, so percentiles are exact.</summary>
    public bool IsExact => _samples is not null;

    /// <summary>Records one latency.</summary>
    public void Record(SimDuration latency)
    {
        var value = latency.Microseconds;
        if (_samples is { } samples)
        {
            if (Count < samples.Length)
            {
                samples[Count++] = value;
                return;
            }

            if (samples.Length < ExactSamples)
            {
                Array.Resize(ref _samples, samples.Length * 2);
                _samples[Count++] = value;
                return;
            }

            // Full: from now on the memory stays what the histogram needs.
            _buckets = new long[]?[64 - SubBucketBits];
            foreach (var kept in samples)
            {
                Add(kept);
            }

            _samples = null;
        }

        Add(value);
        Count++;
    }

    /// <summary>A copy of the samples so far, to return to with <see cref="RestoreFrom"/>.</summary>
    public LatencyRecorder Clone()
    {
        var copy = new LatencyRecorder();
        copy.RestoreFrom(this);
        return copy;
    }

    /// <summary>Makes this recorder hold exactly the samples of <paramref name="other"/> (a reorg takes back soft confirmations).</summary>
    public void RestoreFrom(LatencyRecorder other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _samples = other._samples is { } samples ? (long[])samples.Clone() : null;
        _buckets = other._buckets is { } buckets ? [.. buckets.Select(b => b is null ? null : (long[])b.Clone())] : null;
        _max = other._max;
        Count = other.Count;
    }

    /// <summary>The p50/p95/p99 of the samples so far, with every percentile from 1 to 100 for plotting.</summary>
    public LatencySummary Summarize()
    {
        if (Count == 0)
        {
            return LatencySummary.Empty;
        }

        if (_samples is { } samples)
        {
            var sorted = samples.AsSpan(0, (int)Count).ToArray();
            Array.Sort(sorted);
            var exact = new long[100];
            for (var p = 1; p <= 100; p++)
            {
                exact[p - 1] = sorted[Rank(p) - 1];
            }

            return new LatencySummary(Count, new(exact[49]), new(exact[94]), new(exact[98])) { Quantiles = new([.. exact]) };
        }

        var binned = new long[100];
        for (var p = 1; p <= 100; p++)
        {
            binned[p - 1] = FromHistogram(Rank(p)).Microseconds;
        }

        return new LatencySummary(Count, new(binned[49]), new(binned[94]), new(binned[98])) { Quantiles = new([.. binned]) };
    }

    /// <summary>The 1-based nearest rank of a percentile: integer ceil(percent × n / 100), at least 1.</summary>
    private long Rank(int percent) => Math.Max((percent * Count) + 99, 100) / 100;

    private void Add(long value)
    {
        // Latencies are never negative; a negative one would be a bug upstream, not a sample to drop.
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        _max = Math.Max(_max, value);
        var (range, index) = Locate(value);
        var counters = _buckets![range] ??= new long[range == 0 ? 2 * SubBuckets : SubBuckets];
        counters[index]++;
    }

    private static (int Range, int Index) Locate(long value)
    {
        if (value < 2 * SubBuckets)
        {
            return (0, (int)value);
        }

        // value = sub << shift with sub in [SubBuckets, 2 * SubBuckets).
        var shift = 63 - long.LeadingZeroCount(value) - SubBucketBits;
        return ((int)shift, (int)((value >> (int)shift) - SubBuckets));
    }

    private SimDuration FromHistogram(long rank)
    {
        long seen = 0;
        for (var range = 0; range < _buckets!.Length; range++)
        {
            if (_buckets[range] is not { } counters)
            {
                continue;
            }

            for (var index = 0; index < counters.Length; index++)
            {
                seen += counters[index];
                if (seen >= rank)
                {
                    // The bucket's highest value, so the reported percentile is never below the exact one.
                    var highest = range == 0 ? index : ((long)(SubBuckets + index + 1) << range) - 1;
                    return new SimDuration(Math.Min(highest, _max));
                }
            }
        }

        return new SimDuration(_max);
    }
}
