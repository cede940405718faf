using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Sequencing;

/// <summary>
/// A BFT set of <see cref="BftModel.Nodes"/> nodes, <see cref="BftModel.Faulty"/> of them faulty:
/// one round per slot, and one more when the slot's proposer is faulty, which it is with
/// probability faulty / nodes, drawn once per slot from the set's own random stream.
/// </summary>
/// <remarks>
/// The outcome is known when the slot starts, so the decision is announced then with the
/// rounds' length as its delay: one scheduled event per slot, and no draw at all when no node is faulty.
/// </remarks>
public sealed class BftAgreement : IAgreement
{
    private readonly BftModel _model;
    private readonly RandomStream? _proposers;

    /// <summary>Creates the set; its stream <paramref name="streamName"/> (the sequencer's) is drawn only when some node is faulty.</summary>
    public BftAgreement(BftModel model, RandomTree random, string streamName)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(random);
        _model = model;
        _proposers = model.Faulty > 0 ? random.Stream(streamName) : null;
    }

    /// <inheritdoc />
    public long ExtraRounds { get; private set; }

    /// <inheritdoc />
    public void Agree(Scheduler scheduler, ISlotDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var rounds = 1L;
        if (_proposers is not null && _proposers.NextDouble() < (double)_model.Faulty / _model.Nodes)
        {
            rounds++;
            ExtraRounds++;
        }

        decision.Decided(scheduler, new SimDuration(rounds * _model.Round.Microseconds));
    }
}
