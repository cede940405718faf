using ProtoScript.Language.Diagnostics;

namespace ProtoScript.Language.Tests;

internal static class TestSources
{
    /// <summary>A minimal valid scenario; tests replace parts of it to provoke one error at a time.</summary>
    public const string Valid = """
        scenario "t" {
          seed 1
          duration 1 min
          l1 ethereum { slot_time = 12 s }
          rollup A {
            block_time = 2 s
            gas_limit = 1_000_000
            ordering = priority_fee
            accounts 100 funded 1 eth
          }
          workload {
            users = poisson(5 / s) on A
            priority_fee = exponential(1 gwei)
          }
        }
        """;

    public static CompilationResult Compile(string text) => ScenarioCompiler.Compile("t.proto-script", text.Replace("\r\n", "\n", StringComparison.Ordinal));

    /// <summary>Diagnostics as "CODE line:col message" strings, for exact assertions.</summary>
    public static string[] Diagnostics(string text) =>
        [.. Compile(text).Diagnostics.Select(d => $"{d.Code} {d.Position.Line}:{d.Position.Column} {d.Message}")];

    public static string[] Errors(string text) =>
        [.. Compile(text).Diagnostics.Where(d => d.IsError).Select(d => $"{d.Code} {d.Position.Line}:{d.Position.Column} {d.Message}")];

    public static Diagnostic Single(string text)
    {
        var errors = Compile(text).Diagnostics.Where(d => d.IsError).ToList();
        Assert.True(errors.Count == 1, "expected exactly one error, got:\n" + DiagnosticFormatter.Format(errors, DiagnosticFormat.Text));
        return errors[0];
    }
}
