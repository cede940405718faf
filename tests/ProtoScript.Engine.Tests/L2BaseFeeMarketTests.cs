using ProtoScript.Engine.Chains;
using ProtoScript.Engine.FeeMarket;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

/// <summary>
/// The L2 base fee that follows demand, on hand-checked blocks. EIP-1559 under the OP Stack's
/// parameters with a gas limit of 60 transfers (1_260_000 gas): target = 1_260_000 / 6 =
/// 210_000 gas (10 transfers); ArbOS's speed limit with Arbitrum One's parameters.
/// </summary>
public class L2BaseFeeMarketTests
{
    private const ulong SixtyTransfers = 60 * Transaction.TransferGas;

    private static readonly FeesModel OpMarket = new(false, Role.Burned, FeesModel.SequencerTakesAll)
    {
        BaseFeeMarket = new BaseFeeMarketModel(BaseFeeMarketKind.Eip1559, 0),
    };

    private static RollupChain OpChain() =>
        new(TestScenarios.Rollup("A", OrderingRule.Fcfs, accounts: 100, gasLimit: SixtyTransfers, baseFee: Wei.PerGwei) with { Fees = OpMarket }, new FcfsOrdering())
        {
            CheckSupplyEachBlock = true,
        };

    private static void Send(RollupChain chain, int senders, UInt128 tip = default, UInt128 maxFee = default)
    {
        for (var from = 0; from < senders; from++)
        {
            chain.Submit(new Transaction(from, from + 1, 1, chain.PendingNonce(from), tip, Transaction.TransferGas, SimDuration.Zero) { MaxFeePerGas = maxFee });
        }
    }

    private static UInt128 BurnedIn(RollupChain chain, Action block)
    {
        var before = chain.Burned;
        block();
        return chain.Burned - before;
    }

    [Fact]
    public void The_L2_base_fee_rises_by_1_over_denominator_times_used_minus_target_over_target_per_block_under_the_OP_parameters()
    {
        var chain = OpChain();
        Assert.Equal(210_000UL, chain.BaseFeeMarket!.GasTarget);

        // Block 1: full (1_260_000 gas, 5 targets over) at the starting 1 gwei.
        Send(chain, 60);
        Assert.Equal((UInt128)1_260_000 * Wei.PerGwei, BurnedIn(chain, () => chain.ProduceBlock(SimDuration.FromSeconds(2))));

        // Block 2: 1 gwei + 1 gwei × (1_260_000 − 210_000) / 210_000 / 250 = 1.02 gwei; 20 transfers, one target over.
        Send(chain, 20);
        Assert.Equal((UInt128)420_000 * 1_020_000_000, BurnedIn(chain, () => chain.ProduceBlock(SimDuration.FromSeconds(4))));
        Assert.Equal((UInt128)1_020_000_000, chain.BaseFee);

        // Block 3: 1.02 gwei + 1.02 gwei × 1 / 250 = 1_024_080_000 wei; empty.
        chain.ProduceBlock(SimDuration.FromSeconds(6));
        Assert.Equal((UInt128)1_024_080_000, chain.BaseFee);

        // Block 4: an empty parent lowers it by 1 / 250: 1_024_080_000 − 4_096_320.
        chain.ProduceBlock(SimDuration.FromSeconds(8));
        Assert.Equal((UInt128)1_019_983_680, chain.BaseFee);

        // Block 5: its parent was empty again, 1_019_983_680 − 4_079_934; it takes 10 transfers, exactly the target.
        Send(chain, 10);
        chain.ProduceBlock(SimDuration.FromSeconds(10));
        Assert.Equal((UInt128)1_015_903_746, chain.BaseFee);

        // Block 6: its parent used exactly the target, so the fee stays.
        chain.ProduceBlock(SimDuration.FromSeconds(12));
        Assert.Equal((UInt128)1_015_903_746, chain.BaseFee);
        Assert.Null(chain.FirstUnconservedBlock);

        var statistics = chain.BaseFeeMarket.Statistics;
        Assert.Equal(6L, statistics.Blocks);
        Assert.Equal(2L, statistics.AboveTarget);
        Assert.Equal(((UInt128)1_000_000_000, (UInt128)1_015_903_746), (statistics.First, statistics.Last));
    }

    [Fact]
    public void The_eip1559_base_fee_never_falls_below_its_min()
    {
        var chain = new RollupChain(
            TestScenarios.Rollup("A", OrderingRule.Fcfs, gasLimit: SixtyTransfers, baseFee: Wei.PerGwei) with
            {
                Fees = OpMarket with { BaseFeeMarket = OpMarket.BaseFeeMarket! with { Min = 999_000_000 } },
            },
            new FcfsOrdering());
        for (var block = 1; block <= 3; block++)
        {
            chain.ProduceBlock(SimDuration.FromSeconds(2 * block));
        }

        // 1 gwei − 1 gwei / 250 = 0.996 gwei would be below the 0.999 gwei floor.
        Assert.Equal((UInt128)999_000_000, chain.BaseFee);
    }

