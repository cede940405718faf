using System.Collections.Immutable;
using System.Globalization;
using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Reporting;

/// <summary>The verdict on one expectation after a run.</summary>
/// <param name="Expectation">What was expected.</param>
/// <param name="Passed">Whether it held.</param>
/// <param name="Actual">What the run measured, formatted in the metric's unit.</param>
public sealed record ExpectationOutcome(ExpectationModel Expectation, bool Passed, string Actual);

/// <summary>Checks a scenario's <c>expect</c> block against a finished run.</summary>
public static class ExpectationChecker
{
    /// <summary>The diagnostic code printed for an expectation that did not hold.</summary>
    public const string FailedCode = "PS5001";

    /// <summary>Checks every expectation of <paramref name="model"/>, in declaration order.</summary>
    /// <param name="model">The scenario.</param>
    /// <param name="result">Its run.</param>
    /// <param name="derivationRules">The rules of the scenario's hooks (derivation and fee distribution), for <c>derivable</c>.</param>
    public static ImmutableArray<ExpectationOutcome> Check(ScenarioModel model, SimulationResult result, IRuleProvider? derivationRules = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(result);
        return [.. model.Expectations.Select(e => e.Kind == ExpectationKind.Derivable ? CheckDerivable(e, model, result, derivationRules) : Check(e, result))];
    }

    /// <summary>
    /// Whether checking <paramref name="model"/>'s expectations needs the run's L1 data
    /// (<c>derivable</c>); the run must then be made with <see cref="SimulationOptions.RetainL1Data"/>.
    /// </summary>
    public static bool NeedsL1Data(ScenarioModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Expectations.Any(e => e.Kind == ExpectationKind.Derivable);
    }

    private static ExpectationOutcome CheckDerivable(ExpectationModel expectation, ScenarioModel model, SimulationResult result, IRuleProvider? derivationRules)
    {
        if (result.L1Data is null)
        {
            return new ExpectationOutcome(expectation, false, "the run did not keep its L1 data, so it cannot be derived");
        }

        var failed = Verifier.Verify(model, result, derivationRules).Rollups.Where(r => !r.Matches).ToList();
        return new ExpectationOutcome(
            expectation,
            failed.Count == 0,
            failed.Count == 0 ? "every rollup derives from L1 data to the sequencer's roots" : string.Join("; ", failed.Select(r => r.Describe())));
    }

    private static ExpectationOutcome Check(ExpectationModel expectation, SimulationResult result)
    {
        if (expectation.Kind == ExpectationKind.ConservedTotalSupply)
        {
            var broken = result.Rollups
                .Where(r => !r.Supply.Conserved || r.Trading is { TokensConserved: false })
                .Select(r => r.Supply.FirstUnconservedBlock is { } block ? FormattableString.Invariant($"{r.Name} (first after block {block})") : r.Name)
                .ToList();
            if (result.CrossChain is { Conserved: false })
            {
                broken.Add("the rollups together (counting value in flight between them)");
            }

            return new ExpectationOutcome(
                expectation,
                broken.Count == 0,
                broken.Count == 0 ? "conserved on every rollup" : "not conserved on " + string.Join(", ", broken));
        }

        var metric = expectation.Metric!;
        var actual = Read(metric, result);
        var passed = expectation.Operator switch
        {
            ComparisonOperator.Equal => actual == expectation.Threshold,
            ComparisonOperator.NotEqual => actual != expectation.Threshold,
            ComparisonOperator.Less => actual < expectation.Threshold,
            ComparisonOperator.LessOrEqual => actual <= expectation.Threshold,
            ComparisonOperator.Greater => actual > expectation.Threshold,
            _ => actual >= expectation.Threshold,
        };
        return new ExpectationOutcome(expectation, passed, Format(actual, metric.Unit));
    }

