using ProtoScript.Application;
using ProtoScript.Language;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Reporting;

namespace ProtoScript.Testing;

/// <summary>
/// Runs a scenario file and compares its text report with <c>NAME.verified.txt</c> beside
/// it, so a user's own xunit test is one line: <c>ScenarioSnapshot.Verify("my.proto-script")</c>.
/// </summary>
public static class ScenarioSnapshot
{
    /// <summary>The verified-report path that belongs to a scenario file.</summary>
    public static string VerifiedPath(string scenarioPath) =>
        Path.Combine(Path.GetDirectoryName(scenarioPath) ?? ".", Path.GetFileNameWithoutExtension(scenarioPath) + ".verified.txt");

    /// <summary>Compiles and runs a scenario (or its sweep) and returns its text report, with the verdict on its expectations.</summary>
    /// <exception cref="InvalidOperationException">The scenario has errors; the message lists them.</exception>
    public static string Render(string scenarioPath, ulong? seed = null)
    {
        var result = ScenarioCompiler.Compile(Path.GetFileName(scenarioPath), File.ReadAllText(scenarioPath));
        if (result.Model is null)
        {
            throw new InvalidOperationException("The scenario has errors:\n" + DiagnosticFormatter.Format(result.Diagnostics, DiagnosticFormat.Text));
        }

        using var prepared = PreparedScenario.Prepare(result);
        if (!prepared.Success)
        {
            throw new InvalidOperationException("The scenario's hooks do not compile:\n" + DiagnosticFormatter.Format(prepared.Diagnostics, DiagnosticFormat.Text));
        }

        return prepared.Report(seed, ReportFormatKind.Text, Environment.ProcessorCount).Text;
    }

    /// <summary>Runs a scenario and asserts its report equals the verified one.</summary>
    /// <exception cref="SnapshotMismatchException">The report differs from the verified one, or none exists.</exception>
    public static void Verify(string scenarioPath) => Snapshot.Verify(Render(scenarioPath), VerifiedPath(scenarioPath));
}
