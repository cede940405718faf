namespace ProtoScript.Language.Model;

/// <summary>
/// Timeboost's express lane on a rollup (<c>express_lane { ... }</c>), as Arbitrum runs it:
/// time is cut into rounds of <see cref="Round"/>; the right to control each round's express
/// lane is sold in a sealed-bid auction that closes <see cref="Closing"/> before the round
/// starts, to the highest bid of at least <see cref="Reserve"/>. While a round has a holder,
/// every transaction except the holder's reaches the sequencer <see cref="Delay"/> later than
/// it was sent.
/// </summary>
/// <param name="Round">The length of a round.</param>
/// <param name="Closing">How long before a round starts its auction closes; shorter than <paramref name="Round"/>.</param>
/// <param name="Delay">How much later every transaction but the holder's reaches the sequencer; shorter than <paramref name="Round"/>.</param>
/// <param name="Reserve">The least bid that can win, in wei.</param>
/// <param name="Price">What the winner pays: its own bid, or the highest losing bid (the reserve when none reaches it).</param>
public sealed record ExpressLaneModel(SimDuration Round, SimDuration Closing, SimDuration Delay, UInt128 Reserve, AuctionPrice Price)
{
    /// <summary>Arbitrum's round: 60 s.</summary>
    public static SimDuration DefaultRound { get; } = SimDuration.FromSeconds(60);

    /// <summary>Arbitrum's auction closing: 15 s before the round.</summary>
    public static SimDuration DefaultClosing { get; } = SimDuration.FromSeconds(15);

    /// <summary>Arbitrum's delay of non-express transactions: 200 ms.</summary>
    public static SimDuration DefaultDelay { get; } = SimDuration.FromMilliseconds(200);

    /// <summary>Arbitrum's reserve price: 0.001 ether.</summary>
    public static UInt128 DefaultReserve { get; } = 1_000_000_000_000_000;

    /// <summary>The express lane with Arbitrum's parameters and a second-price auction.</summary>
    public static ExpressLaneModel Arbitrum { get; } = new(DefaultRound, DefaultClosing, DefaultDelay, DefaultReserve, AuctionPrice.Second);

    /// <summary>The arbitrageurs' bid rule as a C# hook (<c>bid = csharp ...</c>), or null for the built-in rule.</summary>
    public HookModel? Bid { get; init; }
}
