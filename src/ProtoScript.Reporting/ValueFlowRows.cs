using ProtoScript.Engine.Results;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>
/// The rows of a rollup's <c>fees</c> section that follow value besides the fees: what PBS
/// builders paid the proposer and kept, and the MEV each role captured. Each row is in the report
/// only when its amount is not zero, so rollups without PBS or MEV report exactly what they did;
/// labels stay shorter than the section's longest (<c>priority fee to sequencer</c>), so adding a
/// row never moves the report's value column.
/// </summary>
internal static class ValueFlowRows
{
    private static readonly (string Role, string Label)[] MevRoles =
    [
        ("arbitrageur", "mev to arbitrageurs"),
        ("builder", "mev to builders"),
        ("sequencer", "mev to sequencer"),
    ];

    /// <summary>Adds the rows to the <c>fees</c> section.</summary>
    public static SectionLayout<RollupResult> Add(SectionLayout<RollupResult> fees)
    {
        fees = fees
            .RowLabelled("builder_bids", _ => "bids to proposer", "builderBidsWei", K.Wei, r => V.Wei(r.Pbs!.BidRevenue, TextStyle.EtherAndGwei), when: r => r.Pbs is { } p && p.BidRevenue > UInt128.Zero)
            .RowLabelled("builders_kept", _ => "kept by builders", "builderMarginWei", K.Wei, r => V.Wei(Margin(r.Pbs!), TextStyle.EtherAndGwei), when: r => r.Pbs is { } p && Margin(p) > UInt128.Zero);
        foreach (var (role, label) in MevRoles)
        {
            fees = fees.RowLabelled(
                "mev_" + role,
                _ => label,
                "mev" + char.ToUpperInvariant(role[0]) + role[1..] + "QuoteUnits",
                K.Token,
                r => V.Token(r.Trading!.Mev.OfRole(role), r.Trading.Mev.QuoteDecimals, r.Trading.Mev.QuoteToken),
                when: r => r.Trading is { } t && t.Mev.OfRole(role) > UInt128.Zero);
        }

        return fees;
    }

    private static UInt128 Margin(Engine.Pbs.PbsResult pbs)
    {
        UInt128 total = 0;
        foreach (var b in pbs.Builders)
        {
            total += b.Margin;
        }

        return total;
    }
}
