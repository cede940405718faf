using System.Collections.Immutable;
using ProtoScript.Engine.Batching;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Sequencing;

/// <summary>The events of a <see cref="SlotCoordinator"/>.</summary>
public enum SlotEvent
{
    /// <summary>A slot starts: its agreement begins.</summary>
    Start,

    /// <summary>The slot's agreement has reached the rollups: its blocks are sealed.</summary>
    Seal,
}

/// <summary>
/// One block producer for several rollups — a shared sequencer or a cross-chain builder — that
/// runs their slots together: each slot it has its <see cref="IAgreement"/> agree on the slot,
/// then opens the blocks of its members, executes the waiting bundles' sections in order
/// (any number of legs, on any members, a rollup several times), and closes the blocks.
/// </summary>
/// <remarks>
/// <para>Slots start every block time (the members' common one). The blocks are sealed when
/// agreement ends, so every transaction's soft confirmation carries that delay; an external
/// network's <see cref="Delivery"/> hop fixes their contents then and stamps them a hop later.
/// The next slot starts one block time after the previous one started, or when the previous
/// one is decided if agreement took longer.</para>
/// <para>A member's own <c>sequencer { down = ... }</c> windows take it out of the slots they
/// cover (the one operator stops sequencing that rollup): it seals no blocks then, forced
/// inclusion applies to it as to a rollup on its own, and bundles with a leg on it wait.</para>
/// <para>Blocks are opened and closed in member order (scenario order); bundles land after each
/// block's deposits and delivered messages and before its mempool transactions, so their fees
/// are settled with those blocks.</para>
/// </remarks>
public sealed class SlotCoordinator : SimProcess<SlotEvent>, ISlotDecision
{
    private readonly ImmutableArray<RollupChain> _members;
    private readonly IAgreement _agreement;
    private readonly BundleExecution _bundles;
    private readonly Bundles.PathBundleExecution _paths;
    private readonly SimDuration _slot;
    private readonly Queue<Bundle> _waiting = new();

    // The members whose sequencer is down in the current slot (few members: a list is enough).
    private readonly List<RollupChain> _down = [];
    private SimDuration _slotStart;

    // Between a slot's start and its decision: a stage that decides twice would seal twice.
    private bool _agreeing;

    // What each member paid an external network (FeePerGas × its blocks' gas), by member index.
    private UInt128[]? _layerFees;

    // When a proposer fixed the current slot's contents; null while they are open.
    private SimDuration? _fixedAt;

    /// <summary>Creates a coordinator for <paramref name="members"/>, whose slots last their (common) block time.</summary>
    /// <param name="name">Its name in reports.</param>
    /// <param name="kind">What it is.</param>
    /// <param name="members">The rollups whose blocks it produces, in the order their blocks are opened and sealed.</param>
    /// <param name="agreement">How each slot is agreed on.</param>
    /// <param name="tipRole">The fee role the legs' tips are booked to.</param>
    /// <param name="checksLegs">Whether a bundle is dropped whole when a leg would fail, rather than included unchecked.</param>
    public SlotCoordinator(string name, CoordinatorKind kind, ImmutableArray<RollupChain> members, IAgreement agreement, Role tipRole, bool checksLegs)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(agreement);
        if (members.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A slot coordinator needs at least one rollup.", nameof(members));
        }

