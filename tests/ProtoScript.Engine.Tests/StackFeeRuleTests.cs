using ProtoScript.Engine.Chains;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Fees;
using ProtoScript.Engine.Ordering;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

/// <summary>The real stacks' fee rules (<c>op_stack</c>, <c>arbitrum</c>), checked against hand computations.</summary>
public class StackFeeRuleTests
{
    private static FeeSettlement Settlement(FeeSplitRule rule, UInt128 daOwed = default, BaseFeeMarketModel? market = null)
    {
        var fees = new FeesModel(true, Role.Burned, FeesModel.SequencerTakesAll) { Rule = rule, BaseFeeMarket = market };
        var chain = new RollupChain(TestScenarios.Rollup("A", OrderingRule.Fcfs, accounts: 10) with { Fees = fees }, new FcfsOrdering());
        var settlement = chain.Settlement!;

        // An empty block whose batch says the batcher paid daOwed: nothing collected, so all of it is owed on.
        settlement.BeginBlock(new L1Attributes(0, 0, 0, daOwed, 0));
        settlement.Settle(1, SimDuration.FromSeconds(2));
        Assert.Equal(daOwed, settlement.Deficit(Role.DataAvailability));
        return settlement;
    }

    private static FeeBlock Block(UInt128 baseFees, UInt128 priorityFees, UInt128 l1DataFees, ulong gas) =>
        new(2, SimDuration.FromSeconds(4), baseFees, priorityFees, l1DataFees, 0, 0, gas, 3);

    private static UInt128 Sum(IEnumerable<FeePayment> payments) => payments.Aggregate(UInt128.Zero, (sum, p) => sum + p.Amount);

    private static UInt128 To(IEnumerable<FeePayment> payments, Role role) => Sum(payments.Where(p => p.Role == role));

