using System.Collections.Immutable;
using ProtoScript.Language.Binding;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language;

/// <summary>The outcome of reading a scenario: the model when it is valid, every diagnostic, and the symbols it declares.</summary>
/// <param name="Source">The text that was read.</param>
/// <param name="Syntax">The syntax tree (partial when there were syntax errors).</param>
/// <param name="Model">The bound model, or null when there were errors.</param>
/// <param name="Diagnostics">Errors and warnings, sorted by position.</param>
public sealed record CompilationResult(SourceText Source, DocumentSyntax Syntax, ScenarioModel? Model, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when there is no error (warnings are allowed).</summary>
    public bool Success => Model is not null && !Diagnostics.Any(d => d.IsError);

    /// <summary>
    /// Every name the file and its imports declare, and every use of one; built from syntax,
    /// so present whatever the errors (empty only for a file too large to read).
    /// </summary>
    public SymbolTable Symbols { get; init; } = SymbolTable.Empty;

    /// <summary>
    /// The model as far as it could be bound, even when there were errors: values that failed
    /// take their defaults and broken declarations are left out. For tools that show a scenario
    /// (outline, hover); anything that runs it uses <see cref="Model"/>, which is null on errors.
    /// </summary>
    public ScenarioModel? PartialModel { get; init; }

    /// <summary>
    /// What the binder made of each construct and field, with spans and evaluated values; like
    /// <see cref="PartialModel"/>, present even when there were errors (a field that failed its
    /// checks is in it, not accepted). What hover, completion and "go to definition" read.
    /// </summary>
    public BoundScenario Bound { get; init; } = BoundScenario.Empty;

    /// <summary>The file's parameter sweep, or null when it has none (or has errors).</summary>
    public SweepModel? Sweep { get; init; }

    /// <summary>Every hook of the file: the scenario's and those a sweep point brings, each once, in source order.</summary>
    public ImmutableArray<HookModel> AllHooks =>
        Model is null ? [] : [.. (Sweep is { } sweep ? sweep.Points.Select(p => p.Model).Prepend(Model) : [Model]).SelectMany(m => m.Hooks).Distinct()];
}

/// <summary>
/// The front door of the language: text in, bound model and diagnostics out. Shared by the
/// CLI, the tests and (later) the source generator, so that all report the same errors.
/// </summary>
public static class ScenarioCompiler
{
    /// <summary>The largest scenario file accepted, in characters.</summary>
    public const int MaxSourceLength = 8 * 1024 * 1024;

    /// <summary>Parses and binds a scenario. Never throws on any input.</summary>
    /// <param name="path">The path diagnostics print.</param>
    /// <param name="text">The content of the file.</param>
    public static CompilationResult Compile(string path, string text) => Compile(path, text, ImportResolver.ReadFromDisk);

    /// <summary>Parses and binds a scenario, reading the files it imports with <paramref name="readImport"/>. Never throws on any input.</summary>
    /// <param name="path">The path diagnostics print; imports are resolved against its folder.</param>
    /// <param name="text">The content of the file.</param>
    /// <param name="readImport">Reads an imported file's text, or returns null when it does not exist.</param>
    public static CompilationResult Compile(string path, string text, ImportReader readImport) => Compile(path, text, readImport, []);

    /// <summary>
    /// Parses and binds a scenario with settings replaced from the command line (<c>--set PATH=VALUE</c>,
    /// the paths a <c>sweep</c> takes). A problem in an override is reported against it, with the
    /// path <c>--set</c> and its column in the argument. Never throws on any input.
    /// </summary>
    /// <param name="path">The path diagnostics print; imports are resolved against its folder.</param>
    /// <param name="text">The content of the file.</param>
    /// <param name="overrides">Each <c>PATH=VALUE</c>, applied in order (a later one wins).</param>
    public static CompilationResult Compile(string path, string text, ImmutableArray<string> overrides) => Compile(path, text, ImportResolver.ReadFromDisk, overrides);

