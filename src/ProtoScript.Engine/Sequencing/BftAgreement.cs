using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Engine.Sequencing.Consensus;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Sequencing;

/// <summary>
/// A BFT set of <see cref="BftModel.Nodes"/> nodes, <see cref="BftModel.Faulty"/> of them faulty:
/// one round per slot, and one more when the slot's proposer is faulty, which it is with
/// probability faulty / nodes, drawn once per slot from the set's own random stream.
/// </summary>
/// <remarks>
/// <para>The outcome is known when the slot starts, so the decision is announced then with the
/// rounds' length as its delay: one scheduled event per slot, and no draw at all when no node is faulty.</para>
/// <para>Faulty nodes are crashed for the whole run. Past ⌊(n − 1) / 3⌋ of them
/// (<see cref="BftModel.Halts"/>) fewer than a quorum are alive: the set halts at every slot, its
/// rollups' sequencer is down and forced inclusion applies, and the report gets the set's
/// <c>consensus</c> section with nodes 1 … f crashed, as <c>crashed = f</c> would name them.</para>
/// </remarks>
public sealed class BftAgreement : IAgreement
{
    private readonly BftModel _model;
    private readonly RandomStream? _proposers;

    // Past the bound: the crashed nodes and the halted slots; null while the set makes progress.
    private readonly NodeSet? _halted;
    private readonly ConsensusMetrics? _metrics;

    /// <summary>Creates the set; its stream <paramref name="streamName"/> (the sequencer's) is drawn only when some node is faulty.</summary>
    /// <param name="model">The set.</param>
    /// <param name="random">The run's random tree.</param>
    /// <param name="streamName">The set's stream.</param>
    /// <param name="members">The sequencer faults of the rollups it sequences: past the bound their sequencer is down.</param>
    public BftAgreement(BftModel model, RandomTree random, string streamName, IReadOnlyList<SequencerFaults>? members = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(random);
        _model = model;
        if (model.Halts)
        {
            _halted = new NodeSet(new ConsensusModel(ConsensusProtocol.Bft, model.Nodes, [new NodeFault(NodeFaultKind.Crashed, [.. Enumerable.Range(0, model.Faulty)], null, 0)]));
            _metrics = new ConsensusMetrics(model.Nodes);
            foreach (var member in members ?? [])
            {
                member.RunBy(_halted);
            }

            return;
        }

        _proposers = model.Faulty > 0 ? random.Stream(streamName) : null;
    }

    /// <inheritdoc />
    public long ExtraRounds { get; private set; }

    /// <inheritdoc />
    public void Agree(Scheduler scheduler, ISlotDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (_metrics is not null)
        {
            _metrics.HaltedSlots++;
            decision.Halted(scheduler);
            return;
        }

        var rounds = 1L;
        if (_proposers is not null && _proposers.NextDouble() < (double)_model.Faulty / _model.Nodes)
        {
            rounds++;
            ExtraRounds++;
        }

        decision.Decided(scheduler, new SimDuration(rounds * _model.Round.Microseconds));
    }

    /// <inheritdoc />
    public ConsensusResult? Collect(SimDuration end) => _halted is null ? null : _metrics!.Collect(_halted, end, 0);
}
