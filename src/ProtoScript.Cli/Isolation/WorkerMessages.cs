using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProtoScript.Cli.Isolation;

/// <summary>
/// One request to a worker, one JSON object per line on its standard input. A worker answers
/// each with one <see cref="WorkerReply"/> line on its standard output and then waits for the
/// next, so a lane of a sweep or of <c>test</c> starts the runtime (and loads the hooks) once.
/// </summary>
/// <param name="Kind"><see cref="Cli"/> runs a command line; <see cref="SweepRun"/> runs one run of one sweep point.</param>
/// <param name="Args">For <see cref="Cli"/>: the command line, run exactly as in process.</param>
/// <param name="Path">For <see cref="SweepRun"/>: the scenario's path, used in diagnostics.</param>
/// <param name="Text">For <see cref="SweepRun"/>: the scenario's text as the parent read it, so every lane runs the same file.</param>
/// <param name="Seed">For <see cref="SweepRun"/>: the <c>--seed</c> override, if any.</param>
/// <param name="DiagnosticFormat">For <see cref="SweepRun"/>: text, msbuild or json.</param>
/// <param name="Point">For <see cref="SweepRun"/>: the point's index in the sweep.</param>
/// <param name="Run">For <see cref="SweepRun"/>: the run's index within the point.</param>
/// <param name="Overrides">For <see cref="SweepRun"/>: the <c>--set PATH=VALUE</c> arguments, in order.</param>
internal sealed record WorkerRequest(
    string Kind,
    string[]? Args = null,
    string? Path = null,
    string? Text = null,
    ulong? Seed = null,
    string? DiagnosticFormat = null,
    int Point = 0,
    int Run = 0,
    string[]? Overrides = null)
{
    /// <summary>Request kind: run a command line.</summary>
    public const string Cli = "cli";

    /// <summary>Request kind: one run of one sweep point.</summary>
    public const string SweepRun = "sweep-run";
}

/// <summary>A worker's answer to one <see cref="WorkerRequest"/>.</summary>
/// <param name="ExitCode">What the command (or the run) would have exited with in process.</param>
/// <param name="Stdout">For a command line: what it printed on standard output.</param>
/// <param name="Stderr">What it printed on standard error: diagnostics, passed on unchanged.</param>
/// <param name="Values">For a sweep run that finished: every metric's value, in the point's metric order.</param>
/// <param name="Failures">For a sweep run that finished: per expectation, whether it failed.</param>
/// <param name="Warnings">For a sweep run: the warnings of compiling the hooks, printed once by the parent.</param>
/// <param name="OutOfMemory">The worker reached its memory limit; it exits after this reply.</param>
/// <param name="Summary">For a sweep run that failed: the diagnostic's code and message on one line, for the report's list of failed points.</param>
internal sealed record WorkerReply(
    int ExitCode,
    string Stdout = "",
    string Stderr = "",
    double[]? Values = null,
    bool[]? Failures = null,
    string Warnings = "",
    bool OutOfMemory = false,
    string Summary = "");

/// <summary>The wire format: compact JSON, ASCII only (non-ASCII is escaped), so a line is a message.</summary>
internal static class WorkerJson
{
    public static string Write(WorkerRequest message) => JsonSerializer.Serialize(message, WorkerJsonContext.Default.WorkerRequest);

    public static string Write(WorkerReply message) => JsonSerializer.Serialize(message, WorkerJsonContext.Default.WorkerReply);

    public static WorkerRequest? ReadRequest(string line) => JsonSerializer.Deserialize(line, WorkerJsonContext.Default.WorkerRequest);

    public static WorkerReply? ReadReply(string line) => JsonSerializer.Deserialize(line, WorkerJsonContext.Default.WorkerReply);
}

/// <summary>
/// Serialization code generated at build time: a worker starts, and sends its first reply,
/// without warming up reflection-based serialization (a measurable share of a short run).
/// Metric values round-trip exactly (shortest round-trippable form); NaN and infinities too.
/// </summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WorkerRequest))]
[JsonSerializable(typeof(WorkerReply))]
internal sealed partial class WorkerJsonContext : JsonSerializerContext;
