using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

public class ProversBindingTests
{
    private const string TwoRollups = """
        scenario "t" {
          seed 1
          duration 1 min
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
          }
          rollup B like A {}
          workload { users = poisson(5 / s) on A, B }
        PROVERS
        }
        """;

    private static CompilationResult Compile(string provers) =>
        TestSources.Compile(TwoRollups.Replace("PROVERS", provers, StringComparison.Ordinal));

    private static string[] Errors(string provers) =>
        [.. Compile(provers).Diagnostics.Where(d => d.IsError).Select(d => $"{d.Code} {d.Position.Line}:{d.Position.Column} {d.Message}")];

    [Fact]
    public void A_provers_block_binds_count_selection_scoped_times_and_cost_in_canonical_units()
    {
        var result = Compile("""
              provers for A, B {
                count = 8
                selection = proof_of_necessary_work { difficulty = 20 bits  hash_rate = 2_000_000 / s  racers = 3 }
                proof_time = normal(300 ms, 50 ms) per transaction
                cost = 0.002 eth per block
                pipeline = per_transaction
                aggregation_time = uniform(1 s, 2 s)
              }
            """);
        Assert.Empty(result.Diagnostics);
        var provers = Assert.Single(result.Model!.Provers);
        Assert.Equal(["A", "B"], provers.Rollups.ToArray());
        Assert.Equal(8, provers.Count);
        Assert.Equal(ProvingScope.Transaction, provers.Pipeline);
        Assert.Equal(new DistributionModel(DistributionKind.Normal, 300_000, 50_000), provers.ProofTime);
        Assert.Equal(new DistributionModel(DistributionKind.Uniform, 1_000_000, 2_000_000), provers.AggregationTime);
        Assert.Equal(2 * Wei.PerEther / 1000, provers.Cost);
        Assert.Equal(ProvingScope.Block, provers.CostScope);
        Assert.Equal(ProverSelectionKind.ProofOfNecessaryWork, provers.Selection.Kind);
        Assert.Equal(20, provers.Selection.DifficultyBits);
        Assert.Equal(2_000_000, provers.Selection.HashRatePerSecond);
        Assert.Equal(3, provers.Selection.Racers);
    }

    [Fact]
    public void Hash_rates_give_each_racing_prover_its_own_hash_power_in_index_order()
    {
        var result = Compile("provers for A { count = 2  selection = proof_of_necessary_work { hash_rates = [3_000_000 / s, 1_000 / ms] }  proof_time = 30 s per block }");
        Assert.Empty(result.Diagnostics);
        var selection = result.Model!.Provers[0].Selection;
        Assert.Equal([3_000_000d, 1_000_000d], selection.HashRatesPerSecond.ToArray());
        Assert.Equal(1_000_000, selection.HashRatePerSecond);
    }

    [Fact]
    public void Stake_market_round_robin_and_a_hook_bind_as_selections()
    {
        var stake = Compile("provers for A { count = 2  selection = stake { stakes = [32 eth, 96 eth] }  proof_time = 30 s per block }");
        Assert.Empty(stake.Diagnostics);
        Assert.Equal([32 * Wei.PerEther, 96 * Wei.PerEther], stake.Model!.Provers[0].Selection.Stakes.ToArray());

        var market = Compile("provers for A { count = 2  selection = market { spread = 25 % }  proof_time = 30 s per block  cost = 1 gwei per transaction }");
        Assert.Empty(market.Diagnostics);
        Assert.Equal(2_500, market.Model!.Provers[0].Selection.SpreadBasisPoints);
        Assert.Equal(ProvingScope.Transaction, market.Model.Provers[0].CostScope);

        var roundRobin = Compile("provers for A { count = 2  selection = round_robin  proof_time = 30 s per block }");
        Assert.Equal(ProverSelectionKind.RoundRobin, roundRobin.Model!.Provers[0].Selection.Kind);

        var hooked = Compile("provers for B {\n count = 2\n selection = csharp => 0\n proof_time = 30 s per block\n}");
        Assert.Empty(hooked.Diagnostics);
        var hook = hooked.Model!.Provers[0].Selection.Hook!;
        Assert.Equal(HookKind.ProverSelection, hook.Kind);
        Assert.Equal("provers for B selection", hook.Owner);
        Assert.Same(hook, Assert.Single(hooked.Model.Hooks));
    }

    [Fact]
    public void An_unknown_rollup_is_reported_with_the_declared_ones()
    {
        var d = Assert.Single(Compile("provers for A, C { count = 2  selection = round_robin  proof_time = 30 s per block }").Diagnostics);
        Assert.Equal(DiagnosticCodes.UnknownReference, d.Code);
        Assert.Equal("no rollup named `C`", d.Message);
        Assert.Equal("declared rollups: A, B", d.Hint);
    }

