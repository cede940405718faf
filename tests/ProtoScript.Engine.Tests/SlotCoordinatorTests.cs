using System.Collections.Immutable;
using ProtoScript.Engine.Batching;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.CrossChain;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Engine.Sequencing;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

/// <summary>
/// The slot coordinator at engine level: bundles are ordered lists of sections on any of its
/// rollups, executed in order into the slot's blocks, and what it seals derives from L1 data.
/// </summary>
public class SlotCoordinatorTests
{
    private static readonly UInt128 Gwei = Wei.PerGwei;
    private static readonly UInt128 Eth = Wei.PerEther;

    private static RollupModel Rollup(string name) =>
        TestScenarios.Rollup(name, OrderingRule.Fcfs, accounts: 10, blockTimeMs: 2_000) with
        {
            Batch = new BatchModel(SimDuration.FromSeconds(12), Language.Model.DaTarget.Blobs, CompressionKind.None),
        };

    private static ScenarioModel Scenario() =>
        new("sections", 1, SimDuration.FromSeconds(120),
            new L1Model("ethereum", SimDuration.FromSeconds(12)) { Blobs = BlobMarketModel.Default with { BaseFee = 1_000, Background = 6 } },
            [Rollup("A"), Rollup("B")],
            new WorkloadModel([]));

    /// <summary>Two rollups whose blocks one coordinator seals, with batchers posting to an L1 that keeps its data.</summary>
    private sealed class Run
    {
        public Run(bool checksLegs, IAgreement? agreement = null)
        {
            Model = Scenario();
            L1 = new L1Chain(Model.L1, new L1DataLog());
            Hub = new CrossChainHub(2);
            A = new RollupChain(Model.Rollups[0], new FcfsOrdering(), null, new RollupParts { Batcher = Batcher.Part(0, L1), CrossChain = Hub.Connect(0) });
            B = new RollupChain(Model.Rollups[1], new FcfsOrdering(), null, new RollupParts { Batcher = Batcher.Part(1, L1), CrossChain = Hub.Connect(1) });
            A.RecordBlockRoots();
            B.RecordBlockRoots();
            Batchers = [A.Batcher!, B.Batcher!];
            Coordinator = new SlotCoordinator("c", CoordinatorKind.Builder, [A, B], agreement ?? new SingleSequencerAgreement(), Role.Builder, checksLegs);
        }

        public ScenarioModel Model { get; }

        public Scheduler Scheduler { get; } = new();

        public L1Chain L1 { get; }

        public RollupChain A { get; }

        public RollupChain B { get; }

        public CrossChainHub Hub { get; }

        public ImmutableArray<Batcher> Batchers { get; }

        public SlotCoordinator Coordinator { get; }

        public void RunToEnd()
        {
            L1.Start(Scheduler);
            Coordinator.Start(Scheduler);
            foreach (var batcher in Batchers)
            {
                batcher.Start(Scheduler);
            }

            Scheduler.RunUntil(Model.Duration);
        }

        public RollupVerification Derive(int index) =>
            Verifier.Compare((index == 0 ? A : B).BlockRoots!, StandardDerivation.Derive(Model, index, L1.DataLog!));
    }

    private static Transaction Send(int from, int to, UInt128 value, int destination) =>
        new(from, to, value, 0, Gwei, Transaction.CrossChainGas, SimDuration.Zero) { Kind = TransactionKind.CrossChainMessage, PeerRollup = destination };

    private static Transaction Deliver(int payer, int to, UInt128 value, int source) =>
        new(payer, to, value, 0, Gwei, Transaction.CrossChainGas, SimDuration.Zero) { Kind = TransactionKind.CrossChainDelivery, PeerRollup = source };

    private static Transaction Transfer(int from, int to, UInt128 value) =>
        new(from, to, value, 0, Gwei, Transaction.TransferGas, SimDuration.Zero);

    private static Bundle Bundle(params SlotSection[] sections) => new([.. sections], SimDuration.Zero);

