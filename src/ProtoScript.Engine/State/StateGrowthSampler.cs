using System.Collections.Immutable;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.State;

/// <summary>A state sampler's events.</summary>
public enum StateSampleEvent
{
    /// <summary>The rollup's state is measured.</summary>
    Measure,
}

/// <summary>
/// Measures a rollup's state at each quarter of the run, so a report shows how it grows over
/// time, not only where it ends; and, at the end, what a node joining then must do to sync.
/// It runs only for a rollup whose users create accounts (<c>new_accounts</c>) or write contract
/// storage (<c>storage_writes</c>), so every other
/// report stays as it was.
/// </summary>
public sealed class StateGrowthSampler : SimProcess<StateSampleEvent>
{
    /// <summary>Samples taken before the end of the run; the end itself is the last one.</summary>
    public const int Quarters = 4;

    private readonly RollupChain _chain;
    private readonly SimDuration _duration;
    private readonly List<StateSample> _samples = [];

    /// <summary>Samples <paramref name="chain"/> over a run of <paramref name="duration"/>.</summary>
    public StateGrowthSampler(RollupChain chain, SimDuration duration)
    {
        ArgumentNullException.ThrowIfNull(chain);
        _chain = chain;
        _duration = duration;
    }

    /// <inheritdoc />
    public override EventKind EventKind => EventKind.StateSample;

    /// <summary>Schedules the first measurement, a quarter into the run.</summary>
    public void Start(Scheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (_duration.Microseconds >= Quarters)
        {
            scheduler.ScheduleAfter(new SimDuration(_duration.Microseconds / Quarters), this, StateSampleEvent.Measure);
        }
    }

    /// <inheritdoc />
    protected override void OnEvent(Scheduler scheduler, StateSampleEvent simEvent)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (_samples.Count >= Quarters - 1)
        {
            return; // the end of the run is measured by the result itself
        }

        _samples.Add(new StateSample(scheduler.Now, Measure()));
        scheduler.ScheduleAfter(new SimDuration(_duration.Microseconds / Quarters), this, StateSampleEvent.Measure);
    }

    /// <summary>The growth over the run and what a new node must download and re-execute to sync.</summary>
    public StateGrowthResult Collect(Metrics.DaMetrics da, ulong blobSizeBytes)
    {
        ArgumentNullException.ThrowIfNull(da);
        var end = Measure();
        var samples = _samples.Append(new StateSample(_duration, end)).ToImmutableArray();
        var sync = new SyncCost(
            da.Blobs * blobSizeBytes,
            da.CalldataBytesIncluded,
            (long)_chain.Metrics.Blocks,
            _chain.Metrics.Included,
            _chain.Metrics.GasUsed);
        return new StateGrowthResult(_chain.GenesisStateSize, samples, _duration, sync);
    }

    private StateSize Measure() => StateSize.Measure(_chain.State, _chain.Market?.Pools.Count ?? 0, _chain.Storage);
}
