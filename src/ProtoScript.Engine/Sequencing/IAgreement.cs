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
}

/// <summary>The coordinator's side of <see cref="IAgreement"/>: told when a slot's blocks may be sealed.</summary>
public interface ISlotDecision
{
    /// <summary>
    /// The slot is agreed on; its blocks reach the rollups <paramref name="after"/> from now
    /// (zero: at once, within the current event).
    /// </summary>
    void Decided(Scheduler scheduler, SimDuration after);
}
