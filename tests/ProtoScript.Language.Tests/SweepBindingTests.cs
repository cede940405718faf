using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

public class SweepBindingTests
{
    private const string Base = """
        scenario "s" {
          duration 1 min
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
          }
          rollup B like A { }
          workload { users = poisson(5 / s) on A }
        }

        """;

    [Fact]
    public void A_sweep_binds_one_scenario_per_value_with_the_value_applied_and_inherited()
    {
        var result = TestSources.Compile(Base + "sweep rollup.A.block_time in [250 ms, 1 s] runs 20\n");
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        var sweep = result.Sweep!;
        Assert.Equal(20, sweep.Runs);
        Assert.Equal("rollup.A.block_time", Assert.Single(sweep.Axes).Path);
        Assert.Equal(["250 ms", "1 s"], sweep.Points.Select(p => p.Labels[0]));
        Assert.Equal(SimDuration.FromMilliseconds(250), sweep.Points[0].Model.Rollups[0].BlockTime);
        Assert.Equal(SimDuration.FromMilliseconds(250), sweep.Points[0].Model.Rollups[1].BlockTime);
        Assert.Equal(SimDuration.FromSeconds(1), sweep.Points[1].Model.Rollups[0].BlockTime);
        Assert.Equal(SimDuration.FromSeconds(2), result.Model!.Rollups[0].BlockTime);
    }

    [Fact]
    public void Two_sweeps_make_a_grid_with_the_last_axis_varying_fastest()
    {
        var result = TestSources.Compile(Base + "sweep duration in [1 min, 2 min]\nsweep rollup.A.batch.every in [10 s, 20 s, 30 s]\n");
        var sweep = result.Sweep!;
        Assert.Equal(1, sweep.Runs);
        Assert.Equal(6, sweep.Points.Length);
        Assert.Equal(["1 min", "20 s"], sweep.Points[1].Labels.ToArray());
        Assert.Equal(SimDuration.FromSeconds(120), sweep.Points[5].Model.Duration);
        Assert.Equal(SimDuration.FromSeconds(30), sweep.Points[5].Model.Rollups[0].Batch.Every);
    }

    [Fact]
    public void A_swept_value_that_the_field_rejects_is_an_error_at_the_value_in_the_list()
    {
        var errors = TestSources.Errors(Base + "sweep rollup.A.block_time in [250 ms, 3 gwei]\n");
        Assert.Equal(["PS3003 10:39 expected a time (ms, s, min, h), found an ether amount (wei, gwei, eth)"], errors);
    }

    [Fact]
    public void A_misspelt_field_rollup_or_root_is_an_error_with_a_suggestion()
    {
        Assert.Equal(["PS3001 10:16 unknown name `block_tim` in rollup `A`"], TestSources.Errors(Base + "sweep rollup.A.block_tim in [1 s]\n"));
        Assert.Equal(["PS3007 10:14 no rollup named `C`"], TestSources.Errors(Base + "sweep rollup.C.block_time in [1 s]\n"));
        Assert.Equal(["PS3001 10:7 cannot sweep `rollups.A.block_time`"], TestSources.Errors(Base + "sweep rollups.A.block_time in [1 s]\n"));
    }

    [Fact]
    public void Sweeping_a_rollup_that_no_workload_uses_is_a_warning()
    {
        var warning = Assert.Single(TestSources.Compile(Base + "sweep rollup.B.block_time in [1 s, 2 s]\n").Diagnostics, d => d.Message.StartsWith("the sweep", StringComparison.Ordinal));
        Assert.False(warning.IsError);
        Assert.StartsWith("the sweep varies rollup `B`, which no workload sends transactions to", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_must_agree_between_sweeps_and_be_in_range()
    {
        Assert.Contains("PS3005 11:7 every sweep of a file must have the same `runs`; the first has 2, this one 3", TestSources.Errors(Base + "sweep duration in [1 min] runs 2\nsweep rollup.A.block_time in [1 s] runs 3\n"));
        Assert.Equal(["PS3006 10:32 `runs` must be a whole number between 1 and 10000"], TestSources.Errors(Base + "sweep duration in [1 min] runs 0\n"));
    }
}
