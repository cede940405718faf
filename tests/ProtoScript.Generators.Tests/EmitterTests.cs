using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ProtoScript.Emit;
using ProtoScript.Language.Model;
using ProtoScript.Language.Text;

namespace ProtoScript.Generators.Tests;

/// <summary>
/// The emitter on models the language cannot write yet (hooks) or rarely writes (extreme
/// values): what the emitted code builds must equal the model, field by field.
/// </summary>
public class EmitterTests
{
    [Fact]
    public void Every_field_round_trips_including_hooks_and_extreme_values()
    {
        var model = EdgeCaseModel();

        var rebuilt = CompileAndBuild(ScenarioEmitter.Emit(model, new EmitOptions("Edge.Cases", "Extreme")), "Edge.Cases.Extreme");

        Assert.Equal(ModelDump.Of(model), ModelDump.Of(rebuilt));
    }

    [Fact]
    public void Hooks_that_share_a_file_share_one_source_text_and_the_ordering_hook_is_the_same_object()
    {
        var rebuilt = CompileAndBuild(ScenarioEmitter.Emit(EdgeCaseModel(), new EmitOptions("Edge.Cases", "Extreme")), "Edge.Cases.Extreme");

        Assert.Same(rebuilt.Hooks[0].Source, rebuilt.Hooks[1].Source);
        Assert.Same(rebuilt.Hooks[0], rebuilt.Rollups[0].OrderingHook);
        Assert.Equal(new SourceLocation("hooks.proto-script", 2, 14), rebuilt.Hooks[0].Location);
    }

    [Fact]
    public void Without_the_engine_the_class_has_the_model_but_no_Run()
    {
        var source = ScenarioEmitter.Emit(EdgeCaseModel(), new EmitOptions(string.Empty, "Global", EmitRun: false));

        var rebuilt = CompileAndBuild(source, "Global");

        Assert.DoesNotContain("Run(", source, StringComparison.Ordinal);
        Assert.Equal("edge \"case\"", rebuilt.Name);
    }

    private static ScenarioModel CompileAndBuild(string source, string typeName)
    {
        var compilation = GeneratorHarness.Compilation().AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Info));
        return (ScenarioModel)GeneratorHarness.Load(compilation).GetType(typeName, throwOnError: true)!.GetProperty("Model")!.GetValue(null)!;
    }

    private static ScenarioModel EdgeCaseModel()
    {
        const string text = "scenario \"edge\" {\n    csharp { return a.Fee > b.Fee; }\n  fees = csharp => 1 + \"\\\\\" \u2028 \ud83d\ude00\n}";
        var source = new SourceText("hooks.proto-script", text);
        var ordering = new HookModel(HookKind.Ordering, "rollup A ordering", "return a.Fee > b.Fee;", false, source, new TextSpan(text.IndexOf("return", StringComparison.Ordinal), 21));
        var fees = new HookModel(HookKind.FeeDistribution, "fees", "1 + \"\\\\\" \u2028 \ud83d\ude00", true, source, new TextSpan(text.IndexOf("1 +", StringComparison.Ordinal), 12));
        var stray = new HookModel(HookKind.Strategy, "other", "x", true, new SourceText("other.proto-script", "x"), new TextSpan(0, 1));
        return new ScenarioModel(
            "edge \"case\"",
            ulong.MaxValue,
            new SimDuration(long.MaxValue),
            new L1Model("l1\n\\\t\0\u0085", new SimDuration(long.MinValue)),
            [
                new RollupModel("A", SimDuration.Zero, ulong.MaxValue, OrderingRule.Fcfs, UInt128.MaxValue, int.MinValue, new UInt128(1, 0)) { OrderingHook = ordering },
                new RollupModel("B", new SimDuration(-1), 0, (OrderingRule)42, UInt128.Zero, int.MaxValue, (UInt128)ulong.MaxValue) { OrderingHook = stray },
            ],
            new WorkloadModel(
            [
                new UserStreamModel(double.NaN, ["A", "B"], new DistributionModel(DistributionKind.Normal, double.PositiveInfinity, double.NegativeInfinity), new DistributionModel(DistributionKind.Uniform, -0.0, double.Epsilon)),
                new UserStreamModel(0.1, [], new DistributionModel(DistributionKind.Exponential, 1e300, -1.5e-300), new DistributionModel(DistributionKind.Constant, double.MaxValue, double.MinValue)),
                new UserStreamModel(1, default, new DistributionModel(DistributionKind.Constant, 1, 0), new DistributionModel(DistributionKind.Constant, 2, 0)),
            ])
            {
                CrossChain = new CrossChainModel(double.Epsilon) { AfterFinality = true },
            })
        {
            Expectations =
            [
                new ExpectationModel(ExpectationKind.ConservedTotalSupply, "conserved total_supply", new SourceLocation("x.proto-script", 1, 2)),
                new ExpectationModel(ExpectationKind.Comparison, "report.A.fees.total >= 1.50 eth", new SourceLocation("x.proto-script", 3, 4), new MetricPath("A", "fees.total", MetricUnit.Wei), ComparisonOperator.GreaterOrEqual, 1.50m),
                new ExpectationModel(ExpectationKind.Comparison, "min", default, new MetricPath("l1", "blocks", MetricUnit.Count), ComparisonOperator.NotEqual, decimal.MinValue),
            ],
            Hooks = [ordering, fees],
            SharedSequencers =
            [
                new SharedSequencerModel("espresso", ["A", "B"], new BftModel(int.MaxValue, 0, new SimDuration(long.MaxValue)), false)
                {
                    Kind = SharedSequencerKind.External,
                    Hop = new SimDuration(1),
                },
            ],
            Builders = [new BuilderModel("b1", [], false)],
        };
    }
}
