using Microsoft.CodeAnalysis.CSharp;
using ProtoScript.Engine.Mempool;
using ProtoScript.Language;
using ProtoScript.Language.Model;
using ProtoScript.Scripting;
using ProtoScript.Testing;

namespace ProtoScript.Generators.Tests;

public class CompiledScenarioTests
{
    private static CompilationResult FeeBands() =>
        ScenarioCompiler.Compile("fee-bands.proto-script", File.ReadAllText(Repository.Example("fee-bands.proto-script")));

    private static Transaction Tx(ulong priorityFee, ulong arrival) => new(0, 1, 0, 0, priorityFee, Transaction.TransferGas, default, arrival);

    private static HookOptions NoCache(CompilationResult file) => HookOptions.FromLimits(file.Model!.HookLimits) with { UseCache = false };

    /// <summary>One example per hook site: ordering, fee distribution, prover selection, validity, strategy, derivation.</summary>
    public static TheoryData<string> OneExamplePerSite() => new()
    {
        "fee-bands.proto-script",
        "fee-split.proto-script",
        "prover-selection.proto-script",
        "spam-filter.proto-script",
        "arbitrage-strategy.proto-script",
        "derivation-rule.proto-script",
    };

    [Theory]
    [MemberData(nameof(OneExamplePerSite))]
    public void Emitted_code_of_a_scenario_with_hooks_matches_its_verified_snapshot(string example)
    {
        var file = ScenarioCompiler.Compile(example, File.ReadAllText(Repository.Example(example)));
        var (hooks, diagnostics) = new HookCompiler(NoCache(file)).InstrumentedSource(file.AllHooks);

        Assert.Empty(diagnostics);
        var name = Emit.ScenarioEmitter.ClassNameFromPath(example) + ".compiled.verified.txt";
        Snapshot.Verify(CompiledScenario.EmitSource(file) + "\n// ---- hooks.g.cs ----\n" + hooks, Repository.Snapshot(name));
    }

    [Theory]
    [MemberData(nameof(OneExamplePerSite))]
    public void Every_hook_site_resolves_to_a_rule_of_the_emitted_assembly_not_to_a_scripted_hook(string example)
    {
        var file = ScenarioCompiler.Compile(example, File.ReadAllText(Repository.Example(example)));
        var model = file.Model!;
        var result = CompiledScenario.Compile(file, NoCache(file));
        using var scenario = result.Scenario;
        Assert.True(result.Success);

        var rules = new List<object?>();
        foreach (var rollup in model.Rollups)
        {
            rules.AddRange([
                rollup.OrderingHook is null ? "none" : scenario!.Resolve(rollup),
                rollup.Fees?.Hook is null ? "none" : ((Engine.Fees.IFeeDistributorResolver)scenario!).Resolve(rollup),
                rollup.ValidityHook is null ? "none" : scenario!.ResolveValidity(rollup),
                rollup.Derivation.Hook is null ? "none" : scenario!.ResolveDerivation(rollup),
            ]);
        }

        rules.AddRange(model.Provers.Where(p => p.Selection.Hook is not null).Select(p => scenario!.Resolve(p, new Engine.Randomness.RandomTree(1).Stream("selection"))));
        rules.Add(model.Workload.ArbitrageStrategy is null ? "none" : scenario!.ResolveStrategy(model.Workload));

        var hooked = rules.Where(r => r is not "none").ToList();
        Assert.NotEmpty(hooked);
        Assert.All(hooked, rule =>
        {
            Assert.NotNull(rule);
            Assert.Equal(CompiledScenario.LoadContextName, System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(rule.GetType().Assembly)?.Name);
        });
    }

