namespace ProtoScript.Engine.FeeMarket;

/// <summary>
/// The base fee of every block of a run and how many blocks pushed it up (used more than the
/// EIP-1559 target, or were priced above the speed limit's minimum), for the report. Every
/// block's fee is kept (16 bytes a block) so the median is exact.
/// </summary>
public sealed class BaseFeeStatistics
{
    private readonly List<UInt128> _fees = [];
    private UInt128 _sum;

    /// <summary>Blocks recorded.</summary>
    public long Blocks => _fees.Count;

    /// <summary>Blocks that used more gas than the target (EIP-1559), or were priced above the minimum (speed limit).</summary>
    public long AboveTarget { get; private set; }

    /// <summary>The largest backlog after any block (speed limit).</summary>
    public UInt128 MaxBacklog { get; private set; }

    /// <summary>The first block's base fee.</summary>
    public UInt128 First => _fees.Count == 0 ? 0 : _fees[0];

    /// <summary>The last block's base fee.</summary>
    public UInt128 Last => _fees.Count == 0 ? 0 : _fees[^1];

    /// <summary>Records a sealed block's base fee, whether it was above target, and the backlog after it.</summary>
    public void Record(UInt128 baseFee, bool aboveTarget, UInt128 backlog)
    {
        _fees.Add(baseFee);
        _sum = UInt128.MaxValue - _sum < baseFee ? UInt128.MaxValue : _sum + baseFee;
        if (aboveTarget)
        {
            AboveTarget++;
        }

        MaxBacklog = UInt128.Max(MaxBacklog, backlog);
    }

    /// <summary>The lowest, mean (rounded down), median (nearest rank) and highest base fee over the blocks; all 0 without blocks.</summary>
    public (UInt128 Min, UInt128 Mean, UInt128 Median, UInt128 Max) Summarize()
    {
        if (_fees.Count == 0)
        {
            return default;
        }

        var sorted = _fees.ToArray();
        Array.Sort(sorted);

        // Nearest rank: the smallest fee at least half the blocks paid no more than, rank ⌈n / 2⌉.
        var median = sorted[((sorted.Length + 1) / 2) - 1];
        return (sorted[0], _sum / (ulong)sorted.Length, median, sorted[^1]);
    }
}
