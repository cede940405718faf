using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ProtoScript.Emit;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Simulation;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;
using PsDiagnostic = ProtoScript.Language.Diagnostics.Diagnostic;
using PsSeverity = ProtoScript.Language.Diagnostics.DiagnosticSeverity;

namespace ProtoScript.Scripting;

/// <summary>The outcome of compiling a scenario to specialised code.</summary>
/// <param name="Scenario">The loaded code, or null when the hooks had errors.</param>
/// <param name="Diagnostics">The hooks' errors, at their places in their .proto-script files.</param>
public sealed record CompiledScenarioResult(CompiledScenario? Scenario, IReadOnlyList<PsDiagnostic> Diagnostics)
{
    /// <summary>True when the scenario compiled and can run.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Scenario))]
    public bool Success => Scenario is not null;
}

/// <summary>
/// The compiled engine's path at run time: the scenario's C# from <see cref="ScenarioEmitter"/>
/// (the same code the source generator emits, plus its hooks as budgeted static methods),
/// compiled with Roslyn in memory, cached on disk like hooks, and loaded into a collectible
/// context. It is the compiled path's <see cref="IRuleProvider"/>: every hook site resolves to
/// the emitted code's rules (pass it as a run's <see cref="SimulationOptions.Rules"/>). Dispose it when the runs are done.
/// </summary>
public sealed class CompiledScenario : IRuleProvider, IDisposable
{
    /// <summary>The name of every load context that holds a compiled scenario.</summary>
    public const string LoadContextName = "ProtoScript.CompiledScenario";

    /// <summary>The namespace and class of the emitted scenario.</summary>
    public const string TypeName = Namespace + "." + ClassName;

    private const string Namespace = "ProtoScript.Compiled";
    private const string ClassName = "Scenario";

    private readonly IRuleProvider _rules;
    private AssemblyLoadContext? _context;

    private CompiledScenario(ScenarioModel model, IRuleProvider rules, AssemblyLoadContext context, bool fromCache)
    {
        Model = model;
        _rules = rules;
        _context = context;
        FromCache = fromCache;
    }

    /// <summary>The model the compiled code builds from literals.</summary>
    public ScenarioModel Model { get; }

    /// <summary>True when the assembly came from the on-disk cache without running the C# compiler.</summary>
    public bool FromCache { get; }

    /// <summary>How many Roslyn compilations of scenarios this process has run; a cache hit runs none.</summary>
    public static int CompilationCount => Volatile.Read(ref _compilationCount);

    private static int _compilationCount;

    /// <summary>The C# the compiled path builds for a file: the emitted scenario class.</summary>
    /// <param name="file">A file that compiled without errors.</param>
    public static string EmitSource(ProtoScript.Language.CompilationResult file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var model = file.Model ?? throw new ArgumentException("The scenario has errors.", nameof(file));
        return EmitSource(model, file.AllHooks);
    }

    /// <summary>The C# the compiled path builds for a model and the hooks it (and its sweep points) use.</summary>
    public static string EmitSource(ScenarioModel model, IReadOnlyList<HookModel> hooks) =>
        ScenarioEmitter.Emit(model, new EmitOptions(Namespace, ClassName) { Hooks = hooks });

    /// <summary>Emits, compiles (or reads from the cache) and loads a file's scenario.</summary>
    /// <param name="file">A file that compiled without errors.</param>
    /// <param name="options">Where the cache lives (the hooks' cache directory) and whether to use it; null for the file's hook limits and the default cache.</param>
    public static CompiledScenarioResult Compile(ProtoScript.Language.CompilationResult file, HookOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        var model = file.Model ?? throw new ArgumentException("The scenario has errors.", nameof(file));
        return Compile(model, file.AllHooks, options);
    }

