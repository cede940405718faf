namespace ProtoScript.Cli.Tests;

public class FmtCommandTests
{
    private const string Messy = "scenario \"m\" { seed 1;  duration 1 min // why\n  l1 ethereum { slot_time = 12 s } }\n";

    private const string Formatted = """
        scenario "m" {
          seed 1
          duration 1 min // why
          l1 ethereum {
            slot_time = 12 s
          }
        }

        """;

    [Fact]
    public void Fmt_rewrites_an_unformatted_file_in_place_and_names_it()
    {
        var path = TempFiles.Write("messy.proto-script", Messy);
        var outcome = Cli.Run("fmt", path);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal($"formatted {path}\n", outcome.Stdout);
        Assert.Equal(string.Empty, outcome.Stderr);
        Assert.Equal(Formatted, File.ReadAllText(path));
    }

    [Fact]
    public void Fmt_leaves_a_formatted_file_untouched_and_prints_nothing()
    {
        var path = TempFiles.Write("clean.proto-script", Formatted);
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);
        var outcome = Cli.Run("fmt", path);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(string.Empty, outcome.Stdout);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Check_writes_nothing_names_the_unformatted_file_and_exits_1()
    {
        var path = TempFiles.Write("messy.proto-script", Messy);
        var outcome = Cli.Run("fmt", "--check", path);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(
            $"{path}: not formatted\n  first difference at line 1:\n  - scenario \"m\" {{ seed 1;  duration 1 min // why\n  + scenario \"m\" {{\n",
            outcome.Stdout);
        Assert.Equal(Messy, File.ReadAllText(path));
    }

    [Fact]
    public void Check_exits_0_when_every_file_is_formatted()
    {
        var first = TempFiles.Write("a.proto-script", Formatted);
        var second = TempFiles.Write("b.proto-script", "// only a comment\n");
        var outcome = Cli.Run("fmt", "--check", first, second);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(string.Empty, outcome.Stdout);
    }

    [Fact]
    public void Check_reports_crlf_line_endings_as_not_formatted()
    {
        var path = TempFiles.Write("crlf.proto-script", Formatted.Replace("\n", "\r\n", StringComparison.Ordinal));
        var outcome = Cli.Run("fmt", "--check", path);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal($"{path}: not formatted\n  line endings must be LF\n", outcome.Stdout);
    }

    [Fact]
    public void Only_the_unformatted_files_among_several_are_rewritten()
    {
        var clean = TempFiles.Write("clean.proto-script", Formatted);
        var messy = TempFiles.Write("messy.proto-script", Messy);
        var outcome = Cli.Run("fmt", clean, messy);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal($"formatted {messy}\n", outcome.Stdout);
        Assert.Equal(Formatted, File.ReadAllText(messy));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_file_with_a_syntax_error_is_not_touched_and_its_diagnostics_exit_2(bool check)
    {
        const string broken = "scenario \"b\" {\n  seed 1 +\n}\n";
        var path = TempFiles.Write("broken.proto-script", broken);
        var messy = TempFiles.Write("messy.proto-script", Messy);
        var outcome = check ? Cli.Run("fmt", "--check", path, messy) : Cli.Run("fmt", path, messy);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"{path}:2:11: error PS2001:", outcome.Stderr, StringComparison.Ordinal);
        Assert.Equal(broken, File.ReadAllText(path));

        // The other files are still processed.
        Assert.Contains(messy, outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Semantic_errors_do_not_prevent_formatting()
    {
        var path = TempFiles.Write("unknown.proto-script", "scenario \"u\" { no_such_field = 3; seed 1 }\n");
        var outcome = Cli.Run("fmt", path);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("scenario \"u\" {\n  no_such_field = 3\n  seed 1\n}\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_missing_file_is_a_PS0001_diagnostic_with_exit_2()
    {
        var outcome = Cli.Run("fmt", "no-such-file.proto-script");
        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith("no-such-file.proto-script:1:1: error PS0001: file `no-such-file.proto-script` does not exist", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Fmt_without_files_is_a_usage_error_with_exit_2()
    {
        var outcome = Cli.Run("fmt");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("PS0003", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_example_is_formatted()
    {
        var examples = Directory.GetFiles(Repository.Examples, "*.proto-script").Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(examples);
        var outcome = Cli.Run(["fmt", "--check", .. examples]);
        Assert.True(outcome.ExitCode == 0, outcome.Stdout + outcome.Stderr);
        Assert.Equal(string.Empty, outcome.Stdout);
    }
}
