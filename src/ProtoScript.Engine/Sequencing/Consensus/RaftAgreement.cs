using ProtoScript.Engine.Results;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Sequencing.Consensus;

/// <summary>The step a <see cref="RaftAgreement"/> schedules.</summary>
public enum FailoverStep
{
    /// <summary>A standby has taken over from the crashed active sequencer and builds the waiting slot.</summary>
    TakenOver,
}

/// <summary>
/// Raft-style active/standby (OP's op-conductor): one active sequencer builds every block, fixing
/// its contents at the slot, and replicates it to a majority before it is soft-confirmed. When the
/// active one is crashed at a slot, the first live standby takes over <see cref="ConsensusModel.Failover"/>
/// after the crash began; the slot waits for it. A leader that comes back stays a standby. With no
/// live majority the set is halted (Raft cannot elect or commit), and the slot ends without a block.
/// </summary>
public sealed class RaftAgreement : SimProcess<FailoverStep>, IAgreement
{
    private readonly NodeSet _set;
    private readonly IReadOnlyList<SequencerFaults> _faults;
    private readonly ConsensusModel _model;
    private ISlotDecision? _decision;
    private int? _leader;

    /// <summary>Runs the set that <paramref name="faults"/> describes (its <see cref="SequencerFaults.Set"/>).</summary>
    public RaftAgreement(SequencerFaults faults)
        : this(faults?.Set ?? throw new ArgumentException("The sequencer has no set of nodes.", nameof(faults)), [faults])
    {
    }

    /// <summary>Runs <paramref name="set"/> for the rollups whose sequencer faults are <paramref name="members"/> (a shared sequencer's): one active sequencer builds all of their blocks.</summary>
    /// <param name="set">The sequencers and their crashes.</param>
    /// <param name="members">The sequencer faults of the rollups it sequences.</param>
    public RaftAgreement(NodeSet set, IReadOnlyList<SequencerFaults> members)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(members);
        _faults = members;
        _set = set;
        _model = _set.Model;
        Metrics = new ConsensusMetrics(_model.Nodes);
    }

    /// <summary>The counters so far.</summary>
    public ConsensusMetrics Metrics { get; }

    /// <inheritdoc />
    public long ExtraRounds => 0;

    /// <inheritdoc />
    public override EventKind EventKind => EventKind.RollupBlock;

    /// <inheritdoc />
    public void Agree(Scheduler scheduler, ISlotDecision decision)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        _decision = decision;
        var now = scheduler.Now;
        if (_set.IsHalted(now))
        {
            Metrics.HaltedSlots++;
            decision.Halted(scheduler);
            return;
        }

        if (_leader is { } leader && _set.IsCrashed(leader, now))
        {
            var crashed = _set.CrashStart(leader, now);
            var ready = crashed + _model.Failover;
            Metrics.Failovers++;
            Metrics.Missed[leader]++;
            Metrics.FailoverTime += _model.Failover;
            _leader = FirstLive(now);
            if (ready > now)
            {
                scheduler.ScheduleAt(ready, this, FailoverStep.TakenOver);
                return;
            }
        }

        _leader ??= FirstLive(now);
        Build(scheduler);
    }

    /// <inheritdoc />
    public ConsensusResult? Collect(SimDuration end) => Metrics.Collect(_set, end, _faults.Sum(f => f.ProposerCensored));

    /// <inheritdoc />
    protected override void OnEvent(Scheduler scheduler, FailoverStep simEvent)
    {
        if (_set.IsHalted(scheduler.Now))
        {
            Metrics.HaltedSlots++;
            _decision!.Halted(scheduler);
            return;
        }

        if (_set.IsCrashed(_leader!.Value, scheduler.Now))
        {
            // The standby crashed too while taking over: the next live one takes over now.
            _leader = FirstLive(scheduler.Now);
        }

        Build(scheduler);
    }

    private void Build(Scheduler scheduler)
    {
        Metrics.Decided(1, _leader!.Value);
        _decision!.ContentsFixed(scheduler);
        _decision.Decided(scheduler, _model.Replication);
    }

    private int FirstLive(SimDuration time)
    {
        for (var node = 0; node < _model.Nodes; node++)
        {
            if (!_set.IsCrashed(node, time))
            {
                return node;
            }
        }

        throw new InvalidOperationException("A set that is not halted has a live node.");
    }
}
