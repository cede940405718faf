using ProtoScript.Reporting.Rendering;

namespace ProtoScript.Reporting.Sweeps;

/// <summary>
/// Writes a sweep as JSON (<c>kind: "sweep"</c>, schemaVersion 1): the axes, and per point
/// its labels, seeds, every metric's statistics in the metric's base unit (microseconds,
/// wei, gas, count) and the expectation failures. The JSON renderer of <see cref="SweepReport"/>.
/// </summary>
public static class SweepJsonWriter
{
    /// <summary>Formats the sweep's outcome, ending with a newline.</summary>
    public static string Write(SweepResult result) => JsonRenderer.Render(SweepReport.Build(result));
}
