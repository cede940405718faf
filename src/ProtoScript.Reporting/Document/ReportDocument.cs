using System.Collections.Immutable;
using ProtoScript.Language.Model;

namespace ProtoScript.Reporting.Document;

/// <summary>How the text report shows a section.</summary>
public enum TextShape
{
    /// <summary>A heading line, then its children one level deeper.</summary>
    Heading,

    /// <summary>No line of its own; its children one level deeper (e.g. a breakdown under the row before it).</summary>
    Indented,

    /// <summary>No line of its own; its children at its own level.</summary>
    Transparent,

    /// <summary>Not shown in text.</summary>
    Hidden,
}

/// <summary>How the JSON report shows a section.</summary>
public enum JsonShape
{
    /// <summary>An object (a property of its parent object, or an element of its parent array).</summary>
    Object,

    /// <summary>An array of its children's values.</summary>
    Array,

    /// <summary>Its children are properties of the parent object.</summary>
    Inline,

    /// <summary>Not shown in JSON.</summary>
    Hidden,
}

/// <summary>A node of a report document: a section or a row.</summary>
public abstract class ReportNode
{
    private protected ReportNode(string key) => Key = key;

    /// <summary>
    /// The stable key, unique within its chain's part of the report (e.g.
    /// <c>transactions.included</c>); a metric's key for the row that carries its value.
    /// </summary>
    public string Key { get; }
}

/// <summary>A labelled value.</summary>
public sealed class ReportRow : ReportNode
{
    /// <summary>Creates a row.</summary>
    /// <param name="key">The stable key.</param>
    /// <param name="label">Its text label, or null when text does not show it.</param>
    /// <param name="jsonName">Its JSON property name (ignored in an array), or null when JSON does not show it.</param>
    /// <param name="value">The value.</param>
    public ReportRow(string key, string? label, string? jsonName, ReportValue value)
        : base(key)
    {
        Label = label;
        JsonName = jsonName;
        Value = value;
    }

    /// <summary>The text label, or null when text does not show the row.</summary>
    public string? Label { get; }

    /// <summary>The JSON property name, or null when JSON does not show the row.</summary>
    public string? JsonName { get; }

    /// <summary>The value.</summary>
    public ReportValue Value { get; }
}

/// <summary>A titled group of rows and sections.</summary>
public sealed class ReportSection : ReportNode
{
    /// <summary>Creates a section.</summary>
    /// <param name="key">The stable key.</param>
    /// <param name="heading">Its text heading (for <see cref="TextShape.Heading"/>).</param>
    /// <param name="text">How text shows it.</param>
    /// <param name="jsonName">Its JSON property name (ignored in an array).</param>
    /// <param name="json">How JSON shows it.</param>
    /// <param name="children">Rows and sections, in report order.</param>
    /// <param name="scope">The chain (<c>l1</c>, a rollup's name, <c>cross_chain</c>) whose metrics the section holds, or null to inherit.</param>
    public ReportSection(string key, string? heading, TextShape text, string? jsonName, JsonShape json, ImmutableArray<ReportNode> children, string? scope = null)
        : base(key)
    {
        Heading = heading;
        Text = text;
        JsonName = jsonName;
        Json = json;
        Children = children;
        Scope = scope;
    }

    /// <summary>The text heading.</summary>
    public string? Heading { get; }

    /// <summary>How text shows the section.</summary>
    public TextShape Text { get; }

    /// <summary>The JSON property name.</summary>
    public string? JsonName { get; }

    /// <summary>How JSON shows the section.</summary>
    public JsonShape Json { get; }

    /// <summary>Rows and sections, in report order.</summary>
    public ImmutableArray<ReportNode> Children { get; }

    /// <summary>The chain whose metrics the section opens, or null when it stays in its parent's.</summary>
    public string? Scope { get; }

    /// <summary>The child section whose key ends with <paramref name="name"/>, for renderers that lay a section out themselves.</summary>
    public ReportSection Section(string name) => (ReportSection)Child(name);

    /// <summary>The value of the child row whose key ends with <paramref name="name"/>, or null when there is none.</summary>
    public ReportValue? Value(string name) => Children.OfType<ReportRow>().FirstOrDefault(r => Named(r, name))?.Value;