    /// <summary>Reads a metric of the catalog from a result, in the metric's base unit.</summary>
    public static decimal Read(MetricPath metric, SimulationResult result)
    {
        if (metric.Chain == MetricCatalog.CrossChainSection)
        {
            return CrossChainReportSection.Read(metric.Name, result.CrossChain);
        }

        if (metric.Chain == MetricCatalog.L1Section)
        {
            return metric.Name switch
            {
                "blocks" => result.L1.Blocks,
                "base_fee" => (decimal)result.L1.BaseFee.End,
                "blob_base_fee" => (decimal)result.L1.BlobBaseFee.End,
                "blobs.rollups" => result.L1.RollupBlobs,
                "blobs.background" => result.L1.BackgroundBlobs,
                "rollup_gas" => result.L1.RollupGas,
                _ => throw new ArgumentException($"unknown L1 metric {metric.Name}", nameof(metric)),
            };
        }

        var rollup = result.Rollups.Single(r => r.Name == metric.Chain);
        return metric.Name switch
        {
            "blocks" => rollup.Blocks,
            "transactions.submitted" => rollup.Transactions.Submitted,
            "transactions.included" => rollup.Transactions.Included,
            "transactions.rejected" => rollup.Transactions.RejectedTotal,
            "transactions.pending" => rollup.Transactions.Pending,
            "latency.p50" or "latency.soft.p50" => rollup.InclusionLatency.P50.Microseconds,
            "latency.p95" or "latency.soft.p95" => rollup.InclusionLatency.P95.Microseconds,
            "latency.p99" or "latency.soft.p99" => rollup.InclusionLatency.P99.Microseconds,
            "latency.hard.p50" => rollup.HardLatency.P50.Microseconds,
            "latency.hard.p95" => rollup.HardLatency.P95.Microseconds,
            "latency.hard.p99" => rollup.HardLatency.P99.Microseconds,
            "latency.final.p50" => rollup.FinalLatency.P50.Microseconds,
            "latency.final.p95" => rollup.FinalLatency.P95.Microseconds,
            "latency.final.p99" => rollup.FinalLatency.P99.Microseconds,
            "da.batches" => rollup.DataAvailability.Batches,
            "da.batches_confirmed" => rollup.DataAvailability.BatchesConfirmed,
            "da.bytes" => rollup.DataAvailability.L2Bytes,
            "da.compressed_bytes" => rollup.DataAvailability.CompressedBytes,
            "da.l1_transactions" => rollup.DataAvailability.L1Transactions,
            "da.blobs" => rollup.DataAvailability.Blobs,
            "da.gas" => rollup.DataAvailability.ExecutionGas,
            "da.cost" => (decimal)rollup.DataAvailability.Cost,
            "gas_used" => rollup.GasUsed,
            "fees.burned" => (decimal)(rollup.FeeDistribution?.ReceivedBy("burned") ?? rollup.Fees.BaseFeeBurned),
            "fees.priority" => (decimal)rollup.Fees.PriorityFeeToSequencer,
            "fees.total" => (decimal)rollup.Fees.Total,
            "state.size" => rollup.StateSize.End.Bytes,
            "state.size.genesis" => rollup.StateSize.Genesis.Bytes,
            "state.growth_per_hour" => rollup.StateSize.GrowthPerHour,
            "state.accounts" => rollup.StateSize.End.Accounts,
            _ when MetricCatalog.FeeDistribution.Contains(metric.Name) => FeeReportSection.Read(metric.Name, rollup.FeeDistribution, rollup.Fees),
            _ when MetricCatalog.Trading.Contains(metric.Name) => ReadTrading(metric.Name, rollup.Trading),
            _ => throw new ArgumentException($"unknown rollup metric {metric.Name}", nameof(metric)),
        };
    }

    private static decimal ReadTrading(string name, TradingResult? trading)
    {
        if (trading is null)
        {
            return 0;
        }

        var mev = trading.Mev;
        return name switch
        {
            "swaps.submitted" => trading.Swaps.Submitted,
            "swaps.included" => trading.Swaps.Included,
            "swaps.rejected" => trading.Swaps.RejectedTotal,
            "arbitrages" => trading.ArbitragesIncluded,
            "arbitrages.unprofitable" => trading.ArbitragesUnprofitable,
            "arbitrages.losses" => TokenFormat.TokenValue(trading.ArbitrageLosses, mev.QuoteDecimals),
            "mev.total" => TokenFormat.TokenValue(mev.Total, mev.QuoteDecimals),
            "mev.net" => TokenFormat.SignedTokenValue(trading.MevNet, mev.QuoteDecimals),
            "mev.arbitrage" => TokenFormat.TokenValue(mev.OfKind("arbitrage"), mev.QuoteDecimals),
            "mev.arbitrageurs" => TokenFormat.TokenValue(mev.OfRole("arbitrageur"), mev.QuoteDecimals),
            "mev.sequencer" => TokenFormat.TokenValue(mev.OfRole("sequencer"), mev.QuoteDecimals),
            "price_gap.mean_bps" => trading.GapBefore.MeanAbsoluteBasisPoints,
            "price_gap.max_bps" => trading.GapBefore.MaxAbsoluteBasisPoints,
            _ => throw new ArgumentException($"unknown trading metric {name}", nameof(name)),
        };
    }

    private static string Format(decimal value, MetricUnit unit) => unit switch
    {
        MetricUnit.BasisPoints => value.ToString(CultureInfo.InvariantCulture) + " bp",
        MetricUnit.Time => ReportFormat.Seconds(new SimDuration((long)value)),
        MetricUnit.Wei => ProtoScript.Language.Model.Wei.FormatGwei((UInt128)value),
        MetricUnit.Gas => value.ToString(CultureInfo.InvariantCulture) + " gas",
        MetricUnit.Bytes => value.ToString(CultureInfo.InvariantCulture) + " B",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };
}
