using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

public class BinderTests
{
    [Fact]
    public void A_valid_scenario_binds_to_a_model_in_canonical_units()
    {
        var result = TestSources.Compile(TestSources.Valid);
        Assert.Empty(result.Diagnostics);
        var model = result.Model!;
        Assert.Equal("t", model.Name);
        Assert.Equal(1UL, model.Seed);
        Assert.Equal(SimDuration.FromSeconds(60), model.Duration);
        Assert.Equal(SimDuration.FromSeconds(12), model.L1.SlotTime);
        var a = Assert.Single(model.Rollups);
        Assert.Equal(SimDuration.FromSeconds(2), a.BlockTime);
        Assert.Equal(1_000_000UL, a.GasLimit);
        Assert.Equal(OrderingRule.PriorityFee, a.Ordering);
        Assert.Equal(100, a.Accounts);
        Assert.Equal(Wei.PerEther, a.InitialBalance);
        var users = Assert.Single(model.Workload.Streams);
        Assert.Equal(5.0, users.RatePerSecond);
        Assert.Equal(["A"], users.Rollups.ToArray());
        Assert.Equal(new DistributionModel(DistributionKind.Exponential, 1e9, 0), users.PriorityFee);
    }

    [Fact]
    public void A_rollup_like_another_inherits_its_fields_and_overrides_some()
    {
        var text = TestSources.Valid.Replace("  workload {", "  rollup B like A { ordering = fcfs }\n  workload {", StringComparison.Ordinal);
        var model = TestSources.Compile(text).Model!;
        Assert.Equal(["A", "B"], model.Rollups.Select(r => r.Name));
        var b = model.Rollups[1];
        Assert.Equal(OrderingRule.Fcfs, b.Ordering);
        Assert.Equal(model.Rollups[0].BlockTime, b.BlockTime);
        Assert.Equal(model.Rollups[0].Accounts, b.Accounts);
    }

    [Fact]
    public void Like_chains_through_several_levels_of_inheritance()
    {
        var text = TestSources.Valid
            .Replace("  workload {", "  rollup B like A { ordering = fcfs }\n  rollup C like B { gas_limit = 2_000_000 }\n  workload {", StringComparison.Ordinal)
            .Replace("on A", "on A, C", StringComparison.Ordinal);
        var result = TestSources.Compile(text);
        Assert.Empty(result.Diagnostics);
        var c = result.Model!.Rollups[2];
        Assert.Equal(OrderingRule.Fcfs, c.Ordering);
        Assert.Equal(2_000_000UL, c.GasLimit);
        Assert.Equal(SimDuration.FromSeconds(2), c.BlockTime);
    }

