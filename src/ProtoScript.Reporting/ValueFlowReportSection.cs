using ProtoScript.Engine.Results;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>
/// The <c>value flow</c> section of a rollup with more than one source of value: one row per role
/// with the fees it received and paid, its costs, the MEV it captured (in the quote token, its
/// own column) and the bids it received and paid, and its net in wei. Text writes one line per
/// role, JSON one object per role.
/// </summary>
internal static class ValueFlowReportSection
{
    public static readonly SectionLayout<ValueFlowResult> Layout = Sections.Section<ValueFlowResult>("value", v => "value flow (gwei" + (v.MevToken is { } token ? "; mev in " + token : string.Empty) + ")", "valueFlow")
        .RowLabelled("mev_token", null, "mevToken", K.Text, v => V.Of(v.MevToken!), when: v => v.MevToken is not null)
        .RowLabelled("columns", _ => "role", null, K.Text, v => V.Of(Line(v, Titles(v))))
        .Add(new SectionLayout<ValueFlowResult>("roles", null, TextShape.Transparent, "roles", JsonShape.Array)
            .Each(v => v.Rows.Select(r => (Flow: v, Row: r)), new SectionLayout<(ValueFlowResult Flow, ValueFlowRow Row)>("role", null, TextShape.Transparent, null, JsonShape.Object) { ItemKey = x => x.Row.Role }
                .RowLabelled("summary", x => x.Row.Role, null, K.Text, x => V.Of(Line(x.Flow, Cells(x.Flow, x.Row))))
                .Row("role", null, "role", K.Text, x => V.Of(x.Row.Role))
                .Row("fees_received", null, "feesReceivedWei", K.Wei, x => V.Wei(x.Row.FeesReceived, TextStyle.Gwei))
                .Row("fees_paid", null, "feesPaidWei", K.Wei, x => V.Wei(x.Row.FeesPaid, TextStyle.Gwei))
                .Row("costs", null, "costsWei", K.Wei, x => V.Wei(x.Row.Costs, TextStyle.Gwei))
                .Row("issued", null, "issuedWei", K.Wei, x => V.Wei(x.Row.Issued, TextStyle.Gwei))
                .Row("mev", null, "mevQuoteUnits", K.Token, x => V.Token(x.Row.Mev, x.Flow.MevDecimals, x.Flow.MevToken ?? string.Empty))
                .Row("bids_received", null, "bidsReceivedWei", K.Wei, x => V.Wei(x.Row.BidsReceived, TextStyle.Gwei))
                .Row("bids_paid", null, "bidsPaidWei", K.Wei, x => V.Wei(x.Row.BidsPaid, TextStyle.Gwei))
                .Row("net", null, "netWei", K.Wei, x => V.SignedWei(x.Row.Net, TextStyle.Gwei))));

    // The issued column only when something was issued, the MEV column only on a rollup with a market.
    private static string[] Titles(ValueFlowResult flow) =>
    [
        "fees received", "fees paid", "costs", "bids received", "bids paid", .. flow.Rows.Any(r => r.Issued > UInt128.Zero) ? new[] { "issued" } : [], "net", .. flow.MevToken is null ? [] : new[] { "mev" },
    ];

    private static string[] Cells(ValueFlowResult flow, ValueFlowRow row) =>
    [
        Gwei(row.FeesReceived), Gwei(row.FeesPaid), Gwei(row.Costs), Gwei(row.BidsReceived), Gwei(row.BidsPaid),
        .. flow.Rows.Any(r => r.Issued > UInt128.Zero) ? new[] { Gwei(row.Issued) } : [],
        row.Net < 0 ? "-" + Gwei((UInt128)(-row.Net)) : Gwei((UInt128)row.Net),
        .. flow.MevToken is null ? [] : new[] { TokenFormat.TokenNumber(row.Mev, flow.MevDecimals) },
    ];

    // Gwei with all nine decimals, so a column's decimal points line up.
    private static string Gwei(UInt128 wei) =>
        (wei / 1_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + (wei % 1_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(9, '0');

    // Each column as wide as its widest cell or title, right-aligned, two spaces apart.
    private static string Line(ValueFlowResult flow, string[] cells)
    {
        var titles = Titles(flow);
        var widths = titles.Select(t => t.Length).ToArray();
        foreach (var row in flow.Rows)
        {
            var each = Cells(flow, row);
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], each[i].Length);
            }
        }

        return string.Join("  ", cells.Select((c, i) => c.PadLeft(widths[i])));
    }
}
