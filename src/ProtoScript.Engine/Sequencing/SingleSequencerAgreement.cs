using ProtoScript.Engine.Scheduling;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Sequencing;

/// <summary>One operator (a builder, or a sequencer without a set of nodes): it decides alone, at the slot.</summary>
public sealed class SingleSequencerAgreement : IAgreement
{
    /// <inheritdoc />
    public long ExtraRounds => 0;

    /// <inheritdoc />
    public void Agree(Scheduler scheduler, ISlotDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        decision.Decided(scheduler, SimDuration.Zero);
    }
}
