using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using ProtoScript.Language;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Benchmarks;

/// <summary>
/// Front-end throughput on a generated 200-rollup scenario: lexing alone (the baseline),
/// lexing and parsing, and the full compile (parse and bind). The scenario is written two
/// ways: commented (more than 10 000 lines, most bytes in comments, which the lexer skips
/// cheaply) and dense (the same code without comments), so MB/s is bracketed from both sides.
/// The MB/s column is the text's UTF-8 size divided by the mean time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class ParseBindBenchmarks
{
    private string _text = string.Empty;

    /// <summary>How the scenario is written.</summary>
    [Params(SourceStyle.Commented, SourceStyle.Dense)]
    public SourceStyle Source { get; set; }

    /// <summary>Generates the scenario and checks once that it compiles without errors.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _text = ScenarioTextGenerator.BenchmarkText(Source);
        var lines = _text.Count(c => c == '\n');
        if (Source == SourceStyle.Commented && lines < 10_000)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"The generated scenario has {lines} lines; the benchmark needs at least 10 000."));
        }

        var result = ScenarioCompiler.Compile(ScenarioTextGenerator.BenchmarkPath, _text);
        if (!result.Success || result.Diagnostics.Any(d => d.IsError) || result.Model!.Rollups.Length != ScenarioTextGenerator.BenchmarkRollups)
        {
            var errors = string.Join('\n', result.Diagnostics.Take(10).Select(d => DiagnosticFormatter.FormatText(d)));
            throw new InvalidOperationException("The generated scenario does not compile cleanly:\n" + errors);
        }

        Console.WriteLine(FormattableString.Invariant($"// {Source}: {_text.Length} characters, {lines} lines, {Lex().Length} tokens"));
    }

    [Benchmark(Baseline = true, Description = "Lex")]
    public ImmutableArray<Token> Lex() =>
        Lexer.Lex(new SourceText(ScenarioTextGenerator.BenchmarkPath, _text), new DiagnosticBag());

    [Benchmark(Description = "Parse")]
    public DocumentSyntax Parse() =>
        ScenarioParser.Parse(new SourceText(ScenarioTextGenerator.BenchmarkPath, _text), new DiagnosticBag());

    [Benchmark(Description = "Compile (parse+bind)")]
    public CompilationResult Compile() =>
        ScenarioCompiler.Compile(ScenarioTextGenerator.BenchmarkPath, _text);
}
