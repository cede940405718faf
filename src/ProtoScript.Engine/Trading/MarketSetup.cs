using System.Collections.Immutable;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Trading;

/// <summary>
/// What a rollup's market needs from the scenario besides the rollup itself: the declared
/// tokens, the trading workload and the CEX (if any).
/// </summary>
/// <param name="Tokens">The declared tokens; token <c>t</c> is asset <c>t + 1</c> (asset 0 is ether).</param>
/// <param name="Trading">Swaps, CEX and arbitrageurs.</param>
/// <param name="Cex">The scenario's CEX, or null when it has none.</param>
public sealed record MarketSetup(ImmutableArray<TokenModel> Tokens, TradingModel Trading, CexMarket? Cex)
{
    /// <summary>The asset number of ether.</summary>
    public const int Ether = 0;

    /// <summary>The asset number of a token name (<c>eth</c> is ether).</summary>
    /// <exception cref="ArgumentException">The token is not declared.</exception>
    public int AssetOf(string token)
    {
        if (string.Equals(token, "eth", StringComparison.Ordinal))
        {
            return Ether;
        }

        for (var t = 0; t < Tokens.Length; t++)
        {
            if (string.Equals(Tokens[t].Name, token, StringComparison.Ordinal))
            {
                return t + 1;
            }
        }

        throw new ArgumentException($"Token '{token}' is not declared.", nameof(token));
    }

    /// <summary>The decimals of an asset (18 for ether).</summary>
    public int DecimalsOf(int asset) => asset == Ether ? 18 : Tokens[asset - 1].Decimals;

    /// <summary>The name of an asset (<c>eth</c> for ether).</summary>
    public string NameOf(int asset) => asset == Ether ? "eth" : Tokens[asset - 1].Name;

    /// <summary>
    /// Whether arbitrageurs trade on <paramref name="rollup"/>: there is a CEX, at least one
    /// arbitrageur, and the rollup's first pool is ether against the CEX's quote token.
    /// </summary>
    public bool HasArbitrage(RollupModel rollup)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        return Cex is not null && Trading.Arbitrageurs > 0 && rollup.Amms.Length > 0
            && string.Equals(rollup.Amms[0].BaseToken, "eth", StringComparison.Ordinal)
            && string.Equals(rollup.Amms[0].QuoteToken, Cex.Model.QuoteToken, StringComparison.Ordinal);
    }

    /// <summary>The workload's cross-rollup arbitrage paths; their searchers hold accounts on both rollups of each.</summary>
    public ImmutableArray<CrossArbitrageModel> CrossArbitrage { get; init; } = [];

    /// <summary>The accounts a rollup needs besides its users and sequencer: its arbitrageurs, then one per pool, then the cross-rollup searchers, then the back-runners.</summary>
    public int ExtraAccounts(RollupModel rollup) =>
        (HasArbitrage(rollup) ? Trading.Arbitrageurs : 0) + rollup.Amms.Length + CrossSearchers(rollup) + BackRunners(rollup);

    /// <summary>How many back-runners hold an account on <paramref name="rollup"/>: the workload's, on every rollup with a pool.</summary>
    public int BackRunners(RollupModel rollup)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        return rollup.Amms.Length > 0 ? Trading.BackRunners : 0;
    }

    /// <summary>How many cross-rollup searchers hold an account on <paramref name="rollup"/>.</summary>
    public int CrossSearchers(RollupModel rollup)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        var count = 0;
        foreach (var path in CrossArbitrage)
        {
            if (path.Path.Contains(rollup.Name))
            {
                count += path.Searchers;
            }
        }

        return count;
    }

    /// <summary>
    /// Where path <paramref name="path"/>'s searchers start among <paramref name="rollup"/>'s
    /// cross-rollup searchers (the paths' searchers follow each other in workload order).
    /// </summary>
    public int CrossSearcherOffset(RollupModel rollup, int path)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        var offset = 0;
        for (var p = 0; p < path; p++)
        {
            if (CrossArbitrage[p].Path.Contains(rollup.Name))
            {
                offset += CrossArbitrage[p].Searchers;
            }
        }

        return offset;
    }

    /// <summary>The pool <paramref name="rollup"/> trades on path <paramref name="path"/>: the first pool on its first rollup, the matching one on its second.</summary>
    public int CrossPool(RollupModel rollup, int path)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        return CrossArbitrage[path].Path[0] == rollup.Name ? 0 : CrossArbitrage[path].SecondPool;
    }
}
