using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ProtoScript.Language.Binding;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.LanguageServer;

/// <summary>Hover texts and completion items, from the syntax tree and the binder's schema catalogue and unit table.</summary>
internal static partial class Features
{
    /// <summary>The markdown to show for the innermost node of <paramref name="chain"/>, and the span it is about.</summary>
    public static (string? Text, TextSpan Span) Hover(Analysis analysis, IReadOnlyList<SyntaxNode> chain)
    {
        if (chain.OfType<NumberSyntax>().LastOrDefault() is { Unit: not null } number)
        {
            return (Quantity(number), number.Span);
        }

        if (chain[^1] is not NameSyntax name)
        {
            return (null, default);
        }

        var owner = chain.Count >= 2 ? chain[^2] : null;
        if (owner is EntrySyntax entry && entry.Head == name)
        {
            var schema = SyntaxQueries.SchemaAt([.. chain.Take(chain.Count - 2)]);
            if (schema.Find(name.Text) is { } field)
            {
                return (Describe(field, schema), name.Span);
            }
        }

        var declaration = SyntaxQueries.Declarations(analysis.Result.Syntax).FirstOrDefault(d => d.Name.Text == name.Text);
        if (declaration.Entry is not null)
        {
            return (DescribeDeclaration(analysis, declaration.Kind, declaration.Entry), name.Span);
        }

        return (null, default);
    }

    /// <summary>What may be written at <paramref name="offset"/>: units after a number, rollup names after <c>like</c>/<c>on</c>/<c>for</c>, a field's choices after <c>=</c>, else the block's fields.</summary>
    public static object[] Completion(Analysis analysis, int offset)
    {
        var before = analysis.Map.LineBefore(offset);
        var declarations = SyntaxQueries.Declarations(analysis.Result.Syntax).ToList();
        if (AfterNumber().IsMatch(before))
        {
            var units = Units.All.Values.OrderBy(u => u.Dimension.Describe(), StringComparer.Ordinal).ThenBy(u => u.Factor)
                .Select(u => Item(u.Name, 11, u.Dimension.Describe(), null));
            var tokens = declarations.Where(d => d.Kind == "token").Select(d => Item(d.Name.Text, 11, "a token amount", null));
            return [.. units.Concat(tokens)];
        }

        if (AfterReference().IsMatch(before))
        {
            return [.. declarations.Where(d => d.Kind == "rollup").Select(d => Item(d.Name.Text, 7, "rollup", null))];
        }

        var chain = SyntaxQueries.Chain(analysis.Result.Syntax, offset);
        var bodyEnd = chain.FindLastIndex(n => n is BodySyntax or DocumentSyntax);
        var schema = SyntaxQueries.SchemaAt([.. chain.Take(bodyEnd + 1)]);
        if (FieldBeforeEquals().Match(before) is { Success: true } assignment)
        {
            return schema.Find(assignment.Groups[1].Value) is { Choices.Length: > 0 } field
                ? [.. field.Choices.Select(c => Item(c, 20, field.Name, null))]
                : [];
        }

        // Fields start a statement; elsewhere in a line (after `seed `, inside a call) they would be noise.
        return StatementStart().IsMatch(before)
            ? [.. schema.Fields.Select(f => Item(f.Name, f.Kind == FieldKind.Block ? 9 : 10, schema.Name, Describe(f, schema)))]
            : [];
    }

    private static object Item(string label, int kind, string detail, string? documentation) => documentation is null
        ? new { label, kind, detail }
        : new { label, kind, detail, documentation = new { kind = "markdown", value = documentation } };

    private static string? Quantity(NumberSyntax number)
    {
        var unit = number.Unit!.Text;
        if (!decimal.TryParse(number.Digits, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        var literal = $"{number.Digits} {unit}";
        if (unit == "%")
        {
            return $"`{literal}` = {Plain(amount / 100m)} (a fraction)";
        }

        if (!Units.All.TryGetValue(unit, out var info))
        {
            return Units.Aliases.TryGetValue(unit, out var meant) ? $"`{unit}` is not a unit: write `{meant}`" : $"`{literal}`: an amount of the token `{unit}`";
        }

        var baseUnit = Units.All.Values.First(u => u.Dimension == info.Dimension && u.Factor == 1m);
        var baseName = baseUnit.Name == "us" ? "µs" : baseUnit.Name;
        return $"`{literal}` = {Plain(amount * info.Factor)} {baseName}\n\n{Capitalised(info.Dimension.Describe())}";
    }

    private static string Describe(FieldSchema field, ConstructSchema schema)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"**{field.Name}** ({schema.Name}): {field.Doc}");
        if (field.Range is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n\nrange: {field.Range}");
        }

        if (field.Default is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n\ndefault: {field.Default}");
        }

        if (field.Choices.Length > 0)
        {
            text.Append("\n\nvalues: ").AppendJoin(", ", field.Choices);
        }

        return text.ToString();
    }

    private static string DescribeDeclaration(Analysis analysis, string kind, EntrySyntax entry)
    {
        var text = analysis.Map.Text;
        var head = Whitespace().Replace(text[entry.Span.Start..(entry.Body?.Span.Start ?? entry.Span.End)], " ").Trim();
        var line = analysis.Map.Position(entry.Span.Start).Line + 1;
        var what = kind == "rollup" ? "a rollup of this scenario" : "a token; its name is a unit of its amounts";
        var description = new StringBuilder();
        description.Append(CultureInfo.InvariantCulture, $"**{head}** (line {line}): {what}");
        if (entry.Body is { } body)
        {
            // Its own settings, as written: what distinguishes it from its `like` base.
            var settings = body.Statements.OfType<EntrySyntax>().Where(e => e.Body is null)
                .Select(e => Whitespace().Replace(text[e.Span.Start..e.Span.End], " ").Trim()).Take(12).ToList();
            if (settings.Count > 0)
            {
                description.Append("\n\n```\n").AppendJoin("\n", settings).Append("\n```");
            }
        }

        return description.ToString();
    }

    private static string Plain(decimal value) =>
        (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    [GeneratedRegex(@"\d[\d_]*(\.\d+)?\s+[A-Za-z]*$")]
    private static partial Regex AfterNumber();

    [GeneratedRegex(@"\b(like|on|for)\s+([A-Za-z_]\w*\s*,\s*)*[A-Za-z_]*$")]
    private static partial Regex AfterReference();

    [GeneratedRegex(@"^\s*([A-Za-z_]\w*)\s*=")]
    private static partial Regex FieldBeforeEquals();

    [GeneratedRegex(@"^\s*[A-Za-z_]*$")]
    private static partial Regex StatementStart();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
