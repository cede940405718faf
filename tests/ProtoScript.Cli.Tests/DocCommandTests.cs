using System.Text.RegularExpressions;
using ProtoScript.Language.Formatting;

namespace ProtoScript.Cli.Tests;

/// <summary>
/// Keeps the commands and examples of README.md and docs/ true. Every line of a fenced block
/// that is a <c>proto-script ...</c> command (optionally after <c>$ </c>) or a
/// <c>dotnet run --project src/ProtoScript.Cli ... -- ...</c> command is run through the
/// tool and must exit 0, except:
/// <list type="bullet">
/// <item>a synopsis (<c>FILE</c>, <c>NAME</c>, <c>PSnnnn</c>, <c>[...]</c>, <c>a|b</c>) is not a command;</item>
/// <item>a block right after <c>&lt;!-- doc-commands: illustrative ... --&gt;</c> shows made-up files and output and is not run;</item>
/// <item>in a block right after <c>&lt;!-- doc-commands: sweeps checked, not run (slow) --&gt;</c>
/// a command whose file declares a sweep is only <c>check</c>ed (it must be clean), the others run.</item>
/// </list>
/// An unmarked command whose file does not exist fails the test, so a renamed example cannot
/// leave a stale command behind. Every complete <c>proto-script</c> example of docs/language.md
/// is also in the formatter's layout and runs.
/// </summary>
public partial class DocCommandTests
{
    private const string Illustrative = "<!-- doc-commands: illustrative";
    private const string SweepsChecked = "<!-- doc-commands: sweeps checked, not run (slow) -->";

    private sealed record Command(string Document, int Line, string Text, string[] Args, bool SweepsOnlyChecked);

    public static TheoryData<string, int> Commands()
    {
        var data = new TheoryData<string, int>();
        foreach (var c in Extract())
        {
            data.Add(c.Document, c.Line);
        }

        return data;
    }

