using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Fees;
using ProtoScript.Engine.Ordering;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

/// <summary>The OP Stack's Isthmus operator fee and the value-flow table, checked against hand computations.</summary>
public class ValueFlowTests
{
    private const ulong Gwei = 1_000_000_000;

    [Fact]
    public void The_operator_fee_is_gas_used_times_the_scalar_over_a_million_rounded_down_plus_the_constant()
    {
        // 21 000 gas × 1 500 000 / 1 000 000 = 31 500 wei, plus 1 000 wei.
        Assert.Equal((UInt128)32_500, OpStackFeeRule.OperatorFee(21_000, 1_500_000, 1_000));

        // 333 gas × 1 / 1 000 000 = 0.000333 wei: rounded down to nothing.
        Assert.Equal(UInt128.Zero, OpStackFeeRule.OperatorFee(333, 1, 0));

        // The largest scalar and constant the SystemConfig holds (uint32, uint64) do not overflow.
        Assert.Equal(((UInt128)30_000_000 * uint.MaxValue / 1_000_000) + ulong.MaxValue, OpStackFeeRule.OperatorFee(30_000_000, uint.MaxValue, ulong.MaxValue));
    }

    [Fact]
    public void An_OP_Stack_block_counts_the_operator_fee_in_gross_revenue_and_its_payments_sum_exactly_to_what_users_paid()
    {
        var fees = new FeesModel(true, Role.Burned, FeesModel.SequencerTakesAll) { Rule = FeeSplitRule.OpStack, OperatorFeeScalar = 1_000_000, OperatorFeeConstant = Gwei };
        var chain = new RollupChain(TestScenarios.Rollup("A", OrderingRule.Fcfs, accounts: 10) with { Fees = fees }, new FcfsOrdering());
        var settlement = chain.Settlement!;
        var block = new FeeBlock(1, SimDuration.FromSeconds(2), 500_000, 200_001, 400_000, 0, 0, 63_000, 3) { OperatorFees = 300_000 };
        var payments = new List<FeePayment>();

        OpStackFeeRule.Distribute(settlement, in block, payments);

        // Gross 1 400 001 (the OperatorFeeVault's 300 000 included), net 1 000 001: 15 % = 150 000 beats 2.5 % = 35 000.
        Assert.Equal((UInt128)1_400_001, block.Collected);
        Assert.Equal((UInt128)150_000, payments.Where(p => p.Role == Role.Treasury).Aggregate(UInt128.Zero, (s, p) => s + p.Amount));
        Assert.Equal((UInt128)(1_400_001 - 150_000), payments.Where(p => p.Role == Role.Sequencer).Aggregate(UInt128.Zero, (s, p) => s + p.Amount));
        Assert.Equal(block.Collected, payments.Aggregate(UInt128.Zero, (s, p) => s + p.Amount));
        Assert.Equal(
            [new FeeComponent("base_fee_vault", 500_000), new FeeComponent("sequencer_fee_vault", 200_001), new FeeComponent("l1_fee_vault", 400_000), new FeeComponent("operator_fee_vault", 300_000), new FeeComponent("superchain_share", 150_000)],
            settlement.Components);
    }

