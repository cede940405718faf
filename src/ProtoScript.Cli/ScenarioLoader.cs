using System.Diagnostics.CodeAnalysis;
using ProtoScript.Language;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Text;

namespace ProtoScript.Cli;

/// <summary>Reads scenario files and prints their diagnostics the way every command does.</summary>
internal static class ScenarioLoader
{
    /// <summary>Reads and compiles a file; a missing or unreadable file is a diagnostic too.</summary>
    public static CompilationResult Load(string path) =>
        TryRead(path, out var text, out var failure) ? ScenarioCompiler.Compile(path, text) : failure;

    /// <summary>Reads and compiles a file with <c>--set PATH=VALUE</c> overrides applied.</summary>
    public static CompilationResult Load(string path, IReadOnlyList<string> overrides) =>
        overrides.Count == 0 ? Load(path)
        : TryRead(path, out var text, out var failure) ? ScenarioCompiler.Compile(path, text, [.. overrides]) : failure;

    /// <summary>
    /// Reads a file's text; when it is missing, a directory, not a regular file (a device, pipe or
    /// socket), too large or unreadable, returns false and a result holding the diagnostic.
    /// </summary>
    public static bool TryRead(string path, out string text, [NotNullWhen(false)] out CompilationResult? failure)
    {
        text = string.Empty;
        failure = null;
        try
        {
            var read = FileText.Read(path, ScenarioCompiler.MaxSourceLength * 2L);
            failure = read.Status switch
            {
                FileTextStatus.Read => null,
                FileTextStatus.Directory => Failure(path, $"`{path}` is a directory, not a scenario file", "check the path; scenarios usually end in .proto-script"),
                FileTextStatus.NotRegular => Failure(path, $"`{path}` is not a regular file (a device, pipe or socket)", "give a scenario file"),
                FileTextStatus.TooLarge => Failure(path, $"the file is {read.Length / (1024 * 1024)} MiB; at most {ScenarioCompiler.MaxSourceLength / (1024 * 1024)} MiB are accepted", "split the scenario", DiagnosticCodes.FileTooLarge),
                _ => Failure(path, $"file `{path}` does not exist", "check the path; scenarios usually end in .proto-script"),
            };
            text = read.Text;
            return failure is null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            failure = Failure(path, $"cannot read `{path}`: {ex.Message}", null);
            return false;
        }
    }

    /// <summary>A diagnostic at the start of <paramref name="path"/> for a file that cannot be used, e.g. cannot be written.</summary>
    public static Diagnostic FileProblem(string path, string message, string? hint) =>
        Failure(path, message, hint).Diagnostics[0];

    /// <summary>Prints diagnostics to the error writer; returns true when there were errors.</summary>
    public static bool Report(CompilationResult result, TextWriter stderr, DiagnosticFormat format)
    {
        if (result.Diagnostics.Count > 0)
        {
            stderr.Write(DiagnosticOutput.Format(result.Diagnostics, format));
        }

        return result.Diagnostics.Any(d => d.IsError);
    }

    private static CompilationResult Failure(string path, string message, string? hint, string code = DiagnosticCodes.FileNotFound)
    {
        var source = new SourceText(path, string.Empty);
        var diagnostic = new Diagnostic(code, DiagnosticSeverity.Error, message, source, default, hint);
        return new CompilationResult(source, new Language.Syntax.DocumentSyntax([], default), null, [diagnostic]);
    }
}
