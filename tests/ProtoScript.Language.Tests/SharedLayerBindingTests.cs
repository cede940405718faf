using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

/// <summary>An external shared sequencer's fee, DA aggregation, and <c>cross_chain_trust = soft</c> as the binder reads them.</summary>
public class SharedLayerBindingTests
{
    private const string Scenario = """
        scenario "x" {
          duration 1 min
          rollup A {
            block_time = 2 s
            accounts 10 funded 1 eth
            batch { every = 1 min  to = ethereum.blobs }
          }
          rollup B like A {}
          shared_sequencer espresso for A, B {
            kind = external
            fee = 0.002 gwei
            aggregate_data = true
          }
          workload {
            users = poisson(5 / s) on A, B
          }
        }
        """;

    [Fact]
    public void An_external_sequencer_binds_its_fee_per_gas_and_data_aggregation()
    {
        var result = TestSources.Compile(Scenario);
        Assert.Empty(result.Diagnostics);
        var sequencer = Assert.Single(result.Model!.SharedSequencers);
        Assert.Equal((UInt128)2_000_000, sequencer.FeePerGas);
        Assert.True(sequencer.AggregatesData);
        Assert.Equal(SimDuration.FromMilliseconds(200), sequencer.Hop);
    }

    [Fact]
    public void Without_the_settings_a_sequencer_charges_nothing_and_each_rollup_posts_its_own_data()
    {
        var text = Scenario.Replace("    fee = 0.002 gwei\n", string.Empty, StringComparison.Ordinal).Replace("    aggregate_data = true\n", string.Empty, StringComparison.Ordinal);
        var sequencer = Assert.Single(TestSources.Compile(text).Model!.SharedSequencers);
        Assert.Equal(UInt128.Zero, sequencer.FeePerGas);
        Assert.False(sequencer.AggregatesData);
    }

