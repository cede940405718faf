using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;

namespace ProtoScript.Reporting;

/// <summary>
/// Renders a <see cref="SimulationResult"/> as an aligned plain-text report, meant to
/// be read and snapshot-tested: LF line endings, invariant formatting, and exactly the
/// same bytes for the same result.
/// </summary>
public static class TextReportWriter
{
    /// <summary>Renders the report.</summary>
    public static string Write(SimulationResult result) => Write(result, []);

    /// <summary>Renders a run's report followed by the verdict on each of the scenario's expectations.</summary>
    public static string Write(SimulationResult result, IReadOnlyList<ExpectationOutcome> expectations)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(expectations);
        var text = new AlignedText();
        text.Heading(0, "ProtoScript simulation report");
        text.Row(1, "scenario", result.ScenarioName);
        text.Row(1, "seed", ReportFormat.Integer(result.Seed));
        text.Row(1, "duration", result.Duration.ToString());

        text.Blank();
        text.Heading(0, "L1 " + result.L1.Name);
        text.Row(1, "slot time", result.L1.SlotTime.ToString());
        text.Row(1, "blocks", ReportFormat.Integer(result.L1.Blocks));

        foreach (var rollup in result.Rollups)
        {
            text.Blank();
            WriteRollup(text, rollup);
        }

        if (expectations.Count > 0)
        {
            text.Blank();
            text.Heading(0, "expectations");
            foreach (var outcome in expectations)
            {
                text.Row(1, outcome.Expectation.Text, (outcome.Passed ? "passed" : "FAILED") + " (" + outcome.Actual + ")");
            }
        }

        return text.Render();
    }

    private static void WriteRollup(AlignedText text, RollupResult rollup)
    {
        text.Heading(0, "rollup " + rollup.Name);
        text.Row(1, "ordering", rollup.Ordering);
        text.Row(1, "block time", rollup.BlockTime.ToString());
        text.Row(1, "gas limit", ReportFormat.Integer(rollup.GasLimit));
        text.Row(1, "base fee", Wei.FormatGwei(rollup.BaseFee));
        text.Row(1, "accounts", ReportFormat.Integer(rollup.Accounts));
        text.Row(1, "blocks", ReportFormat.Integer(rollup.Blocks));

        var txs = rollup.Transactions;
        text.Heading(1, "transactions");
        text.Row(2, "submitted", ReportFormat.Integer(txs.Submitted));
        text.Row(2, "included", ReportFormat.Integer(txs.Included));
        text.Row(2, "rejected", ReportFormat.Integer(txs.RejectedTotal));
        foreach (var rejection in txs.Rejected)
        {
            text.Row(3, rejection.Reason, ReportFormat.Integer(rejection.Count));
        }

        text.Row(2, "pending", ReportFormat.Integer(txs.Pending));

        var latency = rollup.InclusionLatency;
        text.Heading(1, "inclusion latency");
        text.Row(2, "p50", latency.Samples == 0 ? "n/a" : ReportFormat.Seconds(latency.P50));
        text.Row(2, "p95", latency.Samples == 0 ? "n/a" : ReportFormat.Seconds(latency.P95));
        text.Row(2, "p99", latency.Samples == 0 ? "n/a" : ReportFormat.Seconds(latency.P99));

        text.Row(1, "gas used", ReportFormat.Integer(rollup.GasUsed));
        text.Heading(1, "fees");
        text.Row(2, "base fee burned", ReportFormat.EtherAndGwei(rollup.Fees.BaseFeeBurned));
        text.Row(2, "priority fee to sequencer", ReportFormat.EtherAndGwei(rollup.Fees.PriorityFeeToSequencer));
        text.Row(2, "total", ReportFormat.EtherAndGwei(rollup.Fees.Total));
        text.Heading(1, "supply");
        text.Row(2, "at genesis", Wei.FormatEther(rollup.Supply.Genesis));
        text.Row(2, "in accounts", Wei.FormatEther(rollup.Supply.InAccounts));
        text.Row(2, "burned", Wei.FormatEther(rollup.Supply.Burned));
        text.Row(2, "conserved", rollup.Supply.Conserved ? "yes" : "NO");
        if (rollup.Trading is { } trading)
        {
            TradingReportSection.WriteText(text, trading);
        }

        text.Row(1, "state root", rollup.StateRoot);
    }
}
