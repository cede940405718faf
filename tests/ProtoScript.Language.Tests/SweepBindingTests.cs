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
    public void Swept_values_carry_their_number_in_the_base_unit_of_their_dimension()
    {
        var times = TestSources.Compile(Base + "sweep rollup.A.block_time in [250 ms, 1 s, 1.5 min]\n").Sweep!.Axes[0];
        var limits = TestSources.Compile(Base + "sweep rollup.A.gas_limit in [10_000_000, 30_000_000]\n").Sweep!.Axes[0];
        var names = TestSources.Compile(Base + "sweep rollup.A.ordering in [fcfs, priority_fee]\n").Sweep!.Axes[0];

        Assert.Equal<AxisValue?>([new AxisValue(250_000m, "us"), new AxisValue(1_000_000m, "us"), new AxisValue(90_000_000m, "us")], times.Values);
        Assert.Equal<AxisValue?>([new AxisValue(10_000_000m, string.Empty), new AxisValue(30_000_000m, string.Empty)], limits.Values);
        Assert.Equal<AxisValue?>([null, null], names.Values);
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
    public void Settings_named_on_one_sweep_line_take_the_same_value_at_each_point_one_axis_not_a_grid()
    {
        var result = TestSources.Compile(Base + "sweep rollup.A.block_time, rollup.B.block_time in [250 ms, 1 s] runs 2\n");
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        var sweep = result.Sweep!;
        Assert.Equal("rollup.A.block_time, rollup.B.block_time", Assert.Single(sweep.Axes).Path);
        Assert.Equal(2, sweep.Points.Length);
        Assert.Equal([SimDuration.FromMilliseconds(250), SimDuration.FromMilliseconds(250)], sweep.Points[0].Model.Rollups.Select(r => r.BlockTime));
        Assert.Equal([SimDuration.FromSeconds(1), SimDuration.FromSeconds(1)], sweep.Points[1].Model.Rollups.Select(r => r.BlockTime));

        // With a second line it is one axis of a grid.
        var grid = TestSources.Compile(Base + "sweep rollup.A.block_time, rollup.B.block_time in [250 ms, 1 s] runs 2\nsweep duration in [1 min, 2 min, 3 min] runs 2\n").Sweep!;
        Assert.Equal(6, grid.Points.Length);
        Assert.Equal(["1 s", "3 min"], grid.Points[5].Labels.ToArray());
    }

    [Fact]
    public void A_sweep_line_that_names_a_setting_twice_or_misses_a_comma_is_an_error()
    {
        Assert.Equal(["PS3005 10:28 the sweep names `rollup.A.block_time` twice"], TestSources.Errors(Base + "sweep rollup.A.block_time, rollup.A.block_time in [1 s]\n"));
        Assert.Equal(["PS3005 10:1 a sweep is written `sweep PATH in [VALUE, ...] runs N` (or `sweep PATH, PATH in [...]` to set several settings to each value)"], TestSources.Errors(Base + "sweep rollup.A.block_time rollup.B.block_time in [1 s]\n"));
        Assert.Equal(["PS3007 10:35 no rollup named `C`"], TestSources.Errors(Base + "sweep rollup.A.block_time, rollup.C.block_time in [1 s]\n"));
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

    private const string Proven = """
        scenario "s" {
          duration 1 min
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
          }
          rollup B like A { }
          rollup C like A { }
          workload { users = poisson(5 / s) on A, B, C }
          provers for A, B {
            count = 4
            selection = proof_of_necessary_work { difficulty = 10 bits }
            proof_time = normal(6 s, 1 s) per block
          }
          expect { report.A.proving.latency.p50 < 30 s }
        }

        """;

    [Fact]
    public void A_provers_block_is_swept_by_any_rollup_it_proves()
    {
        var a = TestSources.Compile(Proven + "sweep provers.A.count in [2, 8] runs 3\n");
        Assert.DoesNotContain(a.Diagnostics, d => d.IsError);
        Assert.Equal([2, 8], a.Sweep!.Points.Select(p => Assert.Single(p.Model.Provers).Count));
        var b = TestSources.Compile(Proven + "sweep provers.B.count in [2, 8] runs 3\n");
        Assert.Equal([2, 8], b.Sweep!.Points.Select(p => Assert.Single(p.Model.Provers).Count));
        Assert.Equal(["A", "B"], b.Sweep.Points[0].Model.Provers[0].Rollups.ToArray());
    }

    [Fact]
    public void Sweeping_a_setting_of_the_selection_keeps_its_other_settings()
    {
        var result = TestSources.Compile(Proven + "sweep provers.A.selection.racers in [1, 2, 4]\n");
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        var selections = result.Sweep!.Points.Select(p => p.Model.Provers[0].Selection).ToList();
        Assert.Equal([1, 2, 4], selections.Select(s => s.Racers));
        Assert.All(selections, s => Assert.Equal(10, s.DifficultyBits));
    }

    [Fact]
    public void Hash_rates_are_swept_one_list_per_value()
    {
        var result = TestSources.Compile(Proven + "sweep provers.A.selection.hash_rates in [[1 / s, 1 / s, 1 / s, 1 / s], [3 / s, 1 / s, 1 / s, 1 / s]]\n");
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        var rates = result.Sweep!.Points.Select(p => p.Model.Provers[0].Selection.HashRatesPerSecond.ToArray()).ToList();
        Assert.Equal([[1d, 1d, 1d, 1d], [3d, 1d, 1d, 1d]], rates);
        Assert.All(result.Sweep.Points, p => Assert.Equal(10, p.Model.Provers[0].Selection.DifficultyBits));
    }

    [Fact]
    public void A_selection_setting_is_swept_into_a_bare_selection_and_the_selection_itself_by_name()
    {
        var spread = TestSources.Compile(Proven.Replace("proof_of_necessary_work { difficulty = 10 bits }", "market", StringComparison.Ordinal) + "sweep provers.A.selection.spread in [0 %, 20 %]\n");
        Assert.DoesNotContain(spread.Diagnostics, d => d.IsError);
        Assert.Equal([0, 2_000], spread.Sweep!.Points.Select(p => p.Model.Provers[0].Selection.SpreadBasisPoints));

        var kinds = TestSources.Compile(Proven + "sweep provers.A.selection in [round_robin, market, proof_of_necessary_work]\n");
        Assert.DoesNotContain(kinds.Diagnostics, d => d.IsError);
        Assert.Equal([ProverSelectionKind.RoundRobin, ProverSelectionKind.Market, ProverSelectionKind.ProofOfNecessaryWork], kinds.Sweep!.Points.Select(p => p.Model.Provers[0].Selection.Kind));

        var times = TestSources.Compile(Proven + "sweep provers.A.proof_time in [constant(3 s) per block, constant(9 s) per block]\n");
        Assert.Equal([3_000_000, 9_000_000], times.Sweep!.Points.Select(p => p.Model.Provers[0].ProofTime.A));
    }

    [Fact]
    public void A_provers_path_that_does_not_exist_is_an_error_with_a_suggestion()
    {
        var field = TestSources.Single(Proven + "sweep provers.A.cuont in [2]\n");
        Assert.Equal(("PS3001", "unknown name `cuont` in `provers for A, B`", "did you mean `count`?"), (field.Code, field.Message, field.Hint));
        var inner = TestSources.Single(Proven + "sweep provers.A.selection.racres in [2]\n");
        Assert.Equal(("PS3001", "unknown name `racres` in `proof_of_necessary_work`", "did you mean `racers`?"), (inner.Code, inner.Message, inner.Hint));
        var misspelt = TestSources.Single(Proven + "sweep provers.b.count in [2]\n");
        Assert.Equal(("PS3007", "no provers for a rollup named `b`", "did you mean `B`?"), (misspelt.Code, misspelt.Message, misspelt.Hint));
        var unproven = TestSources.Single(Proven + "sweep provers.C.count in [2]\n");
        Assert.Equal(("PS3007", "rollup `C` has no provers"), (unproven.Code, unproven.Message));
        Assert.Equal(["PS3007 17:15 `provers.A` does not name a setting of provers"], TestSources.Errors(Proven + "sweep provers.A in [2]\n"));
        var root = TestSources.Single(Proven + "sweep prover.A.count in [2]\n");
        Assert.StartsWith("did you mean `provers`?", root.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_swept_provers_value_is_checked_by_the_field_at_the_value()
    {
        Assert.Equal(["PS3003 17:50 expected `per block`, found `per transaction`: with `pipeline = per_block` a proof covers a whole block"], TestSources.Errors(Proven + "sweep provers.A.proof_time in [constant(3 s) per transaction]\n"));
        Assert.Contains("PS3006 17:38", TestSources.Errors(Proven + "sweep provers.A.selection.racers in [5]\n")[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("proving.latency.p50 < 30 s", MetricUnit.Time)]
    [InlineData("proving.utilization >= 5_000", MetricUnit.BasisPoints)]
    [InlineData("proving.cost_per_transaction <= 1 gwei", MetricUnit.Wei)]
    [InlineData("proving.hhi < 5_000", MetricUnit.BasisPoints)]
    [InlineData("proving.pending == 0", MetricUnit.Count)]
    public void Proving_metrics_can_be_expected_in_their_unit(string expectation, MetricUnit unit)
    {
        var result = TestSources.Compile(Proven.Replace("report.A.proving.latency.p50 < 30 s", "report.A." + expectation, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        Assert.Equal(unit, Assert.Single(result.Model!.Expectations).Metric!.Unit);
    }

    [Fact]
    public void A_misspelt_proving_metric_or_a_wrong_unit_is_an_error()
    {
        var misspelt = TestSources.Single(Proven.Replace("proving.latency.p50", "proving.latency.p5", StringComparison.Ordinal));
        Assert.Equal(("PS3001", "unknown report metric `proving.latency.p5`", "did you mean `proving.latency.p50`?"), (misspelt.Code, misspelt.Message, misspelt.Hint));
        Assert.Equal("PS3003", TestSources.Single(Proven.Replace("< 30 s", "< 30 gwei", StringComparison.Ordinal)).Code);
    }
}
