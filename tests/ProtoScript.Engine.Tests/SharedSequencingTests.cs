using ProtoScript.Engine.Sequencing;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class SharedSequencingTests
{
    private static readonly UInt128 Gwei = Wei.PerGwei;

    /// <summary>
    /// A (funded) and B (funded with <paramref name="bFunding"/>), 2 s blocks, fcfs, one user on A
    /// at 1 transaction per second, every one of them a cross-chain transfer to B.
    /// </summary>
    private static ScenarioModel Pair(UInt128 bFunding, ulong seed = 5, long durationSeconds = 20) =>
        new("pair", seed, SimDuration.FromSeconds(durationSeconds), new L1Model("ethereum", SimDuration.FromSeconds(12)),
            [
                TestScenarios.Rollup("A", OrderingRule.Fcfs, accounts: 10, initialBalance: 10 * Wei.PerEther),
                TestScenarios.Rollup("B", OrderingRule.Fcfs, accounts: 10, initialBalance: bFunding),
            ],
            new WorkloadModel(
            [
                new UserStreamModel(1, ["A"], new DistributionModel(DistributionKind.Constant, 1e9, 0), new DistributionModel(DistributionKind.Constant, 1e16, 0)),
            ])
            {
                CrossChain = new CrossChainModel(1),
            });

    private static ScenarioModel Shared(ScenarioModel pair, int nodes = 4, int faulty = 0, bool executes = false) =>
        pair with
        {
            // The stream names only A, so make B a destination by listing it in the stream.
            Workload = pair.Workload with { Streams = [pair.Workload.Streams[0] with { Rollups = ["A", "B"], RatePerSecond = 1 }] },
            SharedSequencers = [new SharedSequencerModel("espresso", ["A", "B"], new BftModel(nodes, faulty, SimDuration.FromMilliseconds(500)), executes)],
        };

    [Fact]
    public void Under_a_shared_sequencer_both_legs_land_in_the_same_slot_after_one_consensus_round()
    {
        // Slots every 2 s; one 500 ms round with no faulty node: blocks sealed at 2.5 s, 4.5 s, …
        // A transfer sent at t lands on both rollups in the first seal after t.
        var result = Simulator.Run(Shared(Pair(10 * Wei.PerEther)));

        var crossChain = result.CrossChain!;
        Assert.True(crossChain.Sent > 10);
        Assert.Equal(crossChain.Sent, crossChain.Delivered);
        Assert.Equal(0, crossChain.Pending);
        Assert.Equal(0, crossChain.AtomicFailures);
        Assert.True(crossChain.Latency.P99 <= SimDuration.FromMilliseconds(2_500), crossChain.Latency.P99.ToString());
        var sequencer = Assert.Single(result.Sequencers);
        Assert.Equal(SimDuration.FromMilliseconds(500), sequencer.MeanDelay);
        Assert.Equal(0, sequencer.ExtraRounds);
        Assert.Equal(9, sequencer.Slots); // slots at 2, 4, …, 18 s sealed by 18.5 s; the one at 20 s seals after the end
        Assert.All(result.Rollups, r => Assert.Equal(9, r.Blocks));
        Assert.True(crossChain.Conserved);
        Assert.All(result.Rollups, r => Assert.True(r.Supply.Conserved, r.Name));
    }

    [Fact]
    public void Without_execution_a_destination_leg_whose_payer_cannot_pay_is_a_no_op_and_counted_as_an_atomic_failure()
    {
        // B's accounts hold nothing, so no sender can pay the destination leg's gas on B.
        var result = Simulator.Run(Shared(Pair(0)));

        var crossChain = result.CrossChain!;
        var fromA = crossChain.Sent;
        Assert.True(fromA > 5);
        Assert.Equal(0, crossChain.Delivered);
        Assert.Equal(fromA, crossChain.AtomicFailures);
        Assert.Equal(fromA, crossChain.Failed);
        Assert.Equal(crossChain.ValueSent, crossChain.ValueFailed); // locked in the bridge
        Assert.True(crossChain.Conserved);
        Assert.Equal(UInt128.Zero, result.Rollups[1].Supply.InAccounts);
    }

    [Fact]
    public void A_sequencer_that_executes_drops_the_bundle_whole_instead()
    {
        var result = Simulator.Run(Shared(Pair(0), executes: true));

        var crossChain = result.CrossChain!;
        Assert.Equal(0, crossChain.Sent);
        Assert.Equal(0, crossChain.AtomicFailures);
        Assert.True(crossChain.Dropped > 5);
        Assert.Equal(10 * 10 * Wei.PerEther, result.Rollups[0].Supply.InAccounts); // nobody on A paid anything
    }

    [Fact]
    public void A_cross_chain_builder_simulates_both_legs_and_never_lands_half_a_bundle()
    {
        var pair = Shared(Pair(0)) with { SharedSequencers = [] };
        var result = Simulator.Run(pair with { Builders = [new BuilderModel("b1", ["A", "B"], SimulatesCrossChain: true)] });

        var crossChain = result.CrossChain!;
        Assert.Equal(0, crossChain.AtomicFailures);
        Assert.Equal(0, crossChain.Sent);
        var builder = Assert.Single(result.Sequencers);
        Assert.Equal(CoordinatorKind.Builder, builder.Kind);
        Assert.Equal(crossChain.Dropped, builder.BundlesDropped);
        Assert.Equal(SimDuration.Zero, builder.MeanDelay);
    }

    [Fact]
    public void A_builder_books_the_bundle_tips_to_the_builder_role()
    {
        var pair = Shared(Pair(10 * Wei.PerEther)) with { SharedSequencers = [] };
        var result = Simulator.Run(pair with { Builders = [new BuilderModel("b1", ["A", "B"], SimulatesCrossChain: true)] });

        var builder = Assert.Single(result.Sequencers);
        Assert.True(builder.BundlesIncluded > 10);

        // Every leg tips 50_000 gas × 1 gwei: the source leg on A and the destination leg on B.
        Assert.Equal((UInt128)(ulong)builder.BundlesIncluded * 2 * 50_000 * Gwei, builder.BundleTips);
    }

    [Fact]
    public void A_faulty_proposer_costs_an_extra_round_drawn_from_the_sequencers_own_stream()
    {
        var a = Simulator.Run(Shared(Pair(10 * Wei.PerEther, durationSeconds: 600), faulty: 1));
        var b = Simulator.Run(Shared(Pair(10 * Wei.PerEther, durationSeconds: 600), faulty: 1));

        var sequencer = Assert.Single(a.Sequencers);
        Assert.Equal(a, b);

        // About one slot in four has a faulty proposer; each takes 1 s instead of 500 ms.
        Assert.InRange(sequencer.ExtraRounds, sequencer.Slots / 8, sequencer.Slots / 2);
        var expectedMean = ((sequencer.Slots * 500_000) + (sequencer.ExtraRounds * 500_000)) / sequencer.Slots;
        Assert.Equal(expectedMean, sequencer.MeanDelay.Microseconds);
    }

    [Fact]
    public void A_builder_on_a_shared_sequencers_rollups_simulates_bundles_while_the_nodes_still_cost_their_round()
    {
        var scenario = Shared(Pair(0)) with { Builders = [new BuilderModel("b1", ["B", "A"], SimulatesCrossChain: true)] };

        var result = Simulator.Run(scenario);

        var combined = Assert.Single(result.Sequencers);
        Assert.Equal("espresso + builder b1", combined.Name);
        Assert.Equal(SimDuration.FromMilliseconds(500), combined.MeanDelay);
        Assert.Equal(0, result.CrossChain!.AtomicFailures);
        Assert.True(combined.BundlesDropped > 5);
    }

    [Fact]
    public void A_member_whose_sequencer_is_down_sits_out_the_slots_and_forced_inclusion_applies_to_it()
    {
        // As ForcedInclusionTests' OP-style case, but A and B are built in lockstep by one builder:
        // A is down from 60 s to 360 s, 2 s blocks, 12 s slots, a 10-block window, batches every 12 s.
        var outage = new TimeWindow(SimDuration.FromSeconds(60), SimDuration.FromSeconds(300));
        var a = TestScenarios.Rollup("A", OrderingRule.Fcfs) with
        {
            Batch = BatchModel.Default with { Every = SimDuration.FromSeconds(12) },
            Derivation = DerivationModel.Standard with { SequencingWindow = 10 },
            Sequencer = new SequencerModel([outage], []),
            ForcedInclusion = new ForcedInclusionModel(ForcedInclusionKind.Deposits, 0, SimDuration.Zero),
        };
        var b = a with { Name = "B", Sequencer = SequencerModel.Reliable, ForcedInclusion = ForcedInclusionModel.None };
        var scenario = new ScenarioModel("lockstep outage", 1, SimDuration.FromSeconds(480), new L1Model("ethereum", SimDuration.FromSeconds(12)), [a, b], new WorkloadModel([TestScenarios.Users(1, "A", "B")]))
        {
            Builders = [new BuilderModel("b1", ["A", "B"], false)],
        };

        var report = Derivation.Verifier.Run(scenario);

        // By hand: A seals its slots at 2 … 58 s (29 blocks, the last with L1 origin 4), misses the
        // 150 slots from 60 s to 358 s, and gets one deposit-only block for each of epochs 5 … 20, whose
        // windows close at 180 … 360 s; back at 360 s it seals the 61 slots to 480 s. B seals all 240.
        var result = report.Result;
        var sequencing = result.Rollups[0].Sequencing!;
        Assert.Equal(150, sequencing.MissedBlocks);
        Assert.Equal(16, sequencing.ForcedBlocks);
        Assert.True(sequencing.SentViaL1 > 0);
        Assert.Equal(sequencing.SentViaL1, sequencing.Forced + sequencing.IncludedBySequencer);
        Assert.Equal(29 + 16 + 61, result.Rollups[0].Blocks);
        Assert.Equal(240, result.Rollups[1].Blocks);
        Assert.Equal(240, Assert.Single(result.Sequencers).Slots);
        Assert.All(report.Rollups, r => Assert.True(r.Matches, r.Describe()));
        Assert.All(result.Rollups, r => Assert.True(r.Supply.Conserved, r.Name));
    }

    [Fact]
    public void A_bundle_with_a_leg_on_a_member_that_is_down_waits_for_a_slot_with_both()
    {
        // A builder seals at 2, 4, …, 20 s; A is down from 4 s to 10 s, so it misses the slots at 4, 6 and 8 s.
        var pair = Pair(10 * Wei.PerEther);
        var scenario = pair with
        {
            Workload = pair.Workload with { Streams = [pair.Workload.Streams[0] with { Rollups = ["A", "B"] }] },
            Rollups = [pair.Rollups[0] with { Sequencer = new SequencerModel([new TimeWindow(SimDuration.FromSeconds(4), SimDuration.FromSeconds(6))], []) }, pair.Rollups[1]],
            Builders = [new BuilderModel("b1", ["A", "B"], false)],
        };

        var result = Simulator.Run(scenario);

        Assert.Equal(3, result.Rollups[0].Sequencing!.MissedBlocks);
        Assert.Equal(result.Rollups[1].Blocks - 3, result.Rollups[0].Blocks);
        var crossChain = result.CrossChain!;
        Assert.True(crossChain.Sent > 10);
        Assert.Equal(crossChain.Sent, crossChain.Delivered);
        Assert.Equal(0, crossChain.Pending);
        Assert.Equal(0, crossChain.AtomicFailures);

        // Every transfer sent from 2 s to 8 s waits for the slot at 10 s: more than a slot.
        Assert.True(crossChain.Latency.P99 > SimDuration.FromSeconds(2), crossChain.Latency.P99.ToString());
        Assert.True(crossChain.Conserved);
    }
}
