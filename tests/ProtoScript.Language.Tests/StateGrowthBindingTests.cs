using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

public class StateGrowthBindingTests
{
    private static string WithWorkloadLine(string line) =>
        TestSources.Valid.Replace("priority_fee = exponential(1 gwei)", "priority_fee = exponential(1 gwei)\n    " + line, StringComparison.Ordinal);

    private static string WithRollupLines(string lines) =>
        TestSources.Valid.Replace("accounts 100 funded 1 eth", "accounts 100 funded 1 eth\n" + lines, StringComparison.Ordinal);

    [Fact]
    public void Without_new_accounts_no_transfer_goes_to_a_fresh_address()
    {
        Assert.Equal(0, TestSources.Compile(TestSources.Valid).Model!.Workload.Streams[0].NewAccountShare);
    }

    [Fact]
    public void New_accounts_binds_as_a_share_of_the_transfers()
    {
        var result = TestSources.Compile(WithWorkloadLine("new_accounts = 20 %"));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(0.2, result.Model!.Workload.Streams[0].NewAccountShare, 12);
    }

    [Fact]
    public void A_new_account_share_above_one_hundred_percent_is_a_located_error()
    {
        Assert.Equal(
            ["PS3005 14:20 `new_accounts` must be a percentage between 0 % and 100 %, found a percentage"],
            TestSources.Errors(WithWorkloadLine("new_accounts = 120 %")));
    }

    [Theory]
    [InlineData("ethereum.blobs", DaTarget.Blobs)]
    [InlineData("ethereum.calldata", DaTarget.Calldata)]
    [InlineData("ethereum.auto", DaTarget.Auto)]
    public void The_batch_target_binds_blobs_calldata_or_auto(string to, DaTarget target)
    {
        var result = TestSources.Compile(WithRollupLines($"    batch {{ every = 1 min  to = {to} }}"));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(target, result.Model!.Rollups[0].Batch.Target);
    }

    [Fact]
    public void An_unknown_batch_target_lists_auto_among_the_valid_values()
    {
        var diagnostic = TestSources.Single(WithRollupLines("    batch { every = 1 min  to = ethereum.cheapest }"));

        Assert.Equal("PS3005", diagnostic.Code);
        Assert.Contains("ethereum.auto", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_with_a_fees_block_is_refused_at_the_target_naming_the_fees_line()
    {
        var text = WithRollupLines("    batch { every = 1 min  to = ethereum.auto }\n    fees {\n      l1_data_fee = true\n    }");

        Assert.Equal(
            ["PS3005 10:28 `to = ethereum.auto` cannot be combined with the `fees` block of line 11: its L1 data fee is priced from one market, blobs or calldata, and a batcher that switches between them is not modelled there"],
            TestSources.Errors(text));
    }

    [Fact]
    public void Storage_writes_bind_with_their_slots_and_new_share()
    {
        var result = TestSources.Compile(WithWorkloadLine("storage_writes = 10 %\n    storage_slots = 3\n    new_slots = 25 %"));

        Assert.Empty(result.Diagnostics);
        var stream = result.Model!.Workload.Streams[0];
        Assert.Equal((0.1, 3, 0.25), (stream.StorageWriteShare, stream.SlotsPerWrite, stream.NewSlotShare));
    }

    [Fact]
    public void Storage_writes_default_to_one_slot_half_of_them_new()
    {
        var stream = TestSources.Compile(WithWorkloadLine("storage_writes = 10 %")).Model!.Workload.Streams[0];

        Assert.Equal((1, 0.5), (stream.SlotsPerWrite, stream.NewSlotShare));
    }

    [Fact]
    public void Storage_slots_without_storage_writes_is_a_located_error()
    {
        Assert.Equal(
            ["PS3005 14:5 `storage_slots` describes storage writes, but the workload has no `storage_writes`"],
            TestSources.Errors(WithWorkloadLine("storage_slots = 2")));
    }

    [Fact]
    public void More_than_64_slots_per_write_is_out_of_range()
    {
        var diagnostic = TestSources.Single(WithWorkloadLine("storage_writes = 10 %\n    storage_slots = 65"));

        Assert.Equal("PS3006", diagnostic.Code);
    }
}