        _members = members;
        _agreement = agreement;
        _bundles = new BundleExecution(tipRole, checksLegs);
        _paths = new Bundles.PathBundleExecution(tipRole, checksLegs);
        ChecksLegs = checksLegs;
        _slot = members[0].Model.BlockTime;
        Name = name;
        Kind = kind;
    }

    /// <summary>The sequencer's or builder's name.</summary>
    public string Name { get; }

    /// <summary>What it is.</summary>
    public CoordinatorKind Kind { get; }

    /// <summary>Whether it simulates a bundle and drops it whole when a leg would fail (atomic execution), rather than only ordering the legs (atomic inclusion).</summary>
    public bool ChecksLegs { get; }

    /// <summary>Slots sealed.</summary>
    public long Slots { get; private set; }

    /// <summary>The sum of the delays from slot start to sealing.</summary>
    public SimDuration TotalDelay { get; private set; }

    /// <summary>
    /// The time a slot's blocks take from the sequencer to the rollups (an external network's
    /// hop): their contents are fixed when the agreement decides, and they are sealed, and their
    /// transactions soft-confirmed, this much later. Zero for a sequencer that is part of the rollups.
    /// </summary>
    public SimDuration Delivery { get; init; }

    /// <summary>What an external network charges per gas of the blocks it sequences, in wei (0: nothing).</summary>
    public UInt128 FeePerGas { get; init; }

    /// <summary>An external network's fee as a C# hook (<c>fee = csharp ...</c>), asked per rollup per slot instead of <see cref="FeePerGas"/>; null for the built-in.</summary>
    public ISharedSequencerFeeRule? FeeRule { get; init; }

    /// <summary>The rollups' batches posted together in shared blobs (<c>aggregate_data</c>), or null.</summary>
    public DataAggregator? Aggregator { get; init; }

    /// <summary>
    /// A shared sequencer for <paramref name="members"/>; with a <paramref name="builder"/> for the
    /// same rollups, the builder builds each slot (and simulates bundles if it is asked to) and the
    /// sequencer's nodes agree on it, so the slot costs the consensus delay and the tips go to the builder.
    /// </summary>
    /// <param name="model">The shared sequencer.</param>
    /// <param name="members">Its rollups' chains, in scenario order.</param>
    /// <param name="random">The run's random tree.</param>
    /// <param name="builder">The builder of the same rollups, or null.</param>
    /// <param name="rules">The run's compiled hooks (a proposer hook of its set), or null.</param>
    public static SlotCoordinator Shared(SharedSequencerModel model, ImmutableArray<RollupChain> members, RandomTree random, BuilderModel? builder = null, Simulation.IRuleProvider? rules = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(random);
        IAgreement agreement = model.Set switch
        {
            { Protocol: ConsensusProtocol.Raft } raft => RaftBy(new Consensus.NodeSet(raft), members),
            { } heightsAndRounds => RunBy(new Consensus.NodeSet(heightsAndRounds), members, Simulation.RuleRegistry.BftProposer.Resolve(heightsAndRounds, rules), model.Name),
            null => new BftAgreement(model.Consensus, random, "sequencing/" + model.Name, model.Consensus.Halts ? Faults(members) : []),
        };
        var external = model.Kind == SharedSequencerKind.External;
        var name = builder is null ? model.Name : model.Name + " + builder " + builder.Name;
        var kind = external ? CoordinatorKind.ExternalSharedSequencer : CoordinatorKind.EnshrinedSharedSequencer;
        var tipRole = builder is null ? Role.Sequencer : Role.Builder;
        return new SlotCoordinator(name, kind, members, agreement, tipRole, model.Executes || builder is { SimulatesCrossChain: true })
        {
            Delivery = model.Hop,
            FeePerGas = model.FeePerGas,
            FeeRule = Simulation.RuleRegistry.SharedSequencerFee.Resolve(model, rules),
            Aggregator = model.AggregatesData ? new DataAggregator(model.Name, members, model.CostSplit, Simulation.RuleRegistry.DaCostSplit.Resolve(model, rules)) : null,
        };
    }

    /// <summary>
    /// The sequencer of one rollup run by a set of nodes (<c>sequencer { consensus = ... }</c>):
    /// Tendermint rounds for a BFT set, active/standby for a Raft set.
    /// </summary>
    /// <param name="chain">The rollup.</param>
    /// <param name="rules">The run's compiled hooks (a proposer hook of its set), or null.</param>
    public static SlotCoordinator ForSet(RollupChain chain, Simulation.IRuleProvider? rules = null)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var faults = chain.Sequencing?.Faults ?? throw new ArgumentException("The rollup has no sequencer runtime.", nameof(chain));
        var bft = faults.Set?.Model.Protocol == ConsensusProtocol.Bft;
        IAgreement agreement = bft
            ? new Consensus.TendermintAgreement(faults, Simulation.RuleRegistry.BftProposer.Resolve(faults.Set!.Model, rules), chain.Model.Name)
            : new Consensus.RaftAgreement(faults);
        return new SlotCoordinator(chain.Model.Name, bft ? CoordinatorKind.BftSequencerSet : CoordinatorKind.RaftSequencerSet, [chain], agreement, Role.Sequencer, true);
    }

    // Every member's sequencer is down while the shared set has no quorum, and censors while a censoring node's blocks are sealed.
    private static Consensus.TendermintAgreement RunBy(Consensus.NodeSet set, ImmutableArray<RollupChain> members, Consensus.IProposerRule? rule, string sequencer) =>
        new(set, RunBy(set, members), rule, members[0].Model.Name) { SharedSequencer = sequencer };

    private static Consensus.RaftAgreement RaftBy(Consensus.NodeSet set, ImmutableArray<RollupChain> members) => new(set, RunBy(set, members));

    private static List<SequencerFaults> RunBy(Consensus.NodeSet set, ImmutableArray<RollupChain> members)
    {
        var faults = Faults(members);
        foreach (var member in faults)
        {
            member.RunBy(set);
        }

        return faults;
    }

    private static List<SequencerFaults> Faults(ImmutableArray<RollupChain> members) =>
        [.. members.Select(m => m.Sequencing?.Faults ?? throw new ArgumentException($"Rollup {m.Model.Name} has no sequencer runtime.", nameof(members)))];

    /// <summary>A cross-chain builder for <paramref name="members"/>: one operator, sealing at the slot.</summary>
    public static SlotCoordinator Builder(BuilderModel model, ImmutableArray<RollupChain> members)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new SlotCoordinator(model.Name, CoordinatorKind.Builder, members, new SingleSequencerAgreement(), Role.Builder, model.SimulatesCrossChain);
    }

    /// <summary>Whether it produces the blocks of <paramref name="chain"/>.</summary>
    public bool Sequences(RollupChain chain) => _members.Contains(chain);

    /// <summary>Queues a bundle for the next slot whose blocks include every rollup it touches.</summary>
    /// <exception cref="ArgumentException">A section is on a rollup this coordinator does not produce blocks for, or the bundle has no legs.</exception>
    public void Submit(in Bundle bundle)
    {
        if (bundle.Sections.IsDefaultOrEmpty || (bundle.LegCount == 0 && bundle.Path is null))
        {
            throw new ArgumentException("A bundle needs at least one leg.", nameof(bundle));
        }

        foreach (var section in bundle.Sections)
        {
            if (!Sequences(section.Rollup))
            {
                throw new ArgumentException($"{Name} does not produce the blocks of {section.Rollup.Model.Name}.", nameof(bundle));
            }
        }

        _waiting.Enqueue(bundle);
    }

    /// <summary>Schedules the first slot, at one block time, and the aggregator's first interval.</summary>
    public void Start(Scheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        scheduler.ScheduleAt(_slot, this, SlotEvent.Start);
        Aggregator?.Start(scheduler);
    }

    /// <inheritdoc />
    public override EventKind EventKind => EventKind.RollupBlock;

    /// <inheritdoc />
    protected override void OnEvent(Scheduler scheduler, SlotEvent simEvent)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (simEvent == SlotEvent.Start)
        {
            _slotStart = scheduler.Now;
            _agreeing = true;
            _agreement.Agree(scheduler, this);
            return;
        }

        SealAndContinue(scheduler);
    }

    /// <inheritdoc />
    void ISlotDecision.Decided(Scheduler scheduler, SimDuration after)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (!_agreeing)
        {
            throw new InvalidOperationException($"{Name}: the agreement decided a slot that is not waiting for one.");
        }

        _agreeing = false;
        if (after > SimDuration.Zero)
        {
            scheduler.ScheduleAt(scheduler.Now + after, this, SlotEvent.Seal);
            return;
        }

        SealAndContinue(scheduler);
    }

    /// <inheritdoc />
    void ISlotDecision.ContentsFixed(Scheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        _fixedAt = scheduler.Now;
        foreach (var member in _members)
        {
            member.FixContents(scheduler.Now);
        }
    }

    /// <inheritdoc />
    void ISlotDecision.Halted(Scheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (!_agreeing)
        {
            throw new InvalidOperationException($"{Name}: the agreement halted a slot that is not waiting for one.");
        }

        _agreeing = false;
        Unfix();

        // No block; the L1 rules still force in what is due, as for a sequencer that is down.
        foreach (var member in _members)
        {
            member.Sequencing?.OnBlockTime(scheduler.Now);
        }

        Continue(scheduler);
    }

    /// <summary>The result for the report; <paramref name="end"/> is the run's length, for a set's halted time.</summary>
    public SequencerResult Collect(SimDuration end = default) =>
        new(Name, Kind, [.. _members.Select(m => m.Model.Name)], Slots, _agreement.ExtraRounds, Slots == 0 ? SimDuration.Zero : new SimDuration(TotalDelay.Microseconds / Slots), _bundles.Included + _paths.Included, _bundles.Dropped + _paths.Dropped, _bundles.Tips + _paths.Tips)
        {
            Layer = FeePerGas == UInt128.Zero && FeeRule is null ? null : new SharedLayerFeesResult(FeePerGas, [.. _members.Select((m, i) => new SharedLayerFee(m.Model.Name, _layerFees?[i] ?? UInt128.Zero))]) { Hooked = FeeRule is not null },
            Aggregation = Aggregator?.Collect(),
            Consensus = _agreement.Collect(end),
        };

    private void SealAndContinue(Scheduler scheduler)
    {
        Seal(scheduler.Now + Delivery);
        Unfix();
        Continue(scheduler);
    }

    private void Continue(Scheduler scheduler)
    {
        var next = _slotStart + _slot;
        scheduler.ScheduleAt(next > scheduler.Now ? next : scheduler.Now, this, SlotEvent.Start);
    }

    private void Unfix()
    {
        if (_fixedAt is null)
        {
            return;
        }

        _fixedAt = null;
        foreach (var member in _members)
        {
            member.FixContents(null);
        }
    }

    // The slot's contents are fixed now (the agreement has decided); `now` is when its blocks
    // reach the rollups, which is later by the Delivery hop of an external network. Executing
    // them at the decision rather than at arrival takes exactly what the sequencer had then.
    private void Seal(SimDuration now)
    {
        Slots++;
        TotalDelay += now - _slotStart;
        Span<ulong> gasBefore = stackalloc ulong[FeePerGas == UInt128.Zero && FeeRule is null ? 0 : _members.Length];
        for (var i = 0; i < gasBefore.Length; i++)
        {
            gasBefore[i] = _members[i].Metrics.GasUsed;
        }

        // A fee hook also sees each block's transactions and fees: their counters before the slot.
        var before = FeeRule is null ? null : _members.Select(m => (m.Metrics.Included, Tips: m.Fees.Of(FeeKind.PriorityFee), Burned: m.Fees.Of(FeeKind.BaseFee))).ToArray();

        // A member whose `sequencer { down }` window covers the slot sits it out: the coordinator
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

        foreach (var member in _members)
        {
            if (!_down.Contains(member))
            {
                member.BeginBlock(now);
            }
        }

        // A bundle with a leg on a member that sits the slot out waits, in order, for a slot with all of them.
        for (var waiting = _waiting.Count; waiting > 0 && _waiting.TryDequeue(out var bundle); waiting--)
        {
            if ((_down.Count > 0 && TouchesDown(in bundle)) || bundle.SubmitTime >= _fixedAt)
            {
                _waiting.Enqueue(bundle);
                continue;
            }

            if (bundle.Path is { } path)
            {
                _paths.Include(path, now);
            }
            else
            {
                _bundles.Include(in bundle, now);
            }
        }

        foreach (var member in _members)
        {
            if (!_down.Contains(member))
            {
                member.FinishBlock(now);
            }
        }

        for (var i = 0; i < gasBefore.Length; i++)
        {
            // Booked to the network, outside the rollups: their operators pay it as they pay L1
            // for blobs, so it moves no L2 balance (and derivation has nothing to replay).
            _layerFees ??= new UInt128[_members.Length];
            var gas = _members[i].Metrics.GasUsed - gasBefore[i];
            var fee = before is null ? FeePerGas * gas : _down.Contains(_members[i]) ? UInt128.Zero : LayerFee(_members[i], now, gas, before[i]);
            _layerFees[i] = checked(_layerFees[i] + fee);
        }
    }

    // What the fee hook charges one member for its block of the slot being sealed.
    private UInt128 LayerFee(RollupChain member, SimDuration now, ulong gas, (long Included, UInt128 Tips, UInt128 Burned) before)
    {
        var view = new SequencerFeeView(
            Name,
            member.Model.Name,
            Slots,
            now.Microseconds,
            gas,
            member.Metrics.Included - before.Included,
            member.Fees.Of(FeeKind.PriorityFee) - before.Tips,
            member.Fees.Of(FeeKind.BaseFee) - before.Burned);
        try
        {
            return FeeRule!.Fee(in view);
        }
        catch (Exception e) when (e is not (Simulation.RuleFailedException or OutOfMemoryException))
        {
            // The hook's own diagnostic, with the simulated time and block only the engine knows.
            throw new Simulation.RuleFailedException(member.Model.Name, now, member.Metrics.Blocks, e);
        }
    }

    private bool TouchesDown(in Bundle bundle)
    {
        foreach (var member in _down)
        {
            if (bundle.Touches(member))
            {
                return true;
            }
        }

        return false;
    }
}
