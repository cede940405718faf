using System.Text.Json;
using ProtoScript.Engine.Results;

namespace ProtoScript.Reporting;

/// <summary>
/// The <c>fee distribution</c> section of a rollup with a <c>fees</c> block, and the totals over
/// all such rollups: the value flow from users (by kind of fee) to roles, costs and deficits.
/// </summary>
internal static class FeeReportSection
{
    public static void WriteText(AlignedText text, FeeDistributionResult fees)
    {
        text.Heading(1, "fee distribution (" + fees.Rule + ")");
        WriteFlow(text, 2, fees.BaseFees, fees.PriorityFees, fees.L1DataFees, fees.Issued, fees.DaCost, fees.ProofCost, fees.Roles);
    }

    /// <summary>The totals over every rollup with a <c>fees</c> block; nothing when there is none.</summary>
    public static void WriteTotalsText(AlignedText text, SimulationResult result)
    {
        var all = result.Rollups.Select(r => r.FeeDistribution).OfType<FeeDistributionResult>().ToList();
        if (all.Count == 0)
        {
            return;
        }

        text.Blank();
        text.Heading(0, "fee distribution, all rollups");
        var t = Totals(all);
        WriteFlow(text, 1, t.BaseFees, t.PriorityFees, t.L1DataFees, t.Issued, t.DaCost, t.ProofCost, t.Roles);
    }

    public static void WriteJson(Utf8JsonWriter json, FeeDistributionResult fees)
    {
        json.WriteStartObject("feeDistribution");
        json.WriteString("rule", fees.Rule);
        json.WriteBoolean("l1DataFee", fees.L1DataFee);
        WriteFlowJson(json, fees);
        json.WriteEndObject();
    }

    /// <summary>The totals over every rollup with a <c>fees</c> block as <c>feeDistributionTotals</c>; nothing when there is none.</summary>
    public static void WriteTotalsJson(Utf8JsonWriter json, SimulationResult result)
    {
        var all = result.Rollups.Select(r => r.FeeDistribution).OfType<FeeDistributionResult>().ToList();
        if (all.Count == 0)
        {
            return;
        }

        json.WriteStartObject("feeDistributionTotals");
        WriteFlowJson(json, Totals(all));
        json.WriteEndObject();
    }

    /// <summary>The value of a <c>fees.*</c> metric of <see cref="ProtoScript.Language.Model.MetricCatalog.FeeDistribution"/>, in wei; 0 without a <c>fees</c> block.</summary>
    public static decimal Read(string name, FeeDistributionResult? fees, FeeSummary legacy)
    {
        if (fees is null)
        {
            // Without a fees block the built-in rule applies: priority fees to the sequencer, nothing else.
            return name == "fees.sequencer" ? (decimal)legacy.PriorityFeeToSequencer : 0;
        }

        const string Deficit = "fees.deficit.";
        return name switch
        {
            "fees.l1_data" => (decimal)fees.L1DataFees,
            "fees.issued" => (decimal)fees.Issued,
            _ when name.StartsWith(Deficit, StringComparison.Ordinal) => (decimal)fees.DeficitOf(name[Deficit.Length..]),
            _ => (decimal)fees.ReceivedBy(name["fees.".Length..]),
        };
    }

    private static FeeDistributionResult Totals(List<FeeDistributionResult> all) => new(
        "total",
        all.Any(f => f.L1DataFee),
        Sum(all, f => f.BaseFees),
        Sum(all, f => f.PriorityFees),
        Sum(all, f => f.L1DataFees),
        Sum(all, f => f.Issued),
        Sum(all, f => f.DaCost),
        Sum(all, f => f.ProofCost),
        [.. all[0].Roles.Select((r, i) => new RoleFees(r.Role, Sum(all, f => f.Roles[i].Received), Sum(all, f => f.Roles[i].Deficit)))]);

    private static UInt128 Sum(List<FeeDistributionResult> all, Func<FeeDistributionResult, UInt128> value)
    {
        UInt128 total = 0;
        foreach (var f in all)
        {
            total = checked(total + value(f));
        }

        return total;
    }

    private static void WriteFlow(AlignedText text, int indent, UInt128 baseFees, UInt128 priority, UInt128 l1Data, UInt128 issued, UInt128 da, UInt128 proof, IEnumerable<RoleFees> roles)
    {
        text.Heading(indent, "users paid");
        text.Row(indent + 1, "base fees", ReportFormat.EtherAndGwei(baseFees));
        text.Row(indent + 1, "priority fees", ReportFormat.EtherAndGwei(priority));
        text.Row(indent + 1, "l1 data fees", ReportFormat.EtherAndGwei(l1Data));
        text.Row(indent + 1, "total", ReportFormat.EtherAndGwei(baseFees + priority + l1Data));
        text.Row(indent, "issued", ReportFormat.EtherAndGwei(issued));
        text.Heading(indent, "costs owed to roles (paid back from fees first)");
        text.Row(indent + 1, "L1 posting", ReportFormat.EtherAndGwei(da));
        text.Row(indent + 1, "proving", ReportFormat.EtherAndGwei(proof));
        text.Heading(indent, "received, by role (users → roles, issuance included)");
        var list = roles.ToList();
        foreach (var role in list)
        {
            text.Row(indent + 1, role.Role, ReportFormat.EtherAndGwei(role.Received));
        }

        text.Heading(indent, "deficits (costs the fees did not cover)");
        foreach (var role in list.Where(r => r.Role is "data_availability" or "prover"))
        {
            text.Row(indent + 1, role.Role, ReportFormat.EtherAndGwei(role.Deficit));
        }
    }

    private static void WriteFlowJson(Utf8JsonWriter json, FeeDistributionResult fees)
    {
        json.WriteStartObject("usersPaid");
        WriteWei(json, "baseFeesWei", fees.BaseFees);
        WriteWei(json, "priorityFeesWei", fees.PriorityFees);
        WriteWei(json, "l1DataFeesWei", fees.L1DataFees);
        WriteWei(json, "totalWei", fees.Collected);
        json.WriteEndObject();
        WriteWei(json, "issuedWei", fees.Issued);
        WriteWei(json, "daCostWei", fees.DaCost);
        WriteWei(json, "proofCostWei", fees.ProofCost);
        json.WriteStartObject("roles");
        foreach (var role in fees.Roles)
        {
            json.WriteStartObject(role.Role);
            WriteWei(json, "receivedWei", role.Received);
            WriteWei(json, "deficitWei", role.Deficit);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteWei(Utf8JsonWriter json, string name, UInt128 wei) =>
        json.WriteString(name, ReportFormat.Integer(wei));
}
