using System.CommandLine;
using System.Globalization;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Formatting;
using ProtoScript.Language.Text;

namespace ProtoScript.Cli;

/// <summary>
/// <c>proto-script fmt FILE... [--check]</c>: rewrite scenarios in the canonical layout, or
/// with <c>--check</c> only report the files that are not in it.
/// </summary>
internal static class FmtCommand
{
    /// <param name="stdout">Where <c>formatted FILE</c> lines go.</param>
    /// <param name="stderr">Where diagnostics go.</param>
    /// <param name="createTemporary">Opens the temporary file each rewrite goes through; tests pass one that fails like a full disk. Null for the file system.</param>
    public static Command Build(TextWriter stdout, TextWriter stderr, Func<string, Stream>? createTemporary = null)
    {
        var files = new Argument<string[]>("files") { Description = "Scenario files to format.", Arity = ArgumentArity.OneOrMore };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when a file is not formatted." };
        var diagnosticFormat = CommonOptions.DiagnosticFormat();
        var command = new Command("fmt", "Format scenarios in place in the canonical layout; files with syntax errors are left alone.")
        {
            files,
            check,
            diagnosticFormat,
        };
        command.SetAction(parse =>
        {
            var format = CommonOptions.ToFormat(parse.GetValue(diagnosticFormat));
            var checkOnly = parse.GetValue(check);
            var errors = new List<Diagnostic>();
            var unformatted = false;
            foreach (var file in parse.GetValue(files) ?? [])
            {
                if (!ScenarioLoader.TryRead(file, out var text, out var failure))
                {
                    errors.AddRange(failure.Diagnostics);
                    continue;
                }

                var result = ScenarioFormatter.Format(file, text);
                if (result.Text is null)
                {
                    errors.AddRange(result.Diagnostics);
                    continue;
                }

                if (result.Text == text)
                {
                    continue;
                }

                unformatted = true;
                if (checkOnly)
                {
                    stdout.Write(DescribeDifference(file, text, result.Text));
                }
                else
                {
                    try
                    {
                        // Through a temporary file and a rename: a full disk leaves the file as it was.
                        FileText.WriteAtomically(file, result.Text, createTemporary);
                        stdout.Write($"formatted {file}\n");
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        errors.Add(ScenarioLoader.FileProblem(file, $"cannot write `{file}`: {e.Message}; it was left as it was", "check the file's permissions and the free space on its disk"));
                    }
                }
            }

            if (errors.Count > 0 || format == DiagnosticFormat.Json)
            {
                stderr.Write(DiagnosticFormatter.Format(errors, format));
            }

            return errors.Count > 0 ? ExitCodes.BadInput
                : unformatted && checkOnly ? ExitCodes.RunFailed
                : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// <c>FILE: not formatted</c>, then the first line that differs, as it is (<c>-</c>) and as it would be (<c>+</c>).
    /// </summary>
    internal static string DescribeDifference(string file, string original, string formatted)
    {
        var was = original.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var will = formatted.Split('\n');
        var line = 0;
        while (line < was.Length && line < will.Length && was[line] == will[line])
        {
            line++;
        }

        var sb = new System.Text.StringBuilder();
        sb.Append(file).Append(": not formatted\n");
        if (line >= was.Length && line >= will.Length)
        {
            sb.Append("  line endings must be LF\n");
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"  first difference at line {line + 1}:\n");
            sb.Append("  - ").Append(line < was.Length ? was[line] : "(end of file)").Append('\n');
            sb.Append("  + ").Append(line < will.Length ? will[line] : "(end of file)").Append('\n');
        }

        return sb.ToString();
    }
}
