using ProtoScript.Engine.Batching;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.CrossChain;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class CrossChainTests
{
    private static readonly UInt128 Gwei = Wei.PerGwei;

    private static L1Model SteadyL1() =>
        new("ethereum", SimDuration.FromSeconds(12))
        {
            Blobs = BlobMarketModel.Default with { BaseFee = 1_000, Background = 6 },
        };

    private static RollupModel Rollup(string name) =>
        TestScenarios.Rollup(name, OrderingRule.Fcfs, blockTimeMs: 2_000) with
        {
            Batch = new BatchModel(SimDuration.FromSeconds(30), Language.Model.DaTarget.Blobs, CompressionKind.None),
        };

    private static ScenarioModel TwoRollupsWithCrossChain(double share, long durationSeconds = 300, ulong seed = 9) =>
        TestScenarios.TwoRollups(seed, durationSeconds, rate: 20) with
        {
            Workload = new WorkloadModel([TestScenarios.Users(20, "A", "B")]) { CrossChain = new CrossChainModel(share) },
        };

    [Theory]
    [InlineData(false, 37, 38)]
    [InlineData(true, 805, 806)] // the L1's finality is 64 slots of 12 s: trusted at 36 + 768 = 804 s
    public void A_message_is_credited_in_the_first_destination_block_after_its_source_batch_lands_on_L1(bool afterFinality, int before, int delivered)
    {
        // Sent on A at 1 s and executed in A's block 1 at 2 s. A's batch at 30 s lands in L1
        // block 3 at 36 s; B's block at 36 s is not strictly later, so B's block at 38 s credits
        // it. Latency 38 − 1 = 37 s.
        var scheduler = new Scheduler();
        var l1Model = SteadyL1();
        var l1 = new L1Chain(l1Model, new L1DataLog());
        var hub = new CrossChainHub(2, afterFinality ? l1Model.Finality : SimDuration.Zero);
        var a = new RollupChain(Rollup("A"), new FcfsOrdering(), null, new RollupParts { Batcher = Batcher.Part(0, l1), CrossChain = hub.Connect(0) });
        var b = new RollupChain(Rollup("B"), new FcfsOrdering(), null, new RollupParts { Batcher = Batcher.Part(1, l1), CrossChain = hub.Connect(1) });
        var batchers = new[] { a.Batcher!, b.Batcher! };
        l1.Start(scheduler);
        a.Start(scheduler);
        b.Start(scheduler);
        foreach (var batcher in batchers)
        {
            batcher.Start(scheduler);
        }

        var value = 5 * Gwei;
        var tx = new Transaction(0, 3, value, 0, 2 * Gwei, Transaction.CrossChainGas, SimDuration.FromSeconds(1))
        {
            Kind = TransactionKind.CrossChainMessage,
            PeerRollup = 1,
        };
        scheduler.ScheduleAt(SimDuration.FromSeconds(1), new SubmitAt(a, tx), SubmitEvent.Submit);
        var genesis = b.State.Balance(3);

        scheduler.RunUntil(SimDuration.FromSeconds(before));

        var fees = Transaction.CrossChainGas * (Gwei + (2 * Gwei));
        Assert.Equal(genesis - value - fees, a.State.Balance(0));
        Assert.Equal(genesis, b.State.Balance(3));
        Assert.Equal(1, hub.Metrics.Sent);
        Assert.Equal(0, hub.Metrics.Delivered);
        Assert.Equal(1, hub.Collect().Pending);

        scheduler.RunUntil(SimDuration.FromSeconds(delivered));

        Assert.Equal(genesis + value, b.State.Balance(3));
        Assert.Equal(genesis, a.State.Balance(3)); // the recipient's namesake on A is untouched
        Assert.Equal(1, hub.Metrics.Delivered);
        var result = hub.Collect();
        Assert.Equal(0, result.Pending);
        Assert.Equal(SimDuration.FromSeconds(delivered - 1), result.Latency.P50);
        Assert.True(result.Conserved);
        Assert.Equal(value, a.CrossChain!.ValueOut);
        Assert.Equal(value, b.CrossChain!.ValueIn);
    }

    [Fact]
    public void Supply_is_conserved_per_rollup_and_across_both_with_value_in_flight_counted()
    {
        var scenario = TwoRollupsWithCrossChain(0.1);

        var result = Simulator.Run(scenario);

        var crossChain = result.CrossChain!;
        Assert.True(crossChain.Sent > 100);
        Assert.True(crossChain.Delivered > 0);
        Assert.True(crossChain.Pending > 0); // the last minute's messages are still on their way
        Assert.Equal(crossChain.Sent, crossChain.Delivered + crossChain.Pending + crossChain.Failed);
        Assert.Equal(crossChain.ValueSent, crossChain.ValueDelivered + crossChain.ValueInFlight + crossChain.ValueFailed);
        Assert.True(crossChain.Conserved);
        Assert.Equal(0, crossChain.AtomicFailures);
        Assert.All(result.Rollups, r => Assert.True(r.Supply.Conserved, r.Name));
        Assert.Equal(crossChain.ValueSent, result.Rollups[0].Supply.SentCrossChain + result.Rollups[1].Supply.SentCrossChain);
        Assert.Equal(crossChain.ValueDelivered, result.Rollups[0].Supply.ReceivedCrossChain + result.Rollups[1].Supply.ReceivedCrossChain);
        UInt128 genesis = 0, accounted = crossChain.ValueInFlight;
        foreach (var r in result.Rollups)
        {
            genesis += r.Supply.Genesis;
            accounted += r.Supply.InAccounts + r.Supply.Burned;
        }

        Assert.Equal(genesis, accounted);
    }

    [Fact]
    public void A_rollup_that_sent_value_away_is_not_conserved_unless_the_value_sent_is_counted()
    {
        var counted = new SupplySummary(100, 70, 10) { SentCrossChain = 25, ReceivedCrossChain = 5 };
        var uncounted = new SupplySummary(100, 70, 10);

        Assert.True(counted.Conserved);
        Assert.False(uncounted.Conserved);
    }

    [Fact]
    public void Both_rollups_derive_from_L1_data_with_messages_and_deliveries_in_their_batches()
    {
        var scenario = TwoRollupsWithCrossChain(0.2, durationSeconds: 200);

        var report = Verifier.Run(scenario);

        Assert.True(report.Result.CrossChain!.Delivered > 0);
        Assert.All(report.Rollups, r => Assert.True(r.Matches, r.Describe()));
    }

    [Fact]
    public void Without_a_cross_chain_share_the_run_has_no_cross_chain_section_and_the_same_result()
    {
        var plain = Simulator.Run(TestScenarios.TwoRollups(seed: 9, durationSeconds: 120, rate: 20) with
        {
            Workload = new WorkloadModel([TestScenarios.Users(20, "A", "B")]),
        });
        var zero = Simulator.Run(TwoRollupsWithCrossChain(0, durationSeconds: 120));

        Assert.Null(plain.CrossChain);
        Assert.Equal(plain, zero);
    }

    [Fact]
    public void Cross_chain_messages_and_deliveries_round_trip_through_the_batch_codec()
    {
        var batch = new Batch(
        [
            new BatchBlock(1, 2_000_000, 0,
            [
                new BatchTransaction(TransactionKind.CrossChainMessage, 4, 900, 7 * Gwei, 3, Gwei, Transaction.CrossChainGas) { PeerRollup = 1 },
                new BatchTransaction(TransactionKind.CrossChainDelivery, 2, 5, Gwei, 12, 0, 0) { PeerRollup = 300 },
            ]),
        ]);

        var decoded = BatchCodec.Decode(BatchCodec.Encode(batch));

        Assert.Equal(batch, decoded);
        Assert.Equal(300, decoded.Blocks[0].Transactions[1].PeerRollup);
    }

    private enum SubmitEvent
    {
        Submit,
    }

    private sealed class SubmitAt(RollupChain chain, Transaction transaction) : SimProcess<SubmitEvent>
    {
        public override EventKind EventKind => EventKind.UserTransaction;

        protected override void OnEvent(Scheduler scheduler, SubmitEvent simEvent) => chain.Submit(in transaction);
    }
}
