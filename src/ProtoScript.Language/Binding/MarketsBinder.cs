using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>Tokens, AMM pools, the CEX price and the traders who use them.</summary>
internal sealed partial class MarketsBinder(BindingState state) : ConstructBinder(state)
{
    /// <summary>Declares every <c>token</c> first, so that amounts in them read anywhere in the scenario.</summary>
    internal void BindTokens(IEnumerable<EntrySyntax> declarations)
    {
        foreach (var entry in declarations)
        {
            if (entry.IsField || entry.Args.Length != 1 || entry.Args[0].Expression is not PathSyntax { Parts.Length: 1 } namePath)
            {
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Span, "`token` is written `token NAME { decimals = N }`", "e.g. `token usdc { decimals = 6 }`");
                continue;
            }

            var name = namePath.Text;
            if (Evaluator.IsUnit(name))
            {
                Diagnostics.Error(DiagnosticCodes.Duplicate, Source, namePath.Span, State.Tokens.ContainsKey(name) ? $"token `{name}` is declared twice" : $"`{name}` is already a unit", "give the token another name");
                continue;
            }

            var decimals = 18;
            if (entry.Body is not null)
            {
                var fields = Entries(entry.Body, SchemaCatalog.Token, $"in token `{name}`");
                if (fields.TryGetValue("decimals", out var d))
                {
                    ReadInteger(d, SchemaCatalog.Token["decimals"]);
                }

                decimals = (int?)Construct(entry.Body)!.Integer("decimals") ?? decimals;
            }

            var token = new TokenModel(name, decimals);
            State.Tokens[name] = token;
            State.TokenOrder.Add(token);
            Evaluator.DefineUnit(new UnitInfo(name, Dimension.TokenAmount(name), Pow10(decimals)));
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

    internal ImmutableArray<AmmModel> BindAmms(IEnumerable<EntrySyntax> statements, string rollup)
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
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Span, "`amm` is written `amm \"BASE/QUOTE\" { reserves = (...)  fee = ... }`", "e.g. `amm \"ETH/USDC\" { reserves = (1_000 eth, 3_000_000 usdc)  fee = 0.3 % }`");
            return null;
        }

        var fields = Entries(entry.Body, SchemaCatalog.Amm, $"in pool \"{pair.Value}\" of rollup `{rollup}`");
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
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, reserves.Span, $"`reserves` must be a pair of token amounts, found {reserves.Describe()}", "e.g. `reserves = (1_000 eth, 3_000_000 usdc)`");
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
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, list.Span, "a pool needs two different tokens", "e.g. `reserves = (1_000 eth, 3_000_000 usdc)`");
            return null;
        }

        var expected = (baseSide.Value.Token + "/" + quoteSide.Value.Token).ToUpperInvariant();
        if (!string.Equals(pair.Value, expected, StringComparison.OrdinalIgnoreCase))
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, pair.Span, $"the pool is named \"{pair.Value}\" but its reserves are in {baseSide.Value.Token} and {quoteSide.Value.Token}", $"name it \"{expected}\", or list the reserves in the pair's order");
            return null;
        }

        var feePpm = 3000;
        if (fields.TryGetValue("fee", out var feeEntry) && ScalarValue(feeEntry) is { } fee and not ErrorValue)
        {
            if (fee is not QuantityValue { IsPercent: true } percent)
            {
                Diagnostics.Error(DiagnosticCodes.WrongUnit, Source, fee.Span, $"`fee` must be a percentage, found {fee.Describe()}", "e.g. `fee = 0.3 %`");
            }
            else if (percent.Magnitude < 0 || percent.Magnitude >= 1 || percent.Magnitude * 10_000 != decimal.Truncate(percent.Magnitude * 10_000))
            {
                Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, fee.Span, "`fee` must be at least 0 % and below 100 %, in whole basis points (0.01 %)", "e.g. `fee = 0.3 %`");
            }
            else
            {
                feePpm = (int)(percent.Magnitude * 1_000_000);
            }
        }

        return new AmmModel(expected, baseSide.Value.Token, quoteSide.Value.Token, baseSide.Value.Amount, quoteSide.Value.Amount, feePpm);
    }

    internal TradingModel BindTrading(Dictionary<string, EntrySyntax> fields, ImmutableArray<string> targets)
    {
        var trading = TradingModel.None;
        if (fields.TryGetValue("swaps", out var swaps) && ReadShare(swaps, "30 %") is { } share)
        {
            trading = trading with { SwapShare = share };
            RequirePools(swaps, targets, "`swaps` trade on each target rollup's first pool");
            WarnAboutUnfundedQuote(swaps, targets);
        }

        if (fields.TryGetValue("swap_size", out var size) && ReadDistribution(size, Dimension.Ether1) is { } sizeDistribution)
        {
            trading = trading with { SwapSize = sizeDistribution };
        }

        if (fields.TryGetValue("cex_price", out var cex))
        {
            trading = trading with { CexPrice = ReadGbm(cex) };
        }

        if (fields.TryGetValue("arbitrageurs", out var arbs) && ReadInteger(arbs, SchemaCatalog.Workload["arbitrageurs"]) is { } count)
        {
            trading = trading with { Arbitrageurs = (int)count };
            if (count > 0 && trading.CexPrice is null && !fields.ContainsKey("cex_price"))
            {
                Diagnostics.Error(DiagnosticCodes.MissingField, Source, arbs.Span, "arbitrageurs need a CEX price to arbitrage against", "add `cex_price = gbm(start = 3000 usdc, volatility = 60 % per year)`");
            }
        }

        trading = BindBackRunners(fields, targets, trading);
        if (fields.TryGetValue("sync_delay", out var delay) && ReadDuration(delay, SchemaCatalog.Workload["sync_delay"]) is { } d)
        {
            trading = trading with { SyncDelay = d };
        }

        if (trading.CexPrice is { } price && !targets.IsDefault)
        {
            foreach (var target in targets)
            {
                var pool = State.RollupPools.GetValueOrDefault(target, []).FirstOrDefault();
                if ((pool is null && State.LacksPool(target)) || (pool is not null && pool.QuoteToken != price.QuoteToken))
                {
                    Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, cex!.Span, $"rollup `{target}` has no pool quoted in {price.QuoteToken} for arbitrageurs to trade against the CEX", $"add `amm \"ETH/{price.QuoteToken.ToUpperInvariant()}\" {{ ... }}` to rollup `{target}`");
                }
            }
        }

        return trading;
    }

    /// <summary>
    /// Warns when a target rollup's accounts hold none of its first pool's quote token: the
    /// users' swaps that pay in it are rejected for want of balance until a user has bought
    /// some, which reads in the report as a market problem rather than as the funding line it is.
    /// </summary>
    private void WarnAboutUnfundedQuote(EntrySyntax at, ImmutableArray<string> targets)
    {
        if (targets.IsDefault)
        {
            return;
        }

        foreach (var target in targets.Distinct(StringComparer.Ordinal))
        {
            if (State.RollupPools.GetValueOrDefault(target, []).FirstOrDefault() is { QuoteToken: var quote } and not { QuoteToken: "eth" }
                && State.RollupTokenFunding.TryGetValue(target, out var funding)
                && !funding.Any(t => t.Token == quote && t.Amount > 0))
            {
                Diagnostics.Warning(DiagnosticCodes.InvalidValue, Source, at.Span, $"the accounts of rollup `{target}` hold no {quote}, the quote token of its pool: until a user has bought some, each of its swaps that pays in {quote} is rejected (insufficient_balance)", $"fund them too, e.g. `accounts 1_000 funded 10 eth, 30_000 {quote}`");
            }
        }
    }

    private void RequirePools(EntrySyntax at, ImmutableArray<string> targets, string why)
    {
        if (targets.IsDefault)
        {
            return;
        }

        foreach (var target in targets.Where(State.LacksPool))
        {
            Diagnostics.Error(DiagnosticCodes.MissingField, Source, at.Span, $"rollup `{target}` has no `amm` pool: {why}", $"add `amm \"ETH/USDC\" {{ reserves = (1_000 eth, 3_000_000 usdc) }}` to rollup `{target}`");
        }
    }

    private PriceProcessModel? ReadGbm(EntrySyntax entry)
    {
        var value = ScalarValue(entry);
        if (value is not CallValue { Name: "gbm" } call)
        {
            if (value is not null and not ErrorValue)
            {
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, value.Span, $"`cex_price` must be a price process, found {value.Describe()}", "write `cex_price = gbm(start = 3000 usdc, volatility = 60 % per year)`");
            }

            return null;
        }

        var args = CallArguments(call, SchemaCatalog.Gbm);
        if (args is null)
        {
            return null;
        }

        var start = ReadTokenAmount(args["start"]);
        if (start is { Token: "eth" })
        {
            Diagnostics.Error(DiagnosticCodes.WrongUnit, Source, args["start"].Span, "the CEX price is the price of ether in a token, not in ether", "e.g. `start = 3000 usdc`");
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
                Diagnostics.Error(DiagnosticCodes.WrongUnit, Source, per.PerSpan, $"`{what}` is per a time (e.g. `per year`), not per `{per.Per}`", $"write `{what} = 60 % per year`");
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
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, inner.Span, $"`{what}` must be a non-negative percentage, found {inner.Describe()}", $"e.g. `{what} = 60 % per year`");
            return null;
        }

        var years = (double)(365m * 86_400_000_000m / basis);
        var perYear = (double)percent.Magnitude * (squareRootOfTime ? Math.Sqrt(years) : years);
        return perYear;
    }
}
