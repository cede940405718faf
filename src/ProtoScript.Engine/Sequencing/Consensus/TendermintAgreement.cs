using ProtoScript.Engine.Results;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Engine.Simulation;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Sequencing.Consensus;

/// <summary>The steps a <see cref="TendermintAgreement"/> schedules.</summary>
public enum RoundStep
{
    /// <summary>A round starts: its proposer proposes, or the nodes start waiting for it.</summary>
    Round,

    /// <summary>A proposal has gathered its prevotes and precommits: the height is decided.</summary>
    Commit,
}

/// <summary>
/// Tendermint heights and rounds over a <see cref="NodeSet"/>, one height per slot. Each round has
/// a proposer (round robin or stake-weighted). A live, honest proposer proposes at the round's
/// start, which fixes the block's contents, and the block commits three vote delays later
/// (proposal, prevotes, precommits). A crashed proposer costs the round's propose timeout, then
/// nil prevotes and precommits (two delays) before the next round. An equivocating proposer sends
/// two blocks to two halves of the live honest nodes and votes for both with every equivocator:
/// if even the smaller half reaches a quorum with them, both blocks commit (a safety violation;
/// the rollup keeps the larger half's); if only the larger does, that block commits; otherwise
/// prevotes split, the nodes wait out the prevote timeout, precommit nil and go to the next round.
/// With fewer live nodes than a quorum the set is halted: the slot ends without a block.
/// </summary>
/// <remarks>
/// The next height starts <see cref="ConsensusTimeouts.Commit"/> after the last commit, or at the
/// next slot if that is later. Timeouts grow per round as in CometBFT.
/// </remarks>
public sealed class TendermintAgreement : SimProcess<RoundStep>, IAgreement
{
    private readonly NodeSet _set;
    private readonly IReadOnlyList<SequencerFaults> _faults;
    private readonly ConsensusModel _model;
    private readonly long[] _priorities;
    private readonly long _totalStake;
    private readonly IProposerRule? _rule;
    private readonly string _rollup;

    // The proposers of the current height's rounds so far, for the report's rotation.
    private readonly List<int> _roundProposers = [];
    private int _previousProposer;
    private ISlotDecision? _decision;
    private int _round;
    private int _proposer;
    private SimDuration? _lastCommit;

    // The conflicting commit of the round in flight, counted when its precommits are in.
    private SafetyViolation? _violation;

    /// <summary>Runs the set that <paramref name="faults"/> describes (its <see cref="SequencerFaults.Set"/>).</summary>
    /// <param name="faults">The rollup's sequencer faults, with its set.</param>
    /// <param name="rule">The set's proposer hook, or null for its built-in rotation.</param>
    /// <param name="rollup">The rollup, named when the hook fails.</param>
    public TendermintAgreement(SequencerFaults faults, IProposerRule? rule = null, string rollup = "")
        : this(faults?.Set ?? throw new ArgumentException("The sequencer has no set of nodes.", nameof(faults)), [faults], rule, rollup)
    {
    }

    /// <summary>Runs <paramref name="set"/> for the rollups whose sequencer faults are <paramref name="members"/> (a shared sequencer's).</summary>
    /// <param name="set">The nodes and their faults.</param>
    /// <param name="members">The sequencer faults of the rollups it sequences.</param>
    /// <param name="rule">The set's proposer hook, or null for its built-in rotation.</param>
    /// <param name="rollup">The rollup named when the hook fails; for a shared sequencer, <see cref="SharedSequencer"/> is named instead.</param>
    /// <exception cref="ArgumentException">The set has a proposer hook and no <paramref name="rule"/> was given.</exception>
    public TendermintAgreement(NodeSet set, IReadOnlyList<SequencerFaults> members, IProposerRule? rule = null, string rollup = "")
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(members);
        if (set.Model.ProposerHook is { } hook && rule is null)
        {
            // Falling back to round robin would silently simulate a different design.
            throw new ArgumentException($"The set has a proposer hook ({hook.Owner}) but no compiled rule was given.", nameof(rule));
        }

