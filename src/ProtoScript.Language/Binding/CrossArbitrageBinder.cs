using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Binding;

/// <summary>
/// Searchers trading one pair on two rollups' pools against each other:
/// <c>cross_arbitrage { path = [A, B]  searchers = 2  mode = atomic }</c> in <c>workload</c>.
/// Whether an atomic path has a common block producer is only known once the shared sequencers
/// and builders are bound, so that check comes from <see cref="CheckAtomicPaths"/>.
/// </summary>
internal sealed class CrossArbitrageBinder(BindingState state) : ConstructBinder(state)
{
    private readonly List<(CrossArbitrageModel Model, TextSpan At)> _atomic = [];

    internal ImmutableArray<CrossArbitrageModel> BindAll(BodySyntax workload, Dictionary<string, EntrySyntax> rollups)
    {
        var result = ImmutableArray.CreateBuilder<CrossArbitrageModel>();
        foreach (var entry in AllNamed(workload, "cross_arbitrage"))
        {
            if (In(entry, () => Bind(entry, rollups)) is { } model)
            {
                result.Add(model);
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// An atomic path needs one shared sequencer or builder that holds both rollups, since only
    /// it can land both legs in one slot; without one it is an error rather than a silent
    /// fallback, because the comparison it is written for would then compare nothing.
    /// </summary>
    internal void CheckAtomicPaths(ImmutableArray<SharedSequencerModel> sequencers, ImmutableArray<BuilderModel> builders)
    {
        foreach (var (model, at) in _atomic)
        {
            if (!HasCommonBlockProducer(model.Path, sequencers, builders))
            {
                Diagnostics.Error(
                    DiagnosticCodes.InvalidValue,
                    Source,
                    at,
                    $"`mode = atomic` needs one shared sequencer or builder that holds both {model.Path[0]} and {model.Path[1]}, and none does",
                    $"add `builder NAME for {model.Path[0]}, {model.Path[1]} {{ simulate = cross_chain }}`, or write `mode = independent`");
            }
        }
    }

    private CrossArbitrageModel? Bind(EntrySyntax entry, Dictionary<string, EntrySyntax> rollups)
    {
        if (entry.Body is null || entry.IsField)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Span, "`cross_arbitrage` is a block", "write `cross_arbitrage { path = [A, B]  searchers = 2  mode = atomic }`");
            return null;
        }

        ExtraArgs(entry, 0, "`cross_arbitrage` takes no arguments");
        var fields = Entries(entry.Body, SchemaCatalog.CrossArbitrage, "in `cross_arbitrage`");
        if (!fields.TryGetValue("path", out var pathEntry))
        {
            MissingField(entry.Head.Span, "path", "cross_arbitrage", "path = [A, B]", entry.Body);
        }

        var path = pathEntry is null ? default : ReadPath(pathEntry, rollups);
        var searchers = 1;
        if (fields.TryGetValue("searchers", out var searchersEntry))
        {
            searchers = ReadInteger(searchersEntry, SchemaCatalog.CrossArbitrage["searchers"]) is { } n ? (int)n : -1;
        }

        var mode = CrossArbitrageMode.Atomic;
        if (fields.TryGetValue("mode", out var modeEntry))
        {
            mode = ReadChoice(modeEntry, SchemaCatalog.CrossArbitrage["mode"].Choices) == "independent" ? CrossArbitrageMode.Independent : CrossArbitrageMode.Atomic;
        }

        if (path.IsDefault || searchers < 0)
        {
            return null;
        }

        var secondPool = SecondPool(path, pathEntry!);
        if (secondPool < 0)
        {
            return null;
        }

        var model = new CrossArbitrageModel(path, searchers, mode) { SecondPool = secondPool };
        if (mode == CrossArbitrageMode.Atomic)
        {
            _atomic.Add((model, modeEntry?.Span ?? pathEntry!.Span));
        }

        return model;
    }

    // The pair is the first rollup's first pool; the second rollup trades its first pool of that pair.
    private int SecondPool(ImmutableArray<string> path, EntrySyntax at)
    {
        var first = State.RollupPools.GetValueOrDefault(path[0], []);
        if (first.IsEmpty)
        {
            if (!State.LacksPool(path[0]))
            {
                return -1; // its pool's own error is the root cause
            }

            Diagnostics.Error(DiagnosticCodes.MissingField, Source, at.Span, $"rollup `{path[0]}` has no `amm` pool: cross-rollup arbitrage trades its first pool", $"add `amm \"ETH/USDC\" {{ reserves = (1_000 eth, 3_000_000 usdc) }}` to rollup `{path[0]}`");
            return -1;
        }

        var pair = first[0];
        if (!string.Equals(pair.BaseToken, "eth", StringComparison.Ordinal))
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, at.Span, $"the first pool of `{path[0]}` trades {pair.BaseToken}/{pair.QuoteToken}: cross-rollup arbitrage trades ether against a token (it pays its gas in ether and values it at the pair's price)", $"make the first pool of `{path[0]}` an `ETH/TOKEN` pool");
            return -1;
        }

        var second = State.RollupPools.GetValueOrDefault(path[1], []);
        for (var p = 0; p < second.Length; p++)
        {
            if (string.Equals(second[p].BaseToken, pair.BaseToken, StringComparison.Ordinal) && string.Equals(second[p].QuoteToken, pair.QuoteToken, StringComparison.Ordinal))
            {
                return p;
            }
        }

        Diagnostics.Error(
            DiagnosticCodes.MissingField,
            Source,
            at.Span,
            $"rollup `{path[1]}` has no pool of {pair.BaseToken}/{pair.QuoteToken}, the pair of `{path[0]}`'s first pool",
            $"add `amm \"{pair.BaseToken.ToUpperInvariant()}/{pair.QuoteToken.ToUpperInvariant()}\" {{ reserves = (...) }}` to rollup `{path[1]}`");
        return -1;
    }

    private ImmutableArray<string> ReadPath(EntrySyntax entry, Dictionary<string, EntrySyntax> rollups)
    {
        var syntax = entry.IsField ? entry.Value : entry.Args.Length == 1 ? entry.Args[0].Expression : null;
        if (syntax is not ListSyntax list || (entry.IsField && entry.Args.Length > 0))
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, syntax?.Span ?? entry.Span, "`path` must be a list of two rollups in brackets", "write `path = [A, B]`");
            return default;
        }

        var names = new List<string>();
        var ok = true;
        foreach (var item in list.Items)
        {
            if (ReadRollupName(new ArgumentSyntax(item, false), rollups) is not { } name)
            {
                ok = false;
                continue;
            }

            if (names.Contains(name.Text))
            {
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, name.Span, $"rollup `{name.Text}` is named twice: an arbitrage between two rollups trades two different rollups' pools", "name two different rollups, e.g. `path = [A, B]`");
                ok = false;
                continue;
            }

            names.Add(name.Text);
        }

        if (ok && names.Count != 2)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, list.Span, $"a cross-rollup arbitrage path names exactly 2 rollups, found {names.Count}", "write `path = [A, B]`");
            return default;
        }

        return ok ? [.. names] : default;
    }
}
