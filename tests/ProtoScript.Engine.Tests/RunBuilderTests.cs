using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class RunBuilderTests
{
    private static readonly ExpectationModel Derivable = new(ExpectationKind.Derivable, "derivable", new SourceLocation("t.proto-script", 1, 1));

    [Fact]
    public void A_run_keeps_its_L1_data_exactly_when_an_expectation_derives_from_it()
    {
        var plain = TestScenarios.TwoRollups(durationSeconds: 10);
        var derivable = plain with { Expectations = [Derivable] };

        Assert.False(new RunBuilder(plain).Options.RetainL1Data);
        Assert.Null(new RunBuilder(plain).Run().L1Data);
        Assert.True(new RunBuilder(derivable).Options.RetainL1Data);
        Assert.NotNull(new RunBuilder(derivable).Run().L1Data);
        Assert.True(new RunBuilder(plain).WithOptions(new SimulationOptions { RetainL1Data = true }).Options.RetainL1Data);
    }

    [Fact]
    public void A_seed_override_runs_the_scenario_with_that_seed_and_the_same_seed_gives_the_same_run()
    {
        var model = TestScenarios.TwoRollups(seed: 1, durationSeconds: 10);

        var builder = new RunBuilder(model).WithSeed(9);

        Assert.Equal(9UL, builder.Model.Seed);
        Assert.Equal(Simulator.Run(model.WithSeed(9)).Rollups.Select(r => r.StateRoot), builder.Run().Rollups.Select(r => r.StateRoot));
        Assert.NotEqual(Simulator.Run(model).Rollups.Select(r => r.StateRoot), builder.Run().Rollups.Select(r => r.StateRoot));
        Assert.Equal(1UL, new RunBuilder(model).WithSeed(null).Model.Seed);
    }

    [Fact]
    public void Rules_a_caller_brings_in_its_options_win_over_the_builders_own()
    {
        var model = TestScenarios.TwoRollups(durationSeconds: 10);
        var own = new NoRules();
        var callers = new NoRules();

        Assert.Same(own, new RunBuilder(model).WithRules(own).Options.Rules);
        Assert.Same(callers, new RunBuilder(model).WithRules(own).WithOptions(new SimulationOptions { Rules = callers }).Options.Rules);
    }

    private sealed class NoRules : IRuleProvider
    {
        public object? Create(HookModel hook, RandomStream? random) => null;
    }
}
