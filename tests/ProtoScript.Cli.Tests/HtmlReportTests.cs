using System.Text.RegularExpressions;

namespace ProtoScript.Cli.Tests;

public partial class HtmlReportTests
{
    /// <summary>
    /// Checks a page the way a reader would see it: every chart has an SVG with something drawn
    /// (a line with points or heatmap cells); and in Chromium, the same number of SVGs in the
    /// rendered DOM, no console message, and a screenshot that is not blank.
    /// </summary>
    internal static void AssertChartsRender(string htmlFile)
    {
        var html = File.ReadAllText(htmlFile);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        var figures = Figure().Matches(html);
        Assert.NotEmpty(figures);
        foreach (Match figure in figures)
        {
            var body = figure.Groups[2].Value;
            Assert.Contains("<svg", body, StringComparison.Ordinal);
            var drawn = Series().Matches(body).Any(m => m.Groups[1].Value.Trim().Split(' ').Length >= 2) || body.Contains("<rect class=\"cell\"", StringComparison.Ordinal);
            Assert.True(drawn, "chart " + figure.Groups[1].Value + " draws nothing");
            Assert.Contains("class=\"axis-title\"", body, StringComparison.Ordinal);
        }

        if (HeadlessChromium.Path is null)
        {
            Assert.False(HeadlessChromium.Required, "CI must check the HTML in Chromium: install Debian's chromium (.ci/run does).");
            return;
        }

        var view = HeadlessChromium.Load(htmlFile);
        Assert.Empty(view.ConsoleMessages);
        Assert.Equal(figures.Count, Regex.Matches(view.Dom, "<svg[ >]").Count);
        Assert.True(PngPixels.InkedShare(view.Screenshot) > 0.003, "the screenshot of " + htmlFile + " is blank");
    }

    [Fact]
    public void A_run_writes_a_self_contained_page_with_a_latency_cdf_per_rollup()
    {
        var dir = TempDir.Create();
        var page = Path.Combine(dir.Path, "report.html");

        var outcome = Cli.Run("run", Repository.Example("proof-finality.proto-script"), "--html", page);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(File.ReadAllText(Repository.Example("proof-finality.verified.txt")), outcome.Stdout);
        var html = File.ReadAllText(page);
        Assert.Contains("<figure class=\"chart\" id=\"latency-optimistic\">", html, StringComparison.Ordinal);
        Assert.Contains("<figure class=\"chart\" id=\"latency-validity\">", html, StringComparison.Ordinal);

        // Nothing is fetched: no script, stylesheet or image from elsewhere.
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);

