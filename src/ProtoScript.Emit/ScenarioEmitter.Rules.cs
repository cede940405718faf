using System.Globalization;
using ProtoScript.Language.Model;

namespace ProtoScript.Emit;

/// <summary>The scenario's rules at every hook site as specialised code (see <see cref="EmitRules"/>).</summary>
public static partial class ScenarioEmitter
{
    private const string Engine = "global::ProtoScript.Engine.";
    private const string Scripting = "global::ProtoScript.Scripting.";
    private const string HookApi = "global::ProtoScript.Hooks.";
    private const string Ordering = "global::ProtoScript.Engine.Ordering.";
    private const string Tx = "in global::ProtoScript.Engine.Mempool.Transaction";

    /// <summary>
    /// Emits <c>Rules</c>, the generated path's rule provider (the engine's <c>IRuleProvider</c>):
    /// the engine asks it at genesis for the rule of each C# hook it meets, at whatever site. Per
    /// hook it emits a sealed rule class of its site whose call goes to the hook's static method
    /// through a struct. The site's run (ProtoScript.Scripting's <c>Hook*.Run</c>, the same code
    /// the scripted path runs) is generic over that struct, so the JIT calls the hook directly,
    /// inside the same budget bracket and with the same checks of its result and the same
    /// diagnostics as the scripted path: no delegate, no virtual call and no boxing between the
    /// engine's rule and the hook.
    /// </summary>
    /// <remarks>
    /// A hook is matched by its site and text, not by position: a sweep point's rollup carries
    /// its own hook model. A hook the provider does not know gets null, and the engine then
    /// reports that no compiled rule was given rather than silently running a built-in rule.
    /// Built-in rules are not emitted: the engine makes them from its rule registry, so a new
    /// built-in rule needs nothing here.
    /// </remarks>
    private static void EmitRules(CodeWriter w, EmitOptions options)
    {
        var hooks = options.Hooks.Select((h, i) => (Hook: h, Index: i)).ToList();
        foreach (var (hook, _) in hooks)
        {
            _ = Site(hook.Kind);
        }

        w.Line("/// <summary>The scenario's rules as specialised code; the engine asks it for each rollup's and provers block's rules at genesis.</summary>");
        w.Line("public static ScenarioRules Rules { get; } = new();");
        if (hooks.Count > 0)
        {
            w.Line();
            w.Line("private static readonly " + Scripting + "HookOptions HookOptions = " + Scripting + "HookOptions.FromLimits(Model.HookLimits);");
        }

        w.Line();
        w.Line("/// <summary>The rule of each of the scenario's C# hooks, at every site; null for a hook it does not know.</summary>");
        w.Line("public sealed class ScenarioRules : " + Engine + "Simulation.IRuleProvider");
        w.Open();
        w.Line("/// <inheritdoc />");
        w.Line("public object? Create(" + ModelNs + "HookModel hook, " + Engine + "Randomness.RandomStream? random)");
        w.Open();
        w.Line("global::System.ArgumentNullException.ThrowIfNull(hook);");
        foreach (var (hook, index) in hooks)
        {
            w.Line("if (hook.Kind == " + ModelNs + "HookKind." + hook.Kind + " && hook.IsExpression == " + (hook.IsExpression ? "true" : "false") + " && hook.Code == " + CSharpLiterals.String(hook.Code) + ")");
            w.Open();
            var extra = hook.Kind == HookKind.ProverSelection ? ", random ?? throw new global::System.ArgumentException(\"A prover-selection rule needs its random stream.\", nameof(random))" : string.Empty;
            w.Line("return new " + HookRuleName(hook.Kind, index) + "(hook" + extra + ");");
            w.Close();
            w.Line();
        }

        w.Line("return null;");
        w.Close();
        w.Close();

        foreach (var (hook, index) in hooks)
        {
            w.Line();
            EmitHookCall(w, hook.Kind, index, options.HookClass);
            w.Line();
            EmitHookRule(w, hook.Kind, index);
        }
    }

    private static string Number(int index) => index.ToString(CultureInfo.InvariantCulture);

    private static string HookRuleName(HookKind kind, int index) => Site(kind).RuleName + Number(index);

    private static string HookCallName(int index) => "Hook" + Number(index) + "Call";

    /// <summary>The struct that calls hook <paramref name="index"/>'s static method.</summary>
    private static void EmitHookCall(CodeWriter w, HookKind kind, int index, string hookClass)
    {
        var site = Site(kind);
        w.Line("private readonly struct " + HookCallName(index) + " : " + Scripting + site.CallInterface);
        w.Open();
        w.Line("public " + site.Invoke + " => " + hookClass + ".Hook" + Number(index) + "(" + site.Arguments + ");");
        w.Close();
    }

