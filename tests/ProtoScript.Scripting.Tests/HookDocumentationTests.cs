using System.Text.RegularExpressions;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting.Tests;

/// <summary>
/// Keeps the C# hook section of docs/diagnostics.md true: each hook example, compiled (and,
/// when it compiles, called once), prints exactly the text block that follows it.
/// </summary>
public partial class HookDocumentationTests
{
    public static TheoryData<int> Examples()
    {
        var data = new TheoryData<int>();
        foreach (var (line, _, _) in HookExamples())
        {
            data.Add(line);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void A_hook_example_prints_the_output_shown_after_it(int line)
    {
        var (_, fragment, expected) = HookExamples().Single(e => e.Line == line);
        var hook = HookIn(fragment);
        var result = new HookCompiler(Hooks.NoCache).Compile([hook]);
        string actual;
        if (result.Success)
        {
            using var hooks = result.Hooks;
            var e = Assert.Throws<HookException>(() => hooks.OrderingRule(hook).Compare(Hooks.Tx(1, 1), Hooks.Tx(2, 2)));
            actual = DiagnosticFormatter.FormatText(e.ToDiagnostic());
        }
        else
        {
            actual = DiagnosticFormatter.Format(result.Diagnostics, DiagnosticFormat.Text);
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Every_hook_code_has_an_example()
    {
        var text = Read();
        foreach (var code in new[] { "PS4001", "PS4002", "PS4003", "PS4004", "PS4005", "PS4006" })
        {
            Assert.Contains("### " + code + "\n", text, StringComparison.Ordinal);
        }

        // PS4001 has no example: every hook kind has a site in this version, so nothing reaches it.
        Assert.Equal(6, HookExamples().Count);
    }

    /// <summary>The hook of a fragment: <c>FIELD = csharp =&gt; EXPR</c> or <c>FIELD = csharp { ... }</c>, owned by its block.</summary>
    private static HookModel HookIn(string fragment)
    {
        var match = HookPattern().Match(fragment);
        Assert.True(match.Success, "the fragment has no hook");
        var block = match.Groups["block"].Value.Trim();
        var field = match.Groups["field"].Value;
        var kind = field switch
        {
            "distribute" => HookKind.FeeDistribution,
            "strategy" => HookKind.Strategy,
            "derivation" => HookKind.Derivation,
            _ => HookKind.Ordering,
        };
        var owner = block + " " + field;
        if (match.Groups["expr"].Success)
        {
            return Hooks.Locate("example.proto-script", fragment, match.Groups["expr"].Value.Trim(), isExpression: true, kind, owner);
        }

        var start = match.Groups["brace"].Index + 1;
        var depth = 1;
        var end = start;
        for (; depth > 0; end++)
        {
            depth += fragment[end] switch { '{' => 1, '}' => -1, _ => 0 };
        }

        var code = fragment[start..(end - 1)];
        return Hooks.Locate("example.proto-script", fragment, code, isExpression: false, kind, owner);
    }

    private static List<(int Line, string Fragment, string Output)> HookExamples()
    {
        var lines = Read().Split('\n');
        var inHooks = false;
        var result = new List<(int, string, string)>();
        for (var i = 0; i < lines.Length; i++)
        {
            inHooks |= lines[i] == "## C# hooks";
            if (!inHooks || lines[i] != "```proto-script fragment")
            {
                continue;
            }

            var (fragment, next) = Block(lines, i + 1);
            while (string.IsNullOrWhiteSpace(lines[next]))
            {
                next++;
            }

            Assert.Equal("```text", lines[next]);
            var (output, _) = Block(lines, next + 1);
            result.Add((i + 1, fragment, output));
        }

        return result;
    }

    private static (string Content, int Next) Block(string[] lines, int start)
    {
        var end = start;
        while (lines[end] != "```")
        {
            end++;
        }

        return (string.Concat(lines[start..end].Select(l => l + "\n")), end + 1);
    }

    private static string Read()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "diagnostics.md");
            if (File.Exists(Path.Combine(dir.FullName, "ProtoScript.sln")))
            {
                return File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
            }
        }

        throw new InvalidOperationException("ProtoScript.sln was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^(?<block>[a-z_]+(?: [A-Za-z_]\w*)?) \{\n\s*(?<field>\w+) = csharp (?:=> (?<expr>[^\n]*)|(?<brace>\{))")]
    private static partial Regex HookPattern();
}
