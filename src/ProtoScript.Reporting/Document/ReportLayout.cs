using System.Collections.Immutable;
using ProtoScript.Language.Model;

namespace ProtoScript.Reporting.Document;

/// <summary>
/// A row's key in a layout: relative to its section's key path, or a metric's key, which is
/// absolute within the chain (so the checker finds the metric wherever the row is shown).
/// </summary>
internal readonly record struct LayoutKey(string Key, MetricDefinition? Metric)
{
    public static implicit operator LayoutKey(string key) => new(key, null);

    public static implicit operator LayoutKey(MetricDefinition metric) => new(metric.Key, metric);
}

/// <summary>
/// One node of a report's layout: how to build a part of the document from a part of the
/// result, and what it looks like in JSON without a result (for the schema).
/// </summary>
/// <typeparam name="T">The part of the result the node reads.</typeparam>
internal abstract class LayoutNode<T>
{
    public abstract void Build(T context, string prefix, ImmutableArray<ReportNode>.Builder into);

    /// <summary>Adds the node's JSON to the schema of its container.</summary>
    public abstract void Describe(JsonSchemaContainer container);
}

/// <summary>A row: key, text label, JSON name, and the value's kind and reader.</summary>
internal sealed class RowLayout<T>(
    Func<T, string> key,
    Func<T, string>? label,
    Func<T, string>? jsonName,
    ReportValueKind kind,
    Func<T, ReportValue> value) : LayoutNode<T>
{
    /// <summary>The JSON name when it does not depend on the result (else the row is one entry of a map).</summary>
    public string? FixedJsonName { get; init; }

    /// <summary>When the row is in the text report (always when null).</summary>
    public Func<T, bool>? InText { get; init; }

    /// <summary>Whether JSON may write null for it (a statistic over no samples).</summary>
    public bool Nullable { get; init; }

    /// <summary>When the row is in the document at all (always when null).</summary>
    public Func<T, bool>? When { get; init; }

    /// <summary>Whether its key is the whole key in its chain rather than relative to its section.</summary>
    public bool Absolute { get; init; }

    public override void Build(T context, string prefix, ImmutableArray<ReportNode>.Builder into)
    {
        if (When is { } when && !when(context))
        {
            return;
        }

        if (Absolute)
        {
            prefix = string.Empty;
        }

        var v = value(context);
        if (v.Kind != kind)
        {
            throw new InvalidOperationException($"row {key(context)} declared {kind} but holds {v.Kind}");
        }

        var text = label is not null && (InText?.Invoke(context) ?? true) ? label(context) : null;
        into.Add(new ReportRow(prefix + key(context), text, jsonName?.Invoke(context), v));
    }

    public override void Describe(JsonSchemaContainer container)
    {
        if (jsonName is null)
        {
            return;
        }

        container.Add(FixedJsonName, JsonSchemaContainer.ValueSchema(kind, Nullable), required: When is null);
    }
}

/// <summary>A section: a text heading and a JSON object, array or inline group around its children.</summary>
internal sealed class SectionLayout<T> : LayoutNode<T>
{
    private readonly List<LayoutNode<T>> _children = [];

    public SectionLayout(string key, Func<T, string>? heading, TextShape text, string? jsonName, JsonShape json)
    {
        Key = key;
        Heading = heading;
        Text = text;
        JsonName = jsonName;
        Json = json;
    }

    public string Key { get; }

    public Func<T, string>? Heading { get; }

    public TextShape Text { get; }

    public string? JsonName { get; }

    public JsonShape Json { get; }

    /// <summary>The chain whose metrics the section opens (its rows' keys then start afresh).</summary>
    public Func<T, string>? Scope { get; init; }

    /// <summary>The key when it depends on the context (an item of a list), replacing <see cref="Key"/>.</summary>
    public Func<T, string>? ItemKey { get; init; }

    /// <summary>The JSON name when it depends on the context (an entry of a map), replacing <see cref="JsonName"/>.</summary>
    public Func<T, string>? ItemJsonName { get; init; }

    /// <summary>When the section is in the report (always when null).</summary>
    public Func<T, bool>? When { get; init; }

    /// <summary>Whether JSON writes null in its place when <see cref="When"/> leaves it out.</summary>
    public bool OrNull { get; init; }

    /// <summary>A row with a fixed text label (null: not in text) and JSON name (null: not in JSON); a metric's row takes the metric's key.</summary>
    public SectionLayout<T> Row(LayoutKey key, string? label, string? json, ReportValueKind kind, Func<T, ReportValue> value, Func<T, bool>? inText = null, bool nullable = false) =>
        RowLabelled(key, label is null ? null : _ => label, json, kind, value, inText, nullable);

    /// <summary>A row whose text label depends on the context (e.g. names a token).</summary>
    public SectionLayout<T> RowLabelled(LayoutKey key, Func<T, string>? label, string? json, ReportValueKind kind, Func<T, ReportValue> value, Func<T, bool>? inText = null, bool nullable = false, Func<T, bool>? when = null)
    {
        if (key.Metric is { } metric && !Fits(metric.Unit, kind))
        {
            throw new InvalidOperationException($"metric {metric.Key} is in {metric.Unit} but its row holds {kind}");
        }

        _children.Add(new RowLayout<T>(
            _ => key.Key,
            label,
            json is null ? null : _ => json,
            kind,
            value)
        {
            FixedJsonName = json,
            InText = inText,
            Nullable = nullable,
            When = when,
            Absolute = key.Metric is not null,
        });
        return this;
    }

    /// <summary>A row of the metric that text and JSON do not show (its value has no row of its own in either).</summary>
    public SectionLayout<T> Metric(MetricDefinition metric, ReportValueKind kind, Func<T, ReportValue> value, Func<T, bool>? when = null) =>
        RowLabelled(metric, null, null, kind, value, when: when);