    /// <summary>The engine's rule for hook <paramref name="index"/>: its site's run, specialised for the hook's call struct.</summary>
    private static void EmitHookRule(CodeWriter w, HookKind kind, int index)
    {
        var site = Site(kind);
        var call = "default(" + HookCallName(index) + ")";
        var name = HookRuleName(kind, index);
        switch (kind)
        {
            case HookKind.Ordering:
                w.Line("private sealed class " + name + "(" + ModelNs + "HookModel hook) : " + Ordering + "IOrderingRule");
                w.Open();
                w.Line("public string Name => \"csharp\";");
                w.Line();
                w.Line("public int Compare(" + Tx + " x, " + Tx + " y) =>");
                w.Line("    " + Scripting + site.Runner + ".Run(hook, HookOptions, in x, in y, " + call + ");");
                break;
            case HookKind.FeeDistribution:
                w.Line("private sealed class " + name + "(" + ModelNs + "HookModel hook) : " + Engine + "Fees.IFeeDistributor");
                w.Open();
                w.Line("public void Distribute(in " + Engine + "Fees.FeeBlock block, global::System.Collections.Generic.List<" + Engine + "Fees.FeePayment> payments) =>");
                w.Line("    " + Scripting + site.Runner + ".Run(hook, HookOptions, in block, payments, " + call + ");");
                break;
            case HookKind.ProverSelection:
                w.Line("private sealed class " + name + "(" + ModelNs + "HookModel hook, " + Engine + "Randomness.RandomStream random) : " + Engine + "Proving.IProverChooser");
                w.Open();
                w.Line("private readonly " + HookApi + "HookRandom _random = " + Scripting + site.Runner + ".Random(random);");
                w.Line();
                w.Line("public int Choose(in " + Engine + "Proving.ProofJob job, global::System.Collections.Generic.IReadOnlyList<" + Engine + "Proving.ProverState> provers) =>");
                w.Line("    " + Scripting + site.Runner + ".Run(hook, HookOptions, in job, provers, _random, " + call + ");");
                break;
            case HookKind.TransactionValidity:
                w.Line("private sealed class " + name + "(" + ModelNs + "HookModel hook) : " + Engine + "Validity.ITransactionValidityRule");
                w.Open();
                w.Line("public bool Accepts(" + Tx + " tx, in " + Engine + "Validity.SenderRecord sender, long block, " + ModelNs + "SimDuration now) =>");
                w.Line("    " + Scripting + site.Runner + ".Run(hook, HookOptions, in tx, in sender, block, now, " + call + ");");
                break;
            case HookKind.Strategy or HookKind.Derivation or HookKind.ExpressLaneBid or HookKind.BuilderBid
                or HookKind.BuilderStrategy or HookKind.BaseFeeMarket or HookKind.BftProposer or HookKind.ProverBid
                or HookKind.DaCostSplit or HookKind.SharedSequencerFee or HookKind.DaChoice:
                var rule = OneArgumentRule(kind);
                var by = rule.ByReference ? "in " : string.Empty;
                w.Line("private sealed class " + name + "(" + ModelNs + "HookModel hook) : " + rule.Interface);
                w.Open();
                w.Line("public " + rule.Method + "(" + by + rule.ParameterType + " " + rule.Parameter + ") =>");
                w.Line("    " + Scripting + site.Runner + ".Run(hook, HookOptions, " + by + rule.Parameter + ", " + call + ");");
                break;
            default:
                throw new NotSupportedException($"{kind} hooks have no site in the engine.");
        }

        w.Close();
    }

    /// <summary>
    /// The engine rule of a site whose rule method takes one argument and returns what the hook
    /// returns: the interface it implements, the method's return type and name, and its parameter.
    /// </summary>
    private sealed record OneArgumentShape(string Interface, string Method, string ParameterType, string Parameter, bool ByReference);

