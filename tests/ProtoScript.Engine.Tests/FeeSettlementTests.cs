using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Fees;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Simulation;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class FeeSettlementTests
{
    private static readonly FeesModel ThirtySeventy = new(false, Role.Burned, [new FeeShareModel(Role.Sequencer, 300_000), new FeeShareModel(Role.Treasury, 700_000)]);

    [Fact]
    public void A_split_rounds_each_share_down_and_gives_the_remainder_to_the_first_share()
    {
        FeeShareModel[] thirds = [new(Role.Treasury, 333_334), new(Role.Sequencer, 333_333), new(Role.Builder, 333_333)];

        // 10 × 0.333334 = 3.33334 → 3; 10 × 0.333333 → 3 twice; 1 wei left over goes to the treasury.
        Assert.Equal(
            [new FeePayment(Role.Treasury, 4), new FeePayment(Role.Sequencer, 3), new FeePayment(Role.Builder, 3)],
            FeeSettlement.SplitShares(10, thirds));
        Assert.Equal(
            [new FeePayment(Role.Sequencer, 300), new FeePayment(Role.Treasury, 700)],
            FeeSettlement.SplitShares(1000, ThirtySeventy.Shares));

        // 300.3 → 300 and 700.7 → 700: the wei left over goes to the sequencer, listed first.
        Assert.Equal(
            [new FeePayment(Role.Sequencer, 301), new FeePayment(Role.Treasury, 700)],
            FeeSettlement.SplitShares(1001, ThirtySeventy.Shares));
    }

    [Fact]
    public void A_split_of_one_block_pays_the_base_fee_to_its_destination_and_splits_the_tips_30_70()
    {
        var rollup = TestScenarios.Rollup("A", OrderingRule.Fcfs, accounts: 10) with { Fees = ThirtySeventy with { BaseFee = Role.Treasury } };
        var chain = new RollupChain(rollup, new FcfsOrdering()) { CheckSupplyEachBlock = true };
        var settlement = chain.Settlement!;

        // Two transfers of 21 000 gas at 1 gwei base fee (the test rollup's) and 10 gwei tip.
        chain.Submit(new Transaction(0, 1, 5, 0, 10 * TestScenarios.Gwei, Transaction.TransferGas, SimDuration.Zero, 0));
        chain.Submit(new Transaction(2, 3, 5, 0, 10 * TestScenarios.Gwei, Transaction.TransferGas, SimDuration.Zero, 1));
        chain.ProduceBlock(SimDuration.FromSeconds(2));

        var tips = 2 * 21_000 * 10 * TestScenarios.Gwei;
        var baseFees = 2 * 21_000 * rollup.BaseFee;
        Assert.Equal(tips, settlement.PriorityFees);
        Assert.Equal(baseFees, settlement.BaseFees);
        Assert.Equal(tips * 3 / 10, chain.State.Balance(chain.SequencerAccount));
        Assert.Equal((tips * 7 / 10) + baseFees, chain.State.Balance(settlement.AccountOf(Role.Treasury)));
        Assert.Equal(UInt128.Zero, settlement.Burned);
        Assert.Null(chain.FirstUnconservedBlock);
        Assert.Equal(rollup.Accounts + 1 + FeeSettlement.ExtraAccounts, chain.State.Count);
    }

    [Fact]
    public void Issuance_is_minted_every_block_and_the_supply_is_conserved_every_block_with_role_accounts()
    {
        var rollup = TestScenarios.Rollup("A") with { Fees = ThirtySeventy with { IssuancePerBlock = 7, IssuanceTo = Role.Builder } };
        var expectation = new ExpectationModel(ExpectationKind.ConservedTotalSupply, "conserved total_supply", new SourceLocation("t.proto-script", 1, 1));
        var scenario = TestScenarios.Single(rollup, TestScenarios.Users(30, "A"), durationSeconds: 120) with { Expectations = [expectation] };

        var result = Simulator.Run(scenario).Rollups[0];

        Assert.Null(result.Supply.FirstUnconservedBlock);
        Assert.True(result.Supply.Conserved);
        Assert.Equal((UInt128)(7 * result.Blocks), result.Supply.Issued);
        Assert.Equal(result.Supply.Issued, result.FeeDistribution!.ReceivedBy("builder"));
        Assert.Equal(result.Fees.BaseFeeBurned, result.FeeDistribution.ReceivedBy("burned"));

        // Every wei users paid reached exactly one role.
        UInt128 received = 0;
        foreach (var role in result.FeeDistribution.Roles)
        {
            received += role.Received;
        }

        Assert.Equal(result.FeeDistribution.Collected + result.Supply.Issued, received);
    }

    [Fact]
    public void The_batchers_posting_cost_is_paid_back_first_and_what_the_fees_cannot_cover_is_a_deficit()
    {
        var rollup = TestScenarios.Rollup("A") with { Fees = ThirtySeventy with { L1DataFee = true } };
        var result = Simulator.Run(TestScenarios.Single(rollup, TestScenarios.Users(20, "A"), durationSeconds: 180)).Rollups[0];
        var fees = result.FeeDistribution!;

        // Postings that land after the last L2 block are paid back by no block.
        Assert.True(fees.DaCost > 0 && fees.DaCost <= result.DataAvailability.Cost);
        Assert.Equal(fees.DaCost, fees.ReceivedBy("data_availability") + fees.DeficitOf("data_availability"));
        Assert.True(fees.L1DataFees > 0);
        Assert.Equal(fees.PriorityFees + fees.L1DataFees, fees.ReceivedBy("data_availability") + fees.ReceivedBy("sequencer") + fees.ReceivedBy("treasury"));
    }

    [Fact]
    public void A_hook_distribution_that_pays_out_more_than_the_block_collected_fails_the_run_at_that_block()
    {
        var rollup = TestScenarios.Rollup("A") with { Fees = ThirtySeventy with { Hook = new HookModel(HookKind.FeeDistribution, "rollup A fees", "x", false, new Language.Text.SourceText("t.proto-script", "x"), new Language.Text.TextSpan(0, 1)) } };
        var scenario = TestScenarios.Single(rollup, TestScenarios.Users(5, "A"), durationSeconds: 20);
        var overpaying = new Distributors(new Overpay());

        var failure = Assert.Throws<RuleFailedException>(() => Simulator.Run(scenario, new SimulationOptions { Rules = overpaying }));

        Assert.IsType<FeeOverpaymentException>(failure.InnerException);
        Assert.Equal(1, failure.Block);
        Assert.Equal(SimDuration.FromSeconds(2), failure.Time);
        Assert.Throws<ArgumentException>(() => Simulator.Run(scenario));
    }

    [Fact]
    public void The_L1_data_fee_is_the_encoded_bytes_times_the_compression_ratio_times_the_price_per_byte_rounded_down()
    {
        // 20 bytes × (50 / 100 compressed) × 131 072 wei per blob gas-byte ÷ 126 976 usable bytes.
        Assert.Equal((UInt128)(20UL * 50 * 131_072 / (100UL * 126_976)), L1DataPricing.Fee(20, 50, 100, 131_072, 126_976));
        Assert.Equal((UInt128)(20 * 16), L1DataPricing.Fee(20, 0, 0, 16, 1)); // before the first batch the ratio is 1
    }

    private sealed class Overpay : IFeeDistributor
    {
        public void Distribute(in FeeBlock block, List<FeePayment> payments) =>
            payments.Add(new FeePayment(Role.Treasury, block.Collected + 1));
    }

    private sealed class Distributors(IFeeDistributor distributor) : IRuleProvider
    {
        public object? Create(HookModel hook, RandomStream? random) => hook.Kind == HookKind.FeeDistribution ? distributor : null;
    }
}
