namespace ProtoScript.Cli.Tests;

public class CliTests
{
    private static string Quickstart => Repository.Example("quickstart.proto-script");

    [Fact]
    public void Run_prints_a_report_and_exits_0()
    {
        var outcome = Cli.Run("run", Quickstart);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("quickstart", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("p95", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("0x", outcome.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, outcome.Stderr);
    }

    [Fact]
    public void The_same_seed_gives_byte_identical_reports_and_another_seed_different_numbers()
    {
        var first = Cli.Run("run", Quickstart, "--seed", "5");
        var second = Cli.Run("run", Quickstart, "--seed", "5");
        var other = Cli.Run("run", Quickstart, "--seed", "6");
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.NotEqual(first.Stdout, other.Stdout);
        Assert.Equal(Cli.Run("run", Quickstart).Stdout, Cli.Run("run", Quickstart).Stdout);
    }

    [Fact]
    public void Json_format_prints_a_json_document()
    {
        var outcome = Cli.Run("run", Quickstart, "--format", "json");
        Assert.Equal(0, outcome.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(outcome.Stdout);
        Assert.Equal("quickstart", doc.RootElement.GetProperty("scenario").GetString());
    }

    [Fact]
    public void Check_exits_0_for_a_clean_file()
    {
        var outcome = Cli.Run("check", Quickstart);
        Assert.Equal(0, outcome.ExitCode);
        Assert.EndsWith(": ok\n", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_diagnostic_with_exit_2()
    {
        var outcome = Cli.Run("run", "no-such-file.proto-script");
        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith("no-such-file.proto-script:1:1: error PS0001: file `no-such-file.proto-script` does not exist", outcome.Stderr, StringComparison.Ordinal);
        Assert.Empty(outcome.Stdout);
    }

    [Fact]
    public void Check_compiles_hooks_and_reports_a_refused_api_at_its_line_and_column()
    {
        // The example of PS4003 in docs/diagnostics.md, in a scenario that is otherwise clean.
        var path = TempFiles.Write("clock.proto-script", "scenario \"clock\" {\n  duration 1 min\n  rollup A {\n    block_time = 2 s\n    accounts 10 funded 1 eth\n    ordering = csharp => (int)(DateTime.Now.Ticks % 3) - 1\n  }\n  workload { users = poisson(1 / s) on A }\n}\n");

        var outcome = Cli.Run("check", path);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Empty(outcome.Stdout);
        Assert.StartsWith($"{path}:6:32: error PS4003: `System.DateTime.Now` is not available to hooks", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_says_ok_for_a_file_whose_hooks_compile()
    {
        var outcome = Cli.Run("check", Repository.Example("fee-bands.proto-script"));

        Assert.Equal(0, outcome.ExitCode);
        Assert.EndsWith("fee-bands.proto-script: ok\n", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_too_large_to_read_is_refused_with_PS0002_and_exit_2()
    {
        var path = TempFiles.Write("huge.proto-script", new string(' ', 17 * 1024 * 1024));
        var outcome = Cli.Run("check", path);
        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith($"{path}:1:1: error PS0002: ", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_prints_file_line_col_the_line_and_a_caret_and_exits_2()
    {
        var text = File.ReadAllText(Quickstart).Replace("  duration 10 min\n", "  duration 10 min )\n", StringComparison.Ordinal);
        var line = text[..text.IndexOf("duration 10 min )", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        var path = TempFiles.Write("bad.proto-script", text);
        var outcome = Cli.Run("check", path);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(
            $"{path}:{line}:19: error PS2001: unexpected `)`; expected end of line\n" +
            $"  {line,4} |   duration 10 min )\n" +
            "       |                   ^\n",
            outcome.Stderr);
    }

    [Fact]
    public void An_unknown_name_and_a_wrong_unit_exit_2_from_run()
    {
        var text = File.ReadAllText(Quickstart)
            .Replace("block_time = 2 s", "block_time = 2 gwei", StringComparison.Ordinal)
            .Replace("gas_limit", "gas_limt", StringComparison.Ordinal);
        var outcome = Cli.Run("run", TempFiles.Write("bad.proto-script", text));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("error PS3003: expected a time", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("error PS3001: unknown name `gas_limt`", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("did you mean `gas_limit`?", outcome.Stderr, StringComparison.Ordinal);
        Assert.Empty(outcome.Stdout);
    }

    [Fact]
    public void Msbuild_and_json_diagnostic_formats_are_available_for_tools()
    {
        var path = TempFiles.Write("bad.proto-script", "scenario \"x\" {\n  duraton 1 min\n}\n");
        var msbuild = Cli.Run("check", path, "--diagnostic-format", "msbuild");
        Assert.Contains($"{path}(2,3): error PS3001: unknown name `duraton` in a scenario (did you mean `duration`?)", msbuild.Stderr, StringComparison.Ordinal);
        var json = Cli.Run("check", path, "--diagnostic-format", "json");
        using var doc = System.Text.Json.JsonDocument.Parse(json.Stderr);
        var unknown = doc.RootElement.EnumerateArray().Single(e => e.GetProperty("code").GetString() == "PS3001");
        Assert.Equal(2, unknown.GetProperty("line").GetInt32());
        Assert.Equal(3, unknown.GetProperty("column").GetInt32());
        Assert.Equal("did you mean `duration`?", unknown.GetProperty("hint").GetString());
    }

    [Theory]
    [InlineData("run")]
    [InlineData("run", "--format", "xml")]
    [InlineData("frobnicate")]
    [InlineData("run", "x.proto-script", "--seed", "minus-one")]
    public void Invalid_arguments_exit_2_without_a_stack_trace(params string[] args)
    {
        var outcome = Cli.Run(args);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("error PS0003", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0\u0001binary\u00ff garbage {{{{ ]]]")]
    [InlineData("scenario \"x\" { f = csharp { unterminated")]
    public void Bad_files_never_crash_the_tool(string content)
    {
        var outcome = Cli.Run("run", TempFiles.Write("bad.proto-script", content));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("error PS", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", outcome.Stderr, StringComparison.Ordinal);
    }
}
