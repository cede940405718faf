using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Binding;

/// <summary>
/// <c>--set PATH=VALUE</c>: a setting of the scenario replaced from the command line, with the
/// paths a <c>sweep</c> takes and its way of applying a value (the syntax tree is rewritten and
/// bound again, so the value gets the field's own checks). Each argument is read as the sweep
/// <c>sweep PATH in [VALUE]</c> appended to the file's text; problems found in that text are
/// reported against the argument itself (<c>--set:1:COLUMN</c>), so the caret points into what
/// the user typed.
/// </summary>
internal static class SettingOverrides
{
    private const string Before = "sweep ";
    private const string Between = " in [";

    /// <summary>The file's text with one synthetic line per override, and where each line starts.</summary>
    internal sealed record Layout(string OriginalText, ImmutableArray<string> Arguments, ImmutableArray<int> LineStarts, string CombinedText);

    /// <summary>Lays out the overrides after <paramref name="text"/>; arguments without <c>=</c> are refused in <paramref name="problems"/>.</summary>
    public static Layout Prepare(string text, ImmutableArray<string> arguments, List<Diagnostic> problems)
    {
        var combined = new System.Text.StringBuilder(text).Append('\n');
        var starts = ImmutableArray.CreateBuilder<int>(arguments.Length);
        foreach (var argument in arguments)
        {
            starts.Add(combined.Length);
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || argument.AsSpan().IndexOfAny('\n', '\r') >= 0)
            {
                var at = equals == 0 ? new TextSpan(0, 1) : new TextSpan(0, argument.Length);
                problems.Add(new Diagnostic(DiagnosticCodes.InvalidArgument, DiagnosticSeverity.Error, equals < 0 || equals == 0 ? $"`--set {argument}` needs a setting, `=` and a value" : "a `--set` value is one line", ArgumentSource(argument), at, "write e.g. `--set 'rollup.A.block_time=500 ms'` (the paths `sweep` takes)"));
                combined.Append('\n');
                continue;
            }

            // "sweep PATH in [VALUE]": the value keeps its exact offset from the argument's start.
            combined.Append(Before).Append(argument.AsSpan(0, equals)).Append(Between).Append(argument.AsSpan(equals + 1)).Append("]\n");
        }

        return new Layout(text, arguments, starts.MoveToImmutable(), combined.ToString());
    }

    /// <summary>
    /// Applies the overrides parsed from <paramref name="combined"/> (the layout's text, parsed
    /// whole) to the scenario in <paramref name="document"/> and returns the rewritten document;
    /// an override that is refused (its diagnostic is in <paramref name="diagnostics"/>) is left out;
    /// null when the file has no scenario block.
    /// </summary>
    public static DocumentSyntax? Apply(Layout layout, SourceText source, DocumentSyntax document, DocumentSyntax combined, DiagnosticBag diagnostics)
    {
        var scenarioIndex = document.Statements.IndexOf(document.Statements.OfType<EntrySyntax>().FirstOrDefault(e => e.Head.Text == "scenario")!);
        if (scenarioIndex < 0 || document.Statements[scenarioIndex] is not EntrySyntax { Body: { } body } scenario)
        {
            return null; // the file's own error (no scenario) is reported by the binder
        }

        var swept = document.Statements.OfType<EntrySyntax>()
            .Where(e => e.Head.Text == "sweep" && e.Args.Length > 0 && e.Args[0].Expression is PathSyntax)
            .Select(e => ((PathSyntax)e.Args[0].Expression).Text)
            .ToHashSet(StringComparer.Ordinal);
        var added = combined.Statements.Where(s => s.Span.Start > layout.OriginalText.Length).ToList();
        for (var k = 0; k < layout.Arguments.Length; k++)
        {
            var start = layout.LineStarts[k];
            var end = k + 1 < layout.LineStarts.Length ? layout.LineStarts[k + 1] : layout.CombinedText.Length;
            var line = added.Where(s => s.Span.Start >= start && s.Span.Start < end).ToList();
            if (line.Count == 0 || line.Any(s => s is ErrorStatementSyntax))
            {
                // refused by Prepare, or a syntax error the parser reported
                continue;
            }

            if (line is not [EntrySyntax { Args: [{ Expression: PathSyntax path }, _, { Expression: ListSyntax list }] }] || list.Items.Length != 1)
            {
                var span = line.Count == 1 && line[0] is EntrySyntax { Args.Length: >= 3 } e && e.Args[2].Expression is ListSyntax { Items.Length: > 1 } many
                    ? many.Items[1].Span
                    : TextSpan.FromBounds(start + Before.Length, end - 2);
                diagnostics.Error(DiagnosticCodes.InvalidArgument, source, span, "`--set` takes one value", "to compare several values, sweep them in the file: `sweep PATH in [A, B]`");
                continue;
            }

            if (swept.Contains(path.Text))
            {
                diagnostics.Error(DiagnosticCodes.InvalidArgument, source, path.Span, $"the file sweeps `{path.Text}`; `--set` cannot fix a swept setting", "run one of its values with `--point N`, or remove the sweep");
                continue;
            }

            if (SweepBinder.ResolveTarget(source, path, body, diagnostics, "set") is not { } target)
            {
                continue;
            }

            body = SweepBinder.Rewrite(body, target, list.Items[0], path.Parts[^1].Span);
        }

        // A refused override is left out and the rest still apply, so one run lists every
        // override's problem (a misspelt field shows only when its point binds).
        var statements = document.Statements.SetItem(scenarioIndex, scenario with { Body = body });
        return document with { Statements = statements };
    }

    /// <summary>A diagnostic on the synthetic lines, moved to the <c>--set</c> argument it came from; others unchanged.</summary>
    public static Diagnostic Relocate(Layout layout, SourceText combined, Diagnostic diagnostic)
    {
        if (diagnostic.Source != combined || diagnostic.Span.Start <= layout.OriginalText.Length)
        {
            return diagnostic;
        }

        var k = layout.LineStarts.Length - 1;
        while (k > 0 && layout.LineStarts[k] > diagnostic.Span.Start)
        {
            k--;
        }

        var argument = layout.Arguments[k];
        var equals = Math.Max(0, argument.IndexOf('=', StringComparison.Ordinal));
        int Map(int offset)
        {
            var o = offset - layout.LineStarts[k];
            var mapped = o < Before.Length ? 0
                : o < Before.Length + equals ? o - Before.Length
                : o < Before.Length + equals + Between.Length ? equals
                : o - Before.Length - Between.Length + 1;
            return Math.Clamp(mapped, 0, argument.Length);
        }

        var from = Map(diagnostic.Span.Start);
        var to = Math.Max(from, Map(diagnostic.Span.End));
        return diagnostic with { Source = ArgumentSource(argument), Span = TextSpan.FromBounds(from, to == from && from < argument.Length ? from + 1 : to) };
    }

    private static SourceText ArgumentSource(string argument) => new("--set", argument);
}