        // The validity rollup's proofs gate finality: its CDF has a fourth line, the optimistic one's does not.
        Assert.Contains("<title>proof-final</title>", Figure().Matches(html).Single(m => m.Groups[1].Value == "latency-validity").Value, StringComparison.Ordinal);
        Assert.DoesNotContain("<title>proof-final</title>", Figure().Matches(html).Single(m => m.Groups[1].Value == "latency-optimistic").Value, StringComparison.Ordinal);
        AssertChartsRender(page);
    }

    [Fact]
    public void A_run_page_draws_each_rollups_per_block_series_that_is_not_all_zero()
    {
        var dir = TempDir.Create();
        var trading = Path.Combine(dir.Path, "trading.html");
        var plain = Path.Combine(dir.Path, "plain.html");

        Assert.Equal(0, Cli.Run("run", Repository.Example("back-running.proto-script"), "--html", trading).ExitCode);
        Assert.Equal(0, Cli.Run("run", Repository.Example("quickstart.proto-script"), "--html", plain).ExitCode);

        var ids = Figure().Matches(File.ReadAllText(trading)).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["latency-A", "base-fee-A", "blob-fee-A", "fees-A", "mev-A", "da-A"], ids);

        // Without pools there is no MEV to draw; the fees chart has a line per role that was paid.
        var plainHtml = File.ReadAllText(plain);
        Assert.DoesNotContain("id=\"mev-", plainHtml, StringComparison.Ordinal);
        var fees = Figure().Matches(plainHtml).First(m => m.Groups[1].Value.StartsWith("fees-", StringComparison.Ordinal)).Value;
        Assert.Contains("<title>sequencer</title>", fees, StringComparison.Ordinal);
        AssertChartsRender(trading);
    }

    [Fact]
    public void Format_html_prints_the_same_page_as_html_file_on_both_engines()
    {
        var dir = TempDir.Create();
        var page = Path.Combine(dir.Path, "report.html");
        var example = Repository.Example("congestion.proto-script");

        var printed = Cli.Run("run", example, "--format", "html");
        var written = Cli.Run("run", example, "--html", page);
        var compiled = Cli.Run("run", example, "--format", "html", "--engine", "compiled");

        Assert.Equal(0, printed.ExitCode);
        Assert.Equal(0, written.ExitCode);
        Assert.Equal(printed.Stdout, File.ReadAllText(page));
        Assert.Equal(printed.Stdout, compiled.Stdout);
    }

    [Fact]
    public void A_sweep_of_two_settings_draws_heatmaps_and_a_sweep_of_one_draws_lines_with_bands()
    {
        var dir = TempDir.Create();
        var lines = Path.Combine(dir.Path, "lines.html");
        var grid = Path.Combine(dir.Path, "grid.html");
        var one = dir.Write("one.proto-script", SweepScenario("sweep rollup.A.block_time in [1 s, 2 s, 4 s] runs 2"));
        var two = dir.Write("two.proto-script", SweepScenario("sweep rollup.A.block_time in [1 s, 2 s] runs 2\nsweep rollup.A.batch.every in [12 s, 1 min] runs 2"));

        Assert.Equal(0, Cli.Run("run", one, "--html", lines, "--jobs", "1").ExitCode);
        Assert.Equal(0, Cli.Run("run", two, "--html", grid, "--jobs", "1").ExitCode);

        var lineHtml = File.ReadAllText(lines);
        Assert.Contains("<polygon class=\"band\"", lineHtml, StringComparison.Ordinal);
        Assert.Contains(">rollup.A.block_time</text>", lineHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"cell\"", lineHtml, StringComparison.Ordinal);
        var gridHtml = File.ReadAllText(grid);
        Assert.Contains("class=\"chart heatmap\"", gridHtml, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Matches(Figure().Matches(gridHtml)[0].Value, "<rect class=\"cell\"").Count);
        AssertChartsRender(lines);
        AssertChartsRender(grid);
    }

    [Fact]
    public void An_html_path_in_a_missing_directory_is_a_clear_error_and_no_file()
    {
        var dir = TempDir.Create();
        var page = Path.Combine(dir.Path, "no-such-dir", "report.html");

        var outcome = Cli.Run("run", Repository.Example("quickstart.proto-script"), "--html", page);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("cannot write the HTML report", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(page));
    }

    [Fact]
    public void The_browser_check_catches_console_errors_and_blank_pages()
    {
        if (HeadlessChromium.Path is null)
        {
            Assert.False(HeadlessChromium.Required, "CI must check the HTML in Chromium: install Debian's chromium (.ci/run does).");
            return;
        }

        var dir = TempDir.Create();
        var noisy = dir.Write("noisy.html", "<!DOCTYPE html><html><body><p>x</p><script>console.error('boom'); missing();</script></body></html>");
        var blank = dir.Write("blank.html", "<!DOCTYPE html><html><body></body></html>");

        var view = HeadlessChromium.Load(noisy);
        Assert.Equal(2, view.ConsoleMessages.Count);
        Assert.Contains("boom", view.ConsoleMessages[0], StringComparison.Ordinal);
        Assert.True(PngPixels.InkedShare(HeadlessChromium.Load(blank).Screenshot) < 0.001);
    }

    [Fact]
    public void The_readme_chart_is_a_chromium_screenshot_of_the_prover_count_sweep_page()
    {
        // PROTOSCRIPT_ACCEPT_SNAPSHOTS=1 makes it again; otherwise the checked-in image must be a real screenshot.
        var image = Path.Combine(Repository.Root, "docs", "images", "prover-count-sweep.png");
        if (Environment.GetEnvironmentVariable("PROTOSCRIPT_ACCEPT_SNAPSHOTS") == "1" && HeadlessChromium.Path is not null)
        {
            var page = Path.Combine(TempDir.Create().Path, "prover-count-sweep.html");
            Assert.Equal(0, Cli.Run("run", Repository.Example("prover-count-sweep.proto-script"), "--html", page, "--jobs", "2").ExitCode);
            Directory.CreateDirectory(Path.GetDirectoryName(image)!);
            File.WriteAllBytes(image, HeadlessChromium.Load(page, "1180,820").Screenshot);
        }

        Assert.Contains("![", File.ReadAllText(Path.Combine(Repository.Root, "README.md")), StringComparison.Ordinal);
        Assert.Contains("docs/images/prover-count-sweep.png", File.ReadAllText(Path.Combine(Repository.Root, "README.md")), StringComparison.Ordinal);
        Assert.True(PngPixels.InkedShare(File.ReadAllBytes(image)) > 0.003, image + " is blank");
    }

    private static string SweepScenario(string sweep) => $$"""
        scenario "html-sweep" {
          seed 3
          duration 2 min

          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
          }

          workload {
            users = poisson(10 / s) on A
            value = uniform(0.001 eth, 0.01 eth)
          }

        }

        {{sweep}}
        """;

    [GeneratedRegex("<figure class=\"chart\" id=\"([^\"]*)\">(.*?)</figure>", RegexOptions.Singleline)]
    private static partial Regex Figure();

    [GeneratedRegex("<polyline class=\"series\"[^>]*points=\"([^\"]*)\"")]
    private static partial Regex Series();
}
