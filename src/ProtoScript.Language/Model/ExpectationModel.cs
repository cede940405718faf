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
/// (which reads the values from a finished run's report document); it is derived from
/// <see cref="ReportMetrics"/>, where each metric is defined once.
/// </summary>
public static class MetricCatalog
{
    /// <summary>The section name of the L1 chain.</summary>
    public const string L1Section = "l1";

    /// <summary>The section name of the messages between rollups (<c>report.cross_chain.sent</c>).</summary>
    public const string CrossChainSection = "cross_chain";

    /// <summary>Metrics of every rollup.</summary>
    public static readonly FrozenDictionary<string, MetricUnit> Rollup = Units(MetricScope.Rollup);

    /// <summary>
    /// The rollup metrics about pools, swaps and MEV: zero on a rollup without pools, and left
    /// out of sweep reports for such rollups.
    /// </summary>
    public static readonly FrozenSet<string> Trading = Keys(MetricPresence.Trading);

    /// <summary>
    /// The rollup metrics of a <c>fees { ... }</c> block's settlement (who received what):
    /// zero on a rollup without one, and left out of sweep reports for such rollups.
    /// </summary>
    public static readonly FrozenSet<string> FeeDistribution = Keys(MetricPresence.FeeDistribution);

    /// <summary>The cross-chain metrics of bundle streams: zero without one, and left out of sweep reports then.</summary>
    public static readonly FrozenSet<string> Bundles = Keys(MetricPresence.Bundles);

    /// <summary>The cross-chain metrics of cross-rollup arbitrage: zero without a <c>cross_arbitrage</c> path, and left out of sweep reports then.</summary>
    public static readonly FrozenSet<string> CrossArbitrage = Keys(MetricPresence.CrossArbitrage);

    /// <summary>
    /// The rollup metrics of streaming (<c>flashblocks</c>): zero on a rollup without it, and
    /// left out of sweep reports for such rollups.
    /// </summary>
    public static readonly FrozenSet<string> Flashblocks = Keys(MetricPresence.Flashblocks);

    /// <summary>The rollup metrics of proposer–builder separation: zero on a rollup without PBS builders, and left out of sweep reports for such rollups.</summary>
    public static readonly FrozenSet<string> Pbs = Keys(MetricPresence.Pbs);

    /// <summary>The rollup metrics of Timeboost's express lane: zero on a rollup without one, and left out of sweep reports for such rollups.</summary>
    public static readonly FrozenSet<string> ExpressLane = Keys(MetricPresence.ExpressLane);

    /// <summary>The rollup metrics of a base fee that follows demand: zero on a rollup whose base fee is fixed, and left out of sweep reports for such rollups.</summary>
    public static readonly FrozenSet<string> BaseFeeMarket = Keys(MetricPresence.BaseFeeMarket);

    /// <summary>The rollup metrics of proving (<c>provers for A { ... }</c>, proof-final latency included): zero on a rollup without provers, and left out of sweep reports for such rollups.</summary>
    public static readonly FrozenSet<string> Proving = Keys(MetricPresence.Proving);

    /// <summary>Metrics of the messages between rollups, over all rollups of the scenario.</summary>
    public static readonly FrozenDictionary<string, MetricUnit> CrossChain = Units(MetricScope.CrossChain);

    /// <summary>Metrics of the L1.</summary>
    public static readonly FrozenDictionary<string, MetricUnit> L1 = Units(MetricScope.L1);

    private static FrozenDictionary<string, MetricUnit> Units(MetricScope scope) =>
        ReportMetrics.Of(scope).ToFrozenDictionary(m => m.Key, m => m.Unit, StringComparer.Ordinal);

    private static FrozenSet<string> Keys(MetricPresence presence) =>
        ReportMetrics.All.Where(m => m.Presence == presence).Select(m => m.Key).ToFrozenSet(StringComparer.Ordinal);
}
