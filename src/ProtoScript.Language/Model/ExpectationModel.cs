using System.Collections.Frozen;

namespace ProtoScript.Language.Model;

/// <summary>Where something was written, for messages printed after a run.</summary>
/// <param name="Path">The scenario file's path.</param>
/// <param name="Line">One-based line.</param>
/// <param name="Column">One-based column.</param>
public readonly record struct SourceLocation(string Path, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"{Path}:{Line}:{Column}");
}

/// <summary>The kinds of expectations a scenario can state in its <c>expect</c> block.</summary>
public enum ExpectationKind
{
    /// <summary><c>conserved total_supply</c>: no ether is created or lost on any rollup.</summary>
    ConservedTotalSupply,

    /// <summary><c>report.PATH OP VALUE</c>: a comparison of a report metric with a constant.</summary>
    Comparison,

    /// <summary>
    /// <c>derivable</c>: every rollup's state, re-derived from the L1 data alone, has the
    /// sequencer's state root at every block posted to L1.
    /// </summary>
    Derivable,
}

/// <summary>A comparison operator of an assertion.</summary>
public enum ComparisonOperator
{
    /// <summary><c>==</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary><c>&lt;</c></summary>
    Less,

    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,

    /// <summary><c>&gt;</c></summary>
    Greater,

    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,
}

/// <summary>One expectation, checked after the run; a failed one makes the run fail (exit 1).</summary>
/// <param name="Kind">What is checked.</param>
/// <param name="Text">The expectation as written, for messages.</param>
/// <param name="Location">Where it was written.</param>
/// <param name="Metric">For comparisons, the metric (see <see cref="MetricCatalog"/>).</param>
/// <param name="Operator">For comparisons, the operator.</param>
/// <param name="Threshold">For comparisons, the constant in the metric's base unit.</param>
public sealed record ExpectationModel(
    ExpectationKind Kind,
    string Text,
    SourceLocation Location,
    MetricPath? Metric = null,
    ComparisonOperator Operator = ComparisonOperator.Equal,
    decimal Threshold = 0m);

/// <summary>The unit a report metric is measured in.</summary>
public enum MetricUnit
{
    /// <summary>A count.</summary>
    Count,

    /// <summary>Simulated time, in microseconds.</summary>
    Time,

    /// <summary>Ether, in wei.</summary>
    Wei,

    /// <summary>Gas.</summary>
    Gas,

    /// <summary>Whole units of the rollup's first pool's quote token (e.g. USDC), written as a plain number.</summary>
    Quote,

    /// <summary>Basis points (0.01 %), written as a plain number.</summary>
    BasisPoints,

    /// <summary>Bytes, written with a size unit (B, KiB, MiB) or as a plain number of bytes.</summary>
    Bytes,
}

/// <summary>A metric of the report: a chain (<c>l1</c> or a rollup's name) and the metric's name.</summary>
/// <param name="Chain">The L1's section name <c>l1</c>, or a rollup's name.</param>
/// <param name="Name">The metric, e.g. <c>latency.p99</c>.</param>
/// <param name="Unit">What it is measured in.</param>
public sealed record MetricPath(string Chain, string Name, MetricUnit Unit)
{
    /// <inheritdoc />
    public override string ToString() => "report." + Chain + "." + Name;
}

/// <summary>
/// The metrics that expectations may refer to, as <c>report.CHAIN.METRIC</c>. This catalog is
/// the contract between the language (which checks names and units) and the reporting layer
/// (which reads the values from a finished run).
/// </summary>
public static class MetricCatalog
{
    /// <summary>The section name of the L1 chain.</summary>
    public const string L1Section = "l1";

