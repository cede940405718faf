using ProtoScript.Language.Text;

namespace ProtoScript.Language.Diagnostics;

/// <summary>How serious a diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Suspicious but legal input; the scenario still runs.</summary>
    Warning,

    /// <summary>Invalid input; the scenario cannot run.</summary>
    Error,
}

/// <summary>
/// One message about a scenario, anchored to a span of its source so that it can be
/// printed as <c>FILE:LINE:COL: error PSnnnn: message</c> with the offending line.
/// </summary>
/// <param name="Code">The stable code, e.g. <c>PS3001</c>; listed in docs/diagnostics.md.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Message">What is wrong, in one sentence.</param>
/// <param name="Source">The file the span refers to, or null for diagnostics about no file.</param>
/// <param name="Span">The exact characters at fault.</param>
/// <param name="Hint">How to fix it, when there is something useful to say.</param>
public sealed record Diagnostic(
    string Code,
    DiagnosticSeverity Severity,
    string Message,
    SourceText? Source,
    TextSpan Span,
    string? Hint = null)
{
    /// <summary>The one-based position of the start of the span.</summary>
    public LinePosition Position => Source?.GetPosition(Span.Start) ?? new LinePosition(1, 1);

    /// <summary>True for errors.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>The path the diagnostic refers to, or <c>proto-script</c> when it has none.</summary>
    public string Path => Source?.Path ?? "proto-script";
}

/// <summary>Collects diagnostics in the order they are found.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>All diagnostics so far.</summary>
    public IReadOnlyList<Diagnostic> Items => _items;

    /// <summary>True when at least one error was reported.</summary>
    public bool HasErrors => _items.Any(d => d.IsError);

    /// <summary>Adds a diagnostic.</summary>
    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    /// <summary>Adds all diagnostics of a sequence.</summary>
    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>Reports an error.</summary>
    public void Error(string code, SourceText source, TextSpan span, string message, string? hint = null) =>
        _items.Add(new Diagnostic(code, DiagnosticSeverity.Error, message, source, span, hint));

    /// <summary>Reports a warning.</summary>
    public void Warning(string code, SourceText source, TextSpan span, string message, string? hint = null) =>
        _items.Add(new Diagnostic(code, DiagnosticSeverity.Warning, message, source, span, hint));

    /// <summary>
    /// Diagnostics sorted by file and position, errors and warnings interleaved as in the file.
    /// The same message at the same span is kept once (an inherited field is bound once per child).
    /// </summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        [.. _items.DistinctBy(d => (d.Path, d.Code, d.Span, d.Message)).Select((d, i) => (d, i))
            .OrderBy(x => x.d.Path, StringComparer.Ordinal)
            .ThenBy(x => x.d.Span.Start)
            .ThenBy(x => x.i)
            .Select(x => x.d)];
}