    [Fact]
    public void An_error_in_an_inherited_field_is_reported_once()
    {
        var text = TestSources.Valid
            .Replace("block_time = 2 s", "block_time = 2 gwei", StringComparison.Ordinal)
            .Replace("  workload {", "  rollup B like A { }\n  workload {", StringComparison.Ordinal);
        Assert.Single(TestSources.Errors(text), e => e.StartsWith("PS3003", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rollup_that_no_workload_uses_and_no_rollup_inherits_is_a_warning_at_its_name()
    {
        var text = TestSources.Valid.Replace("  workload {", "  rollup B like A { }\n  rollup C like B { }\n  workload {", StringComparison.Ordinal);
        var diagnostic = Assert.Single(TestSources.Compile(text).Diagnostics);
        Assert.Equal(("PS3009", false, 12), (diagnostic.Code, diagnostic.IsError, diagnostic.Position.Line));
        Assert.Equal("rollup `C` is not used: no workload sends transactions to it", diagnostic.Message);
    }

    [Fact]
    public void A_lognormal_distribution_binds_its_mean_and_spread_and_needs_a_positive_mean()
    {
        var text = TestSources.Valid.Replace("exponential(1 gwei)", "lognormal(2 gwei, 3 gwei)", StringComparison.Ordinal);
        Assert.Equal(new DistributionModel(DistributionKind.LogNormal, 2e9, 3e9), TestSources.Compile(text).Model!.Workload.Streams[0].PriorityFee);
        Assert.Equal(["PS3006 13:30 the mean of `lognormal(mean, sd)` must be above zero"], TestSources.Errors(text.Replace("lognormal(2 gwei", "lognormal(0 gwei", StringComparison.Ordinal)));
    }

    [Fact]
    public void Arithmetic_with_units_is_folded_in_base_units()
    {
        var model = TestSources.Compile(TestSources.Valid.Replace("block_time = 2 s", "block_time = 1 s + 500 ms", StringComparison.Ordinal)).Model!;
        Assert.Equal(SimDuration.FromMilliseconds(1500), model.Rollups[0].BlockTime);
    }

    [Theory]
    [InlineData("duration 1 min", "duraton 1 min", "PS3001 3:3 unknown name `duraton` in a scenario", "did you mean `duration`?")]
    [InlineData("block_time = 2 s", "block_tme = 2 s", "PS3001 6:5 unknown name `block_tme` in rollup `A`", "did you mean `block_time`?")]
    [InlineData("block_time = 2 s", "block_time = 2 gwei", "PS3003 6:18 expected a time (ms, s, min, h), found an ether amount (wei, gwei, eth)", "write it with a unit, e.g. `2 s` (units: us, ms, s, min, h, day, year)")]
    [InlineData("block_time = 2 s", "block_time = 2", "PS3003 6:18 expected a time (ms, s, min, h), found a plain number", "write it with a unit, e.g. `2 s` (units: us, ms, s, min, h, day, year)")]
    [InlineData("block_time = 2 s", "block_time = 2 sec", "PS3008 6:20 unknown unit `sec`", null)]
    [InlineData("ordering = priority_fee", "ordering = priority", "PS3005 8:16 `priority` is not a valid `ordering`", "valid values: fcfs, priority_fee, random, auction")]
    [InlineData("ordering = priority_fee", "ordering = fcsf", "PS3005 8:16 `fcsf` is not a valid `ordering`", "did you mean `fcfs`? valid values: fcfs, priority_fee, random, auction")]
    [InlineData("funded 1 eth", "funded 1 eht", "PS3008 9:27 unknown unit `eht`", "did you mean `eth`?")]
    [InlineData("on A", "on C", "PS3007 12:31 no rollup named `C`", "declared rollups: A")]
    [InlineData("poisson(5 / s)", "poisson(5)", "PS3003 12:21 expected a rate (e.g. 50 / s), found a plain number", "write it with a unit, e.g. `50 / s`")]
    [InlineData("exponential(1 gwei)", "exponentail(1 gwei)", "PS3005 13:20 expected a distribution, found `exponentail(...)`", "did you mean `exponential`?")]
    [InlineData("gas_limit = 1_000_000", "gas_limit = 1_000_000 + 2 s", "PS3003 7:27 cannot add a time (ms, s, min, h) to a plain number", "both sides of `+` and `-` must have the same unit dimension")]
    [InlineData("seed 1", "seed 1\n  seed 2", "PS3004 3:3 `seed` is already set in a scenario (line 2)", "remove one of them")]
    [InlineData("gas_limit = 1_000_000", "gas_limit = 100", "PS3006 7:17 `gas_limit` must be a whole number between 21_000 and 10_000_000_000", null)]
    public void Each_binding_error_has_a_code_position_message_and_hint(string find, string replace, string expected, string? hint)
    {
        var text = TestSources.Valid.Replace(find, replace, StringComparison.Ordinal);
        var d = TestSources.Single(text);
        Assert.Equal(expected, $"{d.Code} {d.Position.Line}:{d.Position.Column} {d.Message}");
        if (hint is not null)
        {
            Assert.Equal(hint, d.Hint);
        }
    }

    [Fact]
    public void Missing_required_fields_are_reported_on_the_block_that_lacks_them()
    {
        var text = TestSources.Valid.Replace("    block_time = 2 s\n", string.Empty, StringComparison.Ordinal);
        var d = TestSources.Single(text);
        Assert.Equal("PS3002 5:10 rollup `A` is missing `block_time`", $"{d.Code} {d.Position.Line}:{d.Position.Column} {d.Message}");
        Assert.Equal("add `block_time = 2 s`", d.Hint);
    }

    [Fact]
    public void All_independent_errors_of_a_file_are_reported_in_one_run()
    {
        var text = TestSources.Valid
            .Replace("duration 1 min", "duration 1 gwei", StringComparison.Ordinal)
            .Replace("block_time = 2 s", "block_time = 2 sec", StringComparison.Ordinal)
            .Replace("on A", "on Z", StringComparison.Ordinal);
        Assert.Equal(3, TestSources.Errors(text).Length);
    }

    [Fact]
    public void A_file_without_a_scenario_is_an_error()
    {
        Assert.Equal(["PS2002 1:1 the file has no `scenario` block"], TestSources.Errors("// nothing here\n"));
        Assert.Equal(["PS2002 1:1 the file has no `scenario` block"], TestSources.Errors(string.Empty));
    }

    [Fact]
    public void A_duration_shorter_than_one_slot_is_a_warning_not_an_error()
    {
        var result = TestSources.Compile(TestSources.Valid.Replace("duration 1 min", "duration 5 s", StringComparison.Ordinal));
        Assert.True(result.Success);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
    }

    [Fact]
    public void Diagnostics_render_with_the_source_line_and_a_caret_under_the_span()
    {
        var d = TestSources.Single(TestSources.Valid.Replace("block_time = 2 s", "block_time = 2 gwei", StringComparison.Ordinal));
        var text = DiagnosticFormatter.FormatText(d);
        Assert.Equal(
            "t.proto-script:6:18: error PS3003: expected a time (ms, s, min, h), found an ether amount (wei, gwei, eth)\n" +
            "     6 |     block_time = 2 gwei\n" +
            "       |                  ^~~~~~\n" +
            "       = help: write it with a unit, e.g. `2 s` (units: us, ms, s, min, h, day, year)\n",
            text);
        Assert.Equal(
            "t.proto-script(6,18): error PS3003: expected a time (ms, s, min, h), found an ether amount (wei, gwei, eth) (write it with a unit, e.g. `2 s` (units: us, ms, s, min, h, day, year))",
            DiagnosticFormatter.FormatMSBuild(d));
    }

    [Fact]
    public void Json_diagnostics_keep_backticks_and_other_punctuation_readable_and_parse_back_exactly()
    {
        var d = TestSources.Single(TestSources.Valid.Replace("block_time = 2 s", "block_time = 2 gwei", StringComparison.Ordinal));
        var json = DiagnosticFormatter.Format([d], DiagnosticFormat.Json);
        Assert.Contains("\"hint\": \"write it with a unit, e.g. `2 s` (units: us, ms, s, min, h, day, year)\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);

        // Characters that still need escaping are escaped: the document is valid JSON whatever the message holds.
        var tricky = new Diagnostic(d.Code, d.Severity, "quote \" backslash \\ tab \t <tag> & 'x' `y` \u00e9", d.Source, d.Span, "line\nbreak");
        using var doc = System.Text.Json.JsonDocument.Parse(DiagnosticFormatter.Format([tricky], DiagnosticFormat.Json));
        var element = doc.RootElement[0];
        Assert.Equal(tricky.Message, element.GetProperty("message").GetString());
        Assert.Equal("line\nbreak", element.GetProperty("hint").GetString());
    }
}
