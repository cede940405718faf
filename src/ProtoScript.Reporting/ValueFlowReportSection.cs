using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;
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
    public static readonly SectionLayout<ValueFlowResult> Layout = Sections.Section<ValueFlowResult>("value", v => "value flow (wei" + (v.MevToken is { } token ? "; mev in " + token : string.Empty) + ")", "valueFlow")
        .Row("mev_token", null, "mevToken", K.Text, v => V.Of(v.MevToken ?? string.Empty))
        .Add(new SectionLayout<ValueFlowResult>("roles", null, TextShape.Transparent, "roles", JsonShape.Array)
            .Each(v => v.Rows.Select(r => (Flow: v, Row: r)), new SectionLayout<(ValueFlowResult Flow, ValueFlowRow Row)>("role", null, TextShape.Transparent, null, JsonShape.Object) { ItemKey = x => x.Row.Role }
                .RowLabelled("summary", x => x.Row.Role, null, K.Text, x => V.Of(Summary(x.Flow, x.Row)))
                .Row("role", null, "role", K.Text, x => V.Of(x.Row.Role))
                .Row("fees_received", null, "feesReceivedWei", K.Wei, x => V.Wei(x.Row.FeesReceived, TextStyle.Gwei))
                .Row("fees_paid", null, "feesPaidWei", K.Wei, x => V.Wei(x.Row.FeesPaid, TextStyle.Gwei))
                .Row("costs", null, "costsWei", K.Wei, x => V.Wei(x.Row.Costs, TextStyle.Gwei))
                .Row("issued", null, "issuedWei", K.Wei, x => V.Wei(x.Row.Issued, TextStyle.Gwei))
                .Row("mev", null, "mevQuoteUnits", K.Token, x => V.Token(x.Row.Mev, x.Flow.MevDecimals, x.Flow.MevToken ?? string.Empty))
                .Row("bids_received", null, "bidsReceivedWei", K.Wei, x => V.Wei(x.Row.BidsReceived, TextStyle.Gwei))
                .Row("bids_paid", null, "bidsPaidWei", K.Wei, x => V.Wei(x.Row.BidsPaid, TextStyle.Gwei))
                .Row("net", null, "netWei", K.Wei, x => V.SignedWei(x.Row.Net, TextStyle.Gwei))));

    private static string Summary(ValueFlowResult flow, ValueFlowRow row)
    {
        var text = "received " + Wei.FormatGwei(row.FeesReceived) + ", paid " + Wei.FormatGwei(row.FeesPaid) + ", costs " + Wei.FormatGwei(row.Costs)
            + ", bids in " + Wei.FormatGwei(row.BidsReceived) + ", bids out " + Wei.FormatGwei(row.BidsPaid);
        if (row.Issued > UInt128.Zero)
        {
            text += ", issued " + Wei.FormatGwei(row.Issued);
        }

        text += ", net " + (row.Net < 0 ? "-" + Wei.FormatGwei((UInt128)(-row.Net)) : Wei.FormatGwei((UInt128)row.Net));
        if (flow.MevToken is { } token)
        {
            text += "; mev " + TokenFormat.Token(row.Mev, flow.MevDecimals, token);
        }

        return text;
    }
}
