using ProtoScript.Language.Model;

namespace ProtoScript.Emit;

/// <summary>The scenario's built-in ordering rules as specialised code.</summary>
public static partial class ScenarioEmitter
{
    private const string Ordering = "global::ProtoScript.Engine.Ordering.";
    private const string Tx = "in global::ProtoScript.Engine.Mempool.Transaction";

    /// <summary>
    /// The built-in ordering rules the scenario's rollups use that have a specialised form: the
    /// random rule draws its salt from the run's random tree, which only the engine holds, and
    /// the auction rule needs the engine's auction state, so both stay the engine's. A rollup
    /// whose rule the resolver does not know (a sweep point that changes it) gets the engine's
    /// built-in rule.
    /// </summary>
    private static List<OrderingRule> SpecialisedOrderings(ScenarioModel model) =>
        model.Rollups.Where(r => r.OrderingHook is null).Select(r => r.Ordering).Distinct()
            .Where(r => r is not (OrderingRule.Random or OrderingRule.Auction)).Order().ToList();

    /// <summary>The resolver's ordering rule for a rollup: its hook's rule, or its built-in rule written out.</summary>
    private static void EmitResolveOrdering(CodeWriter w, ScenarioModel model, IReadOnlyList<(HookModel Hook, int Index)> hooks)
    {
        w.Line("/// <inheritdoc />");
        w.Line("public " + Ordering + "IOrderingRule? Resolve(" + ModelNs + "RollupModel rollup)");
        w.Open();
        w.Line("global::System.ArgumentNullException.ThrowIfNull(rollup);");
        EmitHookMatch(w, "rollup.OrderingHook", hooks.Where(h => h.Hook.Kind == HookKind.Ordering), i => "new " + HookRuleName(HookKind.Ordering, i) + "(hook)", fallsThrough: true);
        w.Line("return rollup.Ordering switch");
        w.Open();
        foreach (var rule in SpecialisedOrderings(model))
        {
            w.Line(ModelNs + "OrderingRule." + rule + " => " + BuiltInRuleName(rule) + ".Instance,");
        }

        w.Line("_ => null,");
        w.Dedent();
        w.Line("};");
        w.Close();
    }

    private static string BuiltInRuleName(OrderingRule rule) => rule + "Ordering";

    private static void EmitBuiltInRule(CodeWriter w, OrderingRule rule)
    {
        w.Line("private sealed class " + BuiltInRuleName(rule) + " : " + Ordering + "IInfallibleOrderingRule");
        w.Open();
        w.Line("public static readonly " + BuiltInRuleName(rule) + " Instance = new();");
        w.Line();
        switch (rule)
        {
            case OrderingRule.Fcfs:
                w.Line("public string Name => " + Ordering + "FcfsOrdering.Key;");
                w.Line();
                w.Line("public int Compare(" + Tx + " x, " + Tx + " y) => x.ArrivalSequence.CompareTo(y.ArrivalSequence);");
                break;
            case OrderingRule.PriorityFee:
                w.Line("public string Name => " + Ordering + "PriorityFeeOrdering.Key;");
                w.Line();
                w.Line("public int Compare(" + Tx + " x, " + Tx + " y)");
                w.Open();
                w.Line("var byFee = y.PriorityFeePerGas.CompareTo(x.PriorityFeePerGas);");
                w.Line("return byFee != 0 ? byFee : x.ArrivalSequence.CompareTo(y.ArrivalSequence);");
                w.Close();
                break;
            default:
                throw new NotSupportedException($"The ordering rule {rule} has no specialised form.");
        }

        w.Close();
    }
}