    private static OneArgumentShape OneArgumentRule(HookKind kind) => kind switch
    {
        HookKind.Strategy => new(Engine + "Trading.IArbitrageStrategy", Engine + "Trading.ArbitrageOrder Decide", Engine + "Trading.ArbitrageSituation", "situation", true),
        HookKind.Derivation => new(Engine + "Derivation.IDerivationRule", "string? Check", Engine + "Derivation.DerivationBatch", "batch", false),
        HookKind.ExpressLaneBid => new(Engine + "Timeboost.IExpressLaneBidRule", "global::System.UInt128 Bid", Engine + "Timeboost.ExpressLaneBidSituation", "situation", true),
        HookKind.BuilderBid => new(Engine + "Pbs.IBuilderBidRule", "global::System.UInt128 Bid", HookApi + "BuilderBidView", "candidate", true),
        HookKind.BuilderStrategy => new(Engine + "Pbs.IBuilderStrategyRule", "global::System.Collections.Generic.IReadOnlyList<int> Order", Engine + "Pbs.BuilderOrderSituation", "situation", true),
        HookKind.BaseFeeMarket => new(Engine + "FeeMarket.IBaseFeeRule", "global::System.UInt128 BaseFee", HookApi + "BaseFeeParentView", "parent", true),
        HookKind.BftProposer => new(Engine + "Sequencing.Consensus.IProposerRule", "int Proposer", HookApi + "ProposerView", "round", false),
        HookKind.ProverBid => new(Engine + "Proving.IProverBidRule", "global::System.UInt128 Bid", HookApi + "ProverBidView", "auction", false),
        HookKind.DaCostSplit => new(Engine + "Batching.IDaCostSplitRule", "global::System.UInt128[] Split", HookApi + "CostSplitView", "posting", false),
        HookKind.SharedSequencerFee => new(Engine + "Sequencing.ISharedSequencerFeeRule", "global::System.UInt128 Fee", HookApi + "SequencerFeeView", "block", true),
        HookKind.DaChoice => new(Engine + "Batching.IDaChoiceRule", HookApi + "DaChoice Choose", HookApi + "DaChoiceView", "batch", true),
        _ => throw new NotSupportedException($"{kind} hooks have no one-argument rule."),
    };

    /// <summary>What the emitted code names for one hook site: its rule class, the call interface and its method, and the scripted class whose <c>Run</c> runs the site.</summary>
    private sealed record SiteShape(string RuleName, string CallInterface, string Invoke, string Arguments, string Runner);

    private static SiteShape Site(HookKind kind)
    {
        var (rule, call, runner) = kind switch
        {
            HookKind.Ordering => ("HookOrdering", "IOrderingHookCall", "HookOrderingRule"),
            HookKind.FeeDistribution => ("HookFees", "IFeeDistributionHookCall", "HookFeeDistributor"),
            HookKind.ProverSelection => ("HookProvers", "IProverSelectionHookCall", "HookProverChooser"),
            HookKind.TransactionValidity => ("HookValidity", "IValidityHookCall", "HookValidityRule"),
            HookKind.Strategy => ("HookStrategy", "IStrategyHookCall", "HookArbitrageStrategy"),
            HookKind.Derivation => ("HookDerivation", "IDerivationHookCall", "HookDerivationRule"),
            HookKind.ExpressLaneBid => ("HookLaneBid", "IExpressLaneBidHookCall", "HookExpressLaneBid"),
            HookKind.BuilderBid => ("HookBid", "IBuilderBidHookCall", "HookBuilderBid"),
            HookKind.BuilderStrategy => ("HookBuilderOrder", "IBuilderStrategyHookCall", "HookBuilderStrategy"),
            HookKind.BaseFeeMarket => ("HookBaseFee", "IBaseFeeHookCall", "HookBaseFeeRule"),
            HookKind.BftProposer => ("HookProposer", "IProposerHookCall", "HookProposerRule"),
            HookKind.ProverBid => ("HookProverBid", "IProverBidHookCall", "HookProverBid"),
            HookKind.DaCostSplit => ("HookCostSplit", "IDaCostSplitHookCall", "HookDaCostSplit"),
            HookKind.SharedSequencerFee => ("HookLayerFee", "ISharedSequencerFeeHookCall", "HookSharedSequencerFee"),
            HookKind.DaChoice => ("HookDaChoice", "IDaChoiceHookCall", "HookDaChoice"),
            _ => throw new NotSupportedException($"{kind} hooks have no site in the engine."),
        };

        // The call's method is the hook's signature as the engine's rule registry declares it.
        var signature = global::ProtoScript.Engine.Simulation.RuleRegistry.Find(kind)?.Signature
            ?? throw new NotSupportedException($"{kind} hooks have no site in the engine.");
        var returns = TypeName(signature.ReturnType) + (signature.ReturnType.IsValueType ? string.Empty : "?");
        var parameters = string.Join(", ", signature.Parameters.Select(p => TypeName(p.Type) + " " + p.Name));
        return new(rule, call, returns + " Invoke(" + parameters + ")", string.Join(", ", signature.Parameters.Select(p => p.Name)), runner);
    }

    // A hook signature's types are the hooks' API and a few base types; a reference return may be null (a derivation hook's "accept").
    private static string TypeName(Type type) =>
        type == typeof(int) ? "int"
        : type == typeof(long) ? "long"
        : type == typeof(bool) ? "bool"
        : type == typeof(void) ? "void"
        : type == typeof(string) ? "string"
        : type == typeof(int[]) ? "int[]"
        : type.IsGenericType || type.FullName is null
            ? throw new NotSupportedException($"Hook sites use non-generic types; {type} is not one.")
            : "global::" + type.FullName.Replace('+', '.');
}
