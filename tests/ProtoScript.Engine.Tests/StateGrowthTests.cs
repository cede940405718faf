using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Simulation;
using ProtoScript.Engine.State;
using ProtoScript.Engine.Workload;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class StateGrowthTests
{
    [Fact]
    public void N_transfers_to_fresh_addresses_create_exactly_N_accounts()
    {
        // 4 funded users; no tip, so the sequencer's account stays empty and does not count.
        var chain = new RollupChain(TestScenarios.Rollup("A", OrderingRule.Fcfs, accounts: 4), new FcfsOrdering(), null, new RollupParts { FreshAccounts = 10 });
        var before = StateSize.Measure(chain.State, 0);
        for (var i = 0; i < 3; i++)
        {
            chain.Submit(new Transaction(i, chain.NextFreshAccount(), Wei.PerEther, 0, 0, Transaction.TransferGas, SimDuration.FromSeconds(1)));
        }

        chain.ProduceBlock(SimDuration.FromSeconds(2));
        var after = StateSize.Measure(chain.State, 0);

        Assert.Equal(3, chain.Metrics.Included);
        Assert.Equal(4, before.Accounts);
        Assert.Equal(4 + 3, after.Accounts);
        Assert.Equal(3 * StateSize.AccountBytes, after.Bytes - before.Bytes);
        Assert.Equal([5, 6, 7], Enumerable.Range(5, 3).Where(a => chain.State.Balance(a) == Wei.PerEther));
    }

    [Fact]
    public void Fresh_addresses_come_after_every_other_account_and_run_out_with_a_clear_error()
    {
        var chain = new RollupChain(TestScenarios.Rollup("A", OrderingRule.Fcfs, accounts: 4), new FcfsOrdering(), null, new RollupParts { FreshAccounts = 2 });

        Assert.Equal(5, chain.FirstFreshAccount); // 4 users and the sequencer
        Assert.Equal(7, chain.State.Count);
        Assert.Equal([5, 6], new[] { chain.NextFreshAccount(), chain.NextFreshAccount() });
        var error = Assert.Throws<InvalidOperationException>(() => chain.NextFreshAccount());
        Assert.Contains("used all 2 fresh addresses", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reserve_is_the_mean_plus_ten_standard_deviations_plus_64_and_zero_without_new_accounts()
    {
        var users = TestScenarios.Users(10, "A") with { NewAccountShare = 0.25 };
        var scenario = TestScenarios.Single(TestScenarios.Rollup("A"), users, durationSeconds: 40);

        // Mean 10 / s × 40 s × 25 % = 100: 100 + 10 × 10 + 64.
        Assert.Equal(264, FreshAccounts.Reserve(scenario, "A"));
        Assert.Equal(0, FreshAccounts.Reserve(scenario with { Workload = new WorkloadModel([TestScenarios.Users(10, "A")]) }, "A"));
    }

    [Fact]
    public void A_run_that_creates_accounts_grows_its_state_over_time_and_still_derives()
    {
        var users = TestScenarios.Users(20, "A") with { NewAccountShare = 0.5 };
        var scenario = TestScenarios.Single(TestScenarios.Rollup("A", OrderingRule.Fcfs), users, durationSeconds: 240);

        var report = Verifier.Run(scenario);
        var growth = report.Result.Rollups[0].StateGrowth!;

        Assert.True(report.AllMatch, report.Rollups[0].Describe());
        Assert.Equal(4, growth.Samples.Length);
        Assert.Equal([60, 120, 180, 240], growth.Samples.Select(s => (long)s.Time.TotalSeconds));
        Assert.True(growth.Samples.Select(s => s.Size.Accounts).Zip(growth.Samples.Skip(1).Select(s => s.Size.Accounts)).All(p => p.First < p.Second));
        Assert.Equal(report.Result.Rollups[0].StateSize.End, growth.End);
        Assert.Equal(growth.AccountsCreated * 360, growth.AccountsPerDay); // 240 s is 1/360 of a day
        Assert.Equal(report.Result.Rollups[0].Blocks, growth.Sync.Blocks);
        Assert.Equal(report.Result.Rollups[0].GasUsed, growth.Sync.Gas);
        Assert.Equal(report.Result.Rollups[0].DataAvailability.Blobs * 131_072, growth.Sync.BlobBytes);
    }

    [Fact]
    public void Without_new_accounts_no_state_growth_section_is_collected()
    {
        var result = Simulator.Run(TestScenarios.Single(TestScenarios.Rollup("A"), TestScenarios.Users(5, "A"), durationSeconds: 30));

        Assert.Null(result.Rollups[0].StateGrowth);
    }
}
