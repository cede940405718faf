using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Binding;

/// <summary>
/// Binds <c>sweep PATH in [v1, v2, ...] runs N</c>. A point is made by rewriting the syntax
/// tree — the swept field's value replaced by the point's expression — and binding it
/// again, so every value gets the field's own checks and its errors point at the value
/// in the sweep's list. <c>sweep PATH1, PATH2 in [...]</c> sets several fields to the same
/// value at each point: one axis, not a grid (e.g. the prover count of two designs compared
/// on equal hardware).
/// </summary>
public static class SweepBinder
{
    /// <summary>The most points (grid combinations) one file may sweep.</summary>
    public const int MaxPoints = 1_000;

    /// <summary>The most runs per point.</summary>
    public const int MaxRuns = 10_000;

    private static readonly string[] Roots = ["rollup", "l1", "workload", "duration", "builder", "shared_sequencer", "provers"];

    // Paths: the settings one sweep line sets together (usually one); Span covers them for diagnostics.
    private sealed record Axis(ImmutableArray<PathSyntax> Paths, ImmutableArray<ExpressionSyntax> Values, ImmutableArray<string[]> Targets, int Runs)
    {
        public TextSpan Span => Paths[0].Span.Cover(Paths[^1].Span);

        public string Text => string.Join(", ", Paths.Select(p => p.Text));
    }

