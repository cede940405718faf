using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>The <c>expect</c> block: conservation, derivability and comparisons of report metrics.</summary>
internal sealed class ExpectBinder(BindingState state) : ConstructBinder(state)
{
    internal ImmutableArray<ExpectationModel> BindExpect(EntrySyntax entry, Dictionary<string, EntrySyntax> rollups)
    {
        ExtraArgs(entry, 0, "`expect` takes no arguments");
        if (entry.Body is null)
        {
            Diagnostics.Error(DiagnosticCodes.MissingField, Source, entry.Span, "`expect` needs a block in braces", "write `expect { conserved total_supply }`");
            return [];
        }

        // Assertions are not fields; the block's entries (`conserved`, `derivable`) are.
        State.Bound.Open(entry.Body, SchemaCatalog.Expect, Source);
        var result = ImmutableArray.CreateBuilder<ExpectationModel>();
        foreach (var statement in entry.Body.Statements)
        {
            var expectation = statement switch
            {
                EntrySyntax { Head.Text: "conserved" } conserved => BindConserved(conserved),
                EntrySyntax { Head.Text: "derivable", IsField: false } derivable => BindDerivable(derivable),
                EntrySyntax other => UnknownExpectation(other),
                AssertionSyntax assertion => BindComparison(assertion, rollups),
                _ => null,
            };
            if (expectation is not null)
            {
                result.Add(expectation);
            }
        }

        return result.ToImmutable();
    }

