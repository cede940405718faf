using ProtoScript.Engine.Scheduling;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Sequencing;

/// <summary>
/// How the block producers of a slot coordinator agree on each slot before its blocks are
/// sealed: at once (a single sequencer or builder), by a BFT set's rounds, with an external
/// network's hop on top. The coordinator only starts agreement at each slot and seals when told;
/// the rounds, their timeouts and who proposes are the stage's own business, so a richer
/// protocol (heights and rounds with propose, prevote and precommit timeouts as cancellable
/// scheduled events) replaces an implementation without touching the coordinator.
/// </summary>
public interface IAgreement
{
    /// <summary>Slots whose first round failed and that took more than one.</summary>
    long ExtraRounds { get; }

    /// <summary>
    /// The slot starting now: reach agreement on it and call <see cref="ISlotDecision.Decided"/>
    /// exactly once, from this call or from an event the stage schedules.
    /// </summary>
    void Agree(Scheduler scheduler, ISlotDecision decision);

    /// <summary>What a set of nodes did over a run of length <paramref name="end"/>, or null for an agreement that reports nothing of its own.</summary>
    Results.ConsensusResult? Collect(SimDuration end) => null;
}

/// <summary>The coordinator's side of <see cref="IAgreement"/>: told when a slot's blocks may be sealed.</summary>
public interface ISlotDecision
{
    /// <summary>
    /// The slot is agreed on; its blocks reach the rollups <paramref name="after"/> from now
    /// (zero: at once, within the current event).
    /// </summary>
    void Decided(Scheduler scheduler, SimDuration after);

    /// <summary>
    /// A proposer has fixed the slot's contents now: what arrives later waits for the next slot,
    /// so the rest of the agreement shows in the latency of what the slot holds. An agreement that
    /// never calls it leaves the contents open until the blocks are sealed.
    /// </summary>
    void ContentsFixed(Scheduler scheduler);

    /// <summary>
    /// The slot cannot be agreed on (fewer live nodes than a quorum): no block, and the L1 rules
    /// that reach the rollups without their sequencer apply; ends the slot as <see cref="Decided"/> would.
    /// </summary>
    void Halted(Scheduler scheduler);
}