    /// <summary>Binds the file's sweeps; null when it has none or when they have errors.</summary>
    /// <param name="source">The scenario file's text.</param>
    /// <param name="document">Its syntax tree.</param>
    /// <param name="baseModel">The scenario without the sweep, or null when it has errors.</param>
    /// <param name="diagnostics">Where problems go.</param>
    /// <param name="imports">The files the scenario imports.</param>
    public static SweepModel? Bind(SourceText source, DocumentSyntax document, ScenarioModel? baseModel, DiagnosticBag diagnostics, ImmutableArray<ImportedDocument> imports = default)
    {
        var sweeps = document.Statements.OfType<EntrySyntax>().Where(e => e.Head.Text == "sweep").ToList();
        var scenario = document.Statements.OfType<EntrySyntax>().FirstOrDefault(e => e.Head.Text == "scenario");
        if (sweeps.Count == 0 || scenario?.Body is null)
        {
            return null;
        }

        var axes = new List<Axis>();
        foreach (var sweep in sweeps)
        {
            if (ReadAxis(source, sweep, scenario.Body, diagnostics) is { } axis)
            {
                axes.Add(axis);
            }
        }

        if (axes.Count != sweeps.Count || baseModel is null)
        {
            return null;
        }

        var runs = axes[0].Runs;
        if (axes.FirstOrDefault(a => a.Runs != runs) is { } other)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, source, other.Span, $"every sweep of a file must have the same `runs`; the first has {runs}, this one {other.Runs}", "give all sweeps the same `runs N`");
            return null;
        }

        var total = axes.Aggregate(1L, (n, a) => n * a.Values.Length);
        if (total > MaxPoints)
        {
            diagnostics.Error(DiagnosticCodes.OutOfRange, source, sweeps[^1].Span, FormattableString.Invariant($"the sweeps make {total} combinations; at most {MaxPoints} are allowed"), "sweep fewer values, or split the sweep over several files");
            return null;
        }

        var points = ImmutableArray.CreateBuilder<SweepPoint>();
        var ok = true;
        foreach (var combination in Combinations(axes))
        {
            var body = scenario.Body;
            for (var i = 0; i < axes.Count; i++)
            {
                for (var j = 0; j < axes[i].Paths.Length; j++)
                {
                    body = Rewrite(body, axes[i].Targets[j], combination[i], axes[i].Paths[j].Parts[^1].Span);
                }
            }

            var pointDiagnostics = new DiagnosticBag();
            var rewritten = new DocumentSyntax([scenario with { Body = body }], document.Span);
            var model = ScenarioBinder.Bind(source, rewritten, pointDiagnostics, imports);

            // Problems of the base scenario were reported already; the bag drops repeats.
            diagnostics.AddRange(pointDiagnostics.Items);
            if (model is null)
            {
                ok = false;
                continue;
            }

            points.Add(new SweepPoint([.. combination.Select(e => source.GetText(e.Span))], model));
        }

        if (!ok)
        {
            return null;
        }

        WarnAboutIdleRollups(source, axes, baseModel, diagnostics);
        return new SweepModel(
            [.. axes.Select(a => new SweepAxis(a.Text, [.. a.Values.Select(v => source.GetText(v.Span))]) { Values = [.. a.Values.Select(v => Numeric(source, v, baseModel))] })],
            runs,
            points.ToImmutable());
    }

    /// <summary>
    /// A swept value as a number in its dimension's base unit, for tools that plot a sweep; null
    /// for a value that is not a plain quantity. The value was bound (and checked) with its
    /// point, so the throwaway evaluation here reports nothing.
    /// </summary>
    private static AxisValue? Numeric(SourceText source, ExpressionSyntax value, ScenarioModel model)
    {
        var evaluator = new Evaluator(source, new DiagnosticBag());
        foreach (var token in model.Tokens)
        {
            evaluator.DefineUnit(new UnitInfo(token.Name, Dimension.TokenAmount(token.Name), Pow10(token.Decimals)));
        }

        if (evaluator.Evaluate(value) is not QuantityValue quantity)
        {
            return null;
        }

        var d = quantity.Dimension;
        string? unit = quantity.IsPercent && d == Dimension.None ? "ratio"
            : d == Dimension.None ? string.Empty
            : d == Dimension.Duration ? "us"
            : d == Dimension.Ether1 ? "wei"
            : d == Dimension.Gas1 ? "gas"
            : d == Dimension.Bytes1 ? "B"
            : d == Dimension.Bits1 ? "bits"
            : d == Dimension.Rate ? "1/us"
            : d == Dimension.Ether1 / Dimension.Gas1 ? "wei/gas"
            : d.Tokens == 1 && d == Dimension.TokenAmount(d.Token!) ? d.Token
            : null;
        // Dividing by 1.000…0 drops trailing zeros (1.5 min is 90000000, not 90000000.0).
        return unit is null ? null : new AxisValue(quantity.Magnitude / 1.0000000000000000000000000000m, unit);
    }

    private static decimal Pow10(int decimals)
    {
        var factor = 1m;
        for (var i = 0; i < decimals; i++)
        {
            factor *= 10;
        }

        return factor;
    }

    private static Axis? ReadAxis(SourceText source, EntrySyntax sweep, BodySyntax scenario, DiagnosticBag diagnostics)
    {
        // The settings swept together: a path, then more after commas, up to `in`.
        var all = sweep.Args;
        var paths = ImmutableArray.CreateBuilder<PathSyntax>();
        while (paths.Count < all.Length && all[paths.Count].Expression is PathSyntax { Text: not "in" } named && all[paths.Count].CommaBefore == (paths.Count > 0))
        {
            paths.Add(named);
        }

        var args = all[Math.Max(0, paths.Count - 1)..];
        if (sweep.IsField || sweep.Body is not null || paths.Count == 0 || args.Length is not (3 or 5)
            || args[1].Expression is not PathSyntax { Text: "in" } || args[1].CommaBefore
            || args[2].Expression is not ListSyntax list
            || (args.Length == 5 && (args[3].Expression is not PathSyntax { Text: "runs" } || args[4].Expression is not NumberSyntax)))
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, source, sweep.Span, "a sweep is written `sweep PATH in [VALUE, ...] runs N` (or `sweep PATH, PATH in [...]` to set several settings to each value)", "e.g. `sweep rollup.A.block_time in [250 ms, 1 s, 2 s] runs 20`");
            return null;
        }

        if (paths.GroupBy(p => p.Text, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            var second = twice.Skip(1).First();
            diagnostics.Error(DiagnosticCodes.InvalidValue, source, second.Span, $"the sweep names `{second.Text}` twice", "name each setting once");
            return null;
        }

        var runs = 1;
        if (args.Length == 5)
        {
            var number = (NumberSyntax)args[4].Expression;
            if (number.Unit is not null || !int.TryParse(number.Digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out runs) || runs < 1 || runs > MaxRuns)
            {
                diagnostics.Error(DiagnosticCodes.OutOfRange, source, number.Span, FormattableString.Invariant($"`runs` must be a whole number between 1 and {MaxRuns}"));
                return null;
            }
        }

        if (list.Items.Length == 0)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, source, list.Span, "a sweep needs at least one value", "e.g. `[250 ms, 1 s, 2 s]`");
            return null;
        }

        var targets = paths.Select(p => ResolveTarget(source, p, scenario, diagnostics, "sweep")).ToList();
        return targets.Any(t => t is null) ? null : new Axis(paths.ToImmutable(), list.Items, [.. targets.OfType<string[]>()], runs);
    }

    /// <summary>Checks the path's root and rollup name; the field itself is checked when a point binds.</summary>
    /// <param name="source">The text the path's spans refer to.</param>
    /// <param name="path">The setting's path.</param>
    /// <param name="scenario">The scenario's block, whose rollups, builders and provers the path may name.</param>
    /// <param name="diagnostics">Where problems go.</param>
    /// <param name="verb">What is done to the setting, for messages: <c>sweep</c>, or <c>set</c> for <c>--set</c>.</param>
    internal static string[]? ResolveTarget(SourceText source, PathSyntax path, BodySyntax scenario, DiagnosticBag diagnostics, string verb)
    {
        var parts = path.Parts.Select(p => p.Text).ToArray();
        var root = parts[0];
        if (!Roots.Contains(root) || (root == "duration" && parts.Length != 1) || (root != "duration" && parts.Length < 2))
        {
            var suggestion = NameSuggester.Suggest(root, Roots);
            diagnostics.Error(DiagnosticCodes.UnknownName, source, path.Span, $"cannot {verb} `{path.Text}`", (suggestion is not null && suggestion != root ? $"did you mean `{suggestion}`? " : string.Empty) + verb + " a setting such as `rollup.A.block_time`, `rollup.A.batch.every`, `l1.slot_time`, `workload.users`, `provers.A.count` or `duration`");
            return null;
        }

        if (root == "rollup")
        {
            var names = scenario.Statements.OfType<EntrySyntax>()
                .Where(e => e.Head.Text == "rollup" && e.Args.Length > 0 && e.Args[0].Expression is PathSyntax { Parts.Length: 1 })
                .Select(e => ((PathSyntax)e.Args[0].Expression).Text)
                .ToList();
            if (parts.Length < 3 || !names.Contains(parts[1]))
            {
                var at = path.Parts.Length > 1 ? path.Parts[1].Span : path.Span;
                var suggestion = parts.Length > 1 ? NameSuggester.Suggest(parts[1], names) : null;
                diagnostics.Error(DiagnosticCodes.UnknownReference, source, at, parts.Length < 3 ? $"`{path.Text}` does not name a rollup's setting" : $"no rollup named `{parts[1]}`", suggestion is not null ? $"did you mean `{suggestion}`?" : "write `rollup.NAME.SETTING`; rollups: " + string.Join(", ", names));
                return null;
            }
        }

        if (root == "builder")
        {
            var names = scenario.Statements.OfType<EntrySyntax>().Select(BuilderName).OfType<string>().ToList();
            if (parts.Length != 3 || !names.Contains(parts[1]))
            {
                var at = path.Parts.Length > 1 ? path.Parts[1].Span : path.Span;
                var suggestion = parts.Length > 1 ? NameSuggester.Suggest(parts[1], names) : null;
                diagnostics.Error(DiagnosticCodes.UnknownReference, source, at, parts.Length != 3 ? $"`{path.Text}` does not name a builder's setting" : $"no builder named `{parts[1]}`", suggestion is not null ? $"did you mean `{suggestion}`?" : "write `builder.NAME.SETTING`; builders: " + string.Join(", ", names));
                return null;
            }
        }

        if (root == "shared_sequencer")
        {
            var names = scenario.Statements.OfType<EntrySyntax>().Select(SharedSequencerName).OfType<string>().ToList();
            if (parts.Length != 3 || !names.Contains(parts[1]))
            {
                var at = path.Parts.Length > 1 ? path.Parts[1].Span : path.Span;
                var suggestion = parts.Length > 1 ? NameSuggester.Suggest(parts[1], names) : null;
                diagnostics.Error(DiagnosticCodes.UnknownReference, source, at, parts.Length != 3 ? $"`{path.Text}` does not name a shared sequencer's setting" : $"no shared sequencer named `{parts[1]}`", suggestion is not null ? $"did you mean `{suggestion}`?" : "write `shared_sequencer.NAME.SETTING`; shared sequencers: " + string.Join(", ", names));
                return null;
            }
        }

        if (root == "provers")
        {
            // A rollup is proven by at most one `provers` block (PS3004), so any rollup a block
            // names names the block; no position is ever needed.
            var proven = scenario.Statements.OfType<EntrySyntax>().SelectMany(ProvenRollups).ToList();
            if (parts.Length < 3 || !proven.Contains(parts[1]))
            {
                var at = path.Parts.Length > 1 ? path.Parts[1].Span : path.Span;
                var rollups = scenario.Statements.OfType<EntrySyntax>()
                    .Where(e => e.Head.Text == "rollup")
                    .Select(EntryForms.DeclaredName)
                    .OfType<PathSyntax>()
                    .Select(p => p.Text);
                var suggestion = parts.Length > 1 ? NameSuggester.Suggest(parts[1], proven) : null;
                var message = parts.Length < 3 ? $"`{path.Text}` does not name a setting of provers"
                    : rollups.Contains(parts[1]) ? $"rollup `{parts[1]}` has no provers"
                    : $"no provers for a rollup named `{parts[1]}`";
                var help = suggestion is not null && parts.Length >= 3 ? $"did you mean `{suggestion}`?"
                    : proven.Count == 0 ? "the scenario has no `provers for ...` block to sweep"
                    : "write `provers.ROLLUP.SETTING`, naming a rollup the provers prove, e.g. `provers." + proven[0] + ".count`; proven rollups: " + string.Join(", ", proven);
                diagnostics.Error(DiagnosticCodes.UnknownReference, source, at, message, help);
                return null;
            }
        }

        return parts;
    }

    /// <summary>The rollups a <c>provers for A, B { ... }</c> entry names; none for any other entry.</summary>
    private static IEnumerable<string> ProvenRollups(EntrySyntax entry) =>
        entry.Head.Text == "provers" && EntryForms.For(entry, named: false) is { } clause
            ? clause.Targets.Select(t => t.Expression).OfType<PathSyntax>().Where(p => p.Parts.Length == 1).Select(p => p.Text)
            : [];

    private static string? SharedSequencerName(EntrySyntax entry) =>
        entry.Head.Text == "shared_sequencer" && EntryForms.For(entry, named: true) is { Name: { } name } ? name.Text : null;

    private static string? BuilderName(EntrySyntax entry) =>
        entry.Head.Text == "builder" && EntryForms.For(entry, named: true) is { Name: { } name } ? name.Text : null;

    private static IEnumerable<ExpressionSyntax[]> Combinations(List<Axis> axes)
    {
        var index = new int[axes.Count];
        while (true)
        {
            yield return [.. axes.Select((a, i) => a.Values[index[i]])];
            var k = axes.Count - 1;
            while (k >= 0 && ++index[k] == axes[k].Values.Length)
            {
                index[k] = 0;
                k--;
            }

            if (k < 0)
            {
                yield break;
            }
        }
    }

    /// <summary>Returns <paramref name="body"/> with the setting at <paramref name="path"/> set to <paramref name="value"/>.</summary>
    internal static BodySyntax Rewrite(BodySyntax body, ReadOnlySpan<string> path, ExpressionSyntax value, TextSpan nameSpan)
    {
        var statements = body.Statements.ToList();
        var head = path[0];
        var rollupName = path.Length > 1 ? path[1] : string.Empty;
        if (path[0] == "rollup")
        {
            var i = statements.FindIndex(s => s is EntrySyntax { Head.Text: "rollup" } e && e.Args.Length > 0 && e.Args[0].Expression is PathSyntax p && p.Text == rollupName);
            var rollup = (EntrySyntax)statements[i];
            statements[i] = rollup with { Body = Rewrite(rollup.Body ?? new BodySyntax([], rollup.Span), path[2..], value, nameSpan) };
            return body with { Statements = [.. statements] };
        }

        if (path[0] == "builder")
        {
            var i = statements.FindIndex(s => s is EntrySyntax e && BuilderName(e) == rollupName);
            var builder = (EntrySyntax)statements[i];
            statements[i] = builder with { Body = Rewrite(builder.Body ?? new BodySyntax([], builder.Span), path[2..], value, nameSpan) };
            return body with { Statements = [.. statements] };
        }

        if (path[0] == "shared_sequencer")
        {
            var i = statements.FindIndex(s => s is EntrySyntax e && SharedSequencerName(e) == rollupName);
            var sequencer = (EntrySyntax)statements[i];
            statements[i] = sequencer with { Body = Rewrite(sequencer.Body ?? new BodySyntax([], sequencer.Span), path[2..], value, nameSpan) };
            return body with { Statements = [.. statements] };
        }

        if (path[0] == "provers")
        {
            var i = statements.FindIndex(s => s is EntrySyntax e && ProvenRollups(e).Contains(rollupName));
            var provers = (EntrySyntax)statements[i];
            statements[i] = provers with { Body = Rewrite(provers.Body ?? new BodySyntax([], provers.Span), path[2..], value, nameSpan) };
            return body with { Statements = [.. statements] };
        }

        var last = statements.FindLastIndex(s => s is EntrySyntax e && e.Head.Text == head);
        if (path.Length == 1)
        {
            var replaced = last < 0
                ? new EntrySyntax(new NameSyntax(path[0], nameSpan), value, [], null, value.Span)
                : SetValue((EntrySyntax)statements[last], value);
            if (last < 0)
            {
                statements.Add(replaced);
            }
            else
            {
                statements[last] = replaced;
            }

            return body with { Statements = [.. statements] };
        }

        // A setting inside a value's own block (`selection = proof_of_necessary_work { racers = 2 }`):
        // a bare kind (`selection = round_robin`) gets a block, so a setting it does not have is
        // reported by that kind's binder.
        if (last >= 0 && statements[last] is EntrySyntax { Value: ObjectSyntax or PathSyntax { Parts.Length: 1 } } field)
        {
            var kind = field.Value as ObjectSyntax ?? new ObjectSyntax(field.Value, new BodySyntax([], field.Value.Span), field.Value.Span);
            statements[last] = field with { Value = kind with { Body = Rewrite(kind.Body, path[1..], value, nameSpan) } };
            return body with { Statements = [.. statements] };
        }

        var block = last < 0 ? new EntrySyntax(new NameSyntax(path[0], nameSpan), null, [], new BodySyntax([], nameSpan), nameSpan) : (EntrySyntax)statements[last];
        var inner = Rewrite(block.Body ?? new BodySyntax([], block.Span), path[1..], value, nameSpan);
        if (last < 0)
        {
            statements.Add(block with { Body = inner });
        }
        else
        {
            statements[last] = block with { Body = inner };
        }

        return body with { Statements = [.. statements] };
    }

    /// <summary>Replaces a setting's value, keeping what follows it (<c>users = X on A</c>, <c>accounts N funded X</c>).</summary>
    private static EntrySyntax SetValue(EntrySyntax entry, ExpressionSyntax value) =>
        entry.IsField || entry.Args.Length == 0
            ? entry with { Value = value }
            : entry with { Args = [new ArgumentSyntax(value, false), .. entry.Args.Skip(1)] };

    private static void WarnAboutIdleRollups(SourceText source, List<Axis> axes, ScenarioModel model, DiagnosticBag diagnostics)
    {
        var used = model.Workload.Streams.SelectMany(s => s.Rollups).ToHashSet(StringComparer.Ordinal);
        foreach (var (path, target) in axes.SelectMany(a => a.Paths.Zip(a.Targets)).Where(t => t.Second[0] == "rollup" && !used.Contains(t.Second[1])))
        {
            diagnostics.Warning(DiagnosticCodes.OutOfRange, source, path.Span, $"the sweep varies rollup `{target[1]}`, which no workload sends transactions to: every point will report the same numbers", $"add `on {target[1]}` to the workload's `users`, or sweep another setting");
        }
    }
}
