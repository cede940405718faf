namespace ProtoScript.Cli.Tests;

public class DerivationHookRunTests
{
    // The standard rule written as a hook: OP Stack mainnet window (3600 L1 blocks) and drift (1800 s).
    private const string StandardRule = """
        csharp {
              foreach (var b in batch.Blocks) {
                if (b.L1Origin > batch.L1Block || batch.L1Block - b.L1Origin >= 3600) return "outside the window";
                if (b.TimestampMicroseconds - batch.L1TimeOf(b.L1Origin) > 1_800_000_000) return "too far ahead";
              }
              return null;
            }
        """;

    private static CliOutcome VerifyWith(string derivation, string name)
    {
        // B inherits A's settings and gets the derivation hook; A keeps standard derivation.
        var source = File.ReadAllText(Repository.Example("quickstart.proto-script"))
            .Replace("rollup B like A {", "rollup B like A {\n    derivation = " + derivation, StringComparison.Ordinal);
        return Cli.Run("verify", TempFiles.Write(name, source));
    }

    [Fact]
    public void A_hook_that_reimplements_the_standard_window_and_drift_derives_the_sequencers_roots()
    {
        var outcome = VerifyWith(StandardRule, "standard-rule.proto-script");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(string.Empty, outcome.Stderr);
        Assert.Equal(
            "A: derived 270 blocks from L1 data; roots match for all 270; blocks 271–300 not yet on L1\n"
            + "B: derived 270 blocks from L1 data; roots match for all 270; blocks 271–300 not yet on L1\n",
            outcome.Agreement);
    }

    [Fact]
    public void A_stricter_hook_drops_batches_with_its_reason_and_verify_reports_the_first_block_that_did_not_derive()
    {
        // Quickstart posts 30 blocks (a minute of 2 s blocks) per batch, so blocks 1–120 are in
        // batches starting at or before block 100 and the batch of blocks 121–150 is the first dropped.
        var outcome = VerifyWith("csharp => batch.Blocks[0].Number > 100 ? \"starts after block 100\" : null", "strict.proto-script");

        Assert.Equal(1, outcome.ExitCode);
        Assert.StartsWith("A: derived 270 blocks from L1 data; roots match for all 270", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nB: block 121 did not derive from L1 data though later blocks were posted; the 120 blocks before it match\n", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("  L1 block 26: batch of blocks 121–150 dropped: starts after block 100\n", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hook_that_throws_stops_verify_with_exit_1_at_the_hook_naming_the_L1_time_and_block()
    {
        var outcome = VerifyWith("csharp => batch.Blocks[0].Number > 100 ? throw new System.InvalidOperationException(\"boom\") : null", "throws.proto-script");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(string.Empty, outcome.Stdout);

        // Line 22 is B's derivation line; the batch of blocks 121–150 landed in L1 block 26, at 26 × 12 s.
        Assert.Contains("throws.proto-script:22:28: error PS4006: hook `rollup B derivation` threw InvalidOperationException: boom at 312 s in block 121 of rollup B", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Derivable_uses_the_compiled_derivation_hook()
    {
        var source = File.ReadAllText(Repository.Example("quickstart.proto-script"))
            .Replace("rollup B like A {", "rollup B like A {\n    derivation = csharp => batch.Blocks[0].Number > 100 ? \"starts after block 100\" : null", StringComparison.Ordinal)
            .Replace("  workload {", "  expect {\n    derivable\n  }\n\n  workload {", StringComparison.Ordinal);

        var outcome = Cli.Run("run", TempFiles.Write("derivable.proto-script", source));

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("error PS5001: expectation failed: derivable (actual: B: block 121 did not derive from L1 data", outcome.Stderr, StringComparison.Ordinal);
    }
}