    [Fact]
    public void A_rollup_proven_by_two_provers_blocks_is_reported_where_it_is_named_again()
    {
        Assert.Equal(
            ["PS3004 11:15 rollup `A` is already proven by the `provers` block on line 10"],
            Errors("""
              provers for A, B { count = 2  selection = round_robin  proof_time = 30 s per block }
              provers for A { count = 2  selection = round_robin  proof_time = 30 s per block }
            """));
    }

    [Theory]
    [InlineData("count = 0  selection = round_robin  proof_time = 30 s per block", "PS3006 10:27 `count` must be a whole number between 1 and 1_024")]
    [InlineData("count = 2  selection = round_robin  proof_time = 30 s", "PS3003 10:68 `proof_time` must say what it is per")]
    [InlineData("count = 2  selection = round_robin  proof_time = 30 gwei per block", "PS3003 10:68 expected a time (ms, s, min, h), found an ether amount (wei, gwei, eth)")]
    [InlineData("count = 2  selection = round_robin  proof_time = 30 s per transaction", "PS3003 10:77 expected `per block`, found `per transaction`: with `pipeline = per_block` a proof covers a whole block")]
    [InlineData("count = 2  selection = round_robin  proof_time = 30 s per block  pipeline = per_transaction", "PS3003 10:77 expected `per transaction`, found `per block`: with `pipeline = per_transaction` each transaction is proven on its own")]
    [InlineData("count = 2  selection = round_robin  proof_time = normal(-3 s, 1 s) per block", "PS3006 10:75 this value must not be negative")]
    [InlineData("count = 2  selection = proof_of_necessary_work { difficulty = 61 bits }  proof_time = 30 s per block", "PS3006 10:81 `difficulty` must be a whole number between 0 and 60")]
    [InlineData("count = 2  selection = proof_of_necessary_work { racers = 3 }  proof_time = 30 s per block", "PS3006 10:68 3 racers is more than the 2 provers")]
    [InlineData("count = 3  selection = proof_of_necessary_work { hash_rates = [1 / s, 2 / s] }  proof_time = 30 s per block", "PS3006 10:81 `hash_rates` has 2 entries for 3 provers")]
    [InlineData("count = 2  selection = proof_of_necessary_work { hash_rates = [1 / s, 0 / s] }  proof_time = 30 s per block", "PS3006 10:89 `hash_rates` must be between 1 / s and 1e15 / s")]
    [InlineData("count = 2  selection = proof_of_necessary_work { hash_rate = 1 / s  hash_rates = [1 / s, 2 / s] }  proof_time = 30 s per block", "PS3005 10:87 `hash_rate` and `hash_rates` both set the provers' hash power")]
    [InlineData("count = 3  selection = stake { stakes = [1 eth, 2 eth] }  proof_time = 30 s per block", "PS3006 10:59 `stakes` has 2 entries for 3 provers")]
    [InlineData("count = 2  selection = stake { stakes = [0 eth, 0 eth] }  proof_time = 30 s per block", "PS3006 10:59 the stakes add up to zero: no prover could be chosen")]
    [InlineData("count = 2  selection = lottery  proof_time = 30 s per block", "PS3005 10:42 `lottery` is not a valid `selection`")]
    [InlineData("count = 2  selection = round_robin  proof_time = 30 s per block  cost = 1 gwei", "PS3003 10:91 `cost` must be an amount per block or per transaction")]
    public void Impossible_values_and_mismatched_scopes_are_errors_at_the_value(string body, string expected)
    {
        Assert.Equal([expected], Errors("  provers for A { " + body + " }"));
    }

    [Fact]
    public void Provers_without_a_for_list_or_without_required_fields_say_what_to_add()
    {
        Assert.Equal(["PS3002 10:3 `provers` must say which rollups they prove"], Errors("  provers { count = 2 }"));
        Assert.Equal(
            ["PS3002 10:3 `provers` is missing `proof_time`", "PS3002 10:3 `provers` is missing `selection`"],
            Errors("  provers for A { count = 2 }"));
    }

