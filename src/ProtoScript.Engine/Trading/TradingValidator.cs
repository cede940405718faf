using ProtoScript.Engine.Amm;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Trading;

/// <summary>The engine's checks of a rollup's pools and token balances.</summary>
internal static class TradingValidator
{
    public static void ValidateRollup(ScenarioModel model, RollupModel rollup, List<string> errors)
    {
        var declared = new HashSet<string>(model.Tokens.Select(t => t.Name), StringComparer.Ordinal) { "eth" };
        foreach (var balance in rollup.TokenBalances)
        {
            if (!declared.Contains(balance.Token))
            {
                errors.Add(Invariant($"Rollup '{rollup.Name}': the accounts hold '{balance.Token}', which is not a declared token."));
            }
        }

        foreach (var amm in rollup.Amms)
        {
            var where = Invariant($"Rollup '{rollup.Name}' pool '{amm.Name}'");
            if (amm.FeePpm < 0 || amm.FeePpm % 100 != 0 || amm.FeePpm >= 1_000_000)
            {
                errors.Add(Invariant($"{where}: the fee must be whole basis points below 100 % (a multiple of 0.01 %, e.g. 0.3 % or 0.05 %); {amm.FeePpm / 10_000m} % is not."));
            }

            foreach (var token in (ReadOnlySpan<string>)[amm.BaseToken, amm.QuoteToken])
            {
                if (!declared.Contains(token))
                {
                    errors.Add(Invariant($"{where}: token '{token}' is not declared."));
                }
            }

            foreach (var reserve in (ReadOnlySpan<UInt128>)[amm.BaseReserve, amm.QuoteReserve])
            {
                if (reserve == UInt128.Zero || reserve > ConstantProductMath.MaxReserve)
                {
                    errors.Add(Invariant($"{where}: a reserve must be between 1 and 2^112 − 1 smallest units."));
                }
            }
        }

        var trading = model.Workload.Trading;
        if (trading.SwapShare > 0 && rollup.Amms.Length == 0 && model.Workload.Streams.Any(s => s.Rollups.Contains(rollup.Name)))
        {
            errors.Add(Invariant($"Rollup '{rollup.Name}': users swap on it, so it needs an `amm` pool."));
        }

        if (trading.CexPrice is not null && trading.Arbitrageurs > 0 && rollup.Amms.Length > 0 && rollup.Amms[0].BaseToken != "eth")
        {
            errors.Add(Invariant($"Rollup '{rollup.Name}': arbitrageurs trade the first pool against the CEX price of ether, so its base token must be eth, not '{rollup.Amms[0].BaseToken}'."));
        }
    }

    /// <summary>Checks the scenario-wide trading settings.</summary>
    public static void ValidateScenario(ScenarioModel model, List<string> errors)
    {
        var trading = model.Workload.Trading;
        if (!double.IsFinite(trading.SwapShare) || trading.SwapShare < 0 || trading.SwapShare > 1)
        {
            errors.Add("Trading: the swap share must be between 0 % and 100 %.");
        }

        if (trading.CexPrice is { } cex)
        {
            if (cex.StartPrice == UInt128.Zero || cex.StartPrice > Markets.GbmPriceProcess.MaxScaled)
            {
                errors.Add("Trading: the CEX start price must be positive and at most 2^120 smallest quote units per ether.");
            }

            if (!double.IsFinite(cex.Volatility) || cex.Volatility < 0 || !double.IsFinite(cex.Drift))
            {
                errors.Add("Trading: the CEX volatility must be a finite fraction per year, zero or more, and the drift finite.");
            }

            if (cex.QuoteToken != "eth" && !model.Tokens.Any(t => t.Name == cex.QuoteToken))
            {
                errors.Add(Invariant($"Trading: the CEX quote token '{cex.QuoteToken}' is not declared."));
            }
        }

        if (trading.SyncDelay < SimDuration.Zero)
        {
            errors.Add("Trading: the sync delay must not be negative.");
        }
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
