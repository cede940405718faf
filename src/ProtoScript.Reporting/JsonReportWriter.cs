using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;

namespace ProtoScript.Reporting;

/// <summary>
/// Renders a <see cref="SimulationResult"/> as indented JSON for tools. Properties come
/// in a fixed order, times are integer microseconds, and wei amounts are decimal
/// strings because they exceed what JSON numbers carry exactly.
/// </summary>
public static class JsonReportWriter
{
    /// <summary>
    /// The version of the JSON layout; bumped when a field changes meaning or is removed,
    /// or a section is added (2: a rollup with pools or tokens has a <c>trading</c> object;
    /// 3: the L1 fee market, data availability, and hard and final latency; 4: state size,
    /// fee distribution, proving, bridge, sequencer faults and forced inclusion, auction,
    /// cross-chain messages and shared sequencers).
    /// </summary>
    public const int SchemaVersion = 4;

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Renders the report (UTF-8 text, LF line endings, trailing newline).</summary>
    public static string Write(SimulationResult result) => Write(result, []);

    /// <summary>Renders a run's report with an <c>expectations</c> array holding each verdict.</summary>
    public static string Write(SimulationResult result, IReadOnlyList<ExpectationOutcome> expectations)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(expectations);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", SchemaVersion);
            json.WriteString("scenario", result.ScenarioName);
            json.WriteNumber("seed", result.Seed);
            json.WriteNumber("durationMicroseconds", result.Duration.Microseconds);

            json.WriteStartObject("l1");
            json.WriteString("name", result.L1.Name);
            json.WriteNumber("slotTimeMicroseconds", result.L1.SlotTime.Microseconds);
            json.WriteNumber("blocks", result.L1.Blocks);
            WriteL1(json, result.L1);
            json.WriteEndObject();

            json.WriteStartArray("rollups");
            foreach (var rollup in result.Rollups)
            {
                WriteRollup(json, rollup);
            }

            json.WriteEndArray();
            FeeReportSection.WriteTotalsJson(json, result);

            if (result.CrossChain is { } crossChain)
            {
                CrossChainReportSection.WriteJson(json, crossChain);
            }

            if (result.Sequencers.Length > 0)
            {
                json.WriteStartArray("sequencers");
                foreach (var sequencer in result.Sequencers)
                {
                    CrossChainReportSection.WriteJson(json, sequencer);
                }

                json.WriteEndArray();
            }

