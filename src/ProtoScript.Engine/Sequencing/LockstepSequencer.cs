using System.Collections.Immutable;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.CrossChain;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Sequencing;

/// <summary>
/// One block producer for several rollups — a shared sequencer or a cross-chain builder —
/// that seals their blocks of each slot together and includes every waiting cross-chain
/// bundle at the top of the same slot's blocks, source leg then destination leg.
/// </summary>
/// <remarks>
/// <para>Slots start every block time (the members' common one). A shared sequencer's nodes
/// then run BFT consensus: one round per slot, and one more when the slot's proposer is
/// faulty, which it is with probability faulty / nodes (drawn from the sequencer's own random
/// stream, <c>sequencing/NAME</c>); an external sequencer adds its hop. The blocks are sealed
/// when consensus ends, so every transaction's soft confirmation carries that delay. The next
/// slot starts one block time after the previous one started, or when the previous one is
/// sealed if consensus took longer. A builder needs no consensus: it seals at the slot.</para>
/// <para>A sequencer that does not execute (<c>executes = false</c>) includes both legs
/// unchecked, so a destination leg whose payer cannot pay becomes a no-op after the source
/// leg landed: an atomic failure, its value locked in the bridge. One that executes, and a
/// builder that simulates across chains, check both legs first and drop the bundle whole
/// when either would fail.</para>
/// <para>A member's own <c>sequencer { down = ... }</c> windows take it out of the slots they
/// cover (the one operator stops sequencing that rollup): it seals no blocks then, forced
/// inclusion applies to it as to a rollup on its own, and bundles with a leg on it wait.</para>
/// </remarks>
public sealed class LockstepSequencer : ISimProcess
{
    private const int SlotTag = 0;
    private const int SealTag = 1;

    private readonly ImmutableArray<RollupChain> _members;
    private readonly CrossChainHub? _hub;
    private readonly BftModel? _consensus;
    private readonly SimDuration _hop;
    private readonly bool _checksLegs;
    private FeeRole _tipRole;
    private readonly RandomStream? _proposers;
    private readonly SimDuration _slot;
    private readonly Queue<(int Source, Transaction Leg)> _bundles = new();

    // The members whose sequencer is down in the current slot (few members: a list is enough).
    private readonly List<RollupChain> _down = [];
    private SimDuration _slotStart;

    private LockstepSequencer(string name, string kind, ImmutableArray<RollupChain> members, CrossChainHub? hub, BftModel? consensus, SimDuration hop, bool checksLegs, RandomTree random, string? streamName = null)
    {
        _members = members;
        _hub = hub;
        _consensus = consensus;
        _hop = hop;
        _checksLegs = checksLegs;
        _tipRole = consensus is null ? FeeRole.Builder : FeeRole.Sequencer;
        _slot = members[0].Model.BlockTime;
        _proposers = consensus is { Faulty: > 0 } ? random.Stream("sequencing/" + (streamName ?? name)) : null;
        Name = name;
        Kind = kind;
    }

    /// <summary>The sequencer's or builder's name.</summary>
    public string Name { get; }

    /// <summary><c>shared sequencer (enshrined)</c>, <c>shared sequencer (external)</c> or <c>builder</c>.</summary>
    public string Kind { get; }

    /// <summary>Slots sealed.</summary>
    public long Slots { get; private set; }

    /// <summary>Slots whose proposer was faulty and that took an extra consensus round.</summary>
    public long ExtraRounds { get; private set; }

    /// <summary>The sum of the delays from slot start to sealing.</summary>
    public SimDuration TotalDelay { get; private set; }

    /// <summary>Bundles included with both legs.</summary>
    public long BundlesIncluded { get; private set; }

    /// <summary>Bundles dropped before inclusion because a leg would fail (only by one that checks legs).</summary>
    public long BundlesDropped { get; private set; }

    /// <summary>The tips of the bundles it included, in wei (a builder's revenue).</summary>
    public UInt128 BundleTips { get; private set; }

    /// <summary>
    /// A shared sequencer for <paramref name="members"/>; with a <paramref name="builder"/> for the
    /// same rollups, the builder builds each slot (and simulates bundles if it is asked to) and the
    /// sequencer's nodes agree on it, so the slot costs the consensus delay and the tips go to the builder.
    /// </summary>
    public static LockstepSequencer Shared(SharedSequencerModel model, ImmutableArray<RollupChain> members, CrossChainHub? hub, RandomTree random, BuilderModel? builder = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(random);
        var kind = model.Kind == SharedSequencerKind.External ? "shared sequencer (external)" : "shared sequencer (enshrined)";
        var name = builder is null ? model.Name : model.Name + " + builder " + builder.Name;
        var sequencer = new LockstepSequencer(name, kind, members, hub, model.Consensus, model.Hop, model.Executes || builder is { SimulatesCrossChain: true }, random, model.Name);
        if (builder is not null)
        {
            sequencer._tipRole = FeeRole.Builder;
        }

        return sequencer;
    }