    [Fact]
    public void The_OP_Superchain_share_matches_a_hand_computation_for_a_block_with_large_and_small_L1_costs()
    {
        // Small L1 fees: gross 1 000 000, L1 100 000 → 15 % × 900 000 = 135 000 > 2.5 % × 1 000 000 = 25 000.
        Assert.Equal((UInt128)135_000, OpStackFeeRule.SuperchainShare(1_000_000, 100_000));

        // Large L1 fees: gross 1 000 000, L1 900 000 → 15 % × 100 000 = 15 000 < 25 000, so the 2.5 % floor.
        Assert.Equal((UInt128)25_000, OpStackFeeRule.SuperchainShare(1_000_000, 900_000));

        // Rounding is down to the wei: 15 % × 1 001 = 150.15; 2.5 % × 1 039 = 25.975 beats 15 % × 39 = 5.85.
        Assert.Equal((UInt128)150, OpStackFeeRule.SuperchainShare(1_001, 0));
        Assert.Equal((UInt128)25, OpStackFeeRule.SuperchainShare(1_039, 1_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => OpStackFeeRule.SuperchainShare(1, 2));
    }

    [Fact]
    public void An_OP_Stack_block_pays_the_Superchain_share_then_the_batcher_then_the_operator_and_sums_exactly_to_what_users_paid()
    {
        var settlement = Settlement(FeeSplitRule.OpStack, daOwed: 300_000);
        var block = Block(baseFees: 500_000, priorityFees: 200_001, l1DataFees: 400_000, gas: 21_000);
        var payments = new List<FeePayment>();

        OpStackFeeRule.Distribute(settlement, in block, payments);

        // Gross 1 100 001, net 700 001: 15 % = 105 000 (rounded down) beats 2.5 % = 27 500.
        Assert.Equal((UInt128)105_000, To(payments, Role.Treasury));
        Assert.Equal((UInt128)300_000, To(payments, Role.DataAvailability));
        Assert.Equal((UInt128)(1_100_001 - 105_000 - 300_000), To(payments, Role.Sequencer));
        Assert.Equal(block.Collected, Sum(payments));
        Assert.Equal(UInt128.Zero, To(payments, Role.Burned));
        Assert.Equal(UInt128.Zero, settlement.Deficit(Role.DataAvailability));
    }

    [Fact]
    public void Arbitrum_pays_the_infrastructure_fee_the_L1_pricer_surplus_and_the_network_fee_of_a_hand_made_block()
    {
        // 100 000 gas at a 0.05 gwei base fee, with the 0.01 gwei floor: 1 000 gwei infrastructure, 4 000 gwei network.
        const ulong Gwei = 1_000_000_000;
        var settlement = Settlement(FeeSplitRule.Arbitrum, daOwed: 3_000 * Gwei);
        var block = Block(baseFees: 5_000 * Gwei, priorityFees: 700 * Gwei, l1DataFees: 3_500 * Gwei, gas: 100_000);
        var payments = new List<FeePayment>();

        ArbitrumFeeRule.Distribute(settlement, in block, payments);

        Assert.Equal(
            [
                new FeePayment(Role.Treasury, 1_000 * Gwei), // infrastructure fee
                new FeePayment(Role.DataAvailability, 3_000 * Gwei), // the poster paid back by the L1 pricer
                new FeePayment(Role.Treasury, 500 * Gwei), // the pricer's surplus
                new FeePayment(Role.Prover, 0),
                new FeePayment(Role.Sequencer, 4_700 * Gwei), // network fee + priority fees
            ],
            payments);
        Assert.Equal(block.Collected, Sum(payments));
    }

    [Fact]
    public void Arbitrums_L1_pricer_deficit_is_carried_over_and_the_infrastructure_fee_follows_the_base_fee_markets_floor()
    {
        const ulong Gwei = 1_000_000_000;
        var market = new BaseFeeMarketModel(BaseFeeMarketKind.SpeedLimit, 2 * Gwei);
        var settlement = Settlement(FeeSplitRule.Arbitrum, daOwed: 5_000 * Gwei, market: market);
        var block = Block(baseFees: 300_000 * Gwei, priorityFees: 0, l1DataFees: 3_500 * Gwei, gas: 100_000);
        var payments = new List<FeePayment>();

        ArbitrumFeeRule.Distribute(settlement, in block, payments);

        Assert.Equal((UInt128)(200_000 * Gwei), To(payments, Role.Treasury)); // 100 000 gas × 2 gwei, no surplus
        Assert.Equal((UInt128)(3_500 * Gwei), To(payments, Role.DataAvailability));
        Assert.Equal((UInt128)(1_500 * Gwei), settlement.Deficit(Role.DataAvailability));
        Assert.Equal((UInt128)(100_000 * Gwei), To(payments, Role.Sequencer));
        Assert.Equal(block.Collected, Sum(payments));

        // A block whose base fee is under the floor pays only the base fees it paid as infrastructure.
        Assert.Equal((UInt128)7, ArbitrumFeeRule.InfrastructureFee(100, 2, 7));
    }

    [Theory]
    [InlineData("op_stack")]
    [InlineData("arbitrum")]
    public void A_stack_rule_run_from_a_scenario_is_derivable_and_conserves_value_to_the_wei(string rule)
    {
        var model = TestScenarios.Bind($$"""
            scenario "stack" {
              seed 5
              duration 2 min
              rollup A {
                block_time = 2 s
                base_fee = 0.05 gwei
                accounts 200 funded 10 eth
                batch {
                  every = 30 s
                  to = ethereum.calldata
                }
                fees {
                  l1_data_fee = true
                  distribute = {{rule}} { }
                }
              }
              workload {
                users = poisson(10 / s) on A
                priority_fee = exponential(0.01 gwei)
              }
            }
            """);

        var report = Verifier.Run(model);
        var fees = report.Result.Rollups[0].FeeDistribution!;

        var a = Assert.Single(report.Rollups);
        Assert.True(a.Matches, a.Describe());
        Assert.True(a.BlocksDerived >= 20, a.Describe());
        Assert.Equal(a.BlocksDerived, a.BlocksMatched);
        Assert.Equal(rule, fees.Rule);
        Assert.True(fees.ReceivedBy("treasury") > 0);
        Assert.True(fees.ReceivedBy("data_availability") > 0);
        Assert.Equal(fees.Collected, fees.Roles.Aggregate(UInt128.Zero, (sum, role) => sum + role.Received));
        Assert.True(report.Result.Rollups[0].Supply.Conserved);
    }
}
