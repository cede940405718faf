using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace ProtoScript.Attacks.Tests;

/// <summary>How a command runs an attack.</summary>
internal static class Modes
{
    /// <summary><c>proto-script check FILE</c>.</summary>
    public const string Check = "check";

    /// <summary><c>proto-script run FILE</c> (in process).</summary>
    public const string Run = "run";

    /// <summary><c>proto-script run FILE --isolate</c> (in a worker process).</summary>
    public const string Isolate = "isolate";

    /// <summary><c>proto-script run FILE --engine compiled</c> (in process).</summary>
    public const string Compiled = "compiled";

    /// <summary>Every mode, in the order the runner runs them.</summary>
    public static ImmutableArray<string> All { get; } = [Check, Run, Compiled, Isolate];

    /// <summary>The modes that run the scenario (all but <c>check</c>).</summary>
    public static ImmutableArray<string> Running { get; } = [Run, Compiled, Isolate];

    /// <summary>The command line of <paramref name="mode"/> for <paramref name="file"/>.</summary>
    public static string[] Arguments(string mode, string file, ImmutableArray<string> isolateArguments) => mode switch
    {
        Check => ["check", file],
        Run => ["run", file],
        Compiled => ["run", file, "--engine", "compiled"],
        // The isolated run's wall-clock timeout is not what most attacks test, and a busy
        // machine must not turn a slow worker start into PS4007; an attack that tests it sets its own.
        Isolate when !isolateArguments.Contains("--timeout") => ["run", file, "--isolate", "--timeout", "600s", .. isolateArguments],
        Isolate => ["run", file, "--isolate", .. isolateArguments],
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown mode"),
    };
}

/// <summary>What a hardened tool must do with an attack.</summary>
/// <param name="Kind"><c>refused</c> (compile time, exit 2), <c>stopped</c> (at run time, exit 1) or <c>ok</c> (a control: it runs, exit 0).</param>
/// <param name="Code">The diagnostic code: the first error the command prints; null for <c>ok</c>.</param>
internal sealed record Expectation(string Kind, string? Code)
{
    /// <summary>The exit code and first error code <paramref name="mode"/> must give.</summary>
    public Outcome For(string mode) => (Kind, mode) switch
    {
        ("refused", _) => new Outcome(2, Code),
        ("stopped", Modes.Check) => new Outcome(0, null), // check runs nothing: the hook compiles
        ("stopped", _) => new Outcome(1, Code),
        _ => new Outcome(0, null),
    };

    public override string ToString() => Code is null ? Kind : Kind + " " + Code;
}

/// <summary>An exit code and the first error code printed (null when none).</summary>
internal sealed record Outcome(int ExitCode, string? Code)
{
    private static readonly Regex FirstError = new(@"error ((?:PS|CS)\d{4})", RegexOptions.CultureInvariant);

    /// <summary>The outcome of a command that exited with <paramref name="exitCode"/> and printed <paramref name="stderr"/>.</summary>
    public static Outcome Of(int exitCode, string stderr)
    {
        var match = FirstError.Match(stderr);
        return new Outcome(exitCode, match.Success ? match.Groups[1].Value : null);
    }

    public override string ToString() => Code is null ? $"exit {ExitCode}" : $"exit {ExitCode} {Code}";
}

/// <summary>
/// One file of the corpus: a minimal scenario with one hostile hook, and its header:
/// <code>
/// // attack: what the hook tries
/// // category: threads | reflection | interop | process-state | machine | resources | output | budget | structure | control
/// // expect: refused PS4003 | stopped PS4005 | ok
/// // modes: check isolate            (optional: the modes it runs in, when not all)
/// // why: ...                         (required with modes: why the others cannot run it)
/// // isolate-args: --timeout 5s      (optional: extra arguments of the isolated run)
/// // forbid: REGEX                    (optional, repeatable: must match no output of any mode)
/// </code>
/// </summary>
internal sealed record Attack(
    string File,
    string Description,
    string Category,
    Expectation Expected,
    ImmutableArray<string> Modes,
    string? Why,
    ImmutableArray<string> IsolateArguments,
    ImmutableArray<Regex> Forbidden)
{
    /// <summary>The categories the corpus must cover.</summary>
    public static ImmutableArray<string> Categories { get; } =
        ["threads", "reflection", "interop", "process-state", "machine", "resources", "output", "budget", "structure", "control"];

    /// <summary>The corpus folder in the source tree (found from the test binary by the solution file).</summary>
    public static string CorpusDirectory { get; } = Path.Combine(FindRoot(), "tests", "ProtoScript.Attacks.Tests", "Corpus");

    /// <summary>Every attack of the corpus, by file name.</summary>
    public static ImmutableArray<Attack> Corpus { get; } =
        [.. Directory.EnumerateFiles(CorpusDirectory, "*.proto-script").Order(StringComparer.Ordinal).Select(Read)];

    /// <summary>Reads a corpus file's header.</summary>
    public static Attack Read(string path)
    {
        var header = System.IO.File.ReadLines(path)
            .TakeWhile(l => l.StartsWith("//", StringComparison.Ordinal))
            .Select(l => l[2..].Trim())
            .Select(l => (Key: l.Split(':', 2)[0].Trim(), Value: l.Contains(':', StringComparison.Ordinal) ? l.Split(':', 2)[1].Trim() : string.Empty))
            .ToList();
        string? One(string key) => header.Where(h => h.Key == key).Select(h => h.Value).SingleOrDefault();
        var name = Path.GetFileName(path);
        var expect = One("expect") ?? throw new InvalidDataException($"{name}: no `// expect:` line");
        var parts = expect.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var expected = parts switch
        {
            ["ok"] => new Expectation("ok", null),
            [("refused" or "stopped") and var kind, var code] when Regex.IsMatch(code, @"^(PS|CS)\d{4}$") => new Expectation(kind, code),
            _ => throw new InvalidDataException($"{name}: `// expect: {expect}` is not `ok`, `refused CODE` or `stopped CODE`"),
        };
        var modes = One("modes") is { } m ? m.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToImmutableArray() : Tests.Modes.All;
        return new Attack(
            name,
            One("attack") ?? throw new InvalidDataException($"{name}: no `// attack:` line"),
            One("category") ?? throw new InvalidDataException($"{name}: no `// category:` line"),
            expected,
            modes,
            One("why"),
            One("isolate-args") is { } a ? [.. a.Split(' ', StringSplitOptions.RemoveEmptyEntries)] : [],
            [.. header.Where(h => h.Key == "forbid").Select(h => new Regex(h.Value, RegexOptions.CultureInvariant | RegexOptions.Multiline))]);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "ProtoScript.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ProtoScript.sln not found above " + AppContext.BaseDirectory);
    }
}
