using ProtoScript.Engine.Results;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using M = ProtoScript.Language.Model.ReportMetrics;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>
/// The <c>fee distribution</c> section of a rollup with a <c>fees</c> block, and the totals over
/// all such rollups: the value flow from users (by kind of fee) to roles, costs and deficits.
/// </summary>
internal static class FeeReportSection
{
    /// <summary>A rollup's settlement: its rule, then the flow.</summary>
    public static readonly SectionLayout<FeeDistributionResult> Layout =
        Flow(Sections.Section<FeeDistributionResult>("fee_distribution", f => "fee distribution (" + f.Rule + ")", "feeDistribution")
            .Row("rule", null, "rule", K.Text, f => V.Of(f.Rule))
            .Row("l1_data_fee", null, "l1DataFee", K.Flag, f => V.Flag(f.L1DataFee)));

    /// <summary>The totals over every rollup with a <c>fees</c> block; absent when there is none.</summary>
    public static readonly SectionLayout<FeeDistributionResult> Totals =
        Flow(Sections.Section<FeeDistributionResult>("fee_distribution_totals", "fee distribution, all rollups", "feeDistributionTotals"));

    /// <summary>The sum over every rollup with a <c>fees</c> block, or null when there is none.</summary>
    public static FeeDistributionResult? Total(SimulationResult result)
    {
        var all = result.Rollups.Select(r => r.FeeDistribution).OfType<FeeDistributionResult>().ToList();
        return all.Count == 0 ? null : new(
            "total",
            all.Any(f => f.L1DataFee),
            Sum(all, f => f.BaseFees),
            Sum(all, f => f.PriorityFees),
            Sum(all, f => f.L1DataFees),
            Sum(all, f => f.Issued),
            Sum(all, f => f.DaCost),
            Sum(all, f => f.ProofCost),
            [.. all[0].Roles.Select((r, i) => new RoleFees(r.Role, Sum(all, f => f.Roles[i].Received), Sum(all, f => f.Roles[i].Deficit)))])
        {
            OperatorFees = Sum(all, f => f.OperatorFees),
        };
    }

    private static UInt128 Sum(List<FeeDistributionResult> all, Func<FeeDistributionResult, UInt128> value)
    {
        UInt128 total = 0;
        foreach (var f in all)
        {
            total = checked(total + value(f));
        }

        return total;
    }

    /// <summary>
    /// What users paid, what was issued, the costs owed to roles, and per role what it received
    /// and its deficit: text lists receipts and deficits under two headings, JSON one object per role.
    /// </summary>
    private static SectionLayout<FeeDistributionResult> Flow(SectionLayout<FeeDistributionResult> section) => section
        .Add(Sections.Section<FeeDistributionResult>("users_paid", "users paid", "usersPaid")
            .Row("base_fees", "base fees", "baseFeesWei", K.Wei, f => Amount(f.BaseFees))
            .Row("priority_fees", "priority fees", "priorityFeesWei", K.Wei, f => Amount(f.PriorityFees))
            .Row(M.FeesL1Data, "l1 data fees", "l1DataFeesWei", K.Wei, f => Amount(f.L1DataFees))
            .RowLabelled("operator_fees", _ => "operator fees", "operatorFeesWei", K.Wei, f => Amount(f.OperatorFees), when: f => f.OperatorFees > UInt128.Zero)
            .Row("total", "total", "totalWei", K.Wei, f => Amount(f.Collected)))
        .Row(M.FeesIssued, "issued", "issuedWei", K.Wei, f => Amount(f.Issued))
        .Add(new SectionLayout<FeeDistributionResult>("costs", _ => "costs owed to roles (paid back from fees first)", TextShape.Heading, null, JsonShape.Inline)
            .Row("data_availability", "L1 posting", "daCostWei", K.Wei, f => Amount(f.DaCost))
            .Row("proving", "proving", "proofCostWei", K.Wei, f => Amount(f.ProofCost)))
        .Add(new SectionLayout<FeeDistributionResult>("components", f => "components (" + f.Rule + ")", TextShape.Heading, "components", JsonShape.Object) { When = f => !f.Components.IsEmpty }
            .Each(f => f.Components, ItemLayout.Row<Engine.Fees.FeeComponent>(c => c.Key, c => c.Key.Replace('_', ' '), c => c.Key, K.Wei, c => Amount(c.Amount))))
        .Add(new SectionLayout<FeeDistributionResult>("received", _ => "received, by role (users → roles, issuance included)", TextShape.Heading, null, JsonShape.Hidden)
            .Each(f => f.Roles, ItemLayout.Row<RoleFees>(r => "fees." + r.Role, r => r.Role, null, K.Wei, r => Amount(r.Received), absolute: true)))
        .Add(new SectionLayout<FeeDistributionResult>("deficits", _ => "deficits (costs the fees did not cover)", TextShape.Heading, null, JsonShape.Hidden)
            .Each(f => f.Roles.Where(r => r.Role is "data_availability" or "prover"), ItemLayout.Row<RoleFees>(r => "fees.deficit." + r.Role, r => r.Role, null, K.Wei, r => Amount(r.Deficit), absolute: true)))
        .Add(new SectionLayout<FeeDistributionResult>("roles", null, TextShape.Hidden, "roles", JsonShape.Object)
            .Each(f => f.Roles, new SectionLayout<RoleFees>("role", null, TextShape.Hidden, null, JsonShape.Object) { ItemKey = r => r.Role, ItemJsonName = r => r.Role }
                .Row("received", null, "receivedWei", K.Wei, r => Amount(r.Received))
                .Row("deficit", null, "deficitWei", K.Wei, r => Amount(r.Deficit))));

    private static V Amount(UInt128 wei) => V.Wei(wei, TextStyle.EtherAndGwei);
}