    [Fact]
    public void Aggregation_and_verification_bind_arity_level_and_wrap_times_gas_interval_and_sharing()
    {
        var result = Compile("""
              provers for A, B {
                count = 8
                selection = market
                pipeline = per_transaction
                proof_time = constant(300 ms) per transaction
                aggregation { arity = 4  time = constant(1 s) per level  wrap = normal(5 s, 1 s) }
                verification { gas = 250_000  every = 30 s  across = rollups }
              }
            """);
        Assert.Empty(result.Diagnostics.Select(d => $"{d.Code} {d.Message}"));
        var provers = Assert.Single(result.Model!.Provers);
        Assert.Equal(new ProofAggregationModel(4, new DistributionModel(DistributionKind.Constant, 1_000_000, 0), new DistributionModel(DistributionKind.Normal, 5_000_000, 1_000_000)), provers.Aggregation);
        Assert.Equal(new ProofVerificationModel(250_000, SimDuration.FromSeconds(30), true), provers.Verification);

        // Defaults: 300 000 gas, every minute, each rollup on its own; without the blocks, neither.
        var defaults = Compile("provers for A {\n count = 2\n selection = round_robin\n proof_time = 30 s per block\n verification { }\n}");
        Assert.Empty(defaults.Diagnostics.Select(d => $"{d.Code} {d.Message}"));
        Assert.Equal(new ProofVerificationModel(300_000, SimDuration.FromSeconds(60), false), defaults.Model!.Provers[0].Verification);
        Assert.Null(defaults.Model.Provers[0].Aggregation);
    }

    [Fact]
    public void A_tree_without_arity_a_scope_other_than_per_level_or_beside_a_flat_aggregation_time_is_refused()
    {
        Assert.Contains(Errors("  provers for A {\n count = 2\n selection = round_robin\n proof_time = 30 s per block\n aggregation { time = 1 s }\n }"), e => e.StartsWith("PS3002", StringComparison.Ordinal) && e.Contains("arity", StringComparison.Ordinal));
        Assert.Contains(Errors("  provers for A {\n count = 2\n selection = round_robin\n proof_time = 30 s per block\n aggregation { arity = 2  time = 1 s per block }\n }"), e => e.StartsWith("PS3003 14:42 expected `per level`, found `per block`", StringComparison.Ordinal));
        Assert.Contains(Errors("  provers for A {\n count = 2\n selection = round_robin\n proof_time = 30 s per transaction\n pipeline = per_transaction\n aggregation_time = 1 s\n aggregation { arity = 2 }\n }"), e => e.StartsWith("PS3005 15:2 `aggregation_time` is the flat aggregation", StringComparison.Ordinal));
        Assert.Contains(Errors("  provers for A {\n count = 2\n selection = round_robin\n proof_time = 30 s per block\n aggregation { arity = 1 }\n }"), e => e.StartsWith("PS3006 14:24", StringComparison.Ordinal));
    }

    [Fact]
    public void Sharing_a_verification_across_rollups_needs_aggregation()
    {
        Assert.Equal(
            ["PS3005 14:17 `across = rollups` verifies one aggregated proof for several rollups, but these provers do not aggregate"],
            Errors("  provers for A, B {\n count = 2\n selection = round_robin\n proof_time = 30 s per block\n verification { across = rollups }\n }"));
        Assert.Contains(Errors("  provers for A {\n count = 2\n selection = round_robin\n proof_time = 30 s per block\n verification { gas = 1_000 }\n }"), e => e.StartsWith("PS3006", StringComparison.Ordinal));
    }

    [Fact]
    public void A_shard_pipeline_needs_its_shards_and_times_each_shard_per_shard()
    {
        var result = Compile("  provers for A {\n count = 4\n selection = round_robin\n pipeline = per_shard\n shards = 16\n execution = constant(2 s)\n proof_time = constant(3 s) per shard\n }");
        Assert.Empty(result.Diagnostics.Select(d => $"{d.Code} {d.Message}"));
        var provers = Assert.Single(result.Model!.Provers);
        Assert.Equal(ProvingScope.Shard, provers.Pipeline);
        Assert.Equal(16, provers.Shards);
        Assert.Equal(new DistributionModel(DistributionKind.Constant, 2_000_000, 0), provers.Execution);
        Assert.Equal(new DistributionModel(DistributionKind.Constant, 3_000_000, 0), provers.ProofTime);

        Assert.Contains(Errors("  provers for A {\n count = 4\n selection = round_robin\n pipeline = per_shard\n proof_time = constant(3 s) per shard\n }"), e => e.StartsWith("PS3002", StringComparison.Ordinal) && e.Contains("shards", StringComparison.Ordinal));
        Assert.Contains(Errors("  provers for A {\n count = 4\n selection = round_robin\n pipeline = per_shard\n shards = 4\n proof_time = constant(3 s) per transaction\n }"), e => e.StartsWith("PS3003 15:33 expected `per shard`, found `per transaction`", StringComparison.Ordinal));
    }
}
