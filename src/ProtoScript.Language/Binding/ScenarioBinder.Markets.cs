using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <content>Tokens, AMM pools, the CEX price and the traders who use them.</content>
public sealed partial class ScenarioBinder
{
    private static readonly string[] TokenFields = ["decimals"];
    private static readonly string[] AmmFields = ["reserves", "fee"];

    // Declared tokens by unit name, in declaration order.
    private readonly Dictionary<string, TokenModel> _tokens = new(StringComparer.Ordinal);
    private readonly List<TokenModel> _tokenOrder = [];

    // Each bound rollup's pools, for the workload's checks.
    private readonly Dictionary<string, ImmutableArray<AmmModel>> _rollupPools = new(StringComparer.Ordinal);

    /// <summary>Declares every <c>token</c> first, so that amounts in them read anywhere in the scenario.</summary>
    private void BindTokens(IEnumerable<EntrySyntax> declarations)
    {
        foreach (var entry in declarations)
        {
            if (entry.IsField || entry.Args.Length != 1 || entry.Args[0].Expression is not PathSyntax { Parts.Length: 1 } namePath)
            {
                _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, entry.Span, "`token` is written `token NAME { decimals = N }`", "e.g. `token usdc { decimals = 6 }`");
                continue;
            }

            var name = namePath.Text;
            if (_evaluator.IsUnit(name))
            {
                _diagnostics.Error(DiagnosticCodes.Duplicate, _source, namePath.Span, _tokens.ContainsKey(name) ? $"token `{name}` is declared twice" : $"`{name}` is already a unit", "give the token another name");
                continue;
            }

            var decimals = 18;
            if (entry.Body is not null)
            {
                var fields = Entries(entry.Body, TokenFields, $"in token `{name}`");
                if (fields.TryGetValue("decimals", out var d) && ReadInteger(d, 0, 24) is { } value)
                {
                    decimals = (int)value;
                }
            }

            var token = new TokenModel(name, decimals);
            _tokens[name] = token;
            _tokenOrder.Add(token);
            _evaluator.DefineUnit(new UnitInfo(name, Dimension.TokenAmount(name), Pow10(decimals)));
        }
    }

    private static decimal Pow10(int n)
    {
        var result = 1m;
        for (var i = 0; i < n; i++)
        {
            result *= 10;
        }

        return result;
    }

    private ImmutableArray<AmmModel> BindAmms(IEnumerable<EntrySyntax> statements, string rollup)
    {
        // A child's pool with the same pair replaces the parent's; order is that of first appearance.
        var pools = new List<AmmModel>();
        foreach (var entry in statements.Where(s => s.Head.Text == "amm"))
        {
            if (In(entry, () => BindAmm(entry, rollup)) is not { } pool)
            {
                continue;
            }

            var existing = pools.FindIndex(p => p.Name == pool.Name);
            if (existing >= 0)
            {
                pools[existing] = pool;
            }
            else
            {
                pools.Add(pool);
            }
        }

        return [.. pools];
    }

    private AmmModel? BindAmm(EntrySyntax entry, string rollup)
    {
        if (entry.IsField || entry.Args.Length != 1 || entry.Args[0].Expression is not StringSyntax pair || entry.Body is null)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, entry.Span, "`amm` is written `amm \"BASE/QUOTE\" { reserves = (...)  fee = ... }`", "e.g. `amm \"ETH/USDC\" { reserves = (1_000 eth, 3_000_000 usdc)  fee = 0.3 % }`");
            return null;
        }

        var fields = Entries(entry.Body, AmmFields, $"in pool \"{pair.Value}\" of rollup `{rollup}`");
        if (!fields.TryGetValue("reserves", out var reservesEntry))
        {
            MissingField(pair.Span, "reserves", $"pool \"{pair.Value}\"", "reserves = (1_000 eth, 3_000_000 usdc)", entry.Body);
            return null;
        }

        var reserves = ScalarValue(reservesEntry);
        if (reserves is not ListValue { Items.Length: 2 } list)
        {
            if (reserves is not null and not ErrorValue)
            {
                _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, reserves.Span, $"`reserves` must be a pair of token amounts, found {reserves.Describe()}", "e.g. `reserves = (1_000 eth, 3_000_000 usdc)`");
            }

            return null;
        }

        var baseSide = ReadTokenAmount(list.Items[0]);
        var quoteSide = ReadTokenAmount(list.Items[1]);
        if (baseSide is null || quoteSide is null)
        {
            return null;
        }

        if (baseSide.Value.Token == quoteSide.Value.Token)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, list.Span, "a pool needs two different tokens", "e.g. `reserves = (1_000 eth, 3_000_000 usdc)`");
            return null;
        }

        var expected = (baseSide.Value.Token + "/" + quoteSide.Value.Token).ToUpperInvariant();
        if (!string.Equals(pair.Value, expected, StringComparison.OrdinalIgnoreCase))
        {
            _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, pair.Span, $"the pool is named \"{pair.Value}\" but its reserves are in {baseSide.Value.Token} and {quoteSide.Value.Token}", $"name it \"{expected}\", or list the reserves in the pair's order");
            return null;
        }

        var feePpm = 3000;
        if (fields.TryGetValue("fee", out var feeEntry) && ScalarValue(feeEntry) is { } fee and not ErrorValue)
        {
            if (fee is not QuantityValue { IsPercent: true } percent)
            {
                _diagnostics.Error(DiagnosticCodes.WrongUnit, _source, fee.Span, $"`fee` must be a percentage, found {fee.Describe()}", "e.g. `fee = 0.3 %`");
            }
            else if (percent.Magnitude < 0 || percent.Magnitude >= 1 || percent.Magnitude * 10_000 != decimal.Truncate(percent.Magnitude * 10_000))
            {
                _diagnostics.Error(DiagnosticCodes.OutOfRange, _source, fee.Span, "`fee` must be at least 0 % and below 100 %, in whole basis points (0.01 %)", "e.g. `fee = 0.3 %`");
            }
            else
            {
                feePpm = (int)(percent.Magnitude * 1_000_000);
            }
        }

        return new AmmModel(expected, baseSide.Value.Token, quoteSide.Value.Token, baseSide.Value.Amount, quoteSide.Value.Amount, feePpm);
    }

    /// <summary>Reads an amount of ether or of a declared token, in its smallest unit.</summary>
    private (string Token, UInt128 Amount)? ReadTokenAmount(BoundValue value)
    {
        if (value is ErrorValue)
        {
            return null;
        }

        var token = value is QuantityValue { IsPercent: false } q
            ? q.Dimension == Dimension.Ether1 ? "eth" : q.Dimension.Tokens == 1 && q.Dimension == Dimension.TokenAmount(q.Dimension.Token!) ? q.Dimension.Token : null
            : null;
        if (token is null)
        {
            var declared = _tokenOrder.Count == 0 ? "declare tokens with `token usdc { decimals = 6 }`" : "units: eth, " + string.Join(", ", _tokenOrder.Select(t => t.Name));
            _diagnostics.Error(DiagnosticCodes.WrongUnit, _source, value.Span, $"expected an amount of a token, found {value.Describe()}", declared);
            return null;
        }

        var magnitude = ((QuantityValue)value).Magnitude;
        if (magnitude <= 0 || magnitude != decimal.Truncate(magnitude))
        {
            _diagnostics.Error(DiagnosticCodes.OutOfRange, _source, value.Span, $"a reserve must be a positive, whole number of the token's smallest unit", "use fewer decimals");
            return null;
        }

        return (token, (UInt128)magnitude);
    }

    private TradingModel BindTrading(Dictionary<string, EntrySyntax> fields, ImmutableArray<string> targets)
    {
        var trading = TradingModel.None;
        if (fields.TryGetValue("swaps", out var swaps) && ReadShare(swaps, "30 %") is { } share)
        {
            trading = trading with { SwapShare = share };
            RequirePools(swaps, targets, "`swaps` trade on each target rollup's first pool");
        }

        if (fields.TryGetValue("swap_size", out var size) && ReadDistribution(size, Dimension.Ether1) is { } sizeDistribution)
        {
            trading = trading with { SwapSize = sizeDistribution };
        }

        if (fields.TryGetValue("cex_price", out var cex))
        {
            trading = trading with { CexPrice = ReadGbm(cex) };
        }

        if (fields.TryGetValue("arbitrageurs", out var arbs) && ReadInteger(arbs, 0, 1_000) is { } count)
        {
            trading = trading with { Arbitrageurs = (int)count };
            if (count > 0 && trading.CexPrice is null && !fields.ContainsKey("cex_price"))
            {
                _diagnostics.Error(DiagnosticCodes.MissingField, _source, arbs.Span, "arbitrageurs need a CEX price to arbitrage against", "add `cex_price = gbm(start = 3000 usdc, volatility = 60 % per year)`");
            }
        }

        if (fields.TryGetValue("sync_delay", out var delay) && ReadDuration(delay, SimDuration.Zero, SimDuration.FromSeconds(3600)) is { } d)
        {
            trading = trading with { SyncDelay = d };
        }

        if (trading.CexPrice is { } price && !targets.IsDefault)
        {
            foreach (var target in targets)
            {
                var pool = _rollupPools.GetValueOrDefault(target, []).FirstOrDefault();
                if (pool is null || pool.QuoteToken != price.QuoteToken)
                {
                    _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, cex!.Span, $"rollup `{target}` has no pool quoted in {price.QuoteToken} for arbitrageurs to trade against the CEX", $"add `amm \"ETH/{price.QuoteToken.ToUpperInvariant()}\" {{ ... }}` to rollup `{target}`");
                }
            }
        }

        return trading;
    }

    private void RequirePools(EntrySyntax at, ImmutableArray<string> targets, string why)
    {
        if (targets.IsDefault)
        {
            return;
        }

        foreach (var target in targets.Where(t => _rollupPools.GetValueOrDefault(t, []).IsEmpty))
        {
            _diagnostics.Error(DiagnosticCodes.MissingField, _source, at.Span, $"rollup `{target}` has no `amm` pool: {why}", $"add `amm \"ETH/USDC\" {{ reserves = (1_000 eth, 3_000_000 usdc) }}` to rollup `{target}`");
        }
    }

    private PriceProcessModel? ReadGbm(EntrySyntax entry)
    {
        var value = ScalarValue(entry);
        if (value is not CallValue { Name: "gbm" } call)
        {
            if (value is not null and not ErrorValue)
            {
                _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, value.Span, $"`cex_price` must be a price process, found {value.Describe()}", "write `cex_price = gbm(start = 3000 usdc, volatility = 60 % per year)`");
            }

            return null;
        }

        var args = CallArguments(call, ["start", "volatility", "drift"], required: 2);
        if (args is null)
        {
            return null;
        }

        var start = ReadTokenAmount(args["start"]);
        if (start is { Token: "eth" })
        {
            _diagnostics.Error(DiagnosticCodes.WrongUnit, _source, args["start"].Span, "the CEX price is the price of ether in a token, not in ether", "e.g. `start = 3000 usdc`");
            return null;
        }

        var volatility = ReadAnnualised(args["volatility"], "volatility", squareRootOfTime: true);
        var drift = args.TryGetValue("drift", out var driftValue) ? ReadAnnualised(driftValue, "drift", squareRootOfTime: false) : 0;
        if (start is null || volatility is null || drift is null)
        {
            return null;
        }

        // The price is of one whole base token (1 eth); `3000 usdc` is already in the quote's smallest units.
        return new PriceProcessModel(start.Value.Token, start.Value.Amount, volatility.Value, drift.Value);
    }

    /// <summary>
    /// Reads a percentage, optionally <c>per TIME</c>, as a yearly figure. Volatility grows with
    /// the square root of time, drift linearly; a bare percentage is already yearly.
    /// </summary>
    private double? ReadAnnualised(BoundValue value, string what, bool squareRootOfTime)
    {
        var basis = 365m * 86_400_000_000m;
        var inner = value;
        if (value is PerValue per)
        {
            if (!Units.All.TryGetValue(per.Per, out var unit) || unit.Dimension != Dimension.Duration)
            {
                _diagnostics.Error(DiagnosticCodes.WrongUnit, _source, per.PerSpan, $"`{what}` is per a time (e.g. `per year`), not per `{per.Per}`", $"write `{what} = 60 % per year`");
                return null;
            }

            basis = unit.Factor;
            inner = per.Value;
        }

        if (inner is ErrorValue)
        {
            return null;
        }

        if (inner is not QuantityValue { IsPercent: true } percent || percent.Magnitude < 0 || percent.Magnitude > 100)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, inner.Span, $"`{what}` must be a non-negative percentage, found {inner.Describe()}", $"e.g. `{what} = 60 % per year`");
            return null;
        }

        var years = (double)(365m * 86_400_000_000m / basis);
        var perYear = (double)percent.Magnitude * (squareRootOfTime ? Math.Sqrt(years) : years);
        return perYear;
    }

    /// <summary>
    /// Matches a call's positional and named arguments to parameter names; reports unknown,
    /// repeated and missing ones. Returns null after an error.
    /// </summary>
    private Dictionary<string, BoundValue>? CallArguments(CallValue call, string[] parameters, int required)
    {
        var result = new Dictionary<string, BoundValue>(StringComparer.Ordinal);
        var ok = true;
        var position = 0;
        foreach (var (name, value) in call.Args)
        {
            var parameter = name;
            if (parameter is null)
            {
                if (position >= parameters.Length)
                {
                    _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, value.Span, $"`{call.Name}` takes at most {parameters.Length} arguments", $"parameters: {string.Join(", ", parameters)}");
                    ok = false;
                    continue;
                }

                parameter = parameters[position++];
            }
            else if (!parameters.Contains(parameter))
            {
                var suggestion = NameSuggester.Suggest(parameter, parameters);
                _diagnostics.Error(DiagnosticCodes.UnknownName, _source, value.Span, $"`{call.Name}` has no parameter `{parameter}`", suggestion is not null ? $"did you mean `{suggestion}`?" : $"parameters: {string.Join(", ", parameters)}");
                ok = false;
                continue;
            }

            if (!result.TryAdd(parameter, value))
            {
                _diagnostics.Error(DiagnosticCodes.Duplicate, _source, value.Span, $"`{parameter}` is given twice to `{call.Name}`");
                ok = false;
            }
        }

        // A misspelt name already explains why its parameter is missing.
        foreach (var missing in ok ? parameters.Take(required).Where(p => !result.ContainsKey(p)) : [])
        {
            _diagnostics.Error(DiagnosticCodes.MissingField, _source, call.Span, $"`{call.Name}` is missing `{missing}`", $"parameters: {string.Join(", ", parameters)}");
            ok = false;
        }

        return ok ? result : null;
    }
}