    [Fact]
    public void Sections_A_B_A_run_in_order_within_one_slot_and_both_rollups_derive_to_the_sealed_roots()
    {
        // B's account 5 holds 100 ETH and sends 150 ETH: it can only because the delivery of 60 ETH
        // before it in the same slot ran first. A's sender sends twice, around B's section, and
        // gets consecutive nonces.
        var run = new Run(checksLegs: false);
        run.Coordinator.Submit(Bundle(
            new SlotSection(run.A, [Send(0, 5, 60 * Eth, destination: 1)]),
            new SlotSection(run.B, [Deliver(0, 5, 60 * Eth, source: 0), Transfer(5, 6, 150 * Eth)]),
            new SlotSection(run.A, [Transfer(0, 1, 1 * Eth)])));

        run.RunToEnd();

        var sendFee = Transaction.CrossChainGas * 2 * Gwei;
        var transferFee = Transaction.TransferGas * 2 * Gwei;
        Assert.Equal(100 * Eth - 61 * Eth - sendFee - transferFee, run.A.State.Balance(0));
        Assert.Equal(101 * Eth, run.A.State.Balance(1));
        Assert.Equal(2UL, run.A.State.Nonce(0));
        Assert.Equal(100 * Eth - sendFee, run.B.State.Balance(0)); // the delivery's payer
        Assert.Equal(10 * Eth - transferFee, run.B.State.Balance(5));
        Assert.Equal(250 * Eth, run.B.State.Balance(6));
        var result = run.Coordinator.Collect();
        Assert.Equal(1, result.BundlesIncluded);
        Assert.Equal((UInt128)((2 * Transaction.CrossChainGas) + (2 * Transaction.TransferGas)) * Gwei, result.BundleTips);
        var crossChain = run.Hub.Collect();
        Assert.Equal(1, crossChain.Delivered);
        Assert.True(crossChain.Conserved);
        Assert.All(new[] { run.Derive(0), run.Derive(1) }, r =>
        {
            Assert.True(r.Matches, r.Describe());
            Assert.True(r.BlocksMatched >= 40, r.Describe());
        });
    }

    [Fact]
    public void Unchecked_a_section_that_cannot_pay_is_a_no_op_and_the_sections_after_it_do_not_run()
    {
        // The same legs with B's spend first: 150 ETH is more than account 5 holds before the delivery.
        var run = new Run(checksLegs: false);
        run.Coordinator.Submit(Bundle(
            new SlotSection(run.B, [Transfer(5, 6, 150 * Eth)]),
            new SlotSection(run.A, [Send(0, 5, 60 * Eth, destination: 1)]),
            new SlotSection(run.B, [Deliver(0, 5, 60 * Eth, source: 0)])));

        run.RunToEnd();

        Assert.Equal(100 * Eth, run.A.State.Balance(0));
        Assert.Equal(100 * Eth, run.B.State.Balance(5));
        Assert.Equal(0, run.Coordinator.Collect().BundlesIncluded);
        Assert.Equal(0, run.Hub.Collect().Sent);
        Assert.True(run.Derive(1).Matches);
    }

    [Fact]
    public void A_producer_that_checks_legs_drops_a_bundle_of_any_length_whole_when_its_last_leg_would_fail()
    {
        var run = new Run(checksLegs: true);
        run.Coordinator.Submit(Bundle(
            new SlotSection(run.A, [Send(0, 5, 60 * Eth, destination: 1)]),
            new SlotSection(run.B, [Deliver(0, 5, 60 * Eth, source: 0)]),
            new SlotSection(run.A, [Transfer(1, 2, 1_000 * Eth)])));

        run.RunToEnd();

        Assert.Equal(100 * Eth, run.A.State.Balance(0));
        Assert.Equal(100 * Eth, run.B.State.Balance(5));
        var result = run.Coordinator.Collect();
        Assert.Equal(0, result.BundlesIncluded);
        Assert.Equal(1, result.BundlesDropped);
        Assert.Equal(1, run.Hub.Collect().Dropped);
    }