    [Theory]
    [InlineData("kind = external", "kind = enshrined", "PS3005 11:5 `fee` is what an external shared sequencer's network charges")]
    [InlineData("fee = 0.002 gwei", "fee = 2 eth", "PS3006 11:11 this amount must be between 0 ETH and 1 ETH")]
    [InlineData("fee = 0.002 gwei", "fee = 3 s", "PS3003 11:11")]
    [InlineData("rollup B like A {}", "rollup B like A { batch { every = 1 min  to = ethereum.calldata } }", "PS3005 12:5 `aggregate_data` fills shared blobs, but rollup `B` posts its batches to calldata")]
    [InlineData("rollup B like A {}", "rollup B like A { batch { every = 1 min  to = ethereum.auto } }", "PS3005 12:5 `aggregate_data` fills shared blobs, but rollup `B` posts its batches to blobs or calldata, whichever is cheaper (`auto`)")]
    [InlineData("rollup B like A {}", "rollup B like A { batch { every = 2 min  to = ethereum.blobs } }", "PS3005 12:5 `aggregate_data` posts the rollups' batches together, but `A` batches every 1 min and `B` every 2 min")]
    [InlineData("aggregate_data = true", "aggregate_data = 1", "PS3005 12:22 `aggregate_data` must be `true` or `false`")]
    public void Placement_and_aggregation_errors_point_at_the_faulty_setting(string original, string replacement, string expected)
    {
        var text = Scenario.Replace(original, replacement, StringComparison.Ordinal);
        Assert.Contains(TestSources.Errors(text), e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", DaCostSplitRule.ByBytes)]
    [InlineData("\n    cost_split = by_bytes", DaCostSplitRule.ByBytes)]
    [InlineData("\n    cost_split = equal", DaCostSplitRule.Equal)]
    [InlineData("\n    cost_split = csharp => posting.ByBytes()", DaCostSplitRule.Hooked)]
    public void An_aggregators_cost_split_binds_by_bytes_by_default_equal_or_a_hook(string line, DaCostSplitRule expected)
    {
        var result = TestSources.Compile(Scenario.Replace("aggregate_data = true", "aggregate_data = true" + line, StringComparison.Ordinal));

        Assert.Empty(result.Diagnostics);
        var sequencer = Assert.Single(result.Model!.SharedSequencers);
        Assert.Equal(expected, sequencer.CostSplit);
        Assert.Equal(expected == DaCostSplitRule.Hooked, sequencer.CostSplitHook is { Kind: HookKind.DaCostSplit, Owner: "shared sequencer espresso cost_split" });
        Assert.Equal(expected == DaCostSplitRule.Hooked ? 1 : 0, result.Model.Hooks.Length);
    }

    [Fact]
    public void A_fee_hook_binds_as_the_shared_sequencer_fee_site_with_no_fee_per_gas()
    {
        var result = TestSources.Compile(Scenario.Replace("fee = 0.002 gwei", "fee = csharp => SequencerFeeView.Percent(block.PriorityFees, 10)", StringComparison.Ordinal));

        Assert.Empty(result.Diagnostics);
        var sequencer = Assert.Single(result.Model!.SharedSequencers);
        Assert.Equal(UInt128.Zero, sequencer.FeePerGas);
        Assert.Equal((HookKind.SharedSequencerFee, "shared sequencer espresso fee"), (sequencer.FeeHook!.Kind, sequencer.FeeHook.Owner));
    }

    [Fact]
    public void A_choose_hook_binds_on_an_auto_batcher()
    {
        var result = TestSources.Compile(Scenario.Replace("rollup B like A {}", "rollup B like A {}\n  rollup C like A { batch { every = 1 min  to = ethereum.auto  choose = csharp => DaChoice.Calldata } }", StringComparison.Ordinal).Replace("on A, B", "on A, B, C", StringComparison.Ordinal));

        Assert.Empty(result.Diagnostics);
        var c = result.Model!.Rollups.Single(r => r.Name == "C");
        Assert.Equal((HookKind.DaChoice, "rollup C choose"), (c.Batch.ChooseHook!.Kind, c.Batch.ChooseHook.Owner));
        Assert.Null(result.Model.Rollups.Single(r => r.Name == "A").Batch.ChooseHook);
    }

    [Theory]
    [InlineData("aggregate_data = true", "cost_split = equal", "PS3005 12:5 `cost_split` splits the cost of the shared postings of `aggregate_data = true`")]
    [InlineData("aggregate_data = true", "aggregate_data = true\n    cost_split = by_size", "PS3005 13:18")]
    [InlineData("kind = external", "kind = enshrined", "PS3005 11:5 `fee` is what an external shared sequencer's network charges")]
    [InlineData("kind = external\n    fee = 0.002 gwei", "fee = csharp => UInt128.Zero", "PS3005 10:5 `fee` is what an external shared sequencer's network charges")]
    [InlineData("batch { every = 1 min  to = ethereum.blobs }", "batch { every = 1 min  to = ethereum.blobs  choose = csharp => DaChoice.Calldata }", "PS3005 6:49 `choose` picks blobs or calldata for each batch of `to = L1.auto`, but rollup `A` posts every batch to blobs")]
    [InlineData("batch { every = 1 min  to = ethereum.blobs }", "batch { every = 1 min  to = ethereum.auto  choose = calldata }", "PS3005 6:48 `choose` takes a C# hook")]
    public void Sequencing_hook_errors_point_at_the_faulty_setting(string original, string replacement, string expected)
    {
        var text = Scenario.Replace(original, replacement, StringComparison.Ordinal);
        Assert.Contains(TestSources.Errors(text), e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("soft", false, true)]
    [InlineData("l1_finality", true, false)]
    [InlineData("l1_inclusion", false, false)]
    public void Cross_chain_trust_reads_soft_beside_the_l1_levels(string trust, bool afterFinality, bool soft)
    {
        var text = Scenario.Replace("users = poisson(5 / s) on A, B", $"users = poisson(5 / s) on A, B\n    cross_chain = 10 %\n    cross_chain_trust = {trust}", StringComparison.Ordinal);
        var crossChain = TestSources.Compile(text).Model!.Workload.CrossChain;
        Assert.Equal(afterFinality, crossChain.AfterFinality);
        Assert.Equal(soft, crossChain.OnSoftConfirmation);
    }

    [Fact]
    public void A_withholding_rollup_may_exchange_cross_chain_messages_now_that_a_reorg_rolls_them_back()
    {
        const string Withholding = """
            scenario "w" {
              duration 30 min
              rollup A {
                block_time = 2 s
                accounts 10 funded 1 eth
                sequencer { withhold = 5 min for 10 min }
              }
              rollup B {
                block_time = 2 s
                accounts 10 funded 1 eth
              }
              workload {
                users = poisson(1 / s) on A, B
                cross_chain = 10 %
                cross_chain_trust = soft
              }
            }
            """;
        Assert.Empty(TestSources.Compile(Withholding).Diagnostics);
    }
}
