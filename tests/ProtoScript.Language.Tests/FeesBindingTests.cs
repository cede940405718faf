using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

public class FeesBindingTests
{
    private static string WithRollupLine(string line) =>
        TestSources.Valid.Replace("accounts 100 funded 1 eth", "accounts 100 funded 1 eth\n    " + line, StringComparison.Ordinal);

    [Fact]
    public void Without_a_fees_block_a_rollup_keeps_the_built_in_rule()
    {
        Assert.Null(TestSources.Compile(TestSources.Valid).Model!.Rollups[0].Fees);
    }

    [Fact]
    public void A_scenario_level_fees_block_is_the_rule_of_every_rollup_without_its_own()
    {
        var model = TestSources.Compile("""
            scenario "shared fees" {
              duration 1 min
              rollup A { block_time = 2 s; accounts 100 funded 1 eth }
              rollup B like A { fees { distribute = split { sequencer = 100 % } } }
              rollup C like A { }
              workload { users = poisson(5 / s) on A, B, C }
              fees {
                distribute = csharp { Pay(Role.Treasury, block.PriorityFees); }
              }
            }
            """).Model!;
        var shared = model.Rollups[0].Fees!;
        Assert.Equal("scenario fees", shared.Hook!.Owner);
        Assert.Same(shared, model.Rollups[2].Fees);
        Assert.Null(model.Rollups[1].Fees!.Hook);
        Assert.Equal(FeesModel.SequencerTakesAll.ToArray(), model.Rollups[1].Fees!.Shares.ToArray());
        Assert.Single(model.Hooks);
    }

