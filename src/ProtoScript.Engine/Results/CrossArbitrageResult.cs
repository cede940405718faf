using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Results;

/// <summary>What the searchers of one <c>cross_arbitrage</c> path did over a run.</summary>
/// <param name="Path">The path as reports name it (<c>A↔B</c>).</param>
/// <param name="Mode">How the legs were sent.</param>
/// <param name="Via">The shared sequencer or builder an atomic path's bundles went through (empty when independent).</param>
/// <param name="Searchers">How many searchers competed.</param>
/// <param name="QuoteToken">The pair's quote token, the unit of every profit.</param>
/// <param name="QuoteDecimals">Its decimals.</param>
public sealed record CrossArbitrageResult(string Path, CrossArbitrageMode Mode, string Via, int Searchers, string QuoteToken, int QuoteDecimals)
{
    /// <summary>Looks at which the two pools' gap paid for both legs' gas.</summary>
    public long Opportunities { get; init; }

    /// <summary>Trades sent (a searcher sends at most one at a time).</summary>
    public long Sent { get; init; }

    /// <summary>Times a searcher let an opportunity pass because its previous trade was still under way or its inventory could not pay.</summary>
    public long Skipped { get; init; }

    /// <summary>Trades whose two legs both executed.</summary>
    public long Completed { get; init; }

    /// <summary>Trades of which exactly one leg executed: the searcher was left holding inventory.</summary>
    public long OneLegged { get; init; }

    /// <summary>Trades of which no leg executed (both reverted, or dropped whole).</summary>
    public long NoLeg { get; init; }

    /// <summary>Atomic trades a simulating producer dropped whole before inclusion (part of <see cref="NoLeg"/>).</summary>
    public long Dropped { get; init; }

    /// <summary>Trades still under way at the end.</summary>
    public long Pending { get; init; }

    /// <summary>Legs that reverted or were dropped because a swap's output was below its limit.</summary>
    public long FailedSlippage { get; init; }

    /// <summary>Legs that failed because a pool could not pay out.</summary>
    public long FailedLiquidity { get; init; }

    /// <summary>Legs that failed because the searcher could not pay (gas or input).</summary>
    public long FailedBalance { get; init; }

    /// <summary>Realised profit over every finished trade, net of gas, at the reference price, in quote units (negative when losses exceed gains).</summary>
    public Int128 Profit { get; init; }

    /// <summary>The gains of the trades that made money: booked as arbitrage MEV to the searchers.</summary>
    public UInt128 Mev { get; init; }

    /// <summary>What the trades that lost money lost, in quote units.</summary>
    public UInt128 Losses { get; init; }

    /// <summary>The base token (wei) one-legged trades left the searchers holding, net (negative when they are short).</summary>
    public Int128 Inventory { get; init; }
}
