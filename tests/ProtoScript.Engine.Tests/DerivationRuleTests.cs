using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class DerivationRuleTests
{
    private static readonly HookModel Hook = new(HookKind.Derivation, "rollup A derivation", "null", true, new Language.Text.SourceText("t.proto-script", "null"), new Language.Text.TextSpan(0, 4));

    // A one-block window drops every batch under the standard rule (see DerivationTests); with a
    // hook the window is not checked, so the same rollup derives whatever the hook accepts.
    private static ScenarioModel WithHook()
    {
        var scenario = TestScenarios.TwoRollups(durationSeconds: 90, rate: 30);
        var derivation = DerivationModel.Standard with { Name = "custom", SequencingWindow = 1, Hook = Hook };
        return scenario with { Rollups = [scenario.Rollups[0] with { Derivation = derivation }, scenario.Rollups[1]] };
    }

    [Fact]
    public void A_rule_that_accepts_every_batch_replaces_the_sequencing_window_and_derives_the_sequencers_roots()
    {
        var rule = new Recording(_ => null);
        var report = Verifier.Run(WithHook(), new SimulationOptions { Rules = new Resolver(rule) });

        Assert.True(report.AllMatch);
        Assert.Empty(report.Rollups[0].Errors);
        Assert.True(report.Rollups[0].BlocksDerived > 0);
        Assert.NotEmpty(rule.Seen);

        // The rule sees each batch's landing block with that block's own time, and blocks in order.
        var l1 = report.Result.L1Data!.Blocks;
        Assert.All(rule.Seen, b => Assert.Equal(l1[(int)(b.L1Block - 1)].Time.Microseconds, b.L1TimeOf(b.L1Block)));
        Assert.Equal(1UL, rule.Seen[0].Batch.Blocks[0].Number);
    }

    [Fact]
    public void A_rule_that_rejects_drops_the_whole_batch_with_its_reason()
    {
        var report = Verifier.Run(WithHook(), new SimulationOptions { Rules = new Resolver(new Recording(_ => "no")) });

        var a = report.Rollups[0];
        Assert.Equal(0, a.BlocksDerived);
        Assert.Equal(1UL, a.FirstMissing);
        Assert.All(a.Errors, e => Assert.Matches("^batch of blocks [0-9]+–[0-9]+ dropped: no$", e.Reason));
        Assert.True(report.Rollups[1].Matches);
    }

    [Fact]
    public void A_rollup_with_a_derivation_hook_and_no_rule_is_an_argument_error_not_standard_derivation()
    {
        Assert.Throws<ArgumentException>(() => Verifier.Run(WithHook()));
    }

    [Fact]
    public void A_rule_that_throws_is_a_rule_failure_at_the_batchs_L1_time_and_first_block()
    {
        var e = Assert.Throws<RuleFailedException>(() => Verifier.Run(WithHook(), new SimulationOptions { Rules = new Resolver(new Recording(_ => throw new InvalidOperationException("boom"))) }));

        Assert.Equal("A", e.Rollup);
        Assert.Equal(1, e.Block);
        Assert.IsType<InvalidOperationException>(e.InnerException);
        Assert.True(e.Time > SimDuration.Zero);
    }

    private sealed class Recording(Func<DerivationBatch, string?> check) : IDerivationRule
    {
        public List<DerivationBatch> Seen { get; } = [];

        public string? Check(DerivationBatch batch)
        {
            Seen.Add(batch);
            return check(batch);
        }
    }

    private sealed class Resolver(IDerivationRule rule) : IRuleProvider
    {
        public object? Create(HookModel hook, RandomStream? random) => hook.Kind == HookKind.Derivation ? rule : null;
    }
}
