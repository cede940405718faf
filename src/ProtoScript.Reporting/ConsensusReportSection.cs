using System.Globalization;
using ProtoScript.Engine.Results;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>The <c>consensus</c> section of a sequencer set: heights, rounds, timeouts, halts, proposers and faults.</summary>
internal static class ConsensusReportSection
{
    private static readonly SectionLayout<SafetyViolation> Violation = new SectionLayout<SafetyViolation>("violation", v => "height " + ReportFormat.Integer(v.Height), TextShape.Heading, null, JsonShape.Object)
    {
        ItemKey = v => "violation." + ReportFormat.Integer(v.Height),
    }
        .Row("height", null, "height", K.Count, v => V.Count(v.Height))
        .Row("time", "at", "timeMicroseconds", K.Duration, v => V.Duration(v.Time, TextStyle.Seconds))
        .Row("proposer", "equivocating proposer", "proposer", K.Count, v => V.Count(v.Proposer))
        .Row("kept", "block kept, committed by nodes", "keptBy", K.Text, v => V.Of(Nodes(v.Kept)))
        .Row("conflicting", "conflicting block, committed by nodes", "conflictingBy", K.Text, v => V.Of(Nodes(v.Conflicting)));

    private static readonly SectionLayout<RoundsCount> Rounds = new SectionLayout<RoundsCount>("rounds", null, TextShape.Transparent, null, JsonShape.Object)
    {
        ItemKey = r => "rounds_" + r.Rounds.ToString(CultureInfo.InvariantCulture),
    }
        .Row("rounds", null, "rounds", K.Count, r => V.Count(r.Rounds))
        .RowLabelled("heights", r => r.Rounds == 1 ? "1 round" : r.Rounds.ToString(CultureInfo.InvariantCulture) + " rounds", "heights", K.Count, r => V.Count(r.Heights));

    private static readonly SectionLayout<NodeResult> Node = new SectionLayout<NodeResult>("node", n => "node " + ReportFormat.Integer(n.Node) + (n.Faults.Length > 0 ? " (" + n.Faults + ")" : string.Empty), TextShape.Heading, null, JsonShape.Object)
    {
        ItemKey = n => "node." + ReportFormat.Integer(n.Node),
    }
        .Row("node", null, "node", K.Count, n => V.Count(n.Node))
        .Row("faults", null, "faults", K.Text, n => V.Of(n.Faults))
        .Row("proposed", "blocks proposed", "proposed", K.Count, n => V.Count(n.Proposed))
        .Row("missed", "missed (crashed as proposer or leader)", "missed", K.Count, n => V.Count(n.Missed));

    // Rows that mean something for one protocol only: JSON keeps every field, text shows the protocol's own.
    private static readonly Func<ConsensusResult, bool> Bft = c => c.Protocol == "bft";
    private static readonly Func<ConsensusResult, bool> Raft = c => c.Protocol == "raft";

    public static readonly SectionLayout<ConsensusResult> Layout = Sections.Section<ConsensusResult>("consensus", "consensus", "consensus")
        .Row("protocol", "protocol", "protocol", K.Text, c => V.Of(c.Protocol))
        .Row("nodes", "nodes", "nodes", K.Count, c => V.Count(c.Nodes))
        .Row("quorum", "quorum", "quorum", K.Count, c => V.Count(c.Quorum))
        .Row("heights", "heights decided", "heights", K.Count, c => V.Count(c.Heights))
        .Row("extra_rounds", "extra rounds", "extraRounds", K.Count, c => V.Count(c.ExtraRounds), Bft)
        .Row("timeouts", "time in timeouts", "timeInTimeoutsMicroseconds", K.Duration, c => V.Duration(c.TimeInTimeouts), Bft)
        .Row("halted", "halted (no quorum alive)", "haltedMicroseconds", K.Duration, c => V.Duration(c.HaltedTime))
        .Row("halted_slots", "block times halted", "haltedSlots", K.Count, c => V.Count(c.HaltedSlots))
        .Row("failovers", "failovers", "failovers", K.Count, c => V.Count(c.Failovers), Raft)
        .Row("failover_time", "time failing over", "failoverMicroseconds", K.Duration, c => V.Duration(c.FailoverTime), Raft)
        .Row("censored", "transactions passed over by censoring proposers", "censoredTransactions", K.Count, c => V.Count(c.CensoredTransactions), Bft)
        .Row("safety_violations", "safety violations (conflicting blocks at one height)", "safetyViolations", K.Count, c => V.Count(c.SafetyViolations), Bft)
        .Row("rotation", "proposers of the first heights (→: next round)", "firstProposers", K.Text, c => V.Of(Rotation(c)), Bft)
        .Add(new SectionLayout<ConsensusResult>("rounds_per_height", _ => "heights by rounds taken", TextShape.Heading, "roundsPerHeight", JsonShape.Array) { When = c => c.Protocol == "bft" && c.RoundsPerHeight.Length > 0 }
            .Each(c => c.RoundsPerHeight, Rounds))
        .Add(new SectionLayout<ConsensusResult>("per_node", _ => "nodes", TextShape.Heading, "perNode", JsonShape.Array)
            .Each(c => c.PerNode, Node))
        .Add(new SectionLayout<ConsensusResult>("violations", _ => "safety violations", TextShape.Heading, "violations", JsonShape.Array) { When = c => c.Violations.Length > 0 }
            .Each(c => c.Violations, Violation));

    // "1→2, 2, 3, 4": each height's proposers in round order, so a researcher can check the rotation rule.
    private static string Rotation(ConsensusResult c) =>
        c.FirstHeights.IsDefaultOrEmpty ? "none" : string.Join(", ", c.FirstHeights.Select(h => string.Join("→", h.Select(n => n.ToString(CultureInfo.InvariantCulture)))));

    private static string Nodes(System.Collections.Immutable.ImmutableArray<int> nodes) => string.Join(", ", nodes.Select(n => n.ToString(CultureInfo.InvariantCulture)));
}
