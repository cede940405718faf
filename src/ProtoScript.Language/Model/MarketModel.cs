namespace ProtoScript.Language.Model;

/// <summary>A fungible token the scenario declares, besides the native ether.</summary>
/// <param name="Name">Its unit name in the language, e.g. <c>usdc</c>.</param>
/// <param name="Decimals">How many decimals its smallest unit has (6 for USDC, 18 for most ERC-20s).</param>
public sealed record TokenModel(string Name, int Decimals);

/// <summary>A genesis balance of a declared token that every user account of a rollup holds.</summary>
/// <param name="Token">The token's unit name.</param>
/// <param name="Amount">The balance in the token's smallest unit.</param>
public sealed record TokenBalanceModel(string Token, UInt128 Amount);

/// <summary>
/// A constant-product pool (Uniswap V2 rules) on a rollup. Reserves are integers in each
/// token's smallest unit (wei for <c>eth</c>).
/// </summary>
/// <param name="Name">The pair as written, e.g. <c>ETH/USDC</c>.</param>
/// <param name="BaseToken">The first token of the pair (<c>eth</c> for the native coin).</param>
/// <param name="QuoteToken">The second token of the pair.</param>
/// <param name="BaseReserve">The genesis reserve of the base token.</param>
/// <param name="QuoteReserve">The genesis reserve of the quote token.</param>
/// <param name="FeePpm">The swap fee in parts per million of the input (3000 = 0.3 %).</param>
public sealed record AmmModel(string Name, string BaseToken, string QuoteToken, UInt128 BaseReserve, UInt128 QuoteReserve, int FeePpm);

/// <summary>
/// A geometric Brownian motion for an external (CEX) price of the base token in the quote
/// token, e.g. ETH in USDC.
/// </summary>
/// <param name="QuoteToken">The token the price is quoted in.</param>
/// <param name="StartPrice">The price at time 0, in the quote token's smallest units per one whole base token.</param>
/// <param name="Volatility">Annualised volatility, as a fraction (0.6 for 60 %).</param>
/// <param name="Drift">Annualised drift, as a fraction (0 by default).</param>
public sealed record PriceProcessModel(string QuoteToken, UInt128 StartPrice, double Volatility, double Drift);

/// <summary>What traders besides the ordinary users do.</summary>
/// <param name="SwapShare">The fraction of user transactions that are swaps on the rollup's pool (0 … 1).</param>
/// <param name="SwapSize">Distribution of a swap's size, in wei of the base token.</param>
/// <param name="CexPrice">The external price the arbitrageurs watch, or null for no CEX.</param>
/// <param name="Arbitrageurs">How many competing arbitrageurs watch the CEX and the pools.</param>
/// <param name="SyncDelay">How stale the CEX price is that arbitrageurs see: a price becomes visible to them this long after it is set.</param>
public sealed record TradingModel(double SwapShare, DistributionModel SwapSize, PriceProcessModel? CexPrice, int Arbitrageurs, SimDuration SyncDelay)
{
    /// <summary>No swaps, no CEX, no arbitrageurs.</summary>
    public static TradingModel None { get; } = new(0, new DistributionModel(DistributionKind.Constant, 1e17, 0), null, 0, SimDuration.Zero);

    /// <summary>How many back-runners watch the public mempool of every rollup with a pool and trade right behind users' swaps (0 for none).</summary>
    public int BackRunners { get; init; }

    /// <summary>The least a back-run must earn after gas, in the smallest unit of the first pool's quote token, for a back-runner to send it.</summary>
    public UInt128 BackRunMinProfit { get; init; }

    /// <summary>The token <see cref="BackRunMinProfit"/> was written in, or null when it was not written.</summary>
    public string? BackRunMinProfitToken { get; init; }
}
