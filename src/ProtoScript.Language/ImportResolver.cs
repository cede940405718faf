using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language;

/// <summary>An imported file, parsed: its declarations are available to the importing scenario.</summary>
/// <param name="Source">The imported file's text, with the path diagnostics print.</param>
/// <param name="Syntax">Its syntax tree.</param>
public sealed record ImportedDocument(SourceText Source, DocumentSyntax Syntax);

/// <summary>
/// Reads the text of an imported file. The CLI reads the file system; a source generator
/// passes its additional files, because analyzers must not touch the disk.
/// </summary>
/// <param name="path">The path to read, as resolved against the importing file's folder.</param>
/// <returns>The text, or null when there is no such file.</returns>
public delegate string? ImportReader(string path);

/// <summary>Finds, reads and parses the files a scenario imports, following imports of imports.</summary>
internal static class ImportResolver
{
    /// <summary>The deepest chain of imports followed.</summary>
    public const int MaxDepth = 16;

    /// <summary>Reads a file from disk, or returns null when it does not exist or cannot be read.</summary>
    public static string? ReadFromDisk(string path)
    {
        try
        {
            // Never a device or a pipe: /dev/zero would never end and a pipe could block forever.
            var read = FileText.Read(path, ScenarioCompiler.MaxSourceLength * 2L);
            return read.Status == FileTextStatus.Read ? read.Text : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Resolves the imports of <paramref name="root"/> depth first, in source order, each file once.</summary>
    public static ImmutableArray<ImportedDocument> Resolve(SourceText root, DocumentSyntax syntax, ImportReader reader, DiagnosticBag diagnostics)
    {
        var result = ImmutableArray.CreateBuilder<ImportedDocument>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { Normalize(root.Path) };
        Visit(root, syntax, reader, diagnostics, result, seen, [Normalize(root.Path)]);
        return result.ToImmutable();
    }

    private static void Visit(SourceText source, DocumentSyntax syntax, ImportReader reader, DiagnosticBag diagnostics, ImmutableArray<ImportedDocument>.Builder result, HashSet<string> seen, List<string> chain)
    {
        foreach (var entry in syntax.Statements.OfType<EntrySyntax>().Where(e => e.Head.Text == "import"))
        {
            if (entry.IsField || entry.Body is not null || entry.Args.Length != 1 || entry.Args[0].Expression is not StringSyntax file)
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, source, entry.Span, "`import` takes one file name in quotes", "e.g. `import \"chains.proto-script\"`");
                continue;
            }

            var directory = Path.GetDirectoryName(source.Path);
            var path = string.IsNullOrEmpty(directory) ? file.Value : Path.Combine(directory, file.Value);
            var key = Normalize(path);
            if (chain.Contains(key))
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, source, file.Span, $"`{file.Value}` imports itself through a cycle: {string.Join(" -> ", chain.Select(Path.GetFileName).Append(Path.GetFileName(key)))}", "remove one of the imports");
                continue;
            }

            if (!seen.Add(key))
            {
                continue; // imported already, through another file
            }

            if (chain.Count > MaxDepth)
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, source, file.Span, $"imports are nested more than {MaxDepth} deep", "import the files from one place");
                continue;
            }

            var text = reader(path);
            if (text is null)
            {
                diagnostics.Error(DiagnosticCodes.FileNotFound, source, file.Span, $"imported file `{path}` does not exist", "paths are relative to the importing file's folder");
                continue;
            }

            var imported = new SourceText(path, text);
            var importedSyntax = ScenarioParser.Parse(imported, diagnostics);
            chain.Add(key);
            Visit(imported, importedSyntax, reader, diagnostics, result, seen, chain);
            chain.RemoveAt(chain.Count - 1);
            result.Add(new ImportedDocument(imported, importedSyntax));
        }
    }

    private static string Normalize(string path) => Path.GetFullPath(path).Replace('\\', '/');
}