    [Fact]
    public void The_documents_hold_commands_to_run()
    {
        var commands = Extract();
        Assert.Contains(commands, c => c.Document == "README.md" && c.Text.Contains("examples/quickstart.proto-script", StringComparison.Ordinal));
        Assert.True(commands.Count(c => c.Document == "docs/experiments.md") >= 10);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_documented_command_runs_and_exits_0(string document, int line)
    {
        var command = Extract().Single(c => c.Document == document && c.Line == line);
        var files = command.Args.Where(a => a.EndsWith(".proto-script", StringComparison.Ordinal)).ToList();
        foreach (var file in files)
        {
            Assert.True(File.Exists(file), $"{document}:{line}: `{command.Text}` names {file}, which does not exist (mark the block illustrative if it is made up)");
        }

        if (command.SweepsOnlyChecked && files.Any(f => File.ReadAllText(f).Split('\n').Any(l => l.StartsWith("sweep ", StringComparison.Ordinal))))
        {
            var check = Cli.Run(["check", .. files]);
            Assert.True(check.ExitCode == 0, $"{document}:{line}: `{command.Text}` (checked, a slow sweep): exit {check.ExitCode}\n{check.Stderr}");
            return;
        }

        var outcome = Cli.Run(command.Args);
        Assert.True(outcome.ExitCode == 0, $"{document}:{line}: `{command.Text}` exited {outcome.ExitCode}\n{outcome.Stderr}");
    }

    public static TheoryData<int> LanguageExamples()
    {
        var data = new TheoryData<int>();
        foreach (var (line, _) in Blocks("docs/language.md").Where(b => b.Info == "proto-script").Select(b => (b.Line, b.Code)))
        {
            data.Add(line);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LanguageExamples))]
    public void A_language_example_is_formatted_and_runs(int line)
    {
        var code = Blocks("docs/language.md").Single(b => b.Line == line).Code;
        var formatted = ScenarioFormatter.Format("example.proto-script", code);
        Assert.True(formatted.Text == code, $"docs/language.md:{line}: the example is not in the canonical layout; `proto-script fmt` writes:\n{formatted.Text}");

        var path = TempFiles.Write("example.proto-script", code);
        var outcome = Cli.Run("run", path, "--no-isolate");

        // A failed expectation is what some examples show (a sweep point that misses its
        // bound); anything else (bad input, a hook failure, a crash) is a broken example.
        var errors = outcome.Stderr.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).ToList();
        Assert.True(outcome.ExitCode == 0 || (outcome.ExitCode == 1 && errors.Count > 0 && errors.All(e => e.Contains("error PS5001:", StringComparison.Ordinal))), $"docs/language.md:{line}: exit {outcome.ExitCode}\n{outcome.Stderr}");
    }

    private static List<Command> Extract()
    {
        var commands = new List<Command>();
        var documents = new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md").Select(p => "docs/" + Path.GetFileName(p)).Order(StringComparer.Ordinal));
        foreach (var document in documents)
        {
            foreach (var block in Blocks(document))
            {
                if (block.Marker?.StartsWith(Illustrative, StringComparison.Ordinal) == true)
                {
                    continue;
                }

                var lines = block.Code.Split('\n');
                for (var i = 0; i < lines.Length; i++)
                {
                    if (ToArgs(lines[i]) is { } args)
                    {
                        commands.Add(new Command(document, block.Line + 1 + i, lines[i].Trim(), args, block.Marker == SweepsChecked));
                    }
                }
            }
        }

        return commands;
    }

    /// <summary>The tool's arguments of a command line, paths made absolute from the repository root; null for anything else.</summary>
    private static string[]? ToArgs(string line)
    {
        var text = line.Trim();
        text = text.StartsWith("$ ", StringComparison.Ordinal) ? text[2..] : text;
        var match = CommandLine().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var rest = match.Groups["rest"].Value;
        var hash = rest.IndexOf(" #", StringComparison.Ordinal);
        rest = hash >= 0 ? rest[..hash] : rest;
        if (Placeholder().IsMatch(rest))
        {
            return null; // a synopsis
        }

        return [.. Words(rest).Select(w => File.Exists(Path.Combine(Repository.Root, w)) || Directory.Exists(Path.Combine(Repository.Root, w)) || w.EndsWith(".proto-script", StringComparison.Ordinal) ? Path.Combine(Repository.Root, w) : w)];
    }

    /// <summary>Splits a shell command's words, with single and double quotes.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in text)
        {
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (c == ' ')
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private sealed record Block(int Line, string Info, string Code, string? Marker);

    /// <summary>The fenced blocks of a document: the line of the opening fence (1-based), its info string, its text, and the HTML comment right before it.</summary>
    private static List<Block> Blocks(string document)
    {
        var lines = File.ReadAllText(Path.Combine(Repository.Root, document)).ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<Block>();
        for (var i = 0; i < lines.Length; i++)
        {
            var open = lines[i].TrimStart();
            if (!open.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var indent = lines[i].Length - open.Length;
            var end = i + 1;
            while (end < lines.Length && !lines[end].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                end++;
            }

            var marker = i > 0 && lines[i - 1].TrimStart().StartsWith("<!--", StringComparison.Ordinal) ? lines[i - 1].Trim() : null;
            var code = string.Concat(lines[(i + 1)..end].Select(l => (l.Length >= indent ? l[indent..] : l.TrimStart()) + "\n"));
            blocks.Add(new Block(i + 1, open[3..].Trim(), code, marker));
            i = end;
        }

        return blocks;
    }

    [GeneratedRegex(@"^(proto-script|dotnet run (?:-c Release |--configuration Release )?--project src/ProtoScript\.Cli(?: -c Release)? --) (?<rest>.+)$")]
    private static partial Regex CommandLine();

    // FILE, FILES, NAME, PSnnnn, DIRS, an option list in brackets, alternatives with |, an ellipsis.
    [GeneratedRegex(@"\b(FILE|FILES|NAME|PSnnnn|DIRS|PATH|VALUE)\b|\[|\||\.\.\.")]
    private static partial Regex Placeholder();
}
