using ProtoScript.Engine.Fees;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

/// <summary>The built-in fee-distribution rules: one table, named by the language, each paying out what a block collected.</summary>
public class BuiltInFeeRuleTests
{
    private static string Scenario(string rule) => $$"""
        scenario "fee rule" {
          seed 3
          duration 2 min
          rollup A {
            block_time = 2 s
            gas_limit = 30_000_000
            accounts 200 funded 10 eth
            batch {
              every = 30 s
              to = ethereum.blobs
            }
            fees {
              l1_data_fee = true
              distribute = {{rule}} {
                sequencer = 30 %
                treasury = 70 %
              }
            }
          }
          workload {
            users = poisson(10 / s) on A
            priority_fee = exponential(0.01 gwei)
          }
        }
        """;

    [Fact]
    public void Every_fee_rule_the_language_names_is_registered_under_that_name()
    {
        Assert.Equal(Enum.GetValues<FeeSplitRule>(), RuleRegistry.FeeRules.Select(r => r.Rule));
        Assert.Equal(FeeSplitRuleNames.All, RuleRegistry.FeeRules.Select(r => r.Key));
        Assert.All(Enum.GetValues<FeeSplitRule>(), rule => Assert.Equal(rule, FeeSplitRuleNames.Parse(RuleRegistry.BuiltIn(rule).Key)));
        Assert.Same(BuiltInFeeRules.Of(FeeSplitRule.Split), RuleRegistry.BuiltIn(FeeSplitRule.Split));
        Assert.Equal(SplitFeeRule.Key, RuleRegistry.BuiltIn(FeeSplitRule.Split).Key);
    }

    [Fact]
    public void An_unknown_fee_rule_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BuiltInFeeRules.Of((FeeSplitRule)999));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Every_built_in_fee_rule_runs_from_a_scenario_reports_its_name_and_pays_out_exactly_what_users_paid(string name)
    {
        var model = TestScenarios.Bind(Scenario(name));

        var fees = Simulator.Run(model).Rollups[0].FeeDistribution!;

        Assert.Equal(name, fees.Rule);
        Assert.True(fees.Collected > 0);
        var received = fees.Roles.Aggregate(UInt128.Zero, (sum, role) => sum + role.Received);
        Assert.Equal(fees.Collected + fees.Issued, received);
    }

    public static TheoryData<string> Rules() => [.. FeeSplitRuleNames.All];
}
