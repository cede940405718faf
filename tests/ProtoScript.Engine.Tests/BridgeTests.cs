using ProtoScript.Engine.Bridge;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class BridgeTests
{
    private static readonly SimDuration Slot = SimDuration.FromSeconds(12);

    /// <summary>One rollup, 2 s blocks under 12 s L1 slots, with deposits and 10 % withdrawals.</summary>
    private static ScenarioModel Bridged(SimDuration withdrawalDelay, long durationSeconds = 300, double depositsPerSecond = 0.5)
    {
        var rollup = TestScenarios.Rollup("A", OrderingRule.Fcfs) with { Bridge = new BridgeModel(withdrawalDelay) };
        var users = TestScenarios.Users(5, "A") with { WithdrawalShare = 0.1 };
        var deposits = new DepositStreamModel(depositsPerSecond, ["A"], new DistributionModel(DistributionKind.Uniform, 1e15, 1e17));
        var conserved = new ExpectationModel(ExpectationKind.ConservedTotalSupply, "conserved total_supply", new SourceLocation("t.proto-script", 1, 1));
        return TestScenarios.Single(rollup, users, durationSeconds) with
        {
            Workload = new WorkloadModel([users]) { Deposits = [deposits] },
            Expectations = [conserved],
        };
    }

    [Fact]
    public void A_deposit_lands_in_the_next_L1_block_and_is_minted_by_the_L2_block_sealed_at_that_slot()
    {
        var scenario = Bridged(SimDuration.FromSeconds(60));
        var result = Simulator.Run(scenario, new SimulationOptions { RetainL1Data = true });

        // By hand: sent at t, a deposit lands in L1 block floor(t / 12 s) + 1, sealed at that
        // block's slot; the L2 block sealed at the same instant (2 s divides 12 s, and the L1
        // seals first) takes it as origin and mints the deposit, so its latency is slot − t.
        var deposits = result.L1Data!.Deposits;
        Assert.True(deposits.Count > 100);
        Assert.All(deposits, d => Assert.Equal((ulong)(d.SubmitTime.Microseconds / Slot.Microseconds) + 1, d.L1Block));
        var minted = deposits.Where(d => (long)d.L1Block * Slot.Microseconds <= scenario.Duration.Microseconds).ToList();
        var expected = minted.Select(d => ((long)d.L1Block * Slot.Microseconds) - d.SubmitTime.Microseconds).Order().ToArray();

        var bridge = result.Rollups[0].Bridge!;
        Assert.Equal(deposits.Count, bridge.DepositsSubmitted);
        Assert.Equal(minted.Count, bridge.DepositsIncluded);
        Assert.Equal(minted.Aggregate(UInt128.Zero, (sum, d) => sum + d.Value), bridge.Deposited);
        Assert.Equal(NearestRank(expected, 50), bridge.DepositLatency.P50.Microseconds);
        Assert.Equal(NearestRank(expected, 99), bridge.DepositLatency.P99.Microseconds);
        Assert.True(bridge.DepositLatency.P99 <= Slot);
    }

    [Fact]
    public void Supply_with_deposits_and_withdrawals_is_genesis_plus_deposited_less_withdrawn_after_every_block()
    {
        var result = Simulator.Run(Bridged(SimDuration.FromSeconds(60)));

        var a = result.Rollups[0];
        Assert.True(a.Supply.Deposited > 0);
        Assert.True(a.Supply.Withdrawn > 0);
        Assert.Equal(a.Bridge!.Deposited, a.Supply.Deposited);
        Assert.Equal(a.Bridge.Withdrawn, a.Supply.Withdrawn);
        Assert.Equal(a.Supply.Genesis + a.Supply.Deposited, a.Supply.InAccounts + a.Supply.Burned + a.Supply.Withdrawn);
        Assert.Null(a.Supply.FirstUnconservedBlock);
        Assert.True(a.Supply.Conserved);
        Assert.True(a.Bridge.WithdrawalsInitiated > 0);
    }

    [Fact]
    public void A_withdrawal_is_finalized_only_once_its_delay_after_the_batch_has_passed()
    {
        var metrics = new BridgeMetrics();
        metrics.AddWithdrawalOnL1(SimDuration.FromSeconds(10).Microseconds, SimDuration.FromSeconds(70));
        metrics.AddWithdrawalOnL1(SimDuration.FromSeconds(20).Microseconds, SimDuration.FromSeconds(200));

        var (finalized, latency) = metrics.FinalizedBy(SimDuration.FromSeconds(100));
        Assert.Equal(1, finalized);
        Assert.Equal(SimDuration.FromSeconds(60), latency.Summarize().P50);
        Assert.Equal(2, metrics.FinalizedBy(SimDuration.FromSeconds(200)).Finalized);
    }

    [Fact]
    public void With_no_delay_every_withdrawal_on_L1_is_final_and_with_a_delay_past_the_run_none_is()
    {
        var none = Simulator.Run(Bridged(SimDuration.Zero)).Rollups[0].Bridge!;
        Assert.True(none.WithdrawalsOnL1 > 0);
        Assert.Equal(none.WithdrawalsOnL1, none.WithdrawalsFinalized);

        var week = Simulator.Run(Bridged(SimDuration.FromSeconds(7 * 24 * 3600))).Rollups[0].Bridge!;
        Assert.Equal(none.WithdrawalsOnL1, week.WithdrawalsOnL1);
        Assert.Equal(0, week.WithdrawalsFinalized);
        Assert.Equal(0, week.WithdrawalLatency.Samples);
    }

    [Fact]
    public void Derivation_mints_the_deposits_from_L1_and_matches_the_sequencer_block_by_block()
    {
        var report = Verifier.Run(Bridged(SimDuration.FromSeconds(60)));

        var a = Assert.Single(report.Rollups);
        Assert.True(a.Matches, a.Describe());
        Assert.Empty(a.Errors);
        Assert.True(a.BlocksDerived >= 120);
        Assert.Equal(a.BlocksDerived, a.BlocksMatched);
    }

    [Fact]
    public void A_log_that_hides_one_deposit_derives_a_different_root_at_the_block_that_minted_it()
    {
        var scenario = Bridged(SimDuration.FromSeconds(60));
        var result = Simulator.Run(scenario, new SimulationOptions { RetainL1Data = true });
        var hidden = result.L1Data!.Deposits[3];

        var report = Verifier.Verify(scenario, result with { L1Data = result.L1Data.RewriteDeposits(d => d == hidden ? null : d) });

        // 2 s blocks: the first L2 block whose origin is L1 block B is sealed at B × 12 s, number 6B.
        var a = report.Rollups[0];
        Assert.False(a.Matches);
        Assert.Equal(hidden.L1Block * 6, a.FirstMismatch!.Number);
    }

    [Fact]
    public void A_withdrawal_round_trips_through_the_batch_codec_with_its_kind()
    {
        var withdrawal = new BatchTransaction(TransactionKind.Withdrawal, 3, 3, 5_000, 7, 1, 21_000);
        var batch = new Batch([new BatchBlock(1, 2_000_000, 0, [withdrawal])]);

        var decoded = BatchCodec.Decode(BatchCodec.Encode(batch));

        Assert.Equal(batch, decoded);
        Assert.Equal(TransactionKind.Withdrawal, decoded.Blocks[0].Transactions[0].Kind);
    }

    private static long NearestRank(long[] sorted, int percent) => sorted[Math.Max((int)(((long)percent * sorted.Length + 99) / 100), 1) - 1];
}
