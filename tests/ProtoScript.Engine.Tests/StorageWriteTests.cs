using ProtoScript.Engine.Chains;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.State;
using ProtoScript.Engine.Workload;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class StorageWriteTests
{
    private static RollupChain Chain(int slots) =>
        new(TestScenarios.Rollup("A", OrderingRule.Fcfs, accounts: 4), new FcfsOrdering(), null, new RollupParts { StorageSlots = slots });

    private static Transaction Write(int from, int firstSlot, int slots, ulong nonce, bool fresh) =>
        new(from, firstSlot, 0, nonce, 0, StorageReserve.Gas(slots, fresh), SimDuration.FromSeconds(1))
        {
            Kind = TransactionKind.StorageWrite,
            Slots = slots,
        };

    [Theory]
    [InlineData(1, true, 21_000 + 2_100 + 20_000)]
    [InlineData(1, false, 21_000 + 2_100 + 2_900)]
    [InlineData(3, true, 21_000 + (3 * 22_100))]
    [InlineData(3, false, 21_000 + (3 * 5_000))]
    public void A_new_slot_costs_22100_gas_and_an_overwrite_5000_on_top_of_21000(int slots, bool fresh, long gas)
    {
        Assert.Equal((ulong)gas, StorageReserve.Gas(slots, fresh));
    }

    [Fact]
    public void Writing_new_slots_grows_state_by_their_count_and_overwriting_them_does_not()
    {
        var chain = Chain(8);
        var genesis = StateSize.Measure(chain.State, 0, chain.Storage);
        chain.Submit(Write(0, chain.NextFreshSlots(2), 2, 0, fresh: true));
        chain.ProduceBlock(SimDuration.FromSeconds(2));
        var afterNew = StateSize.Measure(chain.State, 0, chain.Storage);
        var rootAfterNew = chain.StateRootHex;

        Assert.Equal(2, chain.WrittenSlots());
        chain.Submit(Write(1, 0, 2, 0, fresh: false));
        chain.ProduceBlock(SimDuration.FromSeconds(4));
        var afterOverwrite = StateSize.Measure(chain.State, 0, chain.Storage);

        Assert.Equal(0, genesis.StorageSlots);
        Assert.Equal(2, afterNew.StorageSlots);
        Assert.Equal(2 * StateSize.StorageSlotBytes, afterNew.Bytes - genesis.Bytes);
        Assert.Equal(2, afterOverwrite.StorageSlots);
        Assert.NotEqual(rootAfterNew, chain.StateRootHex); // the words changed, and the root commits to them

        // 4 users at 100 eth paid their gas at the 1 gwei base fee and nothing else.
        Assert.Equal(100 * Wei.PerEther - (44_200 + 21_000) * TestScenarios.Gwei, chain.State.Balance(0) - 0);
        Assert.Equal(100 * Wei.PerEther - (10_000 + 21_000) * TestScenarios.Gwei, chain.State.Balance(1));
    }

    [Fact]
    public void A_reorg_undoes_storage_writes_and_their_root()
    {
        var chain = Chain(4);
        var before = chain.StateRootHex;
        var snapshot = chain.TakeSnapshot();
        chain.Submit(Write(0, chain.NextFreshSlots(1), 1, 0, fresh: true));
        chain.ProduceBlock(SimDuration.FromSeconds(2));

        chain.RevertTo(snapshot);

        Assert.Equal(UInt128.Zero, chain.Storage!.Balance(0));
        Assert.Equal(before, chain.StateRootHex);
    }

    [Fact]
    public void A_write_outside_the_storage_or_carrying_ether_is_not_executed()
    {
        var chain = Chain(2);
        chain.Submit(Write(0, 1, 2, 0, fresh: true));                              // slots 1 and 2 of 0..1
        chain.Submit(Write(1, 0, 1, 0, fresh: true) with { Value = Wei.PerEther }); // a contract that keeps no ether
        chain.ProduceBlock(SimDuration.FromSeconds(2));

        Assert.Equal(0, chain.Metrics.Included);
        Assert.Equal(UInt128.Zero, chain.Storage!.Balance(0));
    }

    [Fact]
    public void A_storage_write_survives_the_batch_encoding()
    {
        var tx = BatchTransaction.FromTransfer(Write(3, 17, 5, 9, fresh: false));
        var batch = new Batch([new BatchBlock(1, 2_000_000, 0, [tx])]);

        var decoded = BatchCodec.Decode(BatchCodec.Encode(batch));

        Assert.Equal(batch, decoded);
        Assert.Equal(5, decoded.Blocks[0].Transactions[0].Slots);
        Assert.Equal(17, decoded.Blocks[0].Transactions[0].To);
    }

    [Fact]
    public void A_run_with_storage_writes_derives_and_reports_slots_over_time()
    {
        var users = TestScenarios.Users(20, "A") with { StorageWriteShare = 0.2, SlotsPerWrite = 2, NewSlotShare = 0.5 };
        var scenario = TestScenarios.Single(TestScenarios.Rollup("A", OrderingRule.Fcfs), users, durationSeconds: 120);

        var report = Verifier.Run(scenario);
        var growth = report.Result.Rollups[0].StateGrowth!;

        Assert.True(report.AllMatch, report.Rollups[0].Describe());
        Assert.True(growth.SlotsCreated > 0);
        Assert.Equal(0, growth.SlotsCreated % 2); // slots are created two at a time
        Assert.True(growth.Samples.Select(s => s.Size.StorageSlots).Zip(growth.Samples.Skip(1).Select(s => s.Size.StorageSlots)).All(p => p.First <= p.Second));
    }
}
