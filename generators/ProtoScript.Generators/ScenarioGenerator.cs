using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ProtoScript.Emit;
using ProtoScript.Language;
using ProtoScript.Scripting;
using LanguageDiagnostic = ProtoScript.Language.Diagnostics.Diagnostic;

namespace ProtoScript.Generators;

/// <summary>
/// Compiles every <c>*.proto-script</c> file of a project's AdditionalFiles with the language's
/// own parser and binder and emits one C# class per valid scenario (see
/// <see cref="ScenarioEmitter"/>); every language diagnostic becomes a compiler diagnostic at the
/// scenario file's line and column.
/// </summary>
/// <remarks>
/// Each file is read, compiled and emitted on its own, from values only (its path and text and
/// the project's settings), so editing one scenario recompiles that one and nothing else.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class ScenarioGenerator : IIncrementalGenerator
{
    /// <summary>The file extension the generator reads.</summary>
    public const string Extension = ".proto-script";

    /// <summary>The MSBuild property that sets the namespace of the generated classes.</summary>
    public const string NamespaceProperty = "ProtoScriptNamespace";

    /// <summary>Tracking names of the pipeline's steps, for tests of its caching.</summary>
    public static class StepNames
    {
        /// <summary>Reads one file's text.</summary>
        public const string Read = "ProtoScript.Read";

        /// <summary>Which ProtoScript assemblies the compilation references: rerun on every compilation, equal unless references change.</summary>
        public const string References = "ProtoScript.References";

        /// <summary>Project settings (namespace, references).</summary>
        public const string Settings = "ProtoScript.Settings";

        /// <summary>Finds the AdditionalFiles one file imports: rerun when any file changes, equal unless its imports or their texts do.</summary>
        public const string Imports = "ProtoScript.Imports";

        /// <summary>Parses, binds and emits one file.</summary>
        public const string Compile = "ProtoScript.Compile";
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(static t => t.Path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase))
            .Select(static (t, ct) => new ScenarioFile(t.Path, t.GetText(ct)?.ToString() ?? string.Empty))
            .WithTrackingName(StepNames.Read);

        var ns = context.AnalyzerConfigOptionsProvider.Select(static (o, _) => Namespace(o.GlobalOptions));
        var references = context.CompilationProvider.Select(static (c, _) => (
            Language: c.GetTypeByMetadataName("ProtoScript.Language.Model.ScenarioModel") is not null,
            Engine: c.GetTypeByMetadataName("ProtoScript.Engine.Simulation.Simulator") is not null,
            Scripting: c.GetTypeByMetadataName("ProtoScript.Scripting.HookOptions") is not null))
            .WithTrackingName(StepNames.References);
        var settings = ns.Combine(references)
            .Select(static (p, _) => new GenerationSettings(p.Left, p.Right.Language, p.Right.Engine, p.Right.Engine && p.Right.Scripting))
            .WithTrackingName(StepNames.Settings);

        // Imports are read from AdditionalFiles, never from disk: a generator must not read files
        // the compiler does not track, and this makes each imported text an input of the step.
        var all = files.Collect()
            .Select(static (f, _) => new EquatableArray<ScenarioFile>([.. f.OrderBy(x => x.Path, StringComparer.Ordinal)]));
        var inputs = files.Combine(all)
            .Select(static (p, _) => ResolveImports(p.Left, p.Right))
            .WithTrackingName(StepNames.Imports);

        var compiled = inputs.Combine(settings)
            .Select(static (p, ct) => Generate(p.Left, p.Right, ct))
            .WithTrackingName(StepNames.Compile);

        // Only the paths decide which file owns a class name, so editing a file's text leaves this unchanged.
        var owners = files.Select(static (f, _) => f.Path).Collect()
            .Select(static (paths, _) => new EquatableArray<string>([.. paths.Order(StringComparer.Ordinal)]));

        context.RegisterSourceOutput(compiled.Combine(owners).Combine(settings), static (spc, p) =>
            Output(spc, p.Left.Left, p.Left.Right, p.Right));
    }

    /// <summary>Finds, among the project's scenario files, those <paramref name="file"/> imports.</summary>
    internal static ScenarioInput ResolveImports(ScenarioFile file, EquatableArray<ScenarioFile> all)
    {
        var directory = Path.GetDirectoryName(file.Path) ?? string.Empty;
        var byPath = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in all)
        {
            byPath[Normalize(f.Path)] = f.Text;
        }

        var found = new List<ImportedFile>();
        var scan = ScenarioCompiler.ScanImports(Path.GetFileName(file.Path), file.Text, requested =>
        {
            var text = byPath.TryGetValue(Normalize(Path.Combine(directory, requested)), out var t) ? t : null;
            found.Add(new ImportedFile(requested, text));
            return text;
        });
        return new ScenarioInput(file, scan.IsLibrary, new EquatableArray<ImportedFile>([.. found]));
    }

    /// <summary>Compiles one scenario and emits its class; never throws.</summary>
    internal static EmittedScenario Generate(ScenarioInput input, GenerationSettings settings, CancellationToken cancellationToken)
    {
        var file = input.File;
        var className = ScenarioEmitter.ClassNameFromPath(file.Path);
        if (input.IsLibrary)
        {
            // Only imported: its declarations, and any error in them, are reported where a scenario imports it.
            return new EmittedScenario(file.Path, className, null, new EquatableArray<DiagnosticInfo>([]), IsLibrary: true);
        }

        // The model records the file name, not the machine's absolute path: the generated code
        // (expectation locations, hook sources) is then the same on every machine. Imports resolve
        // against that name's (empty) folder, so they are looked up by the path the language asks for.
        var imports = input.Imports.ToDictionary(i => i.RequestedPath, i => i.Text, StringComparer.Ordinal);
        var result = ScenarioCompiler.Compile(Path.GetFileName(file.Path), file.Text, p => imports.TryGetValue(p, out var text) ? text : null);
        cancellationToken.ThrowIfCancellationRequested();
        var diagnostics = result.Diagnostics.Select(d => Map(d, file.Path)).ToImmutableArray();
        string? source = null;
        string? hookSource = null;
        if (result.Success && result.Model is { } model && settings.HasLanguage)
        {
            try
            {
                var hooks = result.AllHooks;
                var options = new EmitOptions(settings.Namespace, className, settings.HasEngine);
                if (settings.HasScripting && hooks.Length > 0)
                {
                    // The hooks pass the same sandbox and get the same budget as on the CLI's paths;
                    // their errors are the scenario's, at their lines and columns in the file.
                    // One namespace per scenario, outside the project's own: name lookup from the
                    // hooks then finds what it found where the sandbox checked them, never a project type.
                    var hookNamespace = "ProtoScript.Generated." + className;
                    var (instrumented, errors) = new HookCompiler(HookOptions.FromLimits(model.HookLimits) with { UseCache = false }).InstrumentedSource(hooks, hookNamespace);
                    cancellationToken.ThrowIfCancellationRequested();
                    if (instrumented is null)
                    {
                        return new EmittedScenario(file.Path, className, null, new EquatableArray<DiagnosticInfo>(diagnostics.AddRange(errors.Select(d => Map(d, file.Path)))));
                    }

                    hookSource = instrumented;
                    options = options with { Hooks = hooks, HookClass = "global::" + hookNamespace + ".HookSet" };
                }

                source = ScenarioEmitter.Emit(model, options);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug of ours must not take the whole build down with a stack trace; say where it happened.
                diagnostics = diagnostics.Add(FileLevel(GeneratorDiagnostics.EmitFailed, file.Path, $"the C# for {Path.GetFileName(file.Path)} could not be generated ({e.GetType().Name}: {e.Message}); please report this as a ProtoScript bug"));
            }
        }

        return new EmittedScenario(file.Path, className, source, new EquatableArray<DiagnosticInfo>(diagnostics), source is null ? null : hookSource);
    }

    private static void Output(SourceProductionContext context, EmittedScenario scenario, EquatableArray<string> paths, GenerationSettings settings)
    {
        foreach (var d in scenario.Diagnostics)
        {
            context.ReportDiagnostic(ToRoslyn(d));
        }

        if (scenario.IsLibrary)
        {
            return;
        }

        if (!settings.HasLanguage)
        {
            context.ReportDiagnostic(ToRoslyn(FileLevel(GeneratorDiagnostics.MissingLanguage, scenario.Path,
                "the project does not reference ProtoScript.Language, whose model types the generated code builds; add a reference to ProtoScript.Engine (which brings it) or to ProtoScript.Language")));
            return;
        }

        var owner = paths.FirstOrDefault(p => ScenarioEmitter.ClassNameFromPath(p) == scenario.ClassName);
        if (owner is not null && owner != scenario.Path)
        {
            context.ReportDiagnostic(ToRoslyn(FileLevel(GeneratorDiagnostics.DuplicateClass, scenario.Path,
                $"the class name {scenario.ClassName} is already generated for {owner}; rename one of the files")));
            return;
        }

        if (scenario.Source is { } source)
        {
            context.AddSource(scenario.ClassName + ".g.cs", SourceText.From(source, System.Text.Encoding.UTF8));
            if (scenario.HookSource is { } hooks)
            {
                context.AddSource(scenario.ClassName + ".hooks.g.cs", SourceText.From(hooks, System.Text.Encoding.UTF8));
            }
        }
    }

    private static string Namespace(AnalyzerConfigOptions options)
    {
        if (options.TryGetValue("build_property." + NamespaceProperty, out var configured) && !string.IsNullOrWhiteSpace(configured))
        {
            return ValidNamespace(configured);
        }

        return options.TryGetValue("build_property.RootNamespace", out var root) && !string.IsNullOrWhiteSpace(root)
            ? ValidNamespace(root) + ".Scenarios"
            : "Scenarios";
    }

    /// <summary>
    /// A namespace the compiler accepts, made from a property's value: a project named
    /// <c>my-app</c> has that as its root namespace, and <c>namespace my-app.Scenarios;</c> would not compile.
    /// </summary>
    internal static string ValidNamespace(string value)
    {
        var parts = value.Trim().Split('.').Select(part =>
        {
            var sb = new System.Text.StringBuilder();
            foreach (var c in part)
            {
                sb.Append(SyntaxFacts.IsIdentifierPartCharacter(c) ? c : '_');
            }

            if (sb.Length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(sb[0]))
            {
                sb.Insert(0, '_');
            }

            var name = sb.ToString();
            return SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
        });
        return string.Join(".", parts);
    }

    private static DiagnosticInfo Map(LanguageDiagnostic d, string scenarioPath)
    {
        // A diagnostic in an imported file points at that file, found beside the scenario as the language resolved it.
        var path = d.Source is { } source && source.Path != Path.GetFileName(scenarioPath)
            ? Normalize(Path.Combine(Path.GetDirectoryName(scenarioPath) ?? string.Empty, source.Path))
            : scenarioPath;
        var start = d.Position;
        var end = d.Source?.GetPosition(d.Span.End) ?? start;

        // The hint is part of the message, as in the CLI's MSBuild format: a build log shows nothing else.
        var message = d.Hint is null ? d.Message : d.Message + " (" + d.Hint + ")";
        return new DiagnosticInfo(d.Code, d.IsError, message, path, d.Span.Start, d.Span.Length, start.Line - 1, start.Column - 1, end.Line - 1, end.Column - 1);
    }

    /// <summary>A path with <c>.</c> and <c>..</c> segments resolved and one separator, without touching the disk.</summary>
    private static string Normalize(string path)
    {
        var rooted = path.StartsWith('/') || path.StartsWith('\\');
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(part);
            }
        }

        return (rooted ? "/" : string.Empty) + string.Join("/", parts);
    }

    private static DiagnosticInfo FileLevel(string id, string path, string message) =>
        new(id, true, message, path, 0, 0, 0, 0, 0, 0);

    private static Diagnostic ToRoslyn(DiagnosticInfo d)
    {
        var location = Location.Create(
            d.Path,
            new TextSpan(d.Start, d.Length),
            new LinePositionSpan(new LinePosition(d.StartLine, d.StartColumn), new LinePosition(d.EndLine, d.EndColumn)));
        return Diagnostic.Create(GeneratorDiagnostics.Descriptor(d.Id, d.IsError), location, d.Message);
    }
}
