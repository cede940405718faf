using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

public class DataAvailabilityBindingTests
{
    private static string WithL1(string l1) =>
        TestSources.Valid.Replace("l1 ethereum { slot_time = 12 s }", l1, StringComparison.Ordinal);

    private static string WithRollupLine(string line) =>
        TestSources.Valid.Replace("accounts 100 funded 1 eth", "accounts 100 funded 1 eth\n    " + line, StringComparison.Ordinal);

    [Fact]
    public void Without_settings_L1_is_prague_with_two_epochs_of_finality_and_rollups_post_brotli_blobs_every_minute()
    {
        var model = TestSources.Compile(TestSources.Valid).Model!;
        Assert.Equal("prague", model.L1.Fork);
        Assert.Equal(SimDuration.FromSeconds(12 * 64), model.L1.Finality);
        Assert.Equal(BlobMarketModel.Default, model.L1.Blobs);
        Assert.Equal(new BatchModel(SimDuration.FromSeconds(60), DaTarget.Blobs, CompressionKind.Brotli), model.Rollups[0].Batch);
        Assert.Equal(DerivationModel.Standard, model.Rollups[0].Derivation);
    }

    [Fact]
    public void L1_fork_base_fee_blob_overrides_and_finality_bind_in_canonical_units()
    {
        var text = WithL1("""
            l1 ethereum {
                slot_time = 12 s
                fork = cancun
                base_fee = 7 gwei
                blobs { target = 4  max = 8  update_fraction = 4_000_000  base_fee = 3 wei }
                finality = 15 min
              }
            """);
        var result = TestSources.Compile(text);
        Assert.Empty(result.Diagnostics);
        var l1 = result.Model!.L1;
        Assert.Equal("cancun", l1.Fork);
        Assert.Equal((UInt128)7_000_000_000, l1.BaseFee);
        Assert.Equal(new BlobMarketModel(4, 8, 4_000_000, 3), l1.Blobs);
        Assert.Equal(SimDuration.FromSeconds(900), l1.Finality);
    }

    [Fact]
    public void A_misspelt_fork_is_an_error_that_lists_the_known_forks()
    {
        var diagnostic = Assert.Single(TestSources.Compile(WithL1("l1 ethereum { fork = pragueX }")).Diagnostics);
        Assert.Equal("PS3005", diagnostic.Code);
        Assert.Equal("`pragueX` is not a valid `fork`", diagnostic.Message);
        Assert.Equal("did you mean `prague`? valid values: cancun, prague, osaka, bpo1, bpo2", diagnostic.Hint);
    }

    [Fact]
    public void A_blob_target_above_the_maximum_is_an_error_at_the_target()
    {
        Assert.Equal(
            ["PS3006 5:13 the blob target (7) is above the maximum (6)"],
            TestSources.Errors(WithL1("l1 ethereum {\n    blobs { target = 7  max = 6 }\n  }")));
    }

    [Fact]
    public void A_batch_block_sets_interval_target_and_compression()
    {
        var model = TestSources.Compile(WithRollupLine("batch { every = 30 s  to = ethereum.calldata  compression = zlib }")).Model!;
        Assert.Equal(new BatchModel(SimDuration.FromSeconds(30), DaTarget.Calldata, CompressionKind.Zlib), model.Rollups[0].Batch);
    }

    [Fact]
    public void A_batch_sent_to_another_chain_than_the_L1_is_an_error_with_the_valid_targets()
    {
        var diagnostic = Assert.Single(TestSources.Compile(WithRollupLine("batch { to = celestia.blobs }")).Diagnostics);
        Assert.Equal("`celestia.blobs` is not a data-availability target", diagnostic.Message);
        Assert.EndsWith("valid values: ethereum.blobs, ethereum.calldata, ethereum.auto", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Standard_derivation_bounds_can_be_changed_in_its_block()
    {
        var model = TestSources.Compile(WithRollupLine("derivation = standard { sequencing_window = 100  max_sequencer_drift = 10 min }")).Model!;
        Assert.Equal(DerivationModel.Standard with { SequencingWindow = 100, MaxSequencerDrift = SimDuration.FromSeconds(600) }, model.Rollups[0].Derivation);
    }

    [Fact]
    public void A_derivation_hook_is_bound_with_the_standard_windows_and_listed_with_the_scenario_hooks()
    {
        var result = TestSources.Compile(WithRollupLine("derivation = csharp => null"));
        Assert.Empty(result.Diagnostics);
        var derivation = result.Model!.Rollups[0].Derivation;
        var hook = derivation.Hook!;
        Assert.Equal(HookKind.Derivation, hook.Kind);
        Assert.Equal("rollup A derivation", hook.Owner);
        Assert.True(hook.IsExpression);
        Assert.Equal("null", hook.Code.Trim());
        Assert.Equal(DerivationModel.Standard with { Name = "custom", Hook = hook }, derivation);
        Assert.Same(hook, Assert.Single(result.Model.Hooks));
    }

    [Fact]
    public void A_rollup_like_another_inherits_its_batch_settings()
    {
        var text = WithRollupLine("batch { every = 2 min }").Replace("  workload {", "  rollup B like A { }\n  workload {", StringComparison.Ordinal);
        var model = TestSources.Compile(text).Model!;
        Assert.Equal(SimDuration.FromSeconds(120), model.Rollups[1].Batch.Every);
    }

    [Fact]
    public void An_ordering_hook_is_bound_with_its_exact_code_and_position_and_listed_with_the_scenario_hooks()
    {
        var text = TestSources.Valid.Replace("ordering = priority_fee", "ordering = csharp => y.PriorityFeePerGas.CompareTo(x.PriorityFeePerGas)", StringComparison.Ordinal);
        var result = TestSources.Compile(text);
        Assert.Empty(result.Diagnostics);
        var hook = result.Model!.Rollups[0].OrderingHook!;
        Assert.Equal(HookKind.Ordering, hook.Kind);
        Assert.Equal("rollup A ordering", hook.Owner);
        Assert.True(hook.IsExpression);
        Assert.Equal("y.PriorityFeePerGas.CompareTo(x.PriorityFeePerGas)", hook.Code.Trim());
        Assert.Equal(new SourceLocation("t.proto-script", 8, 26), hook.Location);
        Assert.Same(hook, Assert.Single(result.Model.Hooks));
    }
}
