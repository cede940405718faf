using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class OrderingRuleResolverTests
{
    [Fact]
    public void A_resolver_replaces_the_rule_of_the_rollups_it_answers_for_and_leaves_the_others()
    {
        // Rollup A is congested (20 transfers per block for about 50 arrivals), so its order matters.
        var two = TestScenarios.TwoRollups(seed: 7, rate: 25);
        var model = two with { Rollups = [two.Rollups[0] with { GasLimit = 20 * Transaction.TransferGas }, two.Rollups[1]] };
        var builtIn = Simulator.Run(model);
        var resolver = new Resolver("A", new LatestFirst());

        var replaced = Simulator.Run(model, new SimulationOptions { OrderingRules = resolver });

        Assert.Equal(["A", "B"], resolver.Asked);
        Assert.NotEqual(builtIn.Rollups[0].InclusionLatency, replaced.Rollups[0].InclusionLatency);
        Assert.Equal(builtIn.Rollups[1], replaced.Rollups[1] with { Transactions = builtIn.Rollups[1].Transactions });
        Assert.Equal(builtIn.Rollups[1].StateRoot, replaced.Rollups[1].StateRoot);
    }

    [Fact]
    public void A_rollup_with_an_ordering_hook_needs_a_resolver_that_answers_for_it()
    {
        var model = TestScenarios.TwoRollups();
        var hook = new HookModel(HookKind.Ordering, "rollup A ordering", "0", true, new Language.Text.SourceText("s.proto-script", "0"), new Language.Text.TextSpan(0, 1));
        var hooked = model with { Rollups = [model.Rollups[0] with { OrderingHook = hook }, model.Rollups[1]] };

        var withoutResolver = Assert.Throws<ArgumentException>(() => Simulator.Run(hooked));
        var withSilentResolver = Assert.Throws<ArgumentException>(() => Simulator.Run(hooked, new SimulationOptions { OrderingRules = new Resolver("B", new LatestFirst()) }));

        Assert.Contains("rollup A ordering", withoutResolver.Message, StringComparison.Ordinal);
        Assert.Contains("rollup A ordering", withSilentResolver.Message, StringComparison.Ordinal);
    }

    private sealed class Resolver(string rollup, IOrderingRule rule) : IOrderingRuleResolver
    {
        public List<string> Asked { get; } = [];

        public IOrderingRule? Resolve(RollupModel model)
        {
            Asked.Add(model.Name);
            return model.Name == rollup ? rule : null;
        }
    }

    /// <summary>The opposite of fcfs: the most recent arrival first.</summary>
    private sealed class LatestFirst : IOrderingRule
    {
        public string Name => "latest_first";

        public int Compare(in Transaction x, in Transaction y) => y.ArrivalSequence.CompareTo(x.ArrivalSequence);
    }
}
