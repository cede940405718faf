using ProtoScript.Engine.Scheduling;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Sequencing;

/// <summary>
/// An external sequencing network in front of the rollups: whatever its nodes decide reaches
/// the rollups one hop later. It wraps the network's own agreement and lengthens the decision's
/// delay, so the hop costs no event of its own.
/// </summary>
public sealed class ExternalHopAgreement : IAgreement, ISlotDecision
{
    private readonly IAgreement _network;
    private readonly SimDuration _hop;
    private ISlotDecision? _decision;

    /// <summary>Adds <paramref name="hop"/> to every decision of <paramref name="network"/>.</summary>
    public ExternalHopAgreement(IAgreement network, SimDuration hop)
    {
        ArgumentNullException.ThrowIfNull(network);
        _network = network;
        _hop = hop;
    }

    /// <inheritdoc />
    public long ExtraRounds => _network.ExtraRounds;

    /// <inheritdoc />
    public void Agree(Scheduler scheduler, ISlotDecision decision)
    {
        _decision = decision;
        _network.Agree(scheduler, this);
    }

    /// <inheritdoc />
    void ISlotDecision.Decided(Scheduler scheduler, SimDuration after) => _decision!.Decided(scheduler, after + _hop);

    /// <inheritdoc />
    void ISlotDecision.ContentsFixed(Scheduler scheduler) => _decision!.ContentsFixed(scheduler);

    /// <inheritdoc />
    void ISlotDecision.Halted(Scheduler scheduler) => _decision!.Halted(scheduler);

    /// <inheritdoc />
    public Results.ConsensusResult? Collect(SimDuration end) => _network.Collect(end);
}
