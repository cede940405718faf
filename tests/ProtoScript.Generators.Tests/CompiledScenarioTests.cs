using Microsoft.CodeAnalysis.CSharp;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Simulation;
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

    /// <summary>One example per hook site: ordering, fee distribution, prover selection, validity, strategy, derivation, builder bid and strategy, base fee market, BFT proposer.</summary>
    public static TheoryData<string> OneExamplePerSite() => new()
    {
        "fee-bands.proto-script",
        "fee-split.proto-script",
        "prover-selection.proto-script",
        "spam-filter.proto-script",
        "arbitrage-strategy.proto-script",
        "derivation-rule.proto-script",
        "builder-hooks.proto-script",
        "base-fee-hook.proto-script",
        "proposer-hook.proto-script",
        "sequencing-hooks.proto-script",
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
                rollup.OrderingHook is null ? "none" : RuleRegistry.Ordering.Resolve(rollup, scenario),
                rollup.Fees?.Hook is null ? "none" : RuleRegistry.FeeDistribution.Resolve(rollup, scenario),
                rollup.ValidityHook is null ? "none" : RuleRegistry.TransactionValidity.Resolve(rollup, scenario),
                rollup.Derivation.Hook is null ? "none" : RuleRegistry.Derivation.Resolve(rollup, scenario),
                rollup.Fees?.BaseFeeMarket?.Hook is null ? "none" : RuleRegistry.BaseFeeMarket.Resolve(rollup, scenario),
                rollup.Sequencer.Consensus is not { ProposerHook: not null } set ? "none" : RuleRegistry.BftProposer.Resolve(set, scenario),
                rollup.Batch.ChooseHook is null ? "none" : RuleRegistry.DaChoice.Resolve(rollup, scenario),
            ]);
        }

        foreach (var shared in model.SharedSequencers)
        {
            rules.Add(shared.CostSplitHook is null ? "none" : RuleRegistry.DaCostSplit.Resolve(shared, scenario));
            rules.Add(shared.FeeHook is null ? "none" : RuleRegistry.SharedSequencerFee.Resolve(shared, scenario));
        }

        rules.AddRange(model.Provers.Where(p => p.Selection.Hook is not null).Select(p => RuleRegistry.ProverSelection.Resolve(p, scenario, new Engine.Randomness.RandomTree(1).Stream("selection"))));
        rules.Add(model.Workload.ArbitrageStrategy is null ? "none" : RuleRegistry.Strategy.Resolve(model.Workload, scenario));
        foreach (var builder in model.Rollups.Where(r => r.Pbs is not null).SelectMany(r => r.Pbs!.Builders))
        {
            rules.Add(builder.BidHook is null ? "none" : RuleRegistry.BuilderBid.Resolve(builder, scenario));
            rules.Add(builder.StrategyHook is null ? "none" : RuleRegistry.BuilderStrategy.Resolve(builder, scenario));
        }

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
    public void Built_in_rules_are_left_to_the_engine_registry_and_hooks_resolve_to_emitted_rules()
    {
        var file = FeeBands();
        var result = CompiledScenario.Compile(file, NoCache(file));
        using var scenario = result.Scenario;
        Assert.True(result.Success);

        // The emitted source names no built-in rule: a new built-in needs nothing from the emitter.
        Assert.DoesNotContain("PriorityFeeOrdering", CompiledScenario.EmitSource(file), StringComparison.Ordinal);
        var auction = file.Model!.Rollups.Single(r => r.Name == "auction");
        Assert.Null(RuleRegistry.Ordering.Resolve(auction, scenario));
        var run = Engine.Simulation.Simulator.Run(file.Model, new SimulationOptions { Rules = scenario });
        Assert.Equal("priority_fee", run.Rollups.Single(r => r.Name == "auction").Ordering);

        var banded = RuleRegistry.Ordering.Resolve(file.Model.Rollups.Single(r => r.Name == "banded"), scenario);
        Assert.Equal("csharp", banded!.Name);

        // Same 1 gwei band: first come, first served; a higher band goes first.
        Assert.True(banded.Compare(Tx(1_900_000_000, 2), Tx(1_000_000_000, 1)) > 0);
        Assert.True(banded.Compare(Tx(2_000_000_000, 2), Tx(1_900_000_000, 1)) < 0);
    }

    public static TheoryData<string> BuiltInFeeRules() => [.. FeeSplitRuleNames.All];

    [Theory]
    [MemberData(nameof(BuiltInFeeRules))]
    public void A_built_in_fee_rule_settles_the_same_in_the_compiled_scenario_as_in_the_scripted_engine(string rule)
    {
        // `base_fee = burn` is the default, and a stack's rule refuses it (it decides where base fees go).
        var text = File.ReadAllText(Repository.Example("fee-split.proto-script"))
            .Replace("distribute = split {", "distribute = " + rule + " {", StringComparison.Ordinal)
            .Replace("base_fee = burn", string.Empty, StringComparison.Ordinal);
        var file = ScenarioCompiler.Compile("fee-split.proto-script", text);
        Assert.True(file.Success, string.Join("\n", file.Diagnostics));
        var hooks = new HookCompiler(NoCache(file)).Compile(file.Model!);
        Assert.True(hooks.Success);
        using var scripted = hooks.Hooks;
        var compiled = CompiledScenario.Compile(file, NoCache(file));
        Assert.True(compiled.Success);
        using var scenario = compiled.Scenario;

        var byScript = Simulator.Run(file.Model!, new SimulationOptions { Rules = scripted });
        var byEmittedCode = Simulator.Run(scenario.Model, new SimulationOptions { Rules = scenario });

        // The emitted model names the rule; the engine's table settles it on both paths.
        Assert.Equal(file.Model!.Rollups[0].Fees!.Rule, scenario.Model.Rollups[0].Fees!.Rule);
        Assert.Equal(rule, byEmittedCode.Rollups[0].FeeDistribution!.Rule);
        Assert.Equal(Reporting.JsonReportWriter.Write(byScript), Reporting.JsonReportWriter.Write(byEmittedCode));
    }

    [Fact]
    public void A_random_ordering_is_left_to_the_engine_which_draws_its_salt()
    {
        var rollup = new RollupModel("R", new SimDuration(2_000_000), 1_000_000, OrderingRule.Random, 1, 10, 1);
        var file = FeeBands();
        var result = CompiledScenario.Compile(file, NoCache(file));
        using var scenario = result.Scenario;

        Assert.Null(RuleRegistry.Ordering.Resolve(rollup, scenario));
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
