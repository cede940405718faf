using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Fees;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Simulation;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

/// <summary>
/// Rollups with a <c>fees</c> block whose blocks a shared sequencer or a cross-chain builder
/// produces, with same-slot bundles: the bundles' legs pay and settle exactly as every other
/// transaction, so a replica re-executing the batches reaches the sequencer's roots.
/// </summary>
public class BundleFeeDerivationTests
{
    private static readonly HookModel FeeHook = new(HookKind.FeeDistribution, "scenario fees", "x", false, new Language.Text.SourceText("t.proto-script", "x"), new Language.Text.TextSpan(0, 1));

    public static TheoryData<string, string> FeeRulesAndProducers()
    {
        var data = new TheoryData<string, string>();
        foreach (var fees in new[] { "split", "l1_data_fee", "hook", "l1_data_fee hook", "base_fee treasury + issuance" })
        {
            foreach (var producer in new[] { "builder", "builder simulate none", "shared", "shared executes", "shared + builder" })
            {
                data.Add(fees, producer);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FeeRulesAndProducers))]
    public void Rollups_with_fees_whose_blocks_carry_bundles_derive_to_the_sequencers_roots(string fees, string producer)
    {
        var scenario = Bundles(Fees(fees), producer, bFunding: Wei.PerEther / 50);

        var report = Verifier.Run(scenario, new SimulationOptions { Rules = new Distributors(new HalfToBuilder()) });

        Assert.True(report.Result.CrossChain!.Delivered > 20);
        Assert.All(report.Rollups, r =>
        {
            Assert.True(r.Matches, r.Describe());
            Assert.Empty(r.Errors);
            Assert.True(r.BlocksMatched > 45, r.Describe()); // batches every 30 s: at least the first 48 blocks posted
        });
    }