    [Fact]
    public void Hook_code_in_emitted_source_maps_to_its_line_and_column_in_the_proto_script_file()
    {
        var file = FeeBands();
        var (hooks, _) = new HookCompiler(NoCache(file)).InstrumentedSource(file.AllHooks);
        var tree = CSharpSyntaxTree.ParseText(hooks!);

        // `bandX` in `var bandX` is on line 13, column 11 of fee-bands.proto-script (one-based).
        var token = tree.GetRoot().DescendantTokens().First(t => t.Text == "bandX");
        var mapped = token.GetLocation().GetMappedLineSpan();
        Assert.Equal("fee-bands.proto-script", mapped.Path);
        Assert.Equal(13 - 1, mapped.StartLinePosition.Line);
        Assert.Equal(11 - 1, mapped.StartLinePosition.Character);
    }

    [Fact]
    public void A_hook_with_a_type_error_fails_the_compiled_path_at_its_line_and_column()
    {
        const string Source = """
            scenario "bad" {
              duration 1 min
              rollup A {
                block_time = 2 s
                gas_limit = 1_000_000
                ordering = csharp => x.Nonce.Length
                accounts 10 funded 1 eth
              }
              workload {
                users = poisson(1 / s) on A
              }
            }
            """;
        var file = ScenarioCompiler.Compile("bad.proto-script", Source);
        Assert.True(file.Success);

        var result = CompiledScenario.Compile(file, NoCache(file));

        Assert.False(result.Success);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("CS1061", error.Code);
        Assert.Equal(6, error.Position.Line);
        Assert.Equal(34, error.Position.Column);
    }

    [Fact]
    public void Built_in_rules_are_emitted_as_infallible_rules_that_order_like_the_engine()
    {
        var file = FeeBands();
        var result = CompiledScenario.Compile(file, NoCache(file));
        using var scenario = result.Scenario;
        Assert.True(result.Success);

        var auction = scenario!.Resolve(file.Model!.Rollups.Single(r => r.Name == "auction"));
        Assert.IsAssignableFrom<Engine.Ordering.IInfallibleOrderingRule>(auction);
        Assert.Equal("priority_fee", auction!.Name);
        var cheap = Tx(1, 1);
        var dear = Tx(2, 2);
        var dearLater = Tx(2, 3);
        Assert.True(auction.Compare(dear, cheap) < 0);
        Assert.True(auction.Compare(dear, dearLater) < 0);

        var banded = scenario.Resolve(file.Model.Rollups.Single(r => r.Name == "banded"));
        Assert.Equal("csharp", banded!.Name);

        // Same 1 gwei band: first come, first served; a higher band goes first.
        Assert.True(banded.Compare(Tx(1_900_000_000, 2), Tx(1_000_000_000, 1)) > 0);
        Assert.True(banded.Compare(Tx(2_000_000_000, 2), Tx(1_900_000_000, 1)) < 0);
    }

    [Fact]
    public void A_random_ordering_is_left_to_the_engine_which_draws_its_salt()
    {
        var rollup = new RollupModel("R", new SimDuration(2_000_000), 1_000_000, OrderingRule.Random, 1, 10, 1);
        var file = FeeBands();
        var result = CompiledScenario.Compile(file, NoCache(file));
        using var scenario = result.Scenario;

        Assert.Null(scenario!.Resolve(rollup));
    }

    [Theory]
    [InlineData("ordering = csharp { while (true) { } }")]
    [InlineData("ordering = csharp { for (var i = 0; i < 3; i++) { } return 0; }")]
    [InlineData("ordering = csharp => new System.Func<int>(() => 1)()")]
    public void A_hook_whose_last_token_the_budget_rewriter_replaces_still_compiles_as_text(string ordering)
    {
        var source = $$"""
            scenario "loop" {
              duration 1 min
              rollup A {
                block_time = 2 s
                gas_limit = 1_000_000
                {{ordering}}
                accounts 10 funded 1 eth
              }
              workload {
                users = poisson(1 / s) on A
              }
            }
            """;
        var file = ScenarioCompiler.Compile("loop.proto-script", source);
        Assert.True(file.Success);

        var result = CompiledScenario.Compile(file, NoCache(file));
        using var scenario = result.Scenario;

        Assert.True(result.Success, string.Join("; ", result.Diagnostics.Select(d => d.Message)));
    }
}
