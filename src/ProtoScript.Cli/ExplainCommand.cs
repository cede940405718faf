using System.CommandLine;
using System.Text.RegularExpressions;
using ProtoScript.Language.Binding;
using ProtoScript.Language.Diagnostics;

namespace ProtoScript.Cli;

/// <summary>
/// <c>proto-script explain PSnnnn</c>: prints a diagnostic code's section of docs/diagnostics.md.
/// The document is embedded in the tool when it is built, so an installed tool explains the
/// codes of its own version without the repository.
/// </summary>
internal static partial class ExplainCommand
{
    /// <summary>The manifest name of the embedded docs/diagnostics.md (see the project file).</summary>
    internal const string ResourceName = "ProtoScript.Cli.diagnostics.md";

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var code = new Argument<string>("code") { Description = "A diagnostic code, e.g. PS3002 (the PS may be left out)." };
        var command = new Command("explain", "Explain a diagnostic code: what it means, an example and how to fix it.") { code };
        command.SetAction(parse =>
        {
            var given = parse.GetValue(code)!.Trim();
            var wanted = given.StartsWith("PS", StringComparison.OrdinalIgnoreCase) ? "PS" + given[2..] : "PS" + given;
            var sections = Sections(Document());
            if (sections.TryGetValue(wanted, out var text))
            {
                stdout.Write(text);
                return ExitCodes.Success;
            }

            var suggestion = NameSuggester.Suggest(wanted, sections.Keys);
            var hint = suggestion is not null ? $"did you mean `{suggestion}`? " : string.Empty;
            stderr.Write($"proto-script: error {DiagnosticCodes.InvalidArgument}: `{given}` is not a diagnostic code; {hint}codes: {string.Join(", ", sections.Keys)}\n");
            return ExitCodes.BadInput;
        });
        return command;
    }

    /// <summary>docs/diagnostics.md as it was when the tool was built.</summary>
    internal static string Document()
    {
        using var stream = typeof(ExplainCommand).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the tool was built without its {ResourceName} resource");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }

    /// <summary>Each <c>### PSnnnn</c> section of the document, from its heading to the next heading, in document order.</summary>
    internal static IReadOnlyDictionary<string, string> Sections(string document)
    {
        var sections = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var lines = document.Split('\n');
        var inFence = false;
        string? current = null;
        var body = new List<string>();
        void Flush()
        {
            if (current is not null)
            {
                sections[current] = string.Join("\n", body).Trim('\n') + "\n";
            }
        }

        foreach (var line in lines)
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            if (!inFence && line.StartsWith('#'))
            {
                Flush();

                // PS5001 (a failed expectation) is printed by `run`, not the language, and is
                // documented in the exit codes' section rather than under a heading of its own.
                current = CodeHeading().Match(line) is { Success: true } m ? m.Groups[1].Value
                    : line == "## Exit codes" ? Reporting.ExpectationChecker.FailedCode
                    : null;
                body.Clear();
            }

            if (current is not null)
            {
                body.Add(line);
            }
        }

        Flush();
        return sections;
    }

    [GeneratedRegex(@"^###\s+(PS\d{4})\b")]
    private static partial Regex CodeHeading();
}
