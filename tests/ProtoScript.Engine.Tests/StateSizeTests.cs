using ProtoScript.Engine.Results;
using ProtoScript.Engine.Simulation;
using ProtoScript.Engine.State;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class StateSizeTests
{
    [Fact]
    public void Only_accounts_holding_something_and_non_zero_token_balances_count()
    {
        var state = new AccountState(4, 2);
        state.SetBalance(0, 5);                 // exists: ether
        state.SetTokenBalance(1, 1, 7);         // exists: one token balance
        state.IncrementNonce(2);                // exists: a nonce only
        state.SetTokenBalance(0, 3, 0);         // written but zero: does not exist

        var size = StateSize.Measure(state, pools: 1);

        Assert.Equal(new StateSize(3, 1, 1), size);
        Assert.Equal((3 * 32) + 17 + 46, size.Bytes);
    }

    [Fact]
    public void Growth_per_hour_scales_the_change_to_an_hour_and_rounds_toward_zero()
    {
        var genesis = new StateSize(1_000, 0, 0);   // 32 000 B
        var end = new StateSize(1_001, 0, 0);       // 32 032 B

        Assert.Equal(192, StateSizeSummary.Of(genesis, end, SimDuration.FromSeconds(600)).GrowthPerHour);
        Assert.Equal(16, StateSizeSummary.Of(genesis, end, SimDuration.FromSeconds(7_200)).GrowthPerHour); // 32 B in 2 h
        Assert.Equal(10, StateSizeSummary.Of(genesis, end, SimDuration.FromSeconds(11_000)).GrowthPerHour); // 32 × 3600 / 11000 = 10.47
    }

    [Fact]
    public void A_shrinking_state_grows_negatively()
    {
        var summary = StateSizeSummary.Of(new StateSize(10, 3, 0), new StateSize(9, 0, 0), SimDuration.FromSeconds(3_600));

        Assert.Equal(-(32 + (3 * 17)), summary.GrowthPerHour);
    }

    [Fact]
    public void A_run_reports_the_sequencer_account_appearing_as_growth()
    {
        // 100 funded users at genesis; the sequencer's account comes into existence with the
        // first priority fee, and nothing else is created: +32 B in one minute = 1 920 B/h.
        var rollup = new RollupModel("A", SimDuration.FromSeconds(2), 30_000_000, OrderingRule.Fcfs, Wei.PerGwei / 1_000, 100, Wei.PerEther);
        var users = new UserStreamModel(
            5,
            ["A"],
            new DistributionModel(DistributionKind.Uniform, 1e9, 2e9),
            new DistributionModel(DistributionKind.Uniform, 0.001e18, 0.002e18));
        var model = new ScenarioModel("s", 1, SimDuration.FromSeconds(60), new L1Model("ethereum", SimDuration.FromSeconds(12)), [rollup], new WorkloadModel([users]));

        var size = Simulator.Run(model).Rollups[0].StateSize;

        Assert.Equal(new StateSize(100, 0, 0), size.Genesis);
        Assert.Equal(new StateSize(101, 0, 0), size.End);
        Assert.Equal(1_920, size.GrowthPerHour);
    }
}
