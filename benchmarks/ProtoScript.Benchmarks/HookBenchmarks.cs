using BenchmarkDotNet.Attributes;
using ProtoScript.Language.Model;
using ProtoScript.Language.Text;
using ProtoScript.Scripting;

namespace ProtoScript.Benchmarks;

/// <summary>
/// A scenario's hooks compiled by Roslyn (cache off) against the same hooks loaded from the
/// on-disk cache, in a process where Roslyn is already warm. Both include loading the
/// assembly into a fresh collectible context, binding the delegates and unloading.
/// </summary>
[MemoryDiagnoser]
public class HookBenchmarks
{
    private const string Scenario = """
        scenario "hooks" {
          rollup A {
            ordering = csharp => y.PriorityFeePerGas.CompareTo(x.PriorityFeePerGas)
          }
          rollup B {
            ordering = csharp {
              var byFee = y.PriorityFeePerGas.CompareTo(x.PriorityFeePerGas);
              if (byFee != 0) { return byFee; }
              var fees = new List<UInt128> { x.Value, y.Value };
              return fees.Max() == x.Value ? -1 : x.ArrivalSequence.CompareTo(y.ArrivalSequence);
            }
          }
        }
        """;

    private readonly string _cacheDirectory = Path.Combine(Path.GetTempPath(), "protoscript-hook-benchmarks", Guid.NewGuid().ToString("N"));
    private HookModel[] _hooks = [];
    private HookCompiler _compiler = null!;
    private HookCompiler _cached = null!;

    /// <summary>Locates the two hooks in the scenario text and fills the cache once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _hooks = CreateHooks();
        _compiler = new HookCompiler(new HookOptions { UseCache = false });
        _cached = new HookCompiler(new HookOptions { CacheDirectory = _cacheDirectory });
        using var first = _cached.Compile(_hooks).Hooks ?? throw new InvalidOperationException("The benchmark's hooks do not compile.");
        using var second = _cached.Compile(_hooks).Hooks!;
        if (!second.FromCache)
        {
            throw new InvalidOperationException("The second compile did not hit the cache.");
        }
    }

    /// <summary>The two hooks of the benchmark scenario, located in its text as the binder does.</summary>
    public static HookModel[] CreateHooks()
    {
        var source = new SourceText("bench.proto-script", Scenario);
        var expression = "y.PriorityFeePerGas.CompareTo(x.PriorityFeePerGas)";
        var blockStart = Scenario.IndexOf("csharp {", StringComparison.Ordinal) + "csharp {".Length;
        var blockEnd = Scenario.IndexOf("\n    }", blockStart, StringComparison.Ordinal) + 1;
        return
        [
            new HookModel(HookKind.Ordering, "rollup A ordering", expression, true, source, new TextSpan(Scenario.IndexOf(expression, StringComparison.Ordinal), expression.Length)),
            new HookModel(HookKind.Ordering, "rollup B ordering", Scenario[blockStart..blockEnd], false, source, TextSpan.FromBounds(blockStart, blockEnd)),
        ];
    }

    /// <summary>
    /// <c>--hooks-cold DIR</c>: compiles the benchmark's hooks once in this fresh process with
    /// the cache in DIR and prints the wall time, as the first and the second run of an
    /// unchanged scenario pay it (Roslyn cold, or not loaded at all).
    /// </summary>
    public static int RunColdStart(string cacheDirectory)
    {
        var hooks = CreateHooks();
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var compiler = new HookCompiler(new HookOptions { CacheDirectory = cacheDirectory });
        using var compiled = compiler.Compile(hooks).Hooks ?? throw new InvalidOperationException("The benchmark's hooks do not compile.");
        var rule = compiled.OrderingRule(hooks[0]);
        stopwatch.Stop();
        var roslynLoaded = AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "Microsoft.CodeAnalysis.CSharp");
        Console.WriteLine(FormattableString.Invariant(
            $"hooks-cold: {stopwatch.Elapsed.TotalMilliseconds:F1} ms, from cache: {compiled.FromCache}, compilations: {compiler.CompilationCount}, Roslyn loaded: {roslynLoaded}, rule: {rule.Name}"));
        return 0;
    }

    /// <summary>Removes the cache directory.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_cacheDirectory, recursive: true);

    /// <summary>Parse, sandbox check, instrument, emit, load: what a first run pays.</summary>
    [Benchmark(Baseline = true)]
    public bool Compile()
    {
        using var hooks = _compiler.Compile(_hooks).Hooks!;
        return hooks.FromCache;
    }

    /// <summary>Hash the hooks, read and verify the cached image, load: what a second run pays.</summary>
    [Benchmark]
    public bool LoadFromCache()
    {
        using var hooks = _cached.Compile(_hooks).Hooks!;
        return hooks.FromCache;
    }
}