    public SectionLayout<T> Add(LayoutNode<T> node)
    {
        _children.Add(node);
        return this;
    }

    /// <summary>A section over a part of the context; absent when the part is null (JSON null when <paramref name="jsonNull"/>).</summary>
    public SectionLayout<T> Nest<TChild>(Func<T, TChild?> select, SectionLayout<TChild> inner, bool jsonNull = false)
        where TChild : class =>
        Add(new NestLayout<T, TChild>(select, inner, jsonNull));

    /// <summary>The same layout over a part of the context that is always there.</summary>
    public SectionLayout<T> Nest<TChild>(Func<T, TChild> select, SectionLayout<TChild> inner, Func<T, bool>? when = null)
        where TChild : struct =>
        Add(new NestValueLayout<T, TChild>(select, inner, when));

    /// <summary>One node per item (a row or a section), in the items' order.</summary>
    public SectionLayout<T> Each<TItem>(Func<T, IEnumerable<TItem>> items, LayoutNode<TItem> item) =>
        Add(new EachLayout<T, TItem>(items, item));

    public override void Build(T context, string prefix, ImmutableArray<ReportNode>.Builder into)
    {
        if (When is { } when && !when(context))
        {
            if (OrNull)
            {
                into.Add(new ReportRow(prefix + Key, null, JsonName, ReportValue.Null()));
            }

            return;
        }

        var scope = Scope?.Invoke(context);
        var key = ItemKey?.Invoke(context) ?? Key;
        var inner = scope is not null ? string.Empty : key.Length == 0 ? prefix : prefix + key + ".";
        var children = ImmutableArray.CreateBuilder<ReportNode>();
        for (var i = 0; i < _children.Count; i++)
        {
            _children[i].Build(context, inner, children);
        }

        into.Add(new ReportSection(prefix + key, Heading?.Invoke(context), Text, ItemJsonName?.Invoke(context) ?? JsonName, Json, children.ToImmutable(), scope));
    }

    public override void Describe(JsonSchemaContainer container)
    {
        if (OrNull)
        {
            container = new JsonSchemaContainer.Optional(container, nullable: true);
        }

        switch (Json)
        {
            case JsonShape.Hidden:
                return;
            case JsonShape.Inline:
                var inline = container.Inline(required: When is null || OrNull);
                foreach (var child in _children)
                {
                    child.Describe(inline);
                }

                return;
            default:
                var inner = container.Open(ItemJsonName is null ? JsonName : null, Json == JsonShape.Array, required: When is null || OrNull);
                foreach (var child in _children)
                {
                    child.Describe(inner);
                }

                inner.Close();
                return;
        }
    }

    private static bool Fits(MetricUnit unit, ReportValueKind kind) => (unit, kind) switch
    {
        (MetricUnit.Count, ReportValueKind.Count or ReportValueKind.BigCount or ReportValueKind.Bytes) => true,
        (MetricUnit.Time, ReportValueKind.Duration) => true,
        (MetricUnit.Wei, ReportValueKind.Wei) => true,
        (MetricUnit.Gas, ReportValueKind.Gas) => true,
        (MetricUnit.Quote, ReportValueKind.Token) => true,
        (MetricUnit.BasisPoints, ReportValueKind.BasisPoints) => true,
        (MetricUnit.Bytes, ReportValueKind.Bytes) => true,
        _ => false,
    };
}

/// <summary>Layout nodes whose key, label and JSON name come from the item they show (entries of lists and maps).</summary>
internal static class ItemLayout
{
    public static RowLayout<T> Row<T>(Func<T, string> key, Func<T, string>? label, Func<T, string>? jsonName, ReportValueKind kind, Func<T, ReportValue> value, bool absolute = false) =>
        new(key, label, jsonName, kind, value) { Absolute = absolute };
}

/// <summary>A section over a part of the context that may be absent.</summary>
internal sealed class NestLayout<T, TChild>(Func<T, TChild?> select, SectionLayout<TChild> inner, bool jsonNull) : LayoutNode<T>
    where TChild : class
{
    public override void Build(T context, string prefix, ImmutableArray<ReportNode>.Builder into)
    {
        if (select(context) is { } child)
        {
            inner.Build(child, prefix, into);
        }
        else if (jsonNull)
        {
            into.Add(new ReportRow(prefix + inner.Key, null, inner.JsonName, ReportValue.Null()));
        }
    }

    public override void Describe(JsonSchemaContainer container)
    {
        var optional = new JsonSchemaContainer.Optional(container, jsonNull);
        inner.Describe(optional);
    }
}

/// <summary>A section over a part of the context that is always there.</summary>
internal sealed class NestValueLayout<T, TChild>(Func<T, TChild> select, SectionLayout<TChild> inner, Func<T, bool>? when) : LayoutNode<T>
{
    public override void Build(T context, string prefix, ImmutableArray<ReportNode>.Builder into)
    {
        if (when?.Invoke(context) ?? true)
        {
            inner.Build(select(context), prefix, into);
        }
    }

    public override void Describe(JsonSchemaContainer container) =>
        inner.Describe(when is null ? container : new JsonSchemaContainer.Optional(container, false));
}

/// <summary>One node per item of a list.</summary>
internal sealed class EachLayout<T, TItem>(Func<T, IEnumerable<TItem>> items, LayoutNode<TItem> item) : LayoutNode<T>
{
    public override void Build(T context, string prefix, ImmutableArray<ReportNode>.Builder into)
    {
        foreach (var i in items(context))
        {
            item.Build(i, prefix, into);
        }
    }

    public override void Describe(JsonSchemaContainer container) => item.Describe(container.Repeated());
}