    [Fact]
    public void A_misspelt_field_of_a_scenario_level_fees_block_names_the_scenario()
    {
        var diagnostic = Assert.Single(TestSources.Compile(TestSources.Valid.Replace("workload {", "fees { distribut = split { sequencer = 100 % } }\n  workload {", StringComparison.Ordinal)).Diagnostics);
        Assert.Equal("PS3001", diagnostic.Code);
        Assert.Contains("in the fees of the scenario", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_split_binds_its_shares_in_source_order_as_parts_per_million()
    {
        var model = TestSources.Compile(WithRollupLine("fees {\n l1_data_fee = true\n base_fee = treasury\n issuance = 0.5 gwei per block\n issuance_to = prover\n distribute = split { treasury = 66.6667 %  sequencer = 33.3333 % }\n}")).Model!;
        var fees = model.Rollups[0].Fees!;
        Assert.True(fees.L1DataFee);
        Assert.Equal(Role.Treasury, fees.BaseFee);
        Assert.Equal((UInt128)500_000_000, fees.IssuancePerBlock);
        Assert.Equal(Role.Prover, fees.IssuanceTo);
        Assert.Equal([new FeeShareModel(Role.Treasury, 666_667), new FeeShareModel(Role.Sequencer, 333_333)], fees.Shares.ToArray());
        Assert.Null(fees.Hook);
    }

    [Fact]
    public void Every_built_in_fee_rule_is_named_in_a_fees_block_by_its_enum_member_and_binds_its_shares()
    {
        Assert.Equal(Enum.GetValues<FeeSplitRule>().Length, FeeSplitRuleNames.All.Length);
        foreach (var rule in Enum.GetValues<FeeSplitRule>())
        {
            var name = FeeSplitRuleNames.Of(rule);
            Assert.Equal(rule, FeeSplitRuleNames.Parse(name));
            var fees = TestSources.Compile(WithRollupLine($"fees {{ distribute = {name} {{ treasury = 70 %  sequencer = 30 % }} }}")).Model!.Rollups[0].Fees!;
            Assert.Equal(rule, fees.Rule);
            Assert.Equal([new FeeShareModel(Role.Treasury, 700_000), new FeeShareModel(Role.Sequencer, 300_000)], fees.Shares.ToArray());
        }
    }

    [Fact]
    public void A_fees_block_without_a_distribution_uses_the_split()
    {
        Assert.Equal(FeeSplitRule.Split, TestSources.Compile(WithRollupLine("fees { }")).Model!.Rollups[0].Fees!.Rule);
        Assert.Equal("split", FeeSplitRuleNames.Of(FeeSplitRule.Split));
    }

    [Theory]
    [InlineData("op_stack", FeeSplitRule.OpStack)]
    [InlineData("arbitrum", FeeSplitRule.Arbitrum)]
    public void A_stacks_rule_with_an_empty_body_gives_the_operators_revenue_to_the_sequencer(string name, FeeSplitRule rule)
    {
        var compilation = TestSources.Compile(WithRollupLine($"fees {{ l1_data_fee = true  distribute = {name} {{ }} }}"));
        Assert.Empty(compilation.Diagnostics);
        var fees = compilation.Model!.Rollups[0].Fees!;
        Assert.Equal(rule, fees.Rule);
        Assert.Equal(FeesModel.SequencerTakesAll.ToArray(), fees.Shares.ToArray());
    }

    [Fact]
    public void A_stacks_rule_splits_the_operators_revenue_by_the_shares_it_is_given()
    {
        var fees = TestSources.Compile(WithRollupLine("fees { distribute = op_stack { sequencer = 80 %  prover = 20 % } }")).Model!.Rollups[0].Fees!;
        Assert.Equal([new FeeShareModel(Role.Sequencer, 800_000), new FeeShareModel(Role.Prover, 200_000)], fees.Shares.ToArray());
    }

    [Theory]
    [InlineData("op_stack")]
    [InlineData("arbitrum")]
    public void A_base_fee_destination_with_a_stacks_rule_is_refused_at_the_base_fee(string name)
    {
        var diagnostic = Assert.Single(TestSources.Compile(WithRollupLine($"fees {{ base_fee = treasury  distribute = {name} {{ }} }}")).Diagnostics);
        Assert.Equal("PS3005", diagnostic.Code);
        Assert.Equal($"`base_fee` does not apply to `distribute = {name}`: the rule decides where base fees go", diagnostic.Message);
    }

    [Fact]
    public void A_distribution_that_names_no_built_in_rule_is_an_error_listing_the_rules()
    {
        var diagnostic = Assert.Single(TestSources.Compile(WithRollupLine("fees { distribute = lifo { sequencer = 100 % } }")).Diagnostics);
        Assert.Equal("PS3005", diagnostic.Code);
        Assert.Null(FeeSplitRuleNames.Parse("lifo"));
        Assert.All(FeeSplitRuleNames.All, name => Assert.Contains($"`{name} {{ ... }}`", diagnostic.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_fees_block_burns_the_base_fee_and_gives_the_rest_to_the_sequencer()
    {
        var fees = TestSources.Compile(WithRollupLine("fees { }")).Model!.Rollups[0].Fees!;
        Assert.Equal(new FeesModel(false, Role.Burned, FeesModel.SequencerTakesAll), fees with { Shares = FeesModel.SequencerTakesAll });
        Assert.Equal(FeesModel.SequencerTakesAll, fees.Shares);
    }

    [Fact]
    public void Shares_that_do_not_sum_to_100_percent_are_an_error()
    {
        var diagnostic = Assert.Single(TestSources.Compile(WithRollupLine("fees { distribute = split { sequencer = 30 %  treasury = 60 % } }")).Diagnostics);
        Assert.Equal("the shares of the fee split add up to 90 %, not 100 %", diagnostic.Message);
        Assert.Equal("PS3005", diagnostic.Code);
    }

    [Fact]
    public void An_unknown_role_in_a_split_is_an_error_with_a_suggestion()
    {
        var diagnostics = TestSources.Compile(WithRollupLine("fees { distribute = split { tresury = 100 % } }")).Diagnostics;
        Assert.Contains(diagnostics, d => d.Message == "unknown name `tresury` in the fee split of rollup `A`" && d.Hint == "did you mean `treasury`?");
    }

    [Fact]
    public void A_csharp_distribution_is_a_fee_distribution_hook_of_the_scenario()
    {
        var model = TestSources.Compile(WithRollupLine("fees { distribute = csharp { Pay(Role.Treasury, block.Collected); } }")).Model!;
        var hook = model.Rollups[0].Fees!.Hook!;
        Assert.Equal(HookKind.FeeDistribution, hook.Kind);
        Assert.Equal("rollup A fees", hook.Owner);
        Assert.Contains(hook, model.Hooks);
    }

    [Fact]
    public void L1_data_fee_that_is_not_a_boolean_is_read_by_the_one_boolean_reader()
    {
        var diagnostic = TestSources.Single(WithRollupLine("fees { l1_data_fee = 3 }"));
        Assert.Equal("PS3005", diagnostic.Code);
        Assert.Equal("`l1_data_fee` must be `true` or `false`, found a plain number", diagnostic.Message);
        Assert.Equal("write `l1_data_fee = true`", diagnostic.Hint);
    }
}