    /// <summary>Parses and binds a scenario with command-line overrides, reading imports with <paramref name="readImport"/>. Never throws on any input.</summary>
    /// <param name="path">The path diagnostics print; imports are resolved against its folder.</param>
    /// <param name="text">The content of the file.</param>
    /// <param name="readImport">Reads an imported file's text, or returns null when it does not exist.</param>
    /// <param name="overrides">Each <c>PATH=VALUE</c>, applied in order (a later one wins).</param>
    public static CompilationResult Compile(string path, string text, ImportReader readImport, ImmutableArray<string> overrides)
    {
        ArgumentNullException.ThrowIfNull(readImport);
        overrides = overrides.IsDefault ? [] : overrides;
        var diagnostics = new DiagnosticBag();
        if (text.Length > MaxSourceLength)
        {
            var tooLarge = new SourceText(path, string.Empty);
            diagnostics.Error(DiagnosticCodes.FileTooLarge, tooLarge, default, $"the file has {text.Length:N0} characters; at most {MaxSourceLength:N0} are accepted".Replace(",", "_", StringComparison.Ordinal), "split the scenario, or generate fewer rollups");
            return new CompilationResult(tooLarge, new DocumentSyntax([], default), null, diagnostics.Sorted());
        }

        var source = new SourceText(path, text);
        var syntax = ScenarioParser.Parse(source, diagnostics);
        var imports = ImportResolver.Resolve(source, syntax, readImport, diagnostics);
        var symbols = DeclarationPass.Collect(source, syntax, imports);
        SettingOverrides.Layout? layout = null;
        if (overrides.Length > 0)
        {
            // The overrides are synthetic lines after the file's text: binding reads the combined
            // text, whose start is the file, so every position in the file is unchanged.
            var refused = new List<Diagnostic>();
            layout = SettingOverrides.Prepare(text, overrides, refused);
            diagnostics.AddRange(refused);
            var combinedSource = new SourceText(path, layout.CombinedText);
            var lineDiagnostics = new DiagnosticBag();
            var combined = ScenarioParser.Parse(combinedSource, lineDiagnostics);
            diagnostics.AddRange(lineDiagnostics.Items.Where(d => d.Span.Start > text.Length));
            source = combinedSource;
            syntax = SettingOverrides.Apply(layout, source, syntax, combined, diagnostics) ?? syntax;
        }

        var (partial, tree) = ScenarioBinder.BindWithTree(source, syntax, diagnostics, imports);
        var model = diagnostics.HasErrors ? null : partial;
        var sweep = SweepBinder.Bind(source, syntax, model, diagnostics, imports);
        IReadOnlyList<Diagnostic> sorted = layout is null ? diagnostics.Sorted() : [.. diagnostics.Sorted().Select(d => SettingOverrides.Relocate(layout, source, d))];
        return new CompilationResult(source, syntax, diagnostics.HasErrors ? null : model, sorted)
        {
            Sweep = diagnostics.HasErrors ? null : sweep,
            Symbols = symbols,
            PartialModel = partial,
            Bound = tree.Build(source, symbols),
        };
    }

    /// <summary>
    /// Finds what a file imports without binding it: every path <see cref="Compile(string, string, ImportReader)"/>
    /// would ask <paramref name="readImport"/> for, directly or through other imports, including
    /// paths that do not exist (so that a tool can watch for them to appear). Never throws.
    /// </summary>
    /// <param name="path">The path of the file; imports are resolved against its folder.</param>
    /// <param name="text">The content of the file.</param>
    /// <param name="readImport">Reads an imported file's text, or returns null when it does not exist.</param>
    public static ImportScan ScanImports(string path, string text, ImportReader readImport)
    {
        ArgumentNullException.ThrowIfNull(readImport);
        var diagnostics = new DiagnosticBag();
        if (text.Length > MaxSourceLength)
        {
            return new ImportScan(false, []);
        }

        var source = new SourceText(path, text);
        var syntax = ScenarioParser.Parse(source, diagnostics);
        var requested = ImmutableArray.CreateBuilder<string>();
        ImportResolver.Resolve(source, syntax, p =>
        {
            requested.Add(p);
            return readImport(p);
        }, diagnostics);

        // A library holds only what an imported file may hold, and at least one of it.
        var entries = syntax.Statements.OfType<EntrySyntax>().ToList();
        var isLibrary = entries.Count > 0 && entries.Count == syntax.Statements.Length && entries.All(e => SchemaCatalog.ImportedFile.Contains(e.Head.Text));
        return new ImportScan(isLibrary, requested.ToImmutable());
    }

}

/// <summary>What <see cref="ScenarioCompiler.ScanImports"/> found in a file.</summary>
/// <param name="IsLibrary">
/// True when the file holds only what an imported file may hold (<c>token</c>, <c>l1</c>,
/// <c>rollup</c> templates and <c>import</c>s): it is meant to be imported, not run.
/// </param>
/// <param name="RequestedPaths">Every path its imports asked for, in the order they were read, whether or not the file exists.</param>
public sealed record ImportScan(bool IsLibrary, ImmutableArray<string> RequestedPaths);
