using System.Collections.Immutable;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language;
using ProtoScript.Reporting.Document;
using ProtoScript.Reporting.Sweeps;

namespace ProtoScript.Reporting;

/// <summary>The formats a report can be written in.</summary>
public enum ReportFormatKind
{
    /// <summary>The human-readable text report.</summary>
    Text,

    /// <summary>The JSON report (documented schema).</summary>
    Json,
}

/// <summary>A finished report and whether the scenario's expectations held.</summary>
/// <param name="Text">The report, ready to print.</param>
/// <param name="FailedExpectations">The expectations a single run failed (empty for sweeps, whose report lists failures per point).</param>
/// <param name="ExpectationsHeld">False when any run failed any expectation.</param>
public sealed record RenderedReport(string Text, ImmutableArray<ExpectationOutcome> FailedExpectations, bool ExpectationsHeld)
{
    /// <summary>The sweep's aggregated outcome when the file declared a sweep, else null.</summary>
    public SweepResult? Sweep { get; init; }
}

/// <summary>
/// Runs a compiled scenario file — its sweep when it declares one, else the scenario once —
/// and renders the report. The one path shared by the CLI and by snapshot tests, so both
/// always print the same bytes.
/// </summary>
public static class ScenarioReports
{
    /// <summary>Runs and renders.</summary>
    /// <param name="compiled">A successfully compiled file.</param>
    /// <param name="seed">Overrides the scenario's seed (a sweep's runs then use seed, seed + 1, ...).</param>
    /// <param name="format">Text or JSON.</param>
    /// <param name="jobs">How many sweep runs may execute at once; the report does not depend on it.</param>
    /// <param name="orderingRules">The scenario's compiled ordering hooks, when it has any; when it is also an <see cref="Engine.Proving.IProverChooserResolver"/> (as compiled hooks are), its prover-selection hooks too.</param>
    /// <exception cref="ArgumentException">The file did not compile.</exception>
    /// <exception cref="RuleFailedException">A hook threw or exceeded its budget during the run.</exception>
    public static RenderedReport Run(CompilationResult compiled, ulong? seed = null, ReportFormatKind format = ReportFormatKind.Text, int jobs = 1, IOrderingRuleResolver? orderingRules = null)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        if (compiled.Model is null || !compiled.Success)
        {
            throw new ArgumentException("The scenario has errors.", nameof(compiled));
        }

        if (compiled.Sweep is { } sweep)
        {
            if (seed is { } s)
            {
                sweep = sweep with { Points = [.. sweep.Points.Select(p => p with { Model = p.Model.WithSeed(s) })] };
            }

            var outcome = SweepRunner.Run(sweep, jobs, orderingRules);
            var text = format == ReportFormatKind.Json ? SweepJsonWriter.Write(outcome) : SweepTextWriter.Write(outcome);
            return new RenderedReport(text, [], outcome.AllExpectationsHeld) { Sweep = outcome };
        }

        var model = seed is { } single ? compiled.Model.WithSeed(single) : compiled.Model;
        var simulation = Simulator.Run(model, new SimulationOptions { OrderingRules = orderingRules, ProverChoosers = orderingRules as Engine.Proving.IProverChooserResolver, RetainL1Data = ExpectationChecker.NeedsL1Data(model) });
        var document = RunReport.Build(simulation);
        var outcomes = ExpectationChecker.Check(model, simulation, document, orderingRules as Engine.Derivation.IDerivationRuleResolver);
        document = RunReport.WithExpectations(document, outcomes);
        var report = format == ReportFormatKind.Json ? JsonReportWriter.Write(document) : TextReportWriter.Write(document);
        var failed = outcomes.Where(o => !o.Passed).ToImmutableArray();
        return new RenderedReport(report, failed, failed.IsEmpty);
    }
}
