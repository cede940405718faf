using ProtoScript.Language;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Text;

namespace ProtoScript.Cli;

/// <summary>Reads scenario files and prints their diagnostics the way every command does.</summary>
internal static class ScenarioLoader
{
    /// <summary>Reads and compiles a file; a missing or unreadable file is a diagnostic too.</summary>
    public static CompilationResult Load(string path)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Failure(path, Directory.Exists(path) ? $"`{path}` is a directory, not a scenario file" : $"file `{path}` does not exist", "check the path; scenarios usually end in .proto-script");
            }

            if (info.Length > ScenarioCompiler.MaxSourceLength * 2L)
            {
                return Failure(path, $"the file is {info.Length / (1024 * 1024)} MiB; at most {ScenarioCompiler.MaxSourceLength / (1024 * 1024)} MiB are accepted", "split the scenario");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return Failure(path, $"cannot read `{path}`: {ex.Message}", null);
        }

        return ScenarioCompiler.Compile(path, text);
    }

    /// <summary>Prints diagnostics to the error writer; returns true when there were errors.</summary>
    public static bool Report(CompilationResult result, TextWriter stderr, DiagnosticFormat format)
    {
        if (result.Diagnostics.Count > 0)
        {
            stderr.Write(DiagnosticFormatter.Format(result.Diagnostics, format));
        }

        return result.Diagnostics.Any(d => d.IsError);
    }

    private static CompilationResult Failure(string path, string message, string? hint)
    {
        var source = new SourceText(path, string.Empty);
        var diagnostic = new Diagnostic(DiagnosticCodes.FileNotFound, DiagnosticSeverity.Error, message, source, default, hint);
        return new CompilationResult(source, new Language.Syntax.DocumentSyntax([], default), null, [diagnostic]);
    }
}
