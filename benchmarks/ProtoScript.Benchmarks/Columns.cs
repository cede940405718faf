using System.Globalization;
using System.Text;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ProtoScript.Language.Model;

namespace ProtoScript.Benchmarks;

/// <summary>
/// A column computed from a benchmark's mean time per operation (in nanoseconds). It is
/// evaluated in the host process after the runs, so it only uses what the host can compute
/// itself deterministically (the generated text, the engine's included count).
/// </summary>
public abstract class MeanDerivedColumn : IColumn
{
    /// <inheritdoc />
    public abstract string Id { get; }

    /// <inheritdoc />
    public abstract string ColumnName { get; }

    /// <inheritdoc />
    public abstract string Legend { get; }

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is > 0 ? Compute(benchmarkCase, mean.Value) : "NA";
    }

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <summary>The column's value for a mean of <paramref name="meanNanoseconds"/> per operation.</summary>
    protected abstract string Compute(BenchmarkCase benchmarkCase, double meanNanoseconds);
}

/// <summary>MB/s (10^6 bytes of UTF-8 source per second) of the generated scenario.</summary>
public sealed class MegabytesPerSecondColumn : MeanDerivedColumn
{
    /// <summary>The size in bytes of the generated text in the given style.</summary>
    public static int SourceBytes(SourceStyle style) => Encoding.UTF8.GetByteCount(ScenarioTextGenerator.BenchmarkText(style));

    /// <inheritdoc />
    public override string Id => "ProtoScript.MBps";

    /// <inheritdoc />
    public override string ColumnName => "MB/s";

    /// <inheritdoc />
    public override string Legend => "Source throughput: UTF-8 bytes of the generated scenario / mean time, in 10^6 bytes per second";

    /// <inheritdoc />
    protected override string Compute(BenchmarkCase benchmarkCase, double meanNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var style = (SourceStyle)benchmarkCase.Parameters["Source"];
        return (SourceBytes(style) * 1_000.0 / meanNanoseconds).ToString("F1", CultureInfo.InvariantCulture);
    }
}

/// <summary>Simulated L2 transactions per second of wall time, from the exact included count (<see cref="EngineBenchmarks"/> and <see cref="FullRunBenchmarks"/>).</summary>
public sealed class TransactionsPerSecondColumn : MeanDerivedColumn
{
    /// <inheritdoc />
    public override string Id => "ProtoScript.TxPerSecond";

    /// <inheritdoc />
    public override string ColumnName => "Tx/s";

    /// <inheritdoc />
    public override string Legend => "Transactions included per run / (mean per nominal tx × 1 000 000), per second of wall time";

    /// <inheritdoc />
    protected override string Compute(BenchmarkCase benchmarkCase, double meanNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var (included, nominal) = benchmarkCase.Descriptor.Type == typeof(FullRunBenchmarks)
            ? (FullRunScenario.Measure(derive: false, (CompressionKind)benchmarkCase.Parameters["Compression"]).Included, FullRunScenario.NominalTransactions)
            : (EngineWorkload.IncludedTransactions((OrderingRule)benchmarkCase.Parameters["Ordering"]), EngineWorkload.NominalTransfers);
        var secondsPerRun = meanNanoseconds * nominal / 1e9;
        return (included / secondsPerRun).ToString("N0", CultureInfo.InvariantCulture);
    }
}

/// <summary>Adds the MB/s column.</summary>
public sealed class ThroughputConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public ThroughputConfig() => AddColumn(new MegabytesPerSecondColumn());
}

/// <summary>Adds the Tx/s column.</summary>
public sealed class TransactionsConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public TransactionsConfig() => AddColumn(new TransactionsPerSecondColumn());
}
