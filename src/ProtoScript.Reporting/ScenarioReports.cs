using System.Collections.Immutable;
using ProtoScript.Engine.Results;
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

    /// <summary>One self-contained HTML page with SVG charts and the text report.</summary>
    Html,

    /// <summary>CSV in long format: one row per point, run and metric (<see cref="Csv.CsvReportWriter"/>).</summary>
    Csv,

    /// <summary>CSV of a single run's per-block time series (<see cref="Csv.CsvSeriesWriter"/>).</summary>
    CsvSeries,
}

/// <summary>A finished report and whether the scenario's expectations held.</summary>
/// <param name="Text">The report, ready to print.</param>
/// <param name="FailedExpectations">The expectations a single run failed (empty for sweeps, whose report lists failures per point).</param>
/// <param name="ExpectationsHeld">False when any run failed any expectation.</param>
public sealed record RenderedReport(string Text, ImmutableArray<ExpectationOutcome> FailedExpectations, bool ExpectationsHeld)
{
    /// <summary>The sweep's aggregated outcome when the file declared a sweep, else null.</summary>
    public SweepResult? Sweep { get; init; }

    /// <summary>Builds the report's HTML page (charts and the text report) on demand, for <c>--html FILE</c> beside another format; null when the report was not made from a run or a sweep.</summary>
    public Func<string>? HtmlPage { get; init; }
}

/// <summary>
/// Renders a finished run or sweep as its report, with the verdict on its expectations. Running
/// is the application layer's (ProtoScript.Application's <c>ScenarioRunner</c>); this is the
/// one rendering path it shares with everything that prints a report, so all print the same bytes.
/// </summary>
public static class ScenarioReports
{
    /// <summary>Renders one run and the outcomes of its expectations.</summary>
    /// <param name="simulation">The run.</param>
    /// <param name="outcomes">Every expectation's outcome, in declaration order.</param>
    /// <param name="format">Text, JSON or HTML.</param>
    public static RenderedReport Render(SimulationResult simulation, ImmutableArray<ExpectationOutcome> outcomes, ReportFormatKind format = ReportFormatKind.Text)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        return Render(simulation, RunReport.Build(simulation), outcomes, format);
    }

    /// <summary>Renders one run from its report document (built once, see <see cref="RunReport.Build"/>), with the run itself for what only charts show.</summary>
    /// <param name="simulation">The run.</param>
    /// <param name="document">The run's report document, without expectations.</param>
    /// <param name="outcomes">Every expectation's outcome, in declaration order.</param>
    /// <param name="format">Text, JSON or HTML.</param>
    public static RenderedReport Render(SimulationResult simulation, ReportDocument document, ImmutableArray<ExpectationOutcome> outcomes, ReportFormatKind format = ReportFormatKind.Text)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        string Page() => Html.RunHtml.Write(simulation, Render(document, outcomes, ReportFormatKind.Text).Text);
        if (format != ReportFormatKind.Html)
        {
            return Render(document, outcomes, format) with { HtmlPage = Page };
        }

        return Render(document, outcomes, ReportFormatKind.Text) with { Text = Page(), HtmlPage = Page };
    }

    /// <summary>Renders one run's report document (built once, see <see cref="RunReport.Build"/>) and the outcomes of its expectations.</summary>
    /// <param name="document">The run's report document, without expectations.</param>
    /// <param name="outcomes">Every expectation's outcome, in declaration order.</param>
    /// <param name="format">Text or JSON.</param>
    public static RenderedReport Render(ReportDocument document, ImmutableArray<ExpectationOutcome> outcomes, ReportFormatKind format = ReportFormatKind.Text)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (format is ReportFormatKind.Csv or ReportFormatKind.CsvSeries)
        {
            throw new ArgumentException("CSV needs the scenario: use the overload that takes the model and the result", nameof(format));
        }

        var withOutcomes = RunReport.WithExpectations(document, outcomes);
        if (format == ReportFormatKind.Html)
        {
            throw new ArgumentException("An HTML report needs the run itself: use the overload that takes the simulation.", nameof(format));
        }

        var report = format == ReportFormatKind.Json ? JsonReportWriter.Write(withOutcomes) : TextReportWriter.Write(withOutcomes);
        var failed = outcomes.Where(o => !o.Passed).ToImmutableArray();
        return new RenderedReport(report, failed, failed.IsEmpty);
    }

    /// <summary>Renders one run in any format, CSV included (which needs the scenario to know its metrics).</summary>
    /// <param name="model">The scenario that ran.</param>
    /// <param name="simulation">The run.</param>
    /// <param name="document">The run's report document, without expectations.</param>
    /// <param name="outcomes">Every expectation's outcome, in declaration order.</param>
    /// <param name="format">The format.</param>
    public static RenderedReport Render(Language.Model.ScenarioModel model, SimulationResult simulation, ReportDocument document, ImmutableArray<ExpectationOutcome> outcomes, ReportFormatKind format)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(document);
        if (format is not (ReportFormatKind.Csv or ReportFormatKind.CsvSeries))
        {
            return Render(simulation, document, outcomes, format);
        }

        var text = format == ReportFormatKind.Csv ? Csv.CsvReportWriter.Write(model, simulation.Seed, document) : Csv.CsvSeriesWriter.Write(simulation);
        var failed = outcomes.Where(o => !o.Passed).ToImmutableArray();
        return new RenderedReport(text, failed, failed.IsEmpty) { HtmlPage = Render(simulation, document, outcomes, ReportFormatKind.Text).HtmlPage };
    }

    /// <summary>Renders a sweep's aggregated outcome.</summary>
    /// <param name="outcome">The sweep.</param>
    /// <param name="format">Text, JSON or HTML.</param>
    /// <param name="view">The baseline and the metrics shown; the first point and every metric when null.</param>
    public static RenderedReport Render(SweepResult outcome, ReportFormatKind format = ReportFormatKind.Text, SweepView? view = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        outcome = (view ?? SweepView.Default).Apply(outcome);
        var text = format switch
        {
            ReportFormatKind.Json => SweepJsonWriter.Write(outcome),
            ReportFormatKind.Csv => Csv.CsvReportWriter.Write(outcome),
            ReportFormatKind.CsvSeries => throw new ArgumentException("a sweep keeps only its metrics, not each run's time series", nameof(format)),
            ReportFormatKind.Html => Html.SweepHtml.Write(outcome, SweepTextWriter.Write(outcome)),
            _ => SweepTextWriter.Write(outcome),
        };
        return new RenderedReport(text, [], outcome.AllExpectationsHeld) { Sweep = outcome, HtmlPage = () => Html.SweepHtml.Write(outcome, SweepTextWriter.Write(outcome)) };
    }
}