    private ExpectationModel? UnknownExpectation(EntrySyntax entry)
    {
        if (entry.IsField)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Head.Span, $"`{entry.Head.Text} = ...` is an assignment; an expectation compares", $"write `report.A.{entry.Head.Text} == VALUE` or `conserved total_supply`");
            return null;
        }

        Unknown(entry.Head, SchemaCatalog.Expect.Names, "in `expect`");
        return null;
    }

    /// <summary>
    /// True (after reporting it) when an argument from <paramref name="first"/> on starts another
    /// expectation on the same line (<c>conserved total_supply  derivable</c>): what is wrong there
    /// is the missing line break, not the argument.
    /// </summary>
    private bool SecondStatementOnLine(EntrySyntax entry, int first)
    {
        if (entry.Args.Length <= first || entry.Args[first].Expression is not PathSyntax next
            || next.Parts[0].Text is not ("conserved" or "derivable" or "report"))
        {
            return false;
        }

        Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Args[first].Span, $"one statement per line: `{next.Parts[0].Text}` starts another expectation", "put each expectation on its own line, or separate them with `;`");
        return true;
    }

    private ExpectationModel? BindConserved(EntrySyntax entry)
    {
        if (entry.Args.Length > 1 && entry.Args[0].Expression is PathSyntax { Text: "total_supply" } && SecondStatementOnLine(entry, 1))
        {
            return null;
        }

        if (entry.Args.Length != 1 || entry.Args[0].Expression is not PathSyntax { Text: "total_supply" })
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Args.Length > 0 ? entry.Args[0].Span : entry.Head.Span, "only `total_supply` can be checked for conservation", "write `conserved total_supply`");
            return null;
        }

        return new ExpectationModel(ExpectationKind.ConservedTotalSupply, Source.GetText(entry.Span), Location(entry.Span));
    }

    private ExpectationModel? BindDerivable(EntrySyntax entry)
    {
        if (SecondStatementOnLine(entry, 0))
        {
            return null;
        }

        if (entry.Args.Length > 0 || entry.Body is not null)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Args.Length > 0 ? entry.Args[0].Span : entry.Span, "`derivable` takes no arguments", "write `derivable` on its own line");
            return null;
        }

        return new ExpectationModel(ExpectationKind.Derivable, Source.GetText(entry.Span), Location(entry.Span));
    }

    private ExpectationModel? BindComparison(AssertionSyntax assertion, Dictionary<string, EntrySyntax> rollups)
    {
        if (assertion.Expression is not BinarySyntax { Operator: TokenKind.EqualEqual or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual } comparison)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, assertion.Span, "an expectation must compare a report metric with a value", "e.g. `report.A.latency.p99 <= 4 s`");
            return null;
        }

        var (pathSyntax, valueSyntax, flipped) = comparison.Left is PathSyntax { Parts: [{ Text: "report" }, ..] } lp
            ? (lp, comparison.Right, false)
            : comparison.Right is PathSyntax { Parts: [{ Text: "report" }, ..] } rp ? (rp, comparison.Left, true) : (null, comparison.Right, false);
        if (pathSyntax is null)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, comparison.Left.Span, "one side of an expectation must be a report metric such as `report.A.transactions.included`");
            return null;
        }

        var metric = ResolveMetric(pathSyntax, rollups);
        var value = Evaluator.Evaluate(valueSyntax);
        if (metric is null || value is ErrorValue)
        {
            return null;
        }

        var (dimension, example) = metric.Unit switch
        {
            MetricUnit.Time => (Dimension.Duration, "2 s"),
            MetricUnit.Wei => (Dimension.Ether1, "1 gwei"),
            MetricUnit.Gas => (Dimension.Gas1, "21_000 gas"),
            MetricUnit.Bytes => (Dimension.Bytes1, "1 MiB"),
            _ => (Dimension.None, "100"),
        };
        var isPlainGasOrBytes = metric.Unit is MetricUnit.Gas or MetricUnit.Bytes && value is QuantityValue { Dimension: var d } && d == Dimension.None;
        if (!isPlainGasOrBytes && !ExpectDimension(value, dimension, example))
        {
            return null;
        }

        var op = comparison.Operator switch
        {
            TokenKind.EqualEqual => ComparisonOperator.Equal,
            TokenKind.NotEqual => ComparisonOperator.NotEqual,
            TokenKind.Less => flipped ? ComparisonOperator.Greater : ComparisonOperator.Less,
            TokenKind.LessEqual => flipped ? ComparisonOperator.GreaterOrEqual : ComparisonOperator.LessOrEqual,
            TokenKind.Greater => flipped ? ComparisonOperator.Less : ComparisonOperator.Greater,
            _ => flipped ? ComparisonOperator.LessOrEqual : ComparisonOperator.GreaterOrEqual,
        };
        return new ExpectationModel(ExpectationKind.Comparison, Source.GetText(assertion.Span), Location(assertion.Span), metric, op, ((QuantityValue)value).Magnitude);
    }

    private MetricPath? ResolveMetric(PathSyntax path, Dictionary<string, EntrySyntax> rollups)
    {
        if (path.Parts.Length < 3)
        {
            Diagnostics.Error(DiagnosticCodes.UnknownName, Source, path.Span, $"`{path.Text}` is not a report metric", "write `report.CHAIN.METRIC`, e.g. `report.A.latency.p99` or `report.l1.blocks`");
            return null;
        }

        var chain = path.Parts[1];
        var name = string.Join('.', path.Parts.Skip(2).Select(p => p.Text));
        var nameSpan = path.Parts[2].Span.Cover(path.Parts[^1].Span);
        var catalog = chain.Text == MetricCatalog.L1Section ? MetricCatalog.L1
            : chain.Text == MetricCatalog.CrossChainSection ? MetricCatalog.CrossChain
            : MetricCatalog.Rollup;
        if (chain.Text is not (MetricCatalog.L1Section or MetricCatalog.CrossChainSection) && !rollups.ContainsKey(chain.Text))
        {
            Diagnostics.Error(DiagnosticCodes.UnknownReference, Source, chain.Span, $"the report has no chain `{chain.Text}`", "chains: " + string.Join(", ", new[] { MetricCatalog.L1Section, MetricCatalog.CrossChainSection }.Concat(rollups.Keys)));
            return null;
        }

        if (!catalog.TryGetValue(name, out var unit))
        {
            var suggestion = NameSuggester.Suggest(name, catalog.Keys);
            Diagnostics.Error(DiagnosticCodes.UnknownName, Source, nameSpan, $"unknown report metric `{name}`", suggestion is not null ? $"did you mean `{suggestion}`?" : "metrics: " + string.Join(", ", catalog.Keys.Order(StringComparer.Ordinal)));
            return null;
        }

        return new MetricPath(chain.Text, name, unit);
    }
}
