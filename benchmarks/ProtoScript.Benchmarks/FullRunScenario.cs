using System.Collections.Concurrent;
using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language;
using ProtoScript.Language.Model;

namespace ProtoScript.Benchmarks;

/// <summary>
/// The full-run benchmark's scenario, <c>Scenarios/full-run.proto-script</c> (copied next to
/// the benchmark assembly): one rollup, a transfer + swap workload with arbitrageurs,
/// batching with Brotli into blobs, and <c>expect derivable</c> — about 1 000 000
/// transactions in 500 simulated seconds.
/// </summary>
public static class FullRunScenario
{
    /// <summary>The expected number of included transactions, BenchmarkDotNet's <c>OperationsPerInvoke</c>.</summary>
    public const int NominalTransactions = 1_000_000;

    private static readonly Lazy<ScenarioModel> LazyModel = new(Load);
    private static readonly ConcurrentDictionary<(bool, CompressionKind), Counts> CountsCache = new();

    /// <summary>The compiled scenario, as written (Brotli).</summary>
    public static ScenarioModel Model => LazyModel.Value;

    /// <summary>The scenario with its batches compressed by <paramref name="compression"/> instead.</summary>
    public static ScenarioModel WithCompression(CompressionKind compression) => compression == CompressionKind.Brotli
        ? Model
        : Model with { Rollups = [.. Model.Rollups.Select(r => r with { Batch = r.Batch with { Compression = compression } })] };

    /// <summary>The scenario file's path.</summary>
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "Scenarios", "full-run.proto-script");

    /// <summary>
    /// What one run does, measured once per process: the transactions it includes (and, with
    /// <paramref name="derive"/>, the blocks derivation rebuilt and matched). Throws when the
    /// count is not within 1 % of <see cref="NominalTransactions"/> or derivation disagrees.
    /// </summary>
    public static Counts Measure(bool derive, CompressionKind compression = CompressionKind.Brotli) => CountsCache.GetOrAdd((derive, compression), static key =>
    {
        var counts = key.Item1 ? RunAndDerive(key.Item2) : Run(key.Item2);
        if (Math.Abs(counts.Included - NominalTransactions) > NominalTransactions / 100)
        {
            throw new InvalidOperationException(FormattableString.Invariant(
                $"The full-run benchmark included {counts.Included} transactions; expected {NominalTransactions} within 1 %."));
        }

        return counts;
    });

    /// <summary>Runs the scenario as the sequencer does: execute, batch, compress, post.</summary>
    public static Counts Run(CompressionKind compression = CompressionKind.Brotli)
    {
        var result = Simulator.Run(WithCompression(compression));
        var rollup = result.Rollups[0];
        return new Counts(rollup.Transactions.Included, rollup.Trading?.Swaps.Included ?? 0, 0, 0);
    }

    /// <summary>Runs the scenario keeping its L1 data, then derives every rollup block from L1 data alone and compares state roots.</summary>
    public static Counts RunAndDerive(CompressionKind compression = CompressionKind.Brotli)
    {
        var report = Verifier.Run(WithCompression(compression));
        if (!report.AllMatch)
        {
            throw new InvalidOperationException("The full-run benchmark does not derive: " + report.Rollups[0].Describe());
        }

        var rollup = report.Result.Rollups[0];
        var verification = report.Rollups[0];
        return new Counts(rollup.Transactions.Included, rollup.Trading?.Swaps.Included ?? 0, verification.BlocksDerived, verification.BlocksMatched);
    }

    private static ScenarioModel Load()
    {
        var result = ScenarioCompiler.Compile(Path, File.ReadAllText(Path));
        return result.Model ?? throw new InvalidOperationException(
            "The full-run benchmark scenario does not compile: " + string.Join("; ", result.Diagnostics));
    }

    /// <summary>What a run did.</summary>
    /// <param name="Included">Transactions the sequencer included (transfers, swaps, arbitrages).</param>
    /// <param name="Swaps">Of those, swaps (users' and arbitrageurs').</param>
    /// <param name="BlocksDerived">L2 blocks derivation rebuilt from L1 data (0 without derivation).</param>
    /// <param name="BlocksMatched">Of those, blocks whose state root equals the sequencer's.</param>
    public sealed record Counts(long Included, long Swaps, long BlocksDerived, long BlocksMatched);
}