    /// <summary>Emits, compiles (or reads from the cache) and loads a model with the hooks it and its sweep points use.</summary>
    /// <param name="model">A valid, bound scenario.</param>
    /// <param name="hooks">Every hook a run may meet, in the order their methods are numbered.</param>
    /// <param name="options">The cache's place and use; null for the model's hook limits and the default cache.</param>
    public static CompiledScenarioResult Compile(ScenarioModel model, IReadOnlyList<HookModel> hooks, HookOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(hooks);
        options ??= HookOptions.FromLimits(model.HookLimits);
        var source = EmitSource(model, hooks);
        var cache = options.UseCache ? new HookCache(options.ResolveCacheDirectory()) : null;
        var key = HookCache.ScenarioKey(source, hooks);
        if (cache?.TryRead(key) is { } cached && Load(cached, fromCache: true) is { } hit)
        {
            return new CompiledScenarioResult(hit, []);
        }

        List<SyntaxTree> trees = [CSharpSyntaxTree.ParseText(source, Roslyn.ParseOptions, path: "scenario.g.cs")];
        if (hooks.Count > 0)
        {
            // The hooks pass the same sandbox and get the same budget checks as on the scripted path.
            var (hookSource, diagnostics) = new HookCompiler(options with { UseCache = false }).InstrumentedSource(hooks);
            if (hookSource is null)
            {
                return new CompiledScenarioResult(null, diagnostics);
            }

            trees.Add(CSharpSyntaxTree.ParseText(hookSource, Roslyn.ParseOptions, path: "hooks.g.cs"));
        }

        Interlocked.Increment(ref _compilationCount);
        var compilation = Roslyn.Template.Value.AddSyntaxTrees(trees);
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        if (!emitted.Success)
        {
            var errors = emitted.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
            var mapped = errors.Select(d => MapToHook(d, hooks)).OfType<PsDiagnostic>().ToList();
            if (mapped.Count == errors.Count)
            {
                return new CompiledScenarioResult(null, mapped);
            }

            // The emitted scenario itself does not compile: a bug of the emitter, not of the scenario.
            throw new InvalidOperationException("The emitted scenario does not compile: " + string.Join("; ", errors));
        }

        var image = stream.ToArray();
        cache?.Write(key, image);
        var loaded = Load(image, fromCache: false) ?? throw new InvalidOperationException("The freshly compiled scenario could not be loaded.");
        return new CompiledScenarioResult(loaded, []);
    }

    /// <inheritdoc />
    public object? Create(HookModel hook, RandomStream? random) => _rules.Create(hook, random);

    /// <summary>Unloads the compiled code once nothing refers to it any more.</summary>
    public void Dispose()
    {
        _context?.Unload();
        _context = null;
    }

    /// <summary>An error in hook code, at its line and column in its file through the <c>#line</c> directives; null elsewhere.</summary>
    private static PsDiagnostic? MapToHook(Microsoft.CodeAnalysis.Diagnostic d, IReadOnlyList<HookModel> hooks)
    {
        var mapped = d.Location.GetMappedLineSpan();
        if (!mapped.HasMappedPath)
        {
            return null;
        }

        var line = mapped.StartLinePosition.Line + 1;
        var hook = hooks.FirstOrDefault(h => h.Source.Path == mapped.Path && h.Source.GetPosition(h.CodeSpan.Start).Line <= line && h.Source.GetPosition(h.CodeSpan.End).Line >= line);
        if (hook is null)
        {
            return null;
        }

        var text = hook.Source.Text;
        var start = 0;
        for (var l = 1; l < line && start < text.Length; l++)
        {
            var next = text.IndexOf('\n', start);
            start = next < 0 ? text.Length : next + 1;
        }

        start = Math.Clamp(start + mapped.StartLinePosition.Character, hook.CodeSpan.Start, hook.CodeSpan.End);
        return new PsDiagnostic(d.Id, PsSeverity.Error, d.GetMessage(CultureInfo.InvariantCulture), hook.Source, new Language.Text.TextSpan(start, 0));
    }

    private static CompiledScenario? Load(byte[] image, bool fromCache)
    {
        var context = new AssemblyLoadContext(LoadContextName, isCollectible: true);
        try
        {
            var type = context.LoadFromStream(new MemoryStream(image, writable: false)).GetType(TypeName, throwOnError: false);
            if (type?.GetProperty("Model", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is ScenarioModel model
                && type.GetProperty("Rules", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is IRuleProvider rules)
            {
                return new CompiledScenario(model, rules, context, fromCache);
            }
        }
        catch (BadImageFormatException)
        {
            // A damaged cache file: recompile.
        }

        context.Unload();
        return null;
    }

    /// <summary>Roslyn's settings, apart so that a cache hit does not load the compiler.</summary>
    private static class Roslyn
    {
        public static readonly Lazy<CSharpCompilation> Template = new(() =>
            CSharpCompilation.Create("ProtoScript.CompiledScenario", [], CreateReferences(), CompilationOptions));

        public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None);

        private static readonly CSharpCompilationOptions CompilationOptions = new(
            OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: OptimizationLevel.Release,
            allowUnsafe: false,
            deterministic: true,
            nullableContextOptions: NullableContextOptions.Enable,
            concurrentBuild: false);

        /// <summary>The core library, the few framework assemblies the emitted code names, and ProtoScript's own.</summary>
        private static ImmutableArray<MetadataReference> CreateReferences()
        {
            var directory = RuntimeEnvironment.GetRuntimeDirectory();
            string[] names = ["System.Runtime.dll", "System.Linq.dll", "System.Collections.dll", "System.Collections.Immutable.dll", "System.Runtime.Numerics.dll"];
            return
            [
                MetadataReference.CreateFromFile(typeof(object).Assembly.Location),
                .. names.Select(n => MetadataReference.CreateFromFile(Path.Combine(directory, n))),
                MetadataReference.CreateFromFile(typeof(HookApi).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(ScenarioModel).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Simulator).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(HookOrderingRule).Assembly.Location),
            ];
        }
    }
}
