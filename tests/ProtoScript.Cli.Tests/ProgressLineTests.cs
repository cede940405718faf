namespace ProtoScript.Cli.Tests;

public class ProgressLineTests
{
    [Fact]
    public void No_progress_line_is_drawn_on_a_writer_that_is_not_the_terminals_standard_error()
    {
        Assert.Null(ProgressLine.For(new StringWriter()));
    }

    [Fact]
    public void A_run_with_redirected_standard_error_prints_only_its_report_and_diagnostics()
    {
        // The test host's standard error is redirected, as in CI and in a pipe: nothing is drawn.
        var outcome = Cli.Run("run", Repository.Example("quickstart.proto-script"));

        Assert.Equal(0, outcome.ExitCode);
        Assert.DoesNotContain('\r', outcome.Stderr);
        Assert.DoesNotContain("simulated ", outcome.Stderr, StringComparison.Ordinal);
    }
}
