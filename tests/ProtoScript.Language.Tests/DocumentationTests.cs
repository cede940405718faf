using System.Reflection;
using System.Text.RegularExpressions;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Tests;

/// <summary>
/// Keeps docs/language.md and docs/diagnostics.md true: every fenced example is compiled
/// according to its info string, and the list of diagnostic codes is checked against
/// <see cref="DiagnosticCodes"/>.
/// </summary>
/// <remarks>
/// Info strings: <c>proto-script</c> is a complete scenario that compiles with no error
/// and no warning; <c>proto-script fragment</c> is parsed on its own, as a whole file,
/// and must have no syntax error (PS1xxx or PS2xxx); <c>proto-script error PSnnnn</c>
/// must report that code. A <c>text</c> block right after an error example is the exact
/// output of <c>proto-script check example.proto-script</c> for it.
/// </remarks>
public partial class DocumentationTests
{
    private const string ExamplePath = "example.proto-script";

    private static readonly string[] CheckedDocuments = ["docs/language.md", "docs/diagnostics.md"];

    /// <summary>Codes printed by layers above the language (ProtoScript.Reporting's ExpectationChecker.FailedCode).</summary>
    private static readonly string[] CodesReportedAfterARun = ["PS5001"];

    /// <summary>Codes about files and arguments, documented with CLI output instead of an example scenario.</summary>
    private static readonly string[] CodesWithoutExampleScenario =
    [
        "PS0001", "PS0002", "PS0003",

        // Reported by the hook compiler, not the language; their examples are checked by
        // tests/ProtoScript.Scripting.Tests/HookDocumentationTests.cs.
        "PS4001", "PS4002", "PS4003", "PS4004", "PS4005", "PS4006",

        // Reported by the CLI's isolated runs when a worker dies; documented with CLI output.
        "PS4007", "PS4008", "PS4009",
    ];

    private static readonly Lazy<string> RepositoryRoot = new(FindRepositoryRoot);

    public static TheoryData<string, int> CompleteScenarios() => Examples(b => b.Info == "proto-script");

    public static TheoryData<string, int> Fragments() => Examples(b => b.Info == "proto-script fragment");

    public static TheoryData<string, int> ErrorExamples() => Examples(b => b.ExpectedCode is not null);

    public static TheoryData<string, int> ErrorExamplesWithOutput() => Examples(b => b.ExpectedCode is not null && b.Output is not null);

    [Theory]
    [MemberData(nameof(CompleteScenarios))]
    public void A_complete_scenario_example_compiles_without_errors_or_warnings(string document, int line)
    {
        var block = Find(document, line);
        var result = ScenarioCompiler.Compile(ExamplePath, block.Code);
        Assert.True(
            result.Diagnostics.Count == 0 && result.Success,
            $"{document}:{line}: the example should compile cleanly but reports:\n{DiagnosticFormatter.Format(result.Diagnostics, DiagnosticFormat.Text)}");
    }

    [Theory]
    [MemberData(nameof(Fragments))]
    public void A_fragment_example_parses_without_syntax_errors(string document, int line)
    {
        var block = Find(document, line);
        var bag = new DiagnosticBag();
        ScenarioParser.Parse(new SourceText(ExamplePath, block.Code), bag);
        var syntaxErrors = bag.Items.Where(d => d.Code.StartsWith("PS1", StringComparison.Ordinal) || d.Code.StartsWith("PS2", StringComparison.Ordinal)).ToList();
        Assert.True(
            syntaxErrors.Count == 0,
            $"{document}:{line}: the fragment should parse but reports:\n{DiagnosticFormatter.Format(syntaxErrors, DiagnosticFormat.Text)}");
    }

    [Theory]
    [MemberData(nameof(ErrorExamples))]
    public void An_error_example_reports_the_code_its_info_string_names(string document, int line)
    {
        var block = Find(document, line);
        var result = ScenarioCompiler.Compile(ExamplePath, block.Code);
        Assert.True(
            result.Diagnostics.Any(d => d.Code == block.ExpectedCode),
            $"{document}:{line}: the example should report {block.ExpectedCode} but reports:\n{DiagnosticFormatter.Format(result.Diagnostics, DiagnosticFormat.Text)}");
    }

    [Theory]
    [MemberData(nameof(ErrorExamplesWithOutput))]
    public void The_output_shown_after_an_error_example_is_exactly_what_check_prints(string document, int line)
    {
        var block = Find(document, line);
        var result = ScenarioCompiler.Compile(ExamplePath, block.Code);
        Assert.Equal(block.Output, DiagnosticFormatter.Format(result.Diagnostics, DiagnosticFormat.Text));
    }