    [Fact]
    public void A_builders_bundle_tips_are_part_of_the_pot_its_blocks_settle()
    {
        // 30 % to the sequencer, 70 % to the treasury: tips left out of the pot would stay with the sequencer.
        var scenario = Bundles(Fees("split"), "builder", bFunding: 10 * Wei.PerEther);

        var report = Verifier.Run(scenario);

        var builder = Assert.Single(report.Result.Sequencers);
        Assert.True(builder.BundleTips > 0);
        UInt128 settled = 0, mempoolTips = 0;
        foreach (var rollup in report.Result.Rollups)
        {
            settled += rollup.FeeDistribution!.PriorityFees;
            mempoolTips += rollup.Fees.PriorityFeeToSequencer;
        }

        Assert.Equal(mempoolTips + builder.BundleTips, settled);
        Assert.All(report.Rollups, r => Assert.True(r.Matches, r.Describe()));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void A_destination_leg_pays_the_l1_data_fee_and_an_executing_sequencer_checks_for_it(bool l1DataFee, bool executes)
    {
        // Every B account holds exactly one destination leg's gas, 50_000 × (1 gwei base fee + 1 gwei
        // tip), and never the 0.01 ETH of a transfer of its own. With an L1 data fee on top no payer
        // can pay a destination leg, so nothing is ever delivered: a sequencer that executes drops
        // every bundle whole, one that does not lands every source leg alone. Without the fee the
        // first leg each payer pays goes through.
        var fees = new FeesModel(l1DataFee, Role.Burned, FeesModel.SequencerTakesAll);
        var scenario = Bundles(fees, executes ? "shared executes" : "shared", bFunding: 50_000 * 2 * Wei.PerGwei, constantAmounts: true);

        var report = Verifier.Run(scenario);

        var crossChain = report.Result.CrossChain!;
        if (l1DataFee)
        {
            Assert.Equal(0, crossChain.Delivered);
            Assert.True(report.Result.Rollups[0].FeeDistribution!.L1DataFees > 0);
        }
        else
        {
            Assert.True(crossChain.Delivered > 0);
        }

        if (executes)
        {
            Assert.Equal(0, crossChain.AtomicFailures);
            Assert.True(crossChain.Dropped > 20);
        }
        else
        {
            Assert.Equal(0, crossChain.Dropped);
            Assert.True(crossChain.AtomicFailures > 20);
            Assert.Equal(crossChain.Sent, crossChain.Delivered + crossChain.AtomicFailures);
        }

        Assert.All(report.Rollups, r => Assert.True(r.Matches, r.Describe()));
    }

    private static FeesModel Fees(string rule)
    {
        var thirtySeventy = new FeesModel(false, Role.Burned, [new FeeShareModel(Role.Sequencer, 300_000), new FeeShareModel(Role.Treasury, 700_000)]);
        return rule switch
        {
            "split" => thirtySeventy,
            "l1_data_fee" => thirtySeventy with { L1DataFee = true },
            "hook" => thirtySeventy with { Shares = [], Hook = FeeHook },
            "l1_data_fee hook" => thirtySeventy with { L1DataFee = true, Shares = [], Hook = FeeHook },
            "base_fee treasury + issuance" => new FeesModel(false, Role.Treasury, FeesModel.SequencerTakesAll) { IssuancePerBlock = Wei.PerGwei },
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
        };
    }

    /// <summary>
    /// A and B with <paramref name="fees"/>, 2 s blocks, batches every 30 s, built by
    /// <paramref name="producer"/>; users on both at 5 / s, 30 % of them cross-chain, for 150 s.
    /// </summary>
    private static ScenarioModel Bundles(FeesModel fees, string producer, UInt128 bFunding, bool constantAmounts = false)
    {
        var a = TestScenarios.Rollup("A", OrderingRule.Fcfs, accounts: 50, initialBalance: 10 * Wei.PerEther) with
        {
            Fees = fees,
            Batch = BatchModel.Default with { Every = SimDuration.FromSeconds(30) },
        };
        var b = a with { Name = "B", InitialBalance = bFunding };
        var users = TestScenarios.Users(5, "A", "B");
        if (constantAmounts)
        {
            users = users with
            {
                PriorityFee = new DistributionModel(DistributionKind.Constant, 1e9, 0),
                Value = new DistributionModel(DistributionKind.Constant, 1e16, 0),
            };
        }

        var scenario = new ScenarioModel("bundles with fees", 3, SimDuration.FromSeconds(150), new L1Model("ethereum", SimDuration.FromSeconds(12)), [a, b], new WorkloadModel([users]) { CrossChain = new CrossChainModel(0.3) });
        var shared = new SharedSequencerModel("espresso", ["A", "B"], new BftModel(4, 1, SimDuration.FromMilliseconds(500)), Executes: false);
        return producer switch
        {
            "builder" => scenario with { Builders = [new BuilderModel("b1", ["A", "B"], SimulatesCrossChain: true)] },
            "builder simulate none" => scenario with { Builders = [new BuilderModel("b1", ["A", "B"], SimulatesCrossChain: false)] },
            "shared" => scenario with { SharedSequencers = [shared] },
            "shared executes" => scenario with { SharedSequencers = [shared with { Executes = true }] },
            "shared + builder" => scenario with { SharedSequencers = [shared], Builders = [new BuilderModel("b1", ["A", "B"], SimulatesCrossChain: true)] },
            _ => throw new ArgumentOutOfRangeException(nameof(producer), producer, null),
        };
    }

    /// <summary>A hook that pays data availability back, then half of the rest to the builder and half to the sequencer, and the base fees to the treasury.</summary>
    private sealed class HalfToBuilder : IFeeDistributor
    {
        public void Distribute(in FeeBlock block, List<FeePayment> payments)
        {
            var pot = block.PriorityFees + block.L1DataFees;
            var da = UInt128.Min(pot, block.DaOwed);
            var rest = pot - da;
            payments.Add(new FeePayment(Role.DataAvailability, da));
            payments.Add(new FeePayment(Role.Builder, rest / 2));
            payments.Add(new FeePayment(Role.Sequencer, rest - (rest / 2)));
            payments.Add(new FeePayment(Role.Treasury, block.BaseFees));
        }
    }

    private sealed class Distributors(IFeeDistributor distributor) : IRuleProvider
    {
        public object? Create(HookModel hook, RandomStream? random) => hook.Kind == HookKind.FeeDistribution ? distributor : null;
    }
}
