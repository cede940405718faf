using System.Collections.Immutable;
using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Sequencing.Consensus;

/// <summary>The counters a sequencer set's agreement keeps as it runs, and the result it makes of them.</summary>
public sealed class ConsensusMetrics
{
    private readonly SortedDictionary<int, long> _roundsPerHeight = [];
    private readonly List<SafetyViolation> _violations = [];
    private readonly List<ImmutableArray<int>> _firstHeights = [];

    /// <summary>Creates the counters of a set of <paramref name="nodes"/> nodes.</summary>
    public ConsensusMetrics(int nodes)
    {
        Proposed = new long[nodes];
        Missed = new long[nodes];
    }

    /// <summary>Heights decided.</summary>
    public long Heights { get; private set; }

    /// <summary>Rounds beyond the first, over all heights.</summary>
    public long ExtraRounds { get; private set; }

    /// <summary>Time spent waiting out timeouts.</summary>
    public SimDuration TimeInTimeouts { get; set; }

    /// <summary>Block times at which the set was halted.</summary>
    public long HaltedSlots { get; set; }

    /// <summary>Committed blocks per proposer.</summary>
    public long[] Proposed { get; }

    /// <summary>Rounds per node in which it should have proposed but was crashed (Raft: failovers away from it).</summary>
    public long[] Missed { get; }

    /// <summary>Raft: failovers.</summary>
    public long Failovers { get; set; }

    /// <summary>Raft: time from crashes to takeovers.</summary>
    public SimDuration FailoverTime { get; set; }

    /// <summary>Safety violations, all counted.</summary>
    public long SafetyViolations { get; private set; }

    /// <summary>A height was decided after <paramref name="rounds"/> rounds, with <paramref name="proposer"/>'s block.</summary>
    public void Decided(int rounds, int proposer)
    {
        Heights++;
        ExtraRounds += rounds - 1;
        _roundsPerHeight[rounds] = _roundsPerHeight.GetValueOrDefault(rounds) + 1;
        Proposed[proposer]++;
    }

    /// <summary>
    /// The height about to be decided had <paramref name="proposers"/> (0-based), one per round in
    /// order; kept for the first <see cref="ConsensusResult.RotationListed"/> heights, so the report shows the rotation.
    /// </summary>
    public void Proposers(IEnumerable<int> proposers)
    {
        if (_firstHeights.Count < ConsensusResult.RotationListed)
        {
            _firstHeights.Add([.. proposers.Select(p => p + 1)]);
        }
    }

    /// <summary>Two conflicting blocks were committed at one height.</summary>
    public void Violated(SafetyViolation violation)
    {
        SafetyViolations++;
        if (_violations.Count < ConsensusResult.MaxListed)
        {
            _violations.Add(violation);
        }
    }

    /// <summary>The result at the end of a run of length <paramref name="end"/>.</summary>
    public ConsensusResult Collect(NodeSet set, SimDuration end, long censored)
    {
        ArgumentNullException.ThrowIfNull(set);
        var model = set.Model;
        return new ConsensusResult(
            model.Protocol == ConsensusProtocol.Bft ? "bft" : "raft",
            model.Nodes,
            model.Quorum,
            Heights,
            ExtraRounds,
            [.. _roundsPerHeight.Select(p => new RoundsCount(p.Key, p.Value))],
            TimeInTimeouts,
            set.HaltedTime(end),
            HaltedSlots,
            [.. Enumerable.Range(0, model.Nodes).Select(n => new NodeResult(n + 1, set.Describe(n), Proposed[n], Missed[n]))],
            censored,
            SafetyViolations,
            [.. _violations])
        {
            Failovers = Failovers,
            FailoverTime = FailoverTime,
            FirstHeights = [.. _firstHeights],
        };
    }
}
