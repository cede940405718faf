using System.Globalization;
using ProtoScript.Language.Model;

namespace ProtoScript.Emit;

/// <summary>The scenario's ordering rules as specialised code (see <see cref="EmitOrdering"/>).</summary>
public static partial class ScenarioEmitter
{
    private const string Ordering = "global::ProtoScript.Engine.Ordering.";
    private const string Tx = "in global::ProtoScript.Engine.Mempool.Transaction";

    /// <summary>
    /// Emits <c>OrderingRules</c>, the resolver the engine asks once per rollup at genesis, and
    /// one sealed rule class per rule the scenario uses: a built-in rule's comparison written
    /// out as direct code, and each C# ordering hook as a rule that calls the hook's static
    /// method inside the same budget bracket as the scripted path. Nothing on the per-comparison
    /// path allocates, boxes or goes through a delegate.
    /// </summary>
    /// <remarks>
    /// The random rule is not emitted: its salt is drawn from the run's random tree, which only
    /// the engine holds, so the resolver leaves it to the engine. A rollup whose rule the
    /// resolver does not know (a sweep point that changes it) gets the engine's built-in rule.
    /// </remarks>
    private static void EmitOrdering(CodeWriter w, ScenarioModel model, EmitOptions options)
    {
        var rules = model.Rollups.Where(r => r.OrderingHook is null).Select(r => r.Ordering).Distinct().Order().ToList();
        var hooks = options.Hooks.Select((h, i) => (Hook: h, Index: i)).Where(h => h.Hook.Kind == HookKind.Ordering).ToList();

        w.Line("/// <summary>The scenario's ordering rules as specialised code; the engine asks it for each rollup's rule at genesis.</summary>");
        w.Line("public static global::ProtoScript.Engine.Simulation.IOrderingRuleResolver OrderingRules { get; } = new OrderingRuleResolver();");
        w.Line();
        w.Line("private sealed class OrderingRuleResolver : global::ProtoScript.Engine.Simulation.IOrderingRuleResolver");
        w.Open();
        w.Line("public " + Ordering + "IOrderingRule? Resolve(" + ModelNs + "RollupModel rollup)");
        w.Open();
        w.Line("global::System.ArgumentNullException.ThrowIfNull(rollup);");
        if (hooks.Count > 0)
        {
            w.Line("if (rollup.OrderingHook is { } hook)");
            w.Open();

            // Matched by text, not position: a sweep point's rollup carries its own hook model.
            foreach (var (hook, index) in hooks)
            {
                w.Line("if (hook.Kind == " + ModelNs + "HookKind.Ordering && hook.IsExpression == " + (hook.IsExpression ? "true" : "false") + " && hook.Code == " + CSharpLiterals.String(hook.Code) + ")");
                w.Open();
                w.Line("return new " + HookRuleName(index) + "(hook);");
                w.Close();
                w.Line();
            }

            w.Line("return null;");
            w.Close();
            w.Line();
        }

        w.Line("return rollup.OrderingHook is null ? rollup.Ordering switch");
        w.Open();
        foreach (var rule in rules.Where(r => r is not (OrderingRule.Random or OrderingRule.Auction)))
        {
            w.Line(ModelNs + "OrderingRule." + rule + " => " + BuiltInRuleName(rule) + ".Instance,");
        }

        w.Line("_ => null,");
        w.Dedent();
        w.Line("} : null;");
        w.Close();
        w.Close();

        foreach (var rule in rules.Where(r => r is not (OrderingRule.Random or OrderingRule.Auction)))
        {
            w.Line();
            EmitBuiltInRule(w, rule);
        }

        foreach (var (_, index) in hooks)
        {
            w.Line();
            EmitHookRule(w, index, options.HookClass);
        }
    }

    private static string BuiltInRuleName(OrderingRule rule) => rule + "Ordering";

    private static string HookRuleName(int index) => "HookOrdering" + index.ToString(CultureInfo.InvariantCulture);

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

    private static void EmitHookRule(CodeWriter w, int index, string hookClass)
    {
        const string Support = "global::ProtoScript.Scripting.GeneratedHookSupport";
        w.Line("private sealed class " + HookRuleName(index) + "(" + ModelNs + "HookModel hook) : " + Ordering + "IOrderingRule");
        w.Open();
        w.Line("private static readonly global::ProtoScript.Scripting.HookOptions Options = global::ProtoScript.Scripting.HookOptions.FromLimits(Model.HookLimits);");
        w.Line();
        w.Line("public string Name => \"csharp\";");
        w.Line();
        w.Line("public int Compare(" + Tx + " x, " + Tx + " y)");
        w.Open();
        w.Line("var vx = global::ProtoScript.Scripting.HookOrderingRule.View(x);");
        w.Line("var vy = global::ProtoScript.Scripting.HookOrderingRule.View(y);");
        w.Line(Support + ".Begin(Options);");
        w.Line("int result;");
        w.Line("try");
        w.Open();
        w.Line("result = " + hookClass + ".Hook" + index.ToString(CultureInfo.InvariantCulture) + "(vx, vy);");
        w.Close();
        w.Line("catch (global::System.Exception e)");
        w.Open();
        w.Line("throw " + Support + ".Fail(hook, e);");
        w.Close();
        w.Line();
        w.Line(Support + ".End(hook);");
        w.Line("return result;");
        w.Close();
        w.Close();
    }
}
