using System.Collections.Immutable;
using System.Globalization;
using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;
using ProtoScript.Reporting.Document;

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
    public static ImmutableArray<ExpectationOutcome> Check(ScenarioModel model, SimulationResult result, IRuleProvider? derivationRules = null) =>
        Check(model, result, RunReport.Build(result), derivationRules);

    /// <summary>Checks every expectation of <paramref name="model"/>, in declaration order, reading metrics from the run's report document.</summary>
    /// <param name="model">The scenario.</param>
    /// <param name="result">Its run.</param>
    /// <param name="document">The run's report document (<see cref="RunReport.Build"/>).</param>
    /// <param name="derivationRules">The rules of the scenario's hooks (derivation and fee distribution), for <c>derivable</c>.</param>
    public static ImmutableArray<ExpectationOutcome> Check(ScenarioModel model, SimulationResult result, ReportDocument document, IRuleProvider? derivationRules = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(document);
        return [.. model.Expectations.Select(e => e.Kind == ExpectationKind.Derivable ? CheckDerivable(e, model, result, derivationRules) : Check(e, result, document))];
    }

    /// <summary>
    /// Whether checking <paramref name="model"/>'s expectations needs the run's L1 data
    /// (<c>derivable</c>); the run must then be made with <see cref="SimulationOptions.RetainL1Data"/>.
    /// </summary>
    public static bool NeedsL1Data(ScenarioModel model) => RunBuilder.NeedsL1Data(model);

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

    private static ExpectationOutcome Check(ExpectationModel expectation, SimulationResult result, ReportDocument document)
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
        if (document.ReadMetric(metric) is not { } actual)
        {
            // A percentile of no samples holds no value to compare: the expectation is not met.
            return new ExpectationOutcome(expectation, false, NoSamples);
        }

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

    /// <summary>What a failed expectation says it measured when its metric has no value in the run.</summary>
    public const string NoSamples = "no samples";

    /// <summary>Reads a metric of the catalog from a result, in the metric's base unit; null when the run has no samples of it.</summary>
    public static decimal? Read(MetricPath metric, SimulationResult result) => Read(metric, RunReport.Build(result));

    /// <summary>Reads a metric of the catalog from a run's report document, by its key, in the metric's base unit; null when the run has no samples of it.</summary>
    public static decimal? Read(MetricPath metric, ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.ReadMetric(metric);
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