            if (expectations.Count > 0)
            {
                json.WriteStartArray("expectations");
                foreach (var outcome in expectations)
                {
                    json.WriteStartObject();
                    json.WriteString("expectation", outcome.Expectation.Text);
                    json.WriteString("location", outcome.Expectation.Location.ToString());
                    json.WriteBoolean("passed", outcome.Passed);
                    json.WriteString("actual", outcome.Actual);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteRollup(Utf8JsonWriter json, RollupResult rollup)
    {
        json.WriteStartObject();
        json.WriteString("name", rollup.Name);
        json.WriteString("ordering", rollup.Ordering);
        json.WriteNumber("blockTimeMicroseconds", rollup.BlockTime.Microseconds);
        json.WriteNumber("gasLimit", rollup.GasLimit);
        WriteWei(json, "baseFeeWei", rollup.BaseFee);
        json.WriteNumber("accounts", rollup.Accounts);
        json.WriteNumber("blocks", rollup.Blocks);

        var txs = rollup.Transactions;
        json.WriteStartObject("transactions");
        json.WriteNumber("submitted", txs.Submitted);
        json.WriteNumber("included", txs.Included);
        json.WriteNumber("rejected", txs.RejectedTotal);
        json.WriteStartObject("rejectedByReason");
        foreach (var rejection in txs.Rejected)
        {
            json.WriteNumber(rejection.Reason, rejection.Count);
        }

        json.WriteEndObject();
        json.WriteNumber("pending", txs.Pending);
        json.WriteEndObject();

        WriteLatency(json, "inclusionLatencyMicroseconds", rollup.InclusionLatency);
        WriteLatency(json, "hardConfirmationLatencyMicroseconds", rollup.HardLatency);
        WriteLatency(json, "finalConfirmationLatencyMicroseconds", rollup.FinalLatency);

        json.WriteNumber("gasUsed", rollup.GasUsed);
        json.WriteStartObject("fees");
        WriteWei(json, "baseFeeBurnedWei", rollup.Fees.BaseFeeBurned);
        WriteWei(json, "priorityFeeToSequencerWei", rollup.Fees.PriorityFeeToSequencer);
        WriteWei(json, "totalWei", rollup.Fees.Total);
        json.WriteEndObject();

        if (rollup.FeeDistribution is { } distribution)
        {
            FeeReportSection.WriteJson(json, distribution);
        }

        var da = rollup.DataAvailability;
        json.WriteStartObject("dataAvailability");
        json.WriteString("target", da.Target);
        json.WriteString("compression", da.Compression);
        json.WriteNumber("batches", da.Batches);
        json.WriteNumber("batchesConfirmed", da.BatchesConfirmed);
        json.WriteNumber("transactionsBatched", da.TransactionsBatched);
        json.WriteNumber("l2Bytes", da.L2Bytes);
        json.WriteNumber("compressedBytes", da.CompressedBytes);
        json.WriteNumber("postedBytes", da.PostedBytes);
        json.WriteNumber("l1Transactions", da.L1Transactions);
        json.WriteNumber("blobs", da.Blobs);
        json.WriteNumber("l1Gas", da.ExecutionGas);
        WriteWei(json, "blobFeeWei", da.BlobFee);
        WriteWei(json, "executionFeeWei", da.ExecutionFee);
        WriteWei(json, "costWei", da.Cost);
        json.WriteEndObject();

        if (rollup.Proving is { } proving)
        {
            ProvingReportSection.WriteJson(json, proving);
        }

        WriteSupply(json, rollup.Supply);

        if (rollup.Bridge is { } bridge)
        {
            BridgeReportSection.WriteJson(json, bridge);
        }

        if (rollup.Sequencing is { } sequencing)
        {
            SequencingReportSection.WriteJson(json, sequencing);
        }

        if (rollup.Trading is { } trading)
        {
            TradingReportSection.WriteJson(json, trading);
        }

        if (rollup.Auction is { } auction)
        {
            AuctionReportSection.WriteJson(json, auction);
        }

        json.WriteStartObject("stateSize");
        WriteStateSize(json, "genesis", rollup.StateSize.Genesis);
        WriteStateSize(json, "end", rollup.StateSize.End);
        json.WriteNumber("growthPerHourBytes", rollup.StateSize.GrowthPerHour);
        json.WriteEndObject();
        json.WriteString("stateRoot", rollup.StateRoot);
        json.WriteEndObject();
    }

    /// <summary>
    /// Every term of the supply identities, always present (zero when unused), so a reader can
    /// recompute both from the JSON alone: per rollup, genesis + issued + deposited + received =
    /// in accounts + burned + withdrawn + sent; over all rollups, Σ (genesis + issued + deposited)
    /// = Σ (in accounts + burned + withdrawn + in flight out + locked in).
    /// </summary>
    private static void WriteSupply(Utf8JsonWriter json, SupplySummary supply)
    {
        json.WriteStartObject("supply");
        WriteWei(json, "genesisWei", supply.Genesis);
        WriteWei(json, "inAccountsWei", supply.InAccounts);
        WriteWei(json, "burnedWei", supply.Burned);
        WriteWei(json, "issuedWei", supply.Issued);
        WriteWei(json, "depositedWei", supply.Deposited);
        WriteWei(json, "withdrawnWei", supply.Withdrawn);
        WriteWei(json, "sentCrossChainWei", supply.SentCrossChain);
        WriteWei(json, "receivedCrossChainWei", supply.ReceivedCrossChain);
        WriteWei(json, "inFlightOutWei", supply.InFlightOut);
        WriteWei(json, "inFlightInWei", supply.InFlightIn);
        WriteWei(json, "lockedInWei", supply.LockedIn);
        json.WriteBoolean("conserved", supply.Conserved);
        json.WriteEndObject();
    }

    private static void WriteStateSize(Utf8JsonWriter json, string name, Engine.State.StateSize size)
    {
        json.WriteStartObject(name);
        json.WriteNumber("bytes", size.Bytes);
        json.WriteNumber("accounts", size.Accounts);
        json.WriteNumber("tokenBalances", size.TokenBalances);
        json.WriteNumber("pools", size.Pools);
        json.WriteEndObject();
    }

    private static void WriteL1(Utf8JsonWriter json, L1Result l1)
    {
        json.WriteString("fork", l1.Fork);
        json.WriteNumber("finalityMicroseconds", l1.Finality.Microseconds);
        WriteFeeRange(json, "baseFeeWei", l1.BaseFee);
        WriteFeeRange(json, "blobBaseFeeWei", l1.BlobBaseFee);
        json.WriteStartObject("blobs");
        json.WriteNumber("rollups", l1.RollupBlobs);
        json.WriteNumber("background", l1.BackgroundBlobs);
        json.WriteEndObject();
        json.WriteStartObject("gasUsed");
        json.WriteNumber("rollups", l1.RollupGas);
        json.WriteNumber("background", l1.BackgroundGas);
        json.WriteEndObject();
        json.WriteNumber("rollupTransactions", l1.RollupTransactions);
        json.WriteNumber("rollupTransactionsPending", l1.PendingPostings);
    }

    private static void WriteFeeRange(Utf8JsonWriter json, string name, FeeRange fee)
    {
        json.WriteStartObject(name);
        WriteWei(json, "start", fee.Start);
        WriteWei(json, "end", fee.End);
        WriteWei(json, "min", fee.Min);
        WriteWei(json, "max", fee.Max);
        json.WriteEndObject();
    }

    internal static void WriteLatency(Utf8JsonWriter json, string name, LatencySummary latency)
    {
        json.WriteStartObject(name);
        json.WriteNumber("samples", latency.Samples);
        WriteLatency(json, "p50", latency, latency.P50);
        WriteLatency(json, "p95", latency, latency.P95);
        WriteLatency(json, "p99", latency, latency.P99);
        json.WriteEndObject();
    }

    private static void WriteLatency(Utf8JsonWriter json, string name, LatencySummary latency, SimDuration value)
    {
        if (latency.Samples == 0)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteNumber(name, value.Microseconds);
        }
    }

    private static void WriteWei(Utf8JsonWriter json, string name, UInt128 wei) =>
        json.WriteString(name, ReportFormat.Integer(wei));
}
