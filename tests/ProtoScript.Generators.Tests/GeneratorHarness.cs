using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ProtoScript.Generators.Tests;

internal static class Repository
{
    /// <summary>The repository root, found from the test binary by the solution file.</summary>
    public static string Root { get; } = FindRoot();

    public static string Example(string name) => Path.Combine(Root, "examples", name);

    public static string Snapshot(string name) => Path.Combine(Root, "tests", "ProtoScript.Generators.Tests", "Snapshots", name);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProtoScript.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ProtoScript.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>An additional file held in memory, as the IDE hands unsaved text to generators.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>MSBuild properties as the compiler's analyzer config presents them.</summary>
internal sealed class BuildProperties(IReadOnlyDictionary<string, string> properties) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(properties.ToDictionary(p => "build_property." + p.Key, p => p.Value));

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new([]);

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
            values.TryGetValue(key, out value);
    }
}

/// <summary>Runs the generator through Roslyn's driver on a compilation that sees this test's references.</summary>
internal static class GeneratorHarness
{
    /// <summary>Every assembly this test process can load, so that generated code binds to the real model and engine.</summary>
    private static readonly ImmutableArray<MetadataReference> References =
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(p => MetadataReference.CreateFromFile(p))];

    /// <summary>A consumer's compilation; warnings are errors unless <paramref name="warningsAsErrors"/> is false, as in this repository's builds.</summary>
    public static CSharpCompilation Compilation(IEnumerable<MetadataReference>? references = null, bool warningsAsErrors = true) =>
        CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText("namespace Consumer; internal static class Marker { }", new CSharpParseOptions(LanguageVersion.Latest))],
            references ?? References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: warningsAsErrors ? ReportDiagnostic.Error : ReportDiagnostic.Default,
                deterministic: true));

    public static GeneratorDriver Driver(IEnumerable<AdditionalText> files, IReadOnlyDictionary<string, string>? properties = null) =>
        CSharpGeneratorDriver.Create(
            [new ScenarioGenerator().AsSourceGenerator()],
            additionalTexts: files,
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            optionsProvider: new BuildProperties(properties ?? new Dictionary<string, string> { ["RootNamespace"] = "Consumer" }),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static AdditionalText Example(string name) => new InMemoryAdditionalText(Repository.Example(name), File.ReadAllText(Repository.Example(name)));

    /// <summary>Runs the generator once and returns the driver's result and the compilation with the generated code.</summary>
    public static (GeneratorDriverRunResult Run, Compilation Output) Run(IEnumerable<AdditionalText> files, IReadOnlyDictionary<string, string>? properties = null, CSharpCompilation? compilation = null)
    {
        var driver = Driver(files, properties).RunGeneratorsAndUpdateCompilation(compilation ?? Compilation(), out var output, out _);
        return (driver.GetRunResult(), output);
    }

    /// <summary>Emits a compilation and loads it in a collectible context; fails with the compiler's messages.</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        stream.Position = 0;
        return new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true).LoadFromStream(stream);
    }
}
