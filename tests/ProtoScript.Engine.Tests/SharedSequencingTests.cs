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
        Assert.Equal("builder", builder.Kind);
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
}
