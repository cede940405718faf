using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Sequencing.Consensus;

/// <summary>
/// The nodes of a rollup's sequencer set and their faults over time: which are crashed now, which
/// equivocate or censor when they propose, and when too few are alive for a quorum (the set halts).
/// </summary>
public sealed class NodeSet
{
    private readonly ConsensusModel _model;

    /// <summary>Reads the faults of <paramref name="model"/>.</summary>
    public NodeSet(ConsensusModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
    }

    /// <summary>The set's description.</summary>
    public ConsensusModel Model => _model;

    /// <summary>True when <paramref name="node"/> is crashed at <paramref name="time"/>.</summary>
    public bool IsCrashed(int node, SimDuration time) => Holds(NodeFaultKind.Crashed, node, time) is not null;

    /// <summary>True when <paramref name="node"/> sends two conflicting blocks when it proposes.</summary>
    public bool IsEquivocating(int node) => Holds(NodeFaultKind.Equivocating, node, SimDuration.Zero) is not null;

    /// <summary>The share of user accounts <paramref name="node"/>'s blocks leave out (0 for an honest proposer).</summary>
    public double CensoredShare(int node) => Holds(NodeFaultKind.Censoring, node, SimDuration.Zero)?.CensoredShare ?? 0;

    /// <summary>When the crash of <paramref name="node"/> that holds at <paramref name="time"/> began (zero for a crash of the whole run).</summary>
    public SimDuration CrashStart(int node, SimDuration time) => Holds(NodeFaultKind.Crashed, node, time)?.Window?.Start ?? SimDuration.Zero;

    /// <summary>The nodes not crashed at <paramref name="time"/>: they vote (an equivocating node votes for both of its blocks).</summary>
    public int LiveCount(SimDuration time)
    {
        var live = 0;
        for (var node = 0; node < _model.Nodes; node++)
        {
            if (!IsCrashed(node, time))
            {
                live++;
            }
        }

        return live;
    }

    /// <summary>True when fewer nodes than a quorum are alive at <paramref name="time"/>: no block can be decided.</summary>
    public bool IsHalted(SimDuration time) => LiveCount(time) < _model.Quorum;

    /// <summary>How long the set is halted within [0, <paramref name="end"/>): the crash windows' boundaries split the run into spans of constant liveness.</summary>
    public SimDuration HaltedTime(SimDuration end)
    {
        var bounds = new SortedSet<long> { 0, end.Microseconds };
        foreach (var fault in _model.Faults)
        {
            if (fault is { Kind: NodeFaultKind.Crashed, Window: { } w })
            {
                bounds.Add(Math.Min(w.Start.Microseconds, end.Microseconds));
                bounds.Add(Math.Min(w.End.Microseconds, end.Microseconds));
            }
        }

        var halted = 0L;
        long? previous = null;
        foreach (var bound in bounds)
        {
            if (previous is { } start && IsHalted(new SimDuration(start)))
            {
                halted += bound - start;
            }

            previous = bound;
        }

        return new SimDuration(halted);
    }

    /// <summary>What <paramref name="node"/> does wrong, for the report: "crashed", "crashed 10 min for 5 min", "censors 10 %", "equivocates", or "" for an honest node.</summary>
    public string Describe(int node)
    {
        var parts = new List<string>();
        foreach (var fault in _model.Faults)
        {
            if (!fault.Nodes.Contains(node))
            {
                continue;
            }

            parts.Add(fault.Kind switch
            {
                NodeFaultKind.Crashed => fault.Window is { } w ? FormattableString.Invariant($"crashed at {w.Start} for {w.Length}") : "crashed",
                NodeFaultKind.Censoring => FormattableString.Invariant($"censors {fault.CensoredShare * 100:0.##} %"),
                _ => "equivocates",
            });
        }

        return string.Join(", ", parts);
    }

    private NodeFault? Holds(NodeFaultKind kind, int node, SimDuration time)
    {
        foreach (var fault in _model.Faults)
        {
            if (fault.Kind == kind && fault.Nodes.Contains(node) && (kind != NodeFaultKind.Crashed || fault.HoldsAt(time)))
            {
                return fault;
            }
        }

        return null;
    }
}