    /// <summary>A cross-chain builder for <paramref name="members"/>.</summary>
    public static LockstepSequencer Builder(BuilderModel model, ImmutableArray<RollupChain> members, CrossChainHub? hub, RandomTree random)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(random);
        return new LockstepSequencer(model.Name, "builder", members, hub, null, SimDuration.Zero, model.SimulatesCrossChain, random);
    }

    /// <summary>Whether it produces the blocks of <paramref name="chain"/>.</summary>
    public bool Sequences(RollupChain chain) => _members.Contains(chain);

    /// <summary>Queues a cross-chain transfer for the next slot; <paramref name="leg"/> is the source leg (kind <see cref="TransactionKind.CrossChainMessage"/>).</summary>
    internal void Submit(int source, in Transaction leg) => _bundles.Enqueue((source, leg));

    /// <summary>Schedules the first slot, at one block time.</summary>
    public void Start(Scheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        scheduler.ScheduleAt(_slot, this, SlotTag);
    }

    /// <inheritdoc />
    EventKind ISimProcess.Kind => EventKind.RollupBlock;

    /// <inheritdoc />
    public void OnEvent(Scheduler scheduler, int tag)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (tag == SlotTag)
        {
            _slotStart = scheduler.Now;
            var delay = ConsensusDelay();
            if (delay > SimDuration.Zero)
            {
                scheduler.ScheduleAt(scheduler.Now + delay, this, SealTag);
                return;
            }
        }

        Seal(scheduler.Now);
        var next = _slotStart + _slot;
        scheduler.ScheduleAt(next > scheduler.Now ? next : scheduler.Now, this, SlotTag);
    }

    /// <summary>The result for the report.</summary>
    public SequencerResult Collect() =>
        new(Name, Kind, [.. _members.Select(m => m.Model.Name)], Slots, ExtraRounds, Slots == 0 ? SimDuration.Zero : new SimDuration(TotalDelay.Microseconds / Slots), BundlesIncluded, BundlesDropped, BundleTips);

    private SimDuration ConsensusDelay()
    {
        if (_consensus is null)
        {
            return SimDuration.Zero;
        }

        var rounds = 1L;
        if (_proposers is not null && _proposers.NextDouble() < (double)_consensus.Faulty / _consensus.Nodes)
        {
            rounds++;
            ExtraRounds++;
        }

        return new SimDuration((rounds * _consensus.Round.Microseconds) + _hop.Microseconds);
    }

    private void Seal(SimDuration now)
    {
        Slots++;
        TotalDelay += now - _slotStart;

        // A member whose `sequencer { down }` window covers the slot sits it out: the sequencer
        // seals nothing for it, and the L1 rules force its blocks in (deposit-only blocks, the
        // delayed inbox) exactly as for a rollup with a sequencer of its own.
        _down.Clear();
        foreach (var member in _members)
        {
            if (member.Sequencing?.OnBlockTime(now) == false)
            {
                _down.Add(member);
            }
        }

        // Bundles land inside the members' blocks (after deposits and delivered messages), so
        // their fees are settled with those blocks.
        foreach (var member in _members)
        {
            if (!_down.Contains(member))
            {
                member.BeginBlock(now);
            }
        }

        // A bundle with a leg on a member that sits the slot out waits, in order, for a slot with both.
        for (var waiting = _bundles.Count; waiting > 0 && _bundles.TryDequeue(out var bundle); waiting--)
        {
            if (_down.Count > 0 && _hub is { } hub && (_down.Contains(hub.Rollup(bundle.Source)) || _down.Contains(hub.Rollup(bundle.Leg.PeerRollup))))
            {
                _bundles.Enqueue(bundle);
                continue;
            }

            IncludeBundle(bundle.Source, bundle.Leg, now);
        }

        foreach (var member in _members)
        {
            if (!_down.Contains(member))
            {
                member.FinishBlock(now);
            }
        }
    }

    private void IncludeBundle(int sourceIndex, Transaction leg, SimDuration now)
    {
        var hub = _hub!;
        var source = hub.Rollup(sourceIndex);
        var destination = hub.Rollup(leg.PeerRollup);
        leg = leg with { Nonce = source.State.Nonce(leg.From) };
        var id = hub.PeekId();
        var delivery = new Transaction(leg.From, leg.To, leg.Value, id, leg.PriorityFeePerGas, Transaction.CrossChainGas, now)
        {
            Kind = TransactionKind.CrossChainDelivery,
            PeerRollup = sourceIndex,
        };
        if (_checksLegs && !(CrossChainExecution.CanSend(source, in leg) && CrossChainExecution.CanDeliver(destination, in delivery)))
        {
            BundlesDropped++;
            hub.Metrics.Dropped++;
            return;
        }

        if (!CrossChainExecution.TrySend(source, in leg, _tipRole))
        {
            // The source leg is a no-op; the destination leg, which needs its message, is one too.
            source.Metrics.AddRejected(RejectReason.InsufficientBalance);
            return;
        }

        hub.NextId();
        hub.Endpoint(sourceIndex).AddValueOut(leg.Value);
        hub.Metrics.Sent++;
        hub.Metrics.ValueSent += leg.Value;
        source.Metrics.Included++;
        source.Metrics.InclusionLatency.Record(now - leg.SubmitTime);
        source.NotifyIncluded(in leg);
        BundleTips += leg.Gas * leg.PriorityFeePerGas;
        if (!CrossChainExecution.TryDeliver(destination, in delivery, _tipRole))
        {
            // Ordered without execution: the source leg landed, this one is a no-op.
            hub.Metrics.Failed++;
            hub.Metrics.AtomicFailures++;
            hub.Metrics.ValueFailed += leg.Value;
            hub.Endpoint(leg.PeerRollup).AddValueLocked(leg.Value);
            return;
        }

        BundlesIncluded++;
        BundleTips += delivery.Gas * delivery.PriorityFeePerGas;
        hub.Endpoint(leg.PeerRollup).AddValueIn(leg.Value);
        hub.Metrics.Delivered++;
        hub.Metrics.ValueDelivered += leg.Value;
        hub.Metrics.Latency.Record(now - leg.SubmitTime);
        destination.NotifyIncluded(in delivery);
    }
}