        _rule = rule;
        _rollup = rollup;
        _faults = members;
        _set = set;
        _model = _set.Model;
        _priorities = new long[_model.Nodes];
        _totalStake = Enumerable.Range(0, _model.Nodes).Sum(Stake);
        Metrics = new ConsensusMetrics(_model.Nodes);
    }

    /// <summary>The counters so far.</summary>
    public ConsensusMetrics Metrics { get; }

    /// <summary>The shared sequencer whose set this is, named when its proposer hook fails; null for a rollup's own set.</summary>
    public string? SharedSequencer { get; init; }

    /// <inheritdoc />
    public long ExtraRounds => Metrics.ExtraRounds;

    /// <inheritdoc />
    public override EventKind EventKind => EventKind.RollupBlock;

    private SimDuration Delay => _model.VoteDelay;

    /// <inheritdoc />
    public void Agree(Scheduler scheduler, ISlotDecision decision)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        _decision = decision;
        _round = 0;
        _roundProposers.Clear();
        if (_lastCommit is { } last && last + _model.Timeouts.Commit > scheduler.Now)
        {
            scheduler.ScheduleAt(last + _model.Timeouts.Commit, this, RoundStep.Round);
            return;
        }

        StartRound(scheduler);
    }

    /// <inheritdoc />
    public ConsensusResult? Collect(SimDuration end) => Metrics.Collect(_set, end, _faults.Sum(f => f.ProposerCensored));

    /// <inheritdoc />
    protected override void OnEvent(Scheduler scheduler, RoundStep simEvent)
    {
        if (simEvent == RoundStep.Round)
        {
            StartRound(scheduler);
        }
        else
        {
            Commit(scheduler);
        }
    }

    private void StartRound(Scheduler scheduler)
    {
        var now = scheduler.Now;
        _violation = null;
        if (_set.IsHalted(now))
        {
            Halt(scheduler);
            return;
        }

        _proposer = NextProposer(now);
        _roundProposers.Add(_proposer);
        if (_set.IsCrashed(_proposer, now))
        {
            // Nobody proposes: the nodes wait out the propose timeout, then prevote and precommit nil.
            var timeout = _model.Timeouts.ProposeAt(_round);
            Metrics.Missed[_proposer]++;
            FailRound(scheduler, timeout, timeout + Delay + Delay);
            return;
        }

        if (_set.IsEquivocating(_proposer) && !Equivocate(scheduler))
        {
            return;
        }

        _decision!.ContentsFixed(scheduler);
        scheduler.ScheduleAt(now + Delay + Delay + Delay, this, RoundStep.Commit);
    }

    // True when a block commits this round (one half, or both: a violation); false when the round failed.
    private bool Equivocate(Scheduler scheduler)
    {
        var now = scheduler.Now;
        var honest = new List<int>();
        var byzantine = new List<int>();
        for (var node = 0; node < _model.Nodes; node++)
        {
            if (!_set.IsCrashed(node, now))
            {
                (_set.IsEquivocating(node) ? byzantine : honest).Add(node);
            }
        }

        var larger = honest.Take((honest.Count + 1) / 2).ToList();
        var smaller = honest.Skip(larger.Count).ToList();
        if (smaller.Count + byzantine.Count >= _model.Quorum)
        {
            _violation = new SafetyViolation(
                Metrics.Heights + 1,
                now + Delay + Delay + Delay,
                _proposer + 1,
                [.. larger.Concat(byzantine).Order().Select(n => n + 1)],
                [.. smaller.Concat(byzantine).Order().Select(n => n + 1)]);
            return true;
        }

        if (larger.Count + byzantine.Count >= _model.Quorum)
        {
            return true;
        }

        // Prevotes split: nodes see 2n/3 prevotes but none for one block, wait out the prevote timeout, precommit nil.
        var timeout = _model.Timeouts.PrevoteAt(_round);
        FailRound(scheduler, timeout, Delay + Delay + timeout + Delay);
        return false;
    }

    private void FailRound(Scheduler scheduler, SimDuration timeout, SimDuration roundLength)
    {
        Metrics.TimeInTimeouts += timeout;
        _round++;
        scheduler.ScheduleAt(scheduler.Now + roundLength, this, RoundStep.Round);
    }

    private void Commit(Scheduler scheduler)
    {
        if (_set.IsHalted(scheduler.Now))
        {
            // The quorum was lost before the precommits were in.
            Halt(scheduler);
            return;
        }

        Metrics.Proposers(_roundProposers);
        Metrics.Decided(_round + 1, _proposer);
        _previousProposer = _proposer + 1;
        if (_violation is { } violation)
        {
            Metrics.Violated(violation);
        }

        _lastCommit = scheduler.Now;
        CensorAs(_set.CensoredShare(_proposer));
        Conflicting(_violation is not null);
        _decision!.Decided(scheduler, SimDuration.Zero);
        Conflicting(false);
        CensorAs(0);
    }

    private void CensorAs(double share)
    {
        foreach (var member in _faults)
        {
            member.CensorAsProposer(share);
        }
    }

    private void Conflicting(bool conflicting)
    {
        foreach (var member in _faults)
        {
            member.CommitsConflicting = conflicting;
        }
    }

    private void Halt(Scheduler scheduler)
    {
        Metrics.HaltedSlots++;
        _decision!.Halted(scheduler);
    }

    private int NextProposer(SimDuration now)
    {
        if (_rule is not null)
        {
            return HookedProposer(now);
        }

        if (_model.Rotation == ProposerRotation.RoundRobin)
        {
            return (int)((Metrics.Heights + _round) % _model.Nodes);
        }

        // CometBFT's proposer priority: each node gains its stake, the highest (lowest index on ties) proposes and pays the total.
        var best = 0;
        for (var node = 0; node < _priorities.Length; node++)
        {
            _priorities[node] += Stake(node);
            if (_priorities[node] > _priorities[best])
            {
                best = node;
            }
        }

        _priorities[best] -= _totalStake;
        return best;
    }

    private int HookedProposer(SimDuration now)
    {
        var view = new ProposerView(
            Metrics.Heights + 1,
            _round,
            now.Microseconds,
            _previousProposer,
            Enumerable.Range(0, _model.Nodes).Select(n => (ulong)Stake(n)),
            Enumerable.Range(0, _model.Nodes).Select(n => _set.IsCrashed(n, now)));
        try
        {
            return _rule!.Proposer(view) - 1;
        }
        catch (Exception e) when (e is not (RuleFailedException or OutOfMemoryException))
        {
            // The hook's own diagnostic, with the simulated time and height only the engine knows.
            throw SharedSequencer is { } shared
                ? RuleFailedException.OfSharedSequencer(shared, now, Metrics.Heights + 1, e)
                : new RuleFailedException(_rollup, now, Metrics.Heights + 1, e);
        }
    }

    private long Stake(int node) => _model.Stakes.IsDefaultOrEmpty ? 1 : (long)_model.Stakes[node];
}