    /// <summary>Metrics of every rollup.</summary>
    public static readonly FrozenDictionary<string, MetricUnit> Rollup = new Dictionary<string, MetricUnit>
    {
        ["blocks"] = MetricUnit.Count,
        ["transactions.submitted"] = MetricUnit.Count,
        ["transactions.included"] = MetricUnit.Count,
        ["transactions.rejected"] = MetricUnit.Count,
        ["transactions.pending"] = MetricUnit.Count,
        ["latency.p50"] = MetricUnit.Time,
        ["latency.p95"] = MetricUnit.Time,
        ["latency.p99"] = MetricUnit.Time,
        ["latency.soft.p50"] = MetricUnit.Time,
        ["latency.soft.p95"] = MetricUnit.Time,
        ["latency.soft.p99"] = MetricUnit.Time,
        ["latency.hard.p50"] = MetricUnit.Time,
        ["latency.hard.p95"] = MetricUnit.Time,
        ["latency.hard.p99"] = MetricUnit.Time,
        ["latency.final.p50"] = MetricUnit.Time,
        ["latency.final.p95"] = MetricUnit.Time,
        ["latency.final.p99"] = MetricUnit.Time,
        ["da.batches"] = MetricUnit.Count,
        ["da.batches_confirmed"] = MetricUnit.Count,
        ["da.bytes"] = MetricUnit.Count,
        ["da.compressed_bytes"] = MetricUnit.Count,
        ["da.l1_transactions"] = MetricUnit.Count,
        ["da.blobs"] = MetricUnit.Count,
        ["da.gas"] = MetricUnit.Gas,
        ["da.cost"] = MetricUnit.Wei,
        ["gas_used"] = MetricUnit.Gas,
        ["fees.burned"] = MetricUnit.Wei,
        ["fees.priority"] = MetricUnit.Wei,
        ["fees.total"] = MetricUnit.Wei,
        ["fees.sequencer"] = MetricUnit.Wei,
        ["fees.builder"] = MetricUnit.Wei,
        ["fees.prover"] = MetricUnit.Wei,
        ["fees.data_availability"] = MetricUnit.Wei,
        ["fees.treasury"] = MetricUnit.Wei,
        ["fees.deficit.prover"] = MetricUnit.Wei,
        ["fees.deficit.data_availability"] = MetricUnit.Wei,
        ["fees.l1_data"] = MetricUnit.Wei,
        ["fees.issued"] = MetricUnit.Wei,
        ["swaps.submitted"] = MetricUnit.Count,
        ["swaps.included"] = MetricUnit.Count,
        ["swaps.rejected"] = MetricUnit.Count,
        ["arbitrages"] = MetricUnit.Count,
        ["arbitrages.unprofitable"] = MetricUnit.Count,
        ["arbitrages.losses"] = MetricUnit.Quote,
        ["mev.total"] = MetricUnit.Quote,
        ["mev.net"] = MetricUnit.Quote,
        ["mev.arbitrage"] = MetricUnit.Quote,
        ["mev.arbitrageurs"] = MetricUnit.Quote,
        ["mev.sequencer"] = MetricUnit.Quote,
        ["price_gap.mean_bps"] = MetricUnit.BasisPoints,
        ["price_gap.max_bps"] = MetricUnit.BasisPoints,
        ["state.size"] = MetricUnit.Bytes,
        ["state.size.genesis"] = MetricUnit.Bytes,
        ["state.growth_per_hour"] = MetricUnit.Bytes,
        ["state.accounts"] = MetricUnit.Count,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The rollup metrics about pools, swaps and MEV: zero on a rollup without pools, and left
    /// out of sweep reports for such rollups.
    /// </summary>
    public static readonly FrozenSet<string> Trading = new[]
    {
        "swaps.submitted", "swaps.included", "swaps.rejected", "arbitrages", "arbitrages.unprofitable", "arbitrages.losses",
        "mev.total", "mev.net", "mev.arbitrage", "mev.arbitrageurs", "mev.sequencer",
        "price_gap.mean_bps", "price_gap.max_bps",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The rollup metrics of a <c>fees { ... }</c> block's settlement (who received what):
    /// zero on a rollup without one, and left out of sweep reports for such rollups.
    /// </summary>
    public static readonly FrozenSet<string> FeeDistribution = new[]
    {
        "fees.sequencer",
        "fees.builder",
        "fees.prover",
        "fees.data_availability",
        "fees.treasury",
        "fees.deficit.prover", "fees.deficit.data_availability", "fees.l1_data", "fees.issued",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The section name of the messages between rollups (<c>report.cross_chain.sent</c>).</summary>
    public const string CrossChainSection = "cross_chain";

    /// <summary>Metrics of the messages between rollups, over all rollups of the scenario.</summary>
    public static readonly FrozenDictionary<string, MetricUnit> CrossChain = new Dictionary<string, MetricUnit>
    {
        ["sent"] = MetricUnit.Count,
        ["delivered"] = MetricUnit.Count,
        ["failed"] = MetricUnit.Count,
        ["pending"] = MetricUnit.Count,
        ["atomic_failures"] = MetricUnit.Count,
        ["dropped"] = MetricUnit.Count,
        ["latency.p50"] = MetricUnit.Time,
        ["latency.p95"] = MetricUnit.Time,
        ["latency.p99"] = MetricUnit.Time,
        ["value.sent"] = MetricUnit.Wei,
        ["value.delivered"] = MetricUnit.Wei,
        ["value.in_flight"] = MetricUnit.Wei,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Metrics of the L1.</summary>
    public static readonly FrozenDictionary<string, MetricUnit> L1 = new Dictionary<string, MetricUnit>
    {
        ["blocks"] = MetricUnit.Count,
        ["base_fee"] = MetricUnit.Wei,
        ["blob_base_fee"] = MetricUnit.Wei,
        ["blobs.rollups"] = MetricUnit.Count,
        ["blobs.background"] = MetricUnit.Count,
        ["rollup_gas"] = MetricUnit.Gas,
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
