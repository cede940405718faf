namespace ProtoScript.Engine.Markets;

/// <summary>
/// Running statistics of the CEX–pool price gap sampled once per block, in integer basis
/// points, kept as aggregates so a long run uses constant memory.
/// </summary>
public sealed class PriceGapStatistics
{
    private UInt128 _sumAbsolute;

    /// <summary>The number of samples.</summary>
    public long Samples { get; private set; }

    /// <summary>The largest |gap| seen, in basis points.</summary>
    public ulong MaxAbsoluteBasisPoints { get; private set; }

    /// <summary>The most recent gap (signed), in basis points.</summary>
    public long LastBasisPoints { get; private set; }

    /// <summary>The mean |gap| in basis points, rounded down (zero before the first sample).</summary>
    public ulong MeanAbsoluteBasisPoints => Samples == 0 ? 0 : (ulong)(_sumAbsolute / (ulong)Samples);

    /// <summary>Adds one sample, e.g. <see cref="PriceGap.BasisPoints"/> at the end of a block.</summary>
    public void Observe(long gapBasisPoints)
    {
        var absolute = gapBasisPoints < 0 ? (ulong)(-(gapBasisPoints + 1)) + 1 : (ulong)gapBasisPoints;
        _sumAbsolute += absolute;
        MaxAbsoluteBasisPoints = Math.Max(MaxAbsoluteBasisPoints, absolute);
        LastBasisPoints = gapBasisPoints;
        Samples++;
    }
}
