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
        WriteL1(text, result.L1);

        foreach (var rollup in result.Rollups)
        {
            text.Blank();
            WriteRollup(text, rollup);
        }

        FeeReportSection.WriteTotalsText(text, result);

        if (result.CrossChain is { } crossChain)
        {
            text.Blank();
            CrossChainReportSection.WriteText(text, crossChain);
        }

        foreach (var sequencer in result.Sequencers)
        {
            text.Blank();
            CrossChainReportSection.WriteText(text, sequencer);
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

    private static void WriteL1(AlignedText text, L1Result l1)
    {
        text.Row(1, "fork", l1.Fork);
        text.Row(1, "blocks", ReportFormat.Integer(l1.Blocks));
        text.Row(1, "finality", l1.Finality.ToString());
        WriteFeeRange(text, "base fee", l1.BaseFee);
        WriteFeeRange(text, "blob base fee", l1.BlobBaseFee);
        text.Heading(1, "blobs");
        text.Row(2, "rollups", ReportFormat.Integer(l1.RollupBlobs));
        text.Row(2, "background", ReportFormat.Integer(l1.BackgroundBlobs));
        text.Heading(1, "gas used");
        text.Row(2, "rollups", ReportFormat.Integer(l1.RollupGas));
        text.Row(2, "background", ReportFormat.Integer(l1.BackgroundGas));
        text.Row(1, "rollup transactions", ReportFormat.Integer(l1.RollupTransactions));
        text.Row(1, "rollup transactions pending", ReportFormat.Integer(l1.PendingPostings));
    }

    private static void WriteFeeRange(AlignedText text, string name, FeeRange fee)
    {
        text.Heading(1, name);
        text.Row(2, "start", Wei.FormatGwei(fee.Start));
        text.Row(2, "end", Wei.FormatGwei(fee.End));
        text.Row(2, "min", Wei.FormatGwei(fee.Min));
        text.Row(2, "max", Wei.FormatGwei(fee.Max));
    }

    private static void WriteLatency(AlignedText text, string heading, LatencySummary latency)
    {
        text.Heading(1, heading);
        text.Row(2, "p50", latency.Samples == 0 ? "n/a" : ReportFormat.Seconds(latency.P50));
        text.Row(2, "p95", latency.Samples == 0 ? "n/a" : ReportFormat.Seconds(latency.P95));
        text.Row(2, "p99", latency.Samples == 0 ? "n/a" : ReportFormat.Seconds(latency.P99));
    }

    private static void WriteDataAvailability(AlignedText text, RollupResult rollup)
    {
        var da = rollup.DataAvailability;
        text.Heading(1, "data availability");
        text.Row(2, "target", da.Target);
        text.Row(2, "compression", da.Compression);
        text.Row(2, "batches", ReportFormat.Integer(da.Batches));
        text.Row(2, "batches on L1", ReportFormat.Integer(da.BatchesConfirmed));
        text.Row(2, "transactions batched", ReportFormat.Integer(da.TransactionsBatched));
        text.Row(2, "L2 bytes", ReportFormat.Integer(da.L2Bytes));
        text.Row(2, "L2 bytes per transaction", ReportFormat.Ratio(da.L2Bytes, (ulong)da.TransactionsBatched));
        text.Row(2, "compressed bytes", ReportFormat.Integer(da.CompressedBytes));
        text.Row(2, "compression ratio", ReportFormat.Ratio(da.L2Bytes, da.CompressedBytes));
        text.Row(2, "posted bytes", ReportFormat.Integer(da.PostedBytes));
        text.Row(2, "L1 transactions", ReportFormat.Integer(da.L1Transactions));
        text.Row(2, "blobs", ReportFormat.Integer(da.Blobs));
        text.Row(2, "L1 gas", ReportFormat.Integer(da.ExecutionGas));
        text.Row(2, "blob fee", ReportFormat.EtherAndGwei(da.BlobFee));
        text.Row(2, "execution fee", ReportFormat.EtherAndGwei(da.ExecutionFee));
        text.Row(2, "cost", ReportFormat.EtherAndGwei(da.Cost));
        var included = rollup.Transactions.Included;
        text.Row(2, "cost per included tx", included == 0 ? "n/a" : Wei.FormatGwei(da.Cost / (UInt128)(ulong)included));
    }

    private static void WriteStateSize(AlignedText text, StateSizeSummary size)
    {
        text.Heading(1, "state size");
        text.Row(2, "at genesis", StateSizeText(size.Genesis));
        text.Row(2, "at end", StateSizeText(size.End));
        text.Row(2, "growth per hour", ReportFormat.Integer(size.GrowthPerHour) + " B");
    }

    private static string StateSizeText(Engine.State.StateSize size) =>
        ReportFormat.Integer(size.Bytes) + " B (" + ReportFormat.Integer(size.Accounts) + " accounts, "
        + ReportFormat.Integer(size.TokenBalances) + " token balances, " + ReportFormat.Integer(size.Pools) + " pools)";

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

        WriteLatency(text, "inclusion latency (soft: L2 block)", rollup.InclusionLatency);
        WriteLatency(text, "hard confirmation latency (batch on L1)", rollup.HardLatency);
        text.Row(2, "confirmed", ReportFormat.Integer(rollup.HardLatency.Samples));
        WriteLatency(text, "final confirmation latency (L1 final)", rollup.FinalLatency);

        text.Row(1, "gas used", ReportFormat.Integer(rollup.GasUsed));
        text.Heading(1, "fees");
        text.Row(2, "base fee burned", ReportFormat.EtherAndGwei(rollup.Fees.BaseFeeBurned));
        text.Row(2, "priority fee to sequencer", ReportFormat.EtherAndGwei(rollup.Fees.PriorityFeeToSequencer));
        text.Row(2, "total", ReportFormat.EtherAndGwei(rollup.Fees.Total));
        if (rollup.FeeDistribution is { } distribution)
        {
            FeeReportSection.WriteText(text, distribution);
        }

        WriteDataAvailability(text, rollup);
        if (rollup.Proving is { } proving)
        {
            ProvingReportSection.WriteText(text, proving);
        }

        text.Heading(1, "supply");
        text.Row(2, "at genesis", Wei.FormatEther(rollup.Supply.Genesis));
        text.Row(2, "in accounts", Wei.FormatEther(rollup.Supply.InAccounts));
        text.Row(2, "burned", Wei.FormatEther(rollup.Supply.Burned));
        if (rollup.Supply.Issued > 0)
        {
            text.Row(2, "issued", Wei.FormatEther(rollup.Supply.Issued));
        }

        if (rollup.Supply.SentCrossChain != 0 || rollup.Supply.ReceivedCrossChain != 0)
        {
            text.Row(2, "sent cross-chain", Wei.FormatEther(rollup.Supply.SentCrossChain));
            text.Row(2, "received cross-chain", Wei.FormatEther(rollup.Supply.ReceivedCrossChain));
        }

        text.Row(2, "conserved", rollup.Supply.Conserved ? "yes" : "NO");
        if (rollup.Bridge is { } bridge)
        {
            BridgeReportSection.WriteText(text, bridge);
        }

        if (rollup.Sequencing is { } sequencing)
        {
            SequencingReportSection.WriteText(text, sequencing);
        }
        if (rollup.Trading is { } trading)
        {
            TradingReportSection.WriteText(text, trading);
        }

        if (rollup.Auction is { } auction)
        {
            AuctionReportSection.WriteText(text, auction);
        }

        WriteStateSize(text, rollup.StateSize);
        text.Row(1, "state root", rollup.StateRoot);
    }
}