    [Fact]
    public void Every_transfer_pays_the_operator_fee_and_the_op_stack_split_sums_exactly_to_what_users_paid_derivably()
    {
        var model = TestScenarios.Bind("""
            scenario "operator fee" {
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
                  distribute = op_stack {
                    operator_fee_scalar = 2_000_000
                    operator_fee_constant = 1 gwei
                  }
                }
              }
              workload {
                users = poisson(10 / s) on A
                priority_fee = exponential(0.01 gwei)
              }
            }
            """);

        var report = Verifier.Run(model);
        var rollup = report.Result.Rollups[0];
        var fees = rollup.FeeDistribution!;

        // Every transaction is a 21 000-gas transfer: 21 000 × 2 = 42 000 wei, plus 1 gwei.
        var included = (UInt128)(ulong)rollup.Transactions.Included;
        Assert.True(included > 500);
        Assert.Equal(included * (42_000 + Gwei), fees.OperatorFees);
        Assert.Equal(fees.OperatorFees, fees.ComponentOf("operator_fee_vault"));
        Assert.Equal(fees.Collected, fees.Roles.Aggregate(UInt128.Zero, (sum, role) => sum + role.Received));
        Assert.Equal(fees.BaseFees + fees.PriorityFees + fees.L1DataFees + fees.OperatorFees, fees.Collected);

        // The share is of the gross with the operator fee in it.
        Assert.Equal(fees.ComponentOf("superchain_share"), fees.ReceivedBy("treasury"));
        Assert.True(fees.ReceivedBy("treasury") >= (fees.Collected - fees.L1DataFees) * 15 / 100 - (ulong)rollup.Blocks);

        var flow = rollup.ValueFlow!;
        Assert.Equal(fees.Collected, flow.Of("users").FeesPaid);
        Assert.Equal(flow.Of("users").FeesPaid, flow.FeesReceived);

        var a = Assert.Single(report.Rollups);
        Assert.True(a.Matches, a.Describe());
        Assert.Equal(a.BlocksDerived, a.BlocksMatched);
        Assert.True(rollup.Supply.Conserved);
    }

    [Fact]
    public void The_value_flow_rows_of_a_tiny_split_match_a_hand_computation_and_fees_received_sum_to_what_users_paid()
    {
        // Every transfer: 21 000 gas at 1 gwei base fee (burned) and a 2 gwei tip, split 75 % / 25 %.
        var model = TestScenarios.Bind("""
            scenario "tiny" {
              seed 3
              duration 30 s
              rollup A {
                block_time = 2 s
                base_fee = 1 gwei
                accounts 50 funded 10 eth
                batch {
                  every = 5 min // no batch lands in the run: no posting cost to pay back first
                }
                fees {
                  distribute = split {
                    sequencer = 75 %
                    treasury = 25 %
                  }
                }
              }
              workload {
                users = poisson(2 / s) on A
                priority_fee = constant(2 gwei)
              }
            }
            """);

        var rollup = ProtoScript.Engine.Simulation.Simulator.Run(model).Rollups[0];
        var flow = rollup.ValueFlow!;
        var n = (UInt128)(ulong)rollup.Transactions.Included;
        Assert.True(n > 20);

        // Each block's tips split 75 / 25 rounded down, the remainder to the sequencer: 42 000 gwei a
        // transfer divides by four exactly, so the split is exact over the run.
        Assert.Equal(n * 63_000 * Gwei, flow.Of("users").FeesPaid);
        Assert.Equal(n * 21_000 * Gwei, flow.Of("burn").FeesReceived);
        Assert.Equal(n * 31_500 * Gwei, flow.Of("sequencer").FeesReceived);
        Assert.Equal(n * 10_500 * Gwei, flow.Of("treasury").FeesReceived);
        Assert.Equal(flow.Of("users").FeesPaid, flow.FeesReceived);
        Assert.Equal(-(Int128)(n * 63_000 * Gwei), flow.Of("users").Net);
        Assert.All(flow.Rows, r => Assert.Equal(UInt128.Zero, r.BidsPaid + r.BidsReceived + r.Mev));
        Assert.Equal(UInt128.Zero, flow.Of("data_availability").Costs);
        Assert.Equal(["users", "sequencer", "builders", "searchers", "provers", "data_availability", "treasury", "burn"], flow.Rows.Select(r => r.Role));
    }

    [Fact]
    public void A_rollup_whose_fees_all_go_to_the_sequencer_and_the_burn_has_no_value_flow_table()
    {
        var model = TestScenarios.Bind("""
            scenario "plain" {
              seed 3
              duration 20 s
              rollup A {
                block_time = 2 s
                accounts 50 funded 10 eth
              }
              workload {
                users = poisson(2 / s) on A
              }
            }
            """);

        Assert.Null(ProtoScript.Engine.Simulation.Simulator.Run(model).Rollups[0].ValueFlow);
    }
}