    private ReportNode Child(string name) => Children.First(c => Named(c, name));

    private static bool Named(ReportNode node, string name) =>
        node.Key == name || (node.Key.EndsWith(name, StringComparison.Ordinal) && node.Key[^(name.Length + 1)] == '.');
}

/// <summary>
/// A finished run's report, built once from its result: sections and rows with stable keys and
/// typed values. The text and JSON renderers write it; expectations read metrics from it by key.
/// </summary>
public sealed class ReportDocument
{
    private readonly Dictionary<(string Scope, string Key), ReportValue> _values = [];

    /// <summary>Wraps a built tree and indexes its rows by chain and key.</summary>
    /// <param name="root">The root section.</param>
    /// <exception cref="InvalidOperationException">Two rows of one chain share a key but not a value.</exception>
    public ReportDocument(ReportSection root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = root;
        Index(root, string.Empty);
    }

    /// <summary>The root section.</summary>
    public ReportSection Root { get; }

    /// <summary>
    /// The value of the row with <paramref name="key"/> in chain <paramref name="scope"/>, if the
    /// document has one. (A value shown at different places in text and JSON is two rows with
    /// one key, which must hold one value.)
    /// </summary>
    public bool TryGetValue(string scope, string key, out ReportValue value) => _values.TryGetValue((scope, key), out value);

    /// <summary>
    /// Reads a metric in its base unit: the row with its key; zero when its section is absent
    /// from this run; null when the row is there but has no value, as a latency percentile
    /// without samples (no transaction reached that confirmation): reading it as zero would make
    /// "never" look like "instantly".
    /// </summary>
    /// <exception cref="ArgumentException">The metric is not defined, or the document lacks a row it must have.</exception>
    public decimal? ReadMetric(MetricPath metric) => ReadMetric(metric, smallestUnits: false);

    /// <summary>
    /// Reads a metric as <see cref="ReadMetric(MetricPath)"/> does, but token amounts in their
    /// smallest units when <paramref name="smallestUnits"/> (the unit the JSON reports carry).
    /// </summary>
    /// <exception cref="ArgumentException">The metric is not defined, or the document lacks a row it must have.</exception>
    public decimal? ReadMetric(MetricPath metric, bool smallestUnits)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var scope = metric.Chain switch
        {
            MetricCatalog.L1Section => MetricScope.L1,
            MetricCatalog.CrossChainSection => MetricScope.CrossChain,
            _ => MetricScope.Rollup,
        };
        var definition = ReportMetrics.Of(scope).FirstOrDefault(m => m.Key == metric.Name)
            ?? throw new ArgumentException($"unknown metric {metric}", nameof(metric));
        var key = definition.SameAs ?? definition.Key;
        if (TryGetValue(metric.Chain, key, out var value))
        {
            return !value.Available ? null : smallestUnits ? value.ToBaseUnits() : value.ToMetric();
        }

        return definition.Presence != MetricPresence.Always && (scope != MetricScope.Rollup || HasScope(metric.Chain))
            ? 0
            : throw new ArgumentException($"the report has no {metric}", nameof(metric));
    }

    private static bool SameValue(ReportValue a, ReportValue b) =>
        a.Kind == b.Kind && a.Magnitude == b.Magnitude && a.Negative == b.Negative && a.Text == b.Text && a.Denominator == b.Denominator;

    private bool HasScope(string scope) => _values.Keys.Any(k => k.Scope == scope);

    private void Index(ReportSection section, string scope)
    {
        scope = section.Scope ?? scope;
        foreach (var child in section.Children)
        {
            if (child is ReportSection inner)
            {
                Index(inner, scope);
            }
            else if (child is ReportRow row)
            {
                if (_values.TryGetValue((scope, row.Key), out var existing) && !SameValue(existing, row.Value))
                {
                    throw new InvalidOperationException($"two rows {scope}.{row.Key} hold different values ({existing.ToText()}, {row.Value.ToText()})");
                }

                _values[(scope, row.Key)] = row.Value;
            }
        }
    }
}