    [Fact]
    public void A_bundle_with_a_section_on_a_rollup_the_coordinator_does_not_produce_is_refused()
    {
        var run = new Run(checksLegs: false);
        var stranger = new RollupChain(Rollup("C"), new FcfsOrdering());

        Assert.Throws<ArgumentException>(() => run.Coordinator.Submit(Bundle(new SlotSection(stranger, [Transfer(0, 1, Eth)]))));
    }

    [Fact]
    public void The_coordinator_seals_when_its_agreement_decides_from_an_event_of_its_own_and_a_cancelled_timeout_never_fires()
    {
        // A round-based stage as issue 16's will be: at each slot it schedules a commit 300 ms later
        // and a timeout at 1 s, and cancels the timeout when the commit comes first.
        var agreement = new CommitOrTimeout(SimDuration.FromMilliseconds(300), SimDuration.FromSeconds(1));
        var run = new Run(checksLegs: false, agreement);

        run.RunToEnd();

        var result = run.Coordinator.Collect();
        Assert.Equal(SimDuration.FromMilliseconds(300), result.MeanDelay);
        Assert.Equal(59, result.Slots); // slots at 2, 4, …, 118 s, each sealed 300 ms later
        Assert.Equal(0, agreement.TimeoutsFired);
        Assert.Equal(59, run.A.Metrics.Blocks);
        Assert.True(run.Derive(0).Matches);
    }

    [Fact]
    public void An_external_hop_lengthens_the_networks_decision_without_an_event_of_its_own()
    {
        var scheduler = new Scheduler();
        var decision = new RecordingDecision();
        var bft = new BftAgreement(new BftModel(4, 0, SimDuration.FromMilliseconds(500)), new Randomness.RandomTree(1), "sequencing/s");

        new ExternalHopAgreement(bft, SimDuration.FromMilliseconds(150)).Agree(scheduler, decision);

        Assert.Equal([SimDuration.FromMilliseconds(650)], decision.Delays);
        Assert.Equal(0, scheduler.Pending);
    }

    [Fact]
    public void An_agreement_that_decides_one_slot_twice_is_refused()
    {
        var run = new Run(checksLegs: false, new DecidesTwice());

        Assert.Throws<InvalidOperationException>(run.RunToEnd);
    }

    private sealed class DecidesTwice : IAgreement
    {
        public long ExtraRounds => 0;

        public void Agree(Scheduler scheduler, ISlotDecision decision)
        {
            decision.Decided(scheduler, SimDuration.FromMilliseconds(100));
            decision.Decided(scheduler, SimDuration.FromMilliseconds(100));
        }
    }

    private sealed class RecordingDecision : ISlotDecision
    {
        public List<SimDuration> Delays { get; } = [];

        public void Decided(Scheduler scheduler, SimDuration after) => Delays.Add(after);

        public void ContentsFixed(Scheduler scheduler)
        {
        }

        public void Halted(Scheduler scheduler) => throw new InvalidOperationException("no agreement here halts");
    }

    private enum RoundEvent
    {
        Commit,
        Timeout,
    }

    private sealed class CommitOrTimeout(SimDuration commit, SimDuration timeout) : SimProcess<RoundEvent>, IAgreement
    {
        private ISlotDecision? _decision;
        private EventHandle _timeout;

        public long ExtraRounds => 0;

        public int TimeoutsFired { get; private set; }

        public override EventKind EventKind => EventKind.RollupBlock;

        public void Agree(Scheduler scheduler, ISlotDecision decision)
        {
            _decision = decision;
            _timeout = scheduler.ScheduleCancellableAt(scheduler.Now + timeout, this, RoundEvent.Timeout);
            scheduler.ScheduleAt(scheduler.Now + commit, this, RoundEvent.Commit);
        }

        protected override void OnEvent(Scheduler scheduler, RoundEvent simEvent)
        {
            if (simEvent == RoundEvent.Timeout)
            {
                TimeoutsFired++;
                return;
            }

            Assert.True(scheduler.Cancel(_timeout));
            _decision!.Decided(scheduler, SimDuration.Zero);
        }
    }
}
