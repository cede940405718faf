using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

public class BridgeBindingTests
{
    private static string WithWorkloadLine(string line) =>
        TestSources.Valid.Replace("priority_fee = exponential(1 gwei)", "priority_fee = exponential(1 gwei)\n    " + line, StringComparison.Ordinal);

    private static string WithRollupLine(string line) =>
        TestSources.Valid.Replace("accounts 100 funded 1 eth", "accounts 100 funded 1 eth\n    " + line, StringComparison.Ordinal);

    [Fact]
    public void Without_bridge_fields_there_are_no_deposits_no_withdrawals_and_a_seven_day_delay()
    {
        var model = TestSources.Compile(TestSources.Valid).Model!;
        Assert.Empty(model.Workload.Deposits);
        Assert.Equal(0, model.Workload.Streams[0].WithdrawalShare);
        Assert.Equal(SimDuration.FromSeconds(7 * 24 * 3600), model.Rollups[0].Bridge.WithdrawalDelay);
    }

    [Fact]
    public void Deposits_withdrawals_and_the_withdrawal_delay_bind_in_canonical_units()
    {
        var text = WithRollupLine("withdrawal_delay = 2 min");
        text = text.Replace("priority_fee = exponential(1 gwei)", "priority_fee = exponential(1 gwei)\n    value = constant(0.5 eth)\n    deposits = poisson(6 / min) on A\n    withdrawals = 5 %", StringComparison.Ordinal);
        var result = TestSources.Compile(text);
        Assert.Empty(result.Diagnostics);
        var model = result.Model!;
        var deposits = Assert.Single(model.Workload.Deposits);
        Assert.Equal(0.1, deposits.RatePerSecond, 12);
        Assert.Equal(["A"], deposits.Rollups.ToArray());
        Assert.Equal(new DistributionModel(DistributionKind.Constant, 5e17, 0), deposits.Value);
        Assert.Equal(0.05, model.Workload.Streams[0].WithdrawalShare, 12);
        Assert.Equal(SimDuration.FromSeconds(120), model.Rollups[0].Bridge.WithdrawalDelay);
    }

    [Fact]
    public void Deposits_to_an_unknown_rollup_are_an_error_that_suggests_the_declared_one()
    {
        var diagnostic = TestSources.Single(WithWorkloadLine("deposits = poisson(1 / min) on B"));
        Assert.Equal("PS3007", diagnostic.Code);
        Assert.Equal("no rollup named `B`", diagnostic.Message);
    }

    [Fact]
    public void Deposits_that_are_not_an_arrival_process_name_the_field()
    {
        var diagnostic = TestSources.Single(WithWorkloadLine("deposits = 5 on A"));
        Assert.Equal("PS3005", diagnostic.Code);
        Assert.StartsWith("`deposits` must be an arrival process", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("write `deposits = poisson(50 / s) on A`", diagnostic.Hint);
    }

    [Fact]
    public void A_withdrawal_share_above_one_hundred_percent_is_an_error()
    {
        var diagnostic = TestSources.Single(WithWorkloadLine("withdrawals = 150 %"));
        Assert.Equal("PS3005", diagnostic.Code);
        Assert.Equal("`withdrawals` must be a percentage between 0 % and 100 %, found a percentage", diagnostic.Message);
    }

    [Fact]
    public void A_withdrawal_delay_that_is_not_a_time_is_an_error()
    {
        var error = Assert.Single(TestSources.Errors(WithRollupLine("withdrawal_delay = 2 eth")));
        Assert.StartsWith("PS3003 10:24 expected a time (ms, s, min, h)", error, StringComparison.Ordinal);
    }

    private const string Provers = "\n  provers for A {\n    count = 2\n    selection = round_robin\n    proof_time = constant(30 s) per block\n  }\n}";

    [Fact]
    public void A_proof_gated_withdrawal_delay_on_a_proven_rollup_binds_as_finalizing_on_the_proof()
    {
        var text = WithRollupLine("withdrawal_delay = proof");
        text = text[..text.LastIndexOf('}')] + Provers;
        var result = TestSources.Compile(text);
        Assert.Empty(result.Diagnostics);
        Assert.True(result.Model!.Rollups[0].Bridge.FinalizesOnProof);
    }

    [Fact]
    public void A_proof_gated_withdrawal_delay_on_a_rollup_without_provers_is_refused_at_its_value()
    {
        var diagnostic = TestSources.Single(WithRollupLine("withdrawal_delay = proof"));
        Assert.Equal("PS3005", diagnostic.Code);
        Assert.Equal("`withdrawal_delay = proof` waits for the proof of a withdrawal's block, but rollup `A` is not proven: no `provers` block names it", diagnostic.Message);
        Assert.Equal("add `provers for A { ... }`, or give a challenge period, e.g. `withdrawal_delay = 7 day`", diagnostic.Hint);
        Assert.StartsWith("PS3005 10:24 ", Assert.Single(TestSources.Errors(WithRollupLine("withdrawal_delay = proof"))), StringComparison.Ordinal);
    }

    [Fact]
    public void A_withdrawal_delay_naming_something_other_than_proof_is_an_error_that_offers_proof()
    {
        var diagnostic = TestSources.Single(WithRollupLine("withdrawal_delay = proven"));
        Assert.Equal("PS3005", diagnostic.Code);
        Assert.Equal("`proven` is not a valid `withdrawal_delay`", diagnostic.Message);
        Assert.Contains("`withdrawal_delay = proof`", diagnostic.Hint, StringComparison.Ordinal);
    }
}