    [Fact]
    public void Every_proto_script_block_in_the_docs_has_a_known_kind()
    {
        var unknown = CheckedDocuments
            .SelectMany(Blocks)
            .Where(b => b.Info.StartsWith("proto-script", StringComparison.Ordinal))
            .Where(b => b.Info is not ("proto-script" or "proto-script fragment") && b.ExpectedCode is null)
            .Select(b => $"{b.Document}:{b.Line}: `{b.Info}`")
            .ToList();
        Assert.True(unknown.Count == 0, "unknown info strings:\n" + string.Join('\n', unknown));
    }

    [Fact]
    public void Every_diagnostic_code_has_a_heading_in_diagnostics_md()
    {
        var headings = CodeHeadings();
        var missing = AllDiagnosticCodes().Where(c => !headings.Contains(c)).ToList();
        Assert.True(missing.Count == 0, "docs/diagnostics.md has no `### CODE` heading for: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_code_mentioned_in_the_docs_exists()
    {
        var known = AllDiagnosticCodes().Concat(CodesReportedAfterARun).ToHashSet(StringComparer.Ordinal);
        var unknown = CheckedDocuments
            .SelectMany(doc => CodePattern().Matches(Read(doc)).Select(m => (doc, code: m.Value)))
            .Where(x => !known.Contains(x.code))
            .Select(x => $"{x.doc}: {x.code}")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.True(unknown.Count == 0, "codes that do not exist:\n" + string.Join('\n', unknown));
        Assert.Equal([.. CodeHeadings().Order(StringComparer.Ordinal)], [.. AllDiagnosticCodes().Order(StringComparer.Ordinal)]);
    }

    [Fact]
    public void Every_language_diagnostic_has_an_example_that_reports_it()
    {
        var exemplified = Blocks("docs/diagnostics.md").Select(b => b.ExpectedCode).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var missing = AllDiagnosticCodes().Except(CodesWithoutExampleScenario).Where(c => !exemplified.Contains(c)).ToList();
        Assert.True(missing.Count == 0, "docs/diagnostics.md has no `proto-script error CODE` example for: " + string.Join(", ", missing));
    }

    private static List<string> AllDiagnosticCodes() =>
        [.. typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)];

    private static HashSet<string> CodeHeadings() =>
        [.. Read("docs/diagnostics.md").Split('\n')
            .Select(l => HeadingPattern().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups["code"].Value)];

    private static TheoryData<string, int> Examples(Func<FencedBlock, bool> predicate)
    {
        var data = new TheoryData<string, int>();
        foreach (var block in CheckedDocuments.SelectMany(Blocks).Where(predicate))
        {
            data.Add(block.Document, block.Line);
        }

        return data;
    }

    private static FencedBlock Find(string document, int line) => Blocks(document).Single(b => b.Line == line);

    /// <summary>The fenced blocks of a document; <see cref="FencedBlock.Line"/> is the line of the opening fence.</summary>
    private static List<FencedBlock> Blocks(string document)
    {
        var lines = Read(document).Split('\n');
        var blocks = new List<(string Info, int Line, string Code, int End)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var info = lines[i][3..].Trim();
            var start = i + 1;
            var end = start;
            while (end < lines.Length && lines[end].TrimEnd() != "```")
            {
                end++;
            }

            Assert.True(end < lines.Length, $"{document}:{i + 1}: the fenced block is never closed");
            blocks.Add((info, i + 1, string.Concat(lines[start..end].Select(l => l + "\n")), end));
            i = end;
        }

        var result = new List<FencedBlock>();
        for (var k = 0; k < blocks.Count; k++)
        {
            var (info, line, code, end) = blocks[k];
            var match = ErrorInfoPattern().Match(info);
            string? output = null;
            if (match.Success && k + 1 < blocks.Count && blocks[k + 1].Info == "text"
                && lines[(end + 1)..(blocks[k + 1].Line - 1)].All(string.IsNullOrWhiteSpace))
            {
                output = blocks[k + 1].Code;
            }

            result.Add(new FencedBlock(document, line, info, code, match.Success ? match.Groups["code"].Value : null, output));
        }

        return result;
    }

    private static string Read(string document) =>
        File.ReadAllText(Path.Combine(RepositoryRoot.Value, document)).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ProtoScript.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ProtoScript.sln was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\bPS\d{4}\b")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^#{2,4} (?<code>PS\d{4})\s*$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"^proto-script error (?<code>PS\d{4})$")]
    private static partial Regex ErrorInfoPattern();

    /// <summary>One fenced block of a document.</summary>
    /// <param name="Document">The document's path from the repository root.</param>
    /// <param name="Line">The one-based line of the opening fence.</param>
    /// <param name="Info">The info string after the fence.</param>
    /// <param name="Code">The content, each line ending in a line feed.</param>
    /// <param name="ExpectedCode">For error examples, the code the info string names.</param>
    /// <param name="Output">For error examples followed by a text block, that block's content.</param>
    private sealed record FencedBlock(string Document, int Line, string Info, string Code, string? ExpectedCode, string? Output);
}