    [Fact]
    public void A_transfer_whose_max_fee_is_below_the_base_fee_waits_in_the_pool_and_pays_what_is_left_of_it_as_tip_once_the_fee_falls()
    {
        var chain = OpChain();
        Send(chain, 60);
        chain.ProduceBlock(SimDuration.FromSeconds(2)); // full: block 2 costs 1.02 gwei

        // Max fee 1.01 gwei, tip 0.005 gwei: waits through blocks 2 (1.02), 3 (1_015_920_000) and 4 (1_011_856_320).
        chain.Submit(new Transaction(70, 71, 1, 0, 5_000_000, Transaction.TransferGas, SimDuration.FromSeconds(3)) { MaxFeePerGas = 1_010_000_000 });
        for (var block = 2; block <= 4; block++)
        {
            chain.ProduceBlock(SimDuration.FromSeconds(2 * block));
            Assert.Equal(60L, chain.Metrics.Included);
        }

        // Block 5 costs 1_011_856_320 − 4_047_425 = 1_007_808_895 wei: it is included, tipping 1_010_000_000 − 1_007_808_895.
        var tipsBefore = chain.Fees[Role.Sequencer];
        chain.ProduceBlock(SimDuration.FromSeconds(10));
        Assert.Equal((UInt128)1_007_808_895, chain.BaseFee);
        Assert.Equal(61L, chain.Metrics.Included);
        Assert.Equal((UInt128)21_000 * 2_191_105, chain.Fees[Role.Sequencer] - tipsBefore);
        Assert.Equal(1L, chain.Metrics.PricedOut);
        Assert.Equal(SimDuration.FromSeconds(7), chain.Metrics.InclusionLatency.Summarize().P99);
    }

    [Fact]
    public void ArbOS_prices_a_backlog_of_one_inertia_above_the_tolerance_at_min_times_its_quartic_e()
    {
        // e^1 by ArbOS's polynomial in basis points: 10_000 + 2_500 = 12_500; 10_000 + 12_500 / 3 = 14_166;
        // 10_000 + 14_166 / 2 = 17_083; 10_000 + 17_083 = 27_083 (e = 2.71828…, undershot).
        Assert.Equal(27_083, (int)SpeedLimitPricing.ExpBips(10_000));
        var tolerance = (UInt128)70_000_000; // 10 s at 7_000_000 gas/s
        Assert.Equal((UInt128)10_000_000, SpeedLimitPricing.BaseFee(10_000_000, tolerance, tolerance, 102, 7_000_000));
        Assert.Equal((UInt128)27_083_000, SpeedLimitPricing.BaseFee(10_000_000, tolerance + (102UL * 7_000_000), tolerance, 102, 7_000_000));
    }

    [Fact]
    public void The_speed_limit_backlog_grows_by_each_blocks_gas_and_drains_at_the_limit_between_blocks()
    {
        var model = new BaseFeeMarketModel(BaseFeeMarketKind.SpeedLimit, 10_000_000);
        var market = new L2BaseFeeMarket(model, 32_000_000, Wei.PerGwei);

        // Block at 1 s: nothing to drain; it uses 791 M gas (a backlog the engine would reach over many blocks).
        market.Open(SimDuration.FromSeconds(1));
        Assert.Equal((UInt128)10_000_000, market.BaseFee);
        market.Seal(791_000_000);

        // Block at 2 s: 7 M drained, 784 M left = 70 M tolerance + 102 × 7 M: min × 2.7083.
        market.Open(SimDuration.FromSeconds(2));
        Assert.Equal((UInt128)784_000_000, market.Backlog);
        Assert.Equal((UInt128)27_083_000, market.BaseFee);
        market.Seal(0);

        // 250 ms later: 1_750_000 drained, no rounding carried over.
        market.Open(SimDuration.FromMilliseconds(2_250));
        Assert.Equal((UInt128)782_250_000, market.Backlog);
        market.Seal(0);

        // After 112 s more the whole backlog has drained and the price is back at its minimum.
        market.Open(SimDuration.FromSeconds(115));
        Assert.Equal(UInt128.Zero, market.Backlog);
        Assert.Equal((UInt128)10_000_000, market.BaseFee);
    }

    [Fact]
    public void A_rollup_without_a_base_fee_market_keeps_its_fixed_base_fee()
    {
        var chain = new RollupChain(TestScenarios.Rollup("A", OrderingRule.Fcfs, gasLimit: SixtyTransfers) with { Fees = OpMarket with { BaseFeeMarket = null } }, new FcfsOrdering());
        Send(chain, 60);
        chain.ProduceBlock(SimDuration.FromSeconds(2));
        chain.ProduceBlock(SimDuration.FromSeconds(4));
        Assert.Null(chain.BaseFeeMarket);
        Assert.Equal(TestScenarios.Gwei, chain.BaseFee);
    }

    [Fact]
    public void A_surge_adds_its_arrivals_only_inside_its_window()
    {
        var users = TestScenarios.Users(1, "A") with { Surge = new SurgeModel(100, new TimeWindow(SimDuration.FromSeconds(20), SimDuration.FromSeconds(10))) };
        var steady = Simulation.Simulator.Run(TestScenarios.Single(TestScenarios.Rollup("A"), users with { Surge = null }, 60));
        var surged = Simulation.Simulator.Run(TestScenarios.Single(TestScenarios.Rollup("A"), users, 60));
        var extra = surged.Rollups[0].Transactions.Submitted - steady.Rollups[0].Transactions.Submitted;

        // About 100 / s for 10 s: Poisson, so within ±4 standard deviations (√1000 ≈ 32).
        Assert.InRange(extra, 1_000 - 130, 1_000 + 130);
    }
}
