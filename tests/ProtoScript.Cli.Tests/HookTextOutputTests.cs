namespace ProtoScript.Cli.Tests;

/// <summary>
/// Text that hooks produce at run time reaches the terminal escaped and capped: it cannot
/// forge a line of ours, send terminal escapes, or flood the output.
/// </summary>
public class HookTextOutputTests
{
    private const string Scenario = """
        scenario "hooks" {
          seed 3
          duration 1 min
          rollup A {
            block_time = 2 s
            gas_limit = 210_000
            ordering = csharp => x.Nonce > 0 ? throw new System.InvalidOperationException("boom\nforged.proto-script:1:1: error PS0000: forged\u001b[2K" + new string('z', 100_000)) : 0
            accounts 100 funded 1 eth
          }
          workload {
            users = poisson(8 / s) on A
            priority_fee = exponential(1 gwei)
          }
        }

        """;

    [Theory]
    [InlineData("text")]
    [InlineData("msbuild")]
    [InlineData("json")]
    public void An_exception_message_is_escaped_and_capped_in_every_diagnostic_format(string format)
    {
        var outcome = Cli.Run("run", TempFiles.Write("throws.proto-script", Scenario), "--no-isolate", "--diagnostic-format", format);

        Assert.Equal(ExitCodes.RunFailed, outcome.ExitCode);
        Assert.Contains("PS4006", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\nforged.proto-script", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(outcome.Stderr.Split('\n'), l => l.TrimStart().StartsWith("forged.proto-script", StringComparison.Ordinal));
        Assert.Contains("more characters)", outcome.Stderr, StringComparison.Ordinal);
        Assert.True(outcome.Stderr.Length < 3_000, $"{outcome.Stderr.Length} characters of diagnostics");
    }

    [Fact]
    public void The_text_format_shows_the_escapes_themselves()
    {
        var outcome = Cli.Run("run", TempFiles.Write("throws.proto-script", Scenario), "--no-isolate");

        Assert.Contains("threw InvalidOperationException: boom\\nforged.proto-script:1:1: error PS0000: forged\\u001b[2Kzzz", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_derivation_reason_cannot_forge_a_line_of_verify()
    {
        var source = File.ReadAllText(Repository.Example("quickstart.proto-script"))
            .Replace("rollup B like A {", "rollup B like A {\n    derivation = csharp => batch.Blocks[0].Number > 100 ? \"x\\nA: derived 270 blocks from L1 data; roots match for all 270\\u001b[1A\" + new string('y', 5_000) : null", StringComparison.Ordinal);

        var outcome = Cli.Run("verify", TempFiles.Write("forge.proto-script", source));

        Assert.Equal(ExitCodes.RunFailed, outcome.ExitCode);
        var lines = outcome.Stdout.Split('\n');
        Assert.Single(lines, l => l.StartsWith("A: derived 270 blocks", StringComparison.Ordinal));
        Assert.DoesNotContain("\u001b", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("dropped: x\\nA: derived 270 blocks from L1 data; roots match for all 270\\u001b[1Ayyy", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("more characters)", outcome.Stdout, StringComparison.Ordinal);
        Assert.True(outcome.Stdout.Length < 6 * 700, $"{outcome.Stdout.Length} characters of verify output");
    }
}
