namespace ProtoScript.Hooks;

/// <summary>Which way an arbitrage trade goes through the pool.</summary>
public enum TradeDirection
{
    /// <summary>No trade.</summary>
    None,

    /// <summary>Pay base (ether) into the pool and take quote out: the pool's price is above the CEX's.</summary>
    SellBase,

    /// <summary>Pay quote into the pool and take base (ether) out: the pool's price is below the CEX's.</summary>
    BuyBase,
}

/// <summary>
/// What an arbitrageur sees when it decides, a lead before the next block: the CEX price as
/// its sync delay lets it see it, and the pool as of the last sealed block.
/// </summary>
/// <param name="CexPrice">The CEX price it sees, in quote-token units per ether (10^18 wei), e.g. 3_000_000_000 for 3000 USDC.</param>
/// <param name="ReserveBase">The pool's base (ether) reserve, in wei.</param>
/// <param name="ReserveQuote">The pool's quote reserve, in the quote token's smallest unit.</param>
/// <param name="FeeBasisPoints">The pool fee, in basis points of the input.</param>
/// <param name="BaseFeePerGas">The rollup's base fee per gas, in wei.</param>
/// <param name="SwapGas">The gas a swap uses.</param>
/// <param name="Auction">True when the rollup sells its first position by auction (<c>ordering = auction</c>): a trade's <c>Bid</c> counts, not its priority fee.</param>
public readonly record struct MarketView(
    UInt128 CexPrice,
    UInt128 ReserveBase,
    UInt128 ReserveQuote,
    int FeeBasisPoints,
    UInt128 BaseFeePerGas,
    ulong SwapGas,
    bool Auction)
{
    private readonly IReadOnlyList<PoolView>? _pools;
    private readonly string? _rollup;

    /// <summary>The rollup this arbitrageur is deciding for (its pool is that rollup's first); empty when not known.</summary>
    public string Rollup
    {
        get => _rollup ?? string.Empty;
        init => _rollup = value;
    }

    /// <summary>
    /// Every pool of every rollup the arbitrageurs trade on, in rollup then pool declaration
    /// order, as of the last sealed blocks (read-only copies of their state); empty when none is known.
    /// </summary>
    public IReadOnlyList<PoolView> Pools
    {
        get => _pools ?? [];
        init => _pools = value;
    }
}

/// <summary>One pool as an arbitrage strategy sees it: a copy of its state as of the last sealed block.</summary>
/// <param name="Rollup">The rollup it is on.</param>
/// <param name="Pool">Its index among the rollup's pools, in declaration order (0 is the first).</param>
/// <param name="BaseToken">Its token 0 (<c>eth</c> for ether).</param>
/// <param name="QuoteToken">Its token 1.</param>
/// <param name="ReserveBase">Its token-0 reserve, in the token's smallest unit.</param>
/// <param name="ReserveQuote">Its token-1 reserve, in the token's smallest unit.</param>
/// <param name="FeeBasisPoints">Its fee, in basis points of the input.</param>
/// <param name="Tradable">Whether a <see cref="TradeLeg"/> may trade it: it is a pool of ether against the CEX's quote token, which the arbitrageur holds on that rollup.</param>
public readonly record struct PoolView(
    string Rollup,
    int Pool,
    string BaseToken,
    string QuoteToken,
    UInt128 ReserveBase,
    UInt128 ReserveQuote,
    int FeeBasisPoints,
    bool Tradable);

/// <summary>
/// One more swap of a multi-leg trade: on <paramref name="Rollup"/>'s pool <paramref name="Pool"/>,
/// sent from the arbitrageur's account on that rollup as an ordinary transaction when the trade is sent.
/// </summary>
/// <param name="Rollup">The rollup, by name.</param>
/// <param name="Pool">The pool's index on it (see <see cref="PoolView.Pool"/>).</param>
/// <param name="Direction">Which way.</param>
/// <param name="AmountIn">What goes into the pool: wei for <see cref="TradeDirection.SellBase"/>, quote units for <see cref="TradeDirection.BuyBase"/>.</param>
/// <param name="MinAmountOut">The least output it accepts.</param>
public readonly record struct TradeLeg(string Rollup, int Pool, TradeDirection Direction, UInt128 AmountIn, UInt128 MinAmountOut);

/// <summary>The deciding arbitrageur and its balances.</summary>
/// <param name="Index">0 for <c>arb1</c>, 1 for <c>arb2</c>, ...</param>
/// <param name="BaseBalance">Its ether, in wei.</param>
/// <param name="QuoteBalance">Its quote token, in the smallest unit.</param>
public readonly record struct ArbitrageurView(int Index, UInt128 BaseBalance, UInt128 QuoteBalance);

/// <summary>
/// A trade an arbitrage strategy returns: a swap of exactly <paramref name="AmountIn"/> with
/// <paramref name="MinAmountOut"/> as its slippage limit, its priority fee per gas, and its
/// sealed bid in wei (used only under <c>ordering = auction</c>). <see cref="None"/> is no trade.
/// </summary>
/// <param name="Direction">Which way.</param>
/// <param name="AmountIn">What goes into the pool: wei for <see cref="TradeDirection.SellBase"/>, quote units for <see cref="TradeDirection.BuyBase"/>.</param>
/// <param name="MinAmountOut">The least output it accepts.</param>
/// <param name="PriorityFeePerGas">Its tip per gas, in wei.</param>
/// <param name="Bid">Its sealed bid for the block's first position, in wei.</param>
public readonly record struct ArbitrageTrade(
    TradeDirection Direction,
    UInt128 AmountIn,
    UInt128 MinAmountOut,
    UInt128 PriorityFeePerGas,
    UInt128 Bid)
{
    private readonly IReadOnlyList<TradeLeg>? _legs;

    /// <summary>No trade.</summary>
    public static ArbitrageTrade None => default;

    /// <summary>
    /// More swaps sent with this one, each on a pool of <see cref="MarketView.Pools"/> (empty for
    /// a trade of one swap). With <see cref="TradeDirection.None"/> as its own direction the trade
    /// is only these legs. Each leg is its own transaction, with this trade's tip: the legs are not atomic.
    /// </summary>
    public IReadOnlyList<TradeLeg> Legs
    {
        get => _legs ?? [];
        init => _legs = value;
    }

    /// <summary>Whether this is no trade (no swap on this pool and no other leg).</summary>
    public bool IsNone => Direction == TradeDirection.None && Legs.Count == 0;
}
