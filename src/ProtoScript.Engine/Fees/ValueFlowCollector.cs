using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Results;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Fees;

/// <summary>
/// Builds a rollup's value-flow table (<see cref="ValueFlowResult"/>) from what the engine
/// recorded. Fees received come from one ledger, so they sum exactly to what users paid: the
/// <c>fees</c> block's settlement when there is one (issuance apart), else the built-in ledger
/// (base fees burned, priority fees to the sequencer or to the PBS builder whose block held them).
/// Bids are the payments the ledger books apart from fees: PBS builders' bids and top-of-block and
/// express-lane auction payments, all to the sequencer, so bids received and paid sum to the
/// same amount. A PBS builder receives its blocks' tips as fees and pays its bid (the engine
/// moves the same value the other way round: the proposer takes the tips and pays the builder
/// its margin, tips − bid).
/// </summary>
public static class ValueFlowCollector
{
    /// <summary>The roles of the table, in its order.</summary>
    public static readonly string[] Roles = ["users", "sequencer", "builders", "searchers", "provers", "data_availability", "treasury", "burn"];

    /// <summary>
    /// Whether a rollup has more than one source of value, so its table says more than the fees
    /// section: PBS builders, a builder's tips, an external shared sequencer that charges, a
    /// top-of-block auction, an express lane, MEV taken, provers, or a
    /// <c>fees</c> block that pays a role other than the sequencer and the burn (a stack rule, a
    /// hook, a share, base fees or issuance to a role).
    /// </summary>
    /// <param name="result">The rollup's results.</param>
    /// <param name="fees">Its <c>fees</c> block, or null.</param>
    /// <param name="builderTips">Tips booked to builders outside PBS (a cross-chain builder's bundles).</param>
    /// <param name="sharedSequencerFee">What it paid an external shared sequencer's network, or null when it has none that charges.</param>
    public static bool Shows(RollupResult result, FeesModel? fees, UInt128 builderTips = default, UInt128? sharedSequencerFee = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Pbs is not null
            || builderTips > UInt128.Zero
            || sharedSequencerFee is not null
            || result.Auction is not null
            || result.ExpressLane is not null
            || result.Trading is { } t && t.Mev.Total > UInt128.Zero
            || result.Proving is not null
            || fees is not null && (fees.Rule != FeeSplitRule.Split || fees.Hook is not null || fees.BaseFee != Role.Burned
                || fees.IssuancePerBlock > 0 || fees.Shares.Any(s => s.Role != Role.Sequencer));
    }

    /// <summary>The table of <paramref name="chain"/>'s run, whose other results are <paramref name="result"/>; null when <see cref="Shows"/> is false.</summary>
    internal static ValueFlowResult? Collect(RollupChain chain, RollupResult result, UInt128? sharedSequencerFee)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(result);
        var settlement = chain.Settlement;
        var ledger = chain.Fees;
        if (!Shows(result, settlement?.Model, ledger.Of(Role.Builder, FeeKind.PriorityFee), sharedSequencerFee))
        {
            return null;
        }

        var received = new UInt128[Roles.Length];
        var issued = new UInt128[Roles.Length];
        UInt128 usersPaid;
        if (settlement is not null)
        {
            usersPaid = settlement.BaseFees + settlement.PriorityFees + settlement.L1DataFees + settlement.OperatorFees;
            foreach (var role in Enum.GetValues<Role>())
            {
                var row = RowOf(role);
                received[row] += settlement.Received.Of(role, FeeKind.Settlement);
                issued[row] += settlement.Received.Of(role, FeeKind.Issuance);
            }
        }
        else
        {
            received[RowOf(Role.Burned)] = ledger.Of(Role.Burned, FeeKind.BaseFee);
            received[RowOf(Role.Sequencer)] = ledger.Of(Role.Sequencer, FeeKind.PriorityFee);
            received[RowOf(Role.Builder)] = ledger.Of(Role.Builder, FeeKind.PriorityFee);
            usersPaid = received[RowOf(Role.Burned)] + received[RowOf(Role.Sequencer)] + received[RowOf(Role.Builder)];
        }

        var mev = result.Trading?.Mev;
        // A PBS builder takes its block's tips and pays the proposer its bid (PBS takes no fees block).
        var pbsBids = result.Pbs?.BidRevenue ?? UInt128.Zero;
        var auctionBids = (result.Auction?.Revenue ?? UInt128.Zero) + (result.ExpressLane?.Revenue ?? UInt128.Zero);
        var proving = result.Proving is null ? UInt128.Zero
            : result.Proving.Market is { } market ? market.Provers.Aggregate(UInt128.Zero, (sum, p) => sum + p.Cost)
            : result.Proving.Cost;
        var rows = new ValueFlowRow[Roles.Length];
        for (var i = 0; i < Roles.Length; i++)
        {
            var role = Roles[i];
            rows[i] = new ValueFlowRow(
                role,
                received[i],
                role == "users" ? usersPaid : UInt128.Zero,
                role switch { "sequencer" => sharedSequencerFee ?? UInt128.Zero, "data_availability" => result.DataAvailability.Cost, "provers" => proving, _ => UInt128.Zero },
                role switch
                {
                    "sequencer" => mev?.OfRole("sequencer") ?? UInt128.Zero,
                    "builders" => mev?.OfRole("builder") ?? UInt128.Zero,
                    "searchers" => mev?.OfRole("arbitrageur") ?? UInt128.Zero,
                    _ => UInt128.Zero,
                },
                role == "sequencer" ? ledger.Of(Role.Sequencer, FeeKind.AuctionPayment) : UInt128.Zero,
                role switch { "builders" => pbsBids, "searchers" => auctionBids, _ => UInt128.Zero })
            {
                Issued = issued[i],
            };
        }

        return new ValueFlowResult(mev?.QuoteToken, mev?.QuoteDecimals ?? 0, [.. rows]);
    }

    private static int RowOf(Role role) => role switch
    {
        Role.Sequencer => 1,
        Role.Builder => 2,
        Role.Prover => 4,
        Role.DataAvailability => 5,
        Role.Treasury => 6,
        Role.Burned => 7,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "no row"),
    };
}
