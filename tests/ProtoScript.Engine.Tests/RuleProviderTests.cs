using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class RuleProviderTests
{
    private static readonly HookModel HookOfA = new(HookKind.Ordering, "rollup A ordering", "0", true, new Language.Text.SourceText("s.proto-script", "0"), new Language.Text.TextSpan(0, 1));

    [Fact]
    public void A_provider_replaces_the_rule_of_the_rollups_with_a_hook_and_the_others_keep_their_built_in_rule()
    {
        // Rollup A is congested (20 transfers per block for about 50 arrivals), so its order matters.
        var two = TestScenarios.TwoRollups(seed: 7, rate: 25);
        var model = two with { Rollups = [two.Rollups[0] with { GasLimit = 20 * Transaction.TransferGas }, two.Rollups[1]] };
        var builtIn = Simulator.Run(model);
        var hooked = model with { Rollups = [model.Rollups[0] with { OrderingHook = HookOfA }, model.Rollups[1]] };
        var provider = new Provider(HookOfA, new LatestFirst());

        var replaced = Simulator.Run(hooked, new SimulationOptions { Rules = provider });

        // The engine asks only for the hooks the scenario has, once each, at genesis.
        Assert.Equal([HookOfA], provider.Asked);
        Assert.Equal("latest_first", replaced.Rollups[0].Ordering);
        Assert.NotEqual(builtIn.Rollups[0].InclusionLatency, replaced.Rollups[0].InclusionLatency);
        Assert.Equal(builtIn.Rollups[1], replaced.Rollups[1] with { Transactions = builtIn.Rollups[1].Transactions });
        Assert.Equal(builtIn.Rollups[1].StateRoot, replaced.Rollups[1].StateRoot);
    }

    [Fact]
    public void A_rollup_with_an_ordering_hook_needs_a_provider_that_answers_for_it()
    {
        var model = TestScenarios.TwoRollups();
        var hooked = model with { Rollups = [model.Rollups[0] with { OrderingHook = HookOfA }, model.Rollups[1]] };
        var other = HookOfA with { Owner = "rollup B ordering", Code = "1" };

        var withoutProvider = Assert.Throws<ArgumentException>(() => Simulator.Run(hooked));
        var withSilentProvider = Assert.Throws<ArgumentException>(() => Simulator.Run(hooked, new SimulationOptions { Rules = new Provider(other, new LatestFirst()) }));

        Assert.Contains("rollup A ordering", withoutProvider.Message, StringComparison.Ordinal);
        Assert.Contains("rollup A ordering", withSilentProvider.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_provider_rule_of_the_wrong_type_for_its_site_is_refused_like_a_missing_one()
    {
        var model = TestScenarios.TwoRollups();
        var hooked = model with { Rollups = [model.Rollups[0] with { OrderingHook = HookOfA }, model.Rollups[1]] };

        var e = Assert.Throws<ArgumentException>(() => Simulator.Run(hooked, new SimulationOptions { Rules = new Provider(HookOfA, "not a rule") }));

        Assert.Contains("C# ordering hook", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_registry_has_one_site_per_hook_kind_and_one_built_in_per_ordering_rule()
    {
        Assert.Equal(Enum.GetValues<HookKind>(), RuleRegistry.All.Select(s => s.Kind));
        Assert.All(Enum.GetValues<HookKind>(), kind => Assert.Same(RuleRegistry.All.Single(s => s.Kind == kind), RuleRegistry.Find(kind)));
        Assert.Equal(Enum.GetValues<OrderingRule>(), RuleRegistry.Orderings.Select(o => o.Rule));
        Assert.All(RuleRegistry.Orderings, o => Assert.Equal(o.Key, o.Create(() => new RandomTree(1).Stream("ordering")).Name));
    }

    [Fact]
    public void Every_site_declares_the_hook_signature_its_delegate_type_has()
    {
        Assert.All(RuleRegistry.All, site =>
        {
            var invoke = site.Signature.DelegateType.GetMethod("Invoke")!;
            Assert.Equal(site.Signature.ReturnType, invoke.ReturnType);
            Assert.Equal(site.Signature.Parameters.Select(p => p.Type), invoke.GetParameters().Select(p => p.ParameterType));
            Assert.Equal(site.Signature.Parameters.Length, site.Signature.Parameters.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count());
        });
    }

    [Fact]
    public void A_built_in_ordering_s_engine_key_is_the_name_the_language_gives_its_rule()
    {
        Assert.Equal(OrderingRuleNames.All, RuleRegistry.Orderings.Select(o => o.Key));
        Assert.All(Enum.GetValues<OrderingRule>(), rule => Assert.Equal(rule, OrderingRuleNames.Parse(RuleRegistry.BuiltIn(rule).Key)));
        Assert.Null(OrderingRuleNames.Parse("lifo"));
    }

    [Fact]
    public void A_site_reads_its_hook_from_the_model_and_leaves_owners_without_one_to_the_built_in_rule()
    {
        var plain = TestScenarios.Rollup("A");

        Assert.Null(RuleRegistry.Ordering.HookOf(plain));
        Assert.Null(RuleRegistry.Ordering.Resolve(plain, rules: null));
        Assert.Same(HookOfA, RuleRegistry.Ordering.HookOf(plain with { OrderingHook = HookOfA }));
    }

    private sealed class Provider(HookModel hook, object rule) : IRuleProvider
    {
        public List<HookModel> Asked { get; } = [];

        public object? Create(HookModel asked, RandomStream? random)
        {
            Asked.Add(asked);
            return asked == hook ? rule : null;
        }
    }

    /// <summary>The opposite of fcfs: the most recent arrival first.</summary>
    private sealed class LatestFirst : IOrderingRule
    {
        public string Name => "latest_first";

        public int Compare(in Transaction x, in Transaction y) => y.ArrivalSequence.CompareTo(x.ArrivalSequence);
    }
}
