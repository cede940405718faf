using System.Globalization;
using ProtoScript.Language.Diagnostics;

namespace ProtoScript.Cli;

/// <summary>
/// Prints diagnostics for people: at most <see cref="MaxErrorsPerFile"/> errors of one file, then
/// how many more there are. A file with hundreds of errors is usually one early mistake (a
/// missing brace, a wrong file) and the first screenful says which; the JSON format, read by
/// tools, keeps every diagnostic.
/// </summary>
internal static class DiagnosticOutput
{
    /// <summary>The most errors printed per file in the text and msbuild formats.</summary>
    public const int MaxErrorsPerFile = 50;

    /// <summary>Formats <paramref name="diagnostics"/>, capped per file unless the format is JSON.</summary>
    public static string Format(IReadOnlyList<Diagnostic> diagnostics, DiagnosticFormat format)
    {
        if (format == DiagnosticFormat.Json)
        {
            return DiagnosticFormatter.Format(diagnostics, format);
        }

        var shown = new List<Diagnostic>(Math.Min(diagnostics.Count, MaxErrorsPerFile * 2));
        var errors = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var d in diagnostics)
        {
            if (!errors.TryGetValue(d.Path, out var count))
            {
                order.Add(d.Path);
            }

            // Once a file's cap is reached, its later warnings go too: they follow from the same mess.
            if (count < MaxErrorsPerFile)
            {
                shown.Add(d);
            }

            errors[d.Path] = count + (d.IsError ? 1 : 0);
        }

        var text = DiagnosticFormatter.Format(shown, format);
        foreach (var path in order.Where(p => errors[p] > MaxErrorsPerFile))
        {
            var more = errors[path] - MaxErrorsPerFile;
            text += string.Create(CultureInfo.InvariantCulture, $"{path}: and {more} more error{(more == 1 ? string.Empty : "s")}, not shown; fix the first {MaxErrorsPerFile} (an early one often causes the rest) and run again\n");
        }

        return text;
    }
}
