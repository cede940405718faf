using ProtoScript.Testing;

namespace ProtoScript.Cli.Tests;

public class ExampleSnapshotTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Repository.Examples, "*.proto-script").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_report_matches_its_verified_snapshot(string example)
    {
        ScenarioSnapshot.Verify(Repository.Example(example));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_report_is_what_the_cli_prints_and_its_html_page_renders_every_chart(string example)
    {
        // One run gives both: the text on stdout and the page through --html, checked in Chromium.
        var page = Path.Combine(TempDir.Create().Path, Path.GetFileNameWithoutExtension(example) + ".html");
        var outcome = Cli.Run("run", Repository.Example(example), "--html", page);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(File.ReadAllText(ScenarioSnapshot.VerifiedPath(Repository.Example(example))), outcome.Stdout);
        HtmlReportTests.AssertChartsRender(page);
    }

    [Fact]
    public void Every_verified_snapshot_belongs_to_an_example()
    {
        var dangling = Directory.GetFiles(Repository.Examples, "*.verified.txt")
            .Where(v => !File.Exists(Path.Combine(Repository.Examples, Path.GetFileName(v)[..^".verified.txt".Length] + ".proto-script")))
            .ToList();
        Assert.Empty(dangling);
    }
}
