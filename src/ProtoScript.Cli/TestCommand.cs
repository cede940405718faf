using System.CommandLine;
using System.Globalization;
using ProtoScript.Cli.Isolation;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Text;

namespace ProtoScript.Cli;

/// <summary>
/// <c>proto-script test [FILES|DIRS...]</c>: runs every scenario, checks its <c>expect</c>
/// block and, where <c>NAME.verified.txt</c> sits next to <c>NAME.proto-script</c>, compares the
/// report with it; one line per scenario and a summary. Each scenario runs in a worker, so one
/// that crashes, hangs or exhausts memory is reported and the others still run.
/// </summary>
internal static class TestCommand
{
    /// <summary>What a scenario's test came to.</summary>
    internal enum Verdict
    {
        /// <summary>It ran, every expectation held, and the report equals its snapshot (if any).</summary>
        Passed,

        /// <summary>It did not compile, an expectation or a hook failed, or the report differs from its snapshot.</summary>
        Failed,

        /// <summary>Its worker timed out, ran out of memory or crashed.</summary>
        Crashed,
    }

    // Far above any report; a bound so that a huge or endless file is not read into memory.
    private const long MaxSnapshotBytes = 256L * 1024 * 1024;

    /// <summary>The snapshot next to a scenario: <c>NAME.verified.txt</c> for <c>NAME.proto-script</c>.</summary>
    public static string SnapshotPath(string scenario) =>
        Path.Combine(Path.GetDirectoryName(scenario) ?? string.Empty, Path.GetFileNameWithoutExtension(scenario) + ".verified.txt");

    /// <summary>The report a failed comparison received: <c>NAME.received.txt</c> beside the snapshot, what <c>--accept</c> promotes.</summary>
    public static string ReceivedPath(string scenario) =>
        Path.Combine(Path.GetDirectoryName(scenario) ?? string.Empty, Path.GetFileNameWithoutExtension(scenario) + ".received.txt");

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("paths") { Description = "Scenario files, or directories searched for *.proto-script (default: the current directory).", Arity = ArgumentArity.ZeroOrMore };
        var diagnosticFormat = CommonOptions.DiagnosticFormat();
        var jobs = CommonOptions.Jobs("How many scenarios run at once.");
        var accept = new Option<bool>("--accept") { Description = "Run nothing: make each NAME.received.txt (written by a failed comparison) the new NAME.verified.txt." };
        var command = new Command("test", "Run scenarios, check their expectations and compare their reports with NAME.verified.txt snapshots; a report that differs is written to NAME.received.txt.") { paths, diagnosticFormat, jobs, accept };
        var isolation = new IsolationOptions("This is the default for test.");
        isolation.AddTo(command);
        command.SetAction(parse =>
        {
            var format = CommonOptions.ToFormat(parse.GetValue(diagnosticFormat));
            var given = parse.GetValue(paths) is { Length: > 0 } p ? p : ["."];
            if (!TryCollect(given, out var files, out var problem))
            {
                stderr.Write(DiagnosticFormatter.Format([problem], format));
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(accept))
            {
                return Accept(files, stdout, stderr);
            }

            var limits = isolation.Limits(parse);
            var isolated = isolation.Mode(parse) != IsolationMode.InProcess;
            var formatName = parse.GetValue(diagnosticFormat) ?? "text";
            return Run(files, isolated, limits, CommonOptions.ResolveJobs(parse.GetValue(jobs), stderr, Environment.ProcessorCount), formatName, stdout, stderr);
        });
        return command;
    }

    /// <summary>The scenario files named by <paramref name="paths"/>, directories searched recursively, in ordinal order; a missing path is a diagnostic.</summary>
    internal static bool TryCollect(string[] paths, out List<string> files, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out Diagnostic? problem)
    {
        files = [];
        problem = null;
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(ScenariosUnder(path).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                problem = new Diagnostic(DiagnosticCodes.FileNotFound, DiagnosticSeverity.Error, $"`{path}` is neither a scenario file nor a directory", new Language.Text.SourceText(path, string.Empty), default, "give scenario files or directories that hold *.proto-script files");
                return false;
            }
        }

        // A file named twice (or found under two of the given directories) runs once.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        files = [.. files.Where(f => seen.Add(Path.GetFullPath(f)))];
        if (files.Count == 0)
        {
            problem = new Diagnostic(DiagnosticCodes.FileNotFound, DiagnosticSeverity.Error, $"no *.proto-script files in {string.Join(", ", paths.Select(p => $"`{p}`"))}", new Language.Text.SourceText(paths[0], string.Empty), default, "give scenario files, or a directory that holds some");
            return false;
        }

        return true;
    }

    /// <summary>
    /// The <c>*.proto-script</c> files under <paramref name="root"/>. Symbolic links to
    /// directories are not followed (as <c>find</c> does by default): a link to a parent
    /// would otherwise make the walk endless, and a link to another folder is named on the command line instead.
    /// </summary>
    private static IEnumerable<string> ScenariosUnder(string root)
    {
        var pending = new Stack<string>([root]);
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = 0, MatchType = MatchType.Simple };
        while (pending.TryPop(out var dir))
        {
            foreach (var file in Directory.EnumerateFiles(dir, "*.proto-script", options))
            {
                yield return file;
            }

            foreach (var sub in Directory.EnumerateDirectories(dir, "*", options))
            {
                if (new DirectoryInfo(sub).LinkTarget is null)
                {
                    pending.Push(sub);
                }
            }
        }
    }

    private static int Run(List<string> files, bool isolated, IsolationLimits limits, int jobs, string diagnosticFormat, TextWriter stdout, TextWriter stderr)
    {
        var outcomes = new Outcome?[files.Count];
        var printed = 0;
        var gate = new object();

        // Results are printed in file order as soon as every earlier file is done.
        void Complete(int i, Outcome outcome)
        {
            lock (gate)
            {
                outcomes[i] = outcome;
                while (printed < files.Count && outcomes[printed] is { } done)
                {
                    Print(files[printed], done, stdout, stderr);
                    printed++;
                }
            }
        }

        string[] Args(string file) => ["run", file, "--jobs", "1", "--diagnostic-format", diagnosticFormat];
        if (isolated)
        {
            WorkerLanes.Run(files.Count, jobs, limits, i => new WorkerRequest(WorkerRequest.Cli, Args: Args(files[i])), (i, reply, death) =>
            {
                if (reply is { OutOfMemory: false })
                {
                    Complete(i, Judge(files[i], reply.ExitCode, reply.Stdout, reply.Stderr));
                    return;
                }

                var d = IsolationDiagnostics.For(death ?? new WorkerDeath(WorkerDeathKind.OutOfMemory, null), files[i], limits);
                Complete(i, new Outcome(Verdict.Crashed, $"{d.Code}: {d.Message}", DiagnosticFormatter.Format([d], CommonOptions.ToFormat(diagnosticFormat))));
            });
        }
        else
        {
            for (var i = 0; i < files.Count; i++)
            {
                var output = new StringWriter { NewLine = "\n" };
                var errors = new StringWriter { NewLine = "\n" };
                var code = CliApp.RunInProcess(Args(files[i]), output, errors);
                Complete(i, Judge(files[i], code, output.ToString(), errors.ToString()));
            }
        }

        var counts = Enum.GetValues<Verdict>().ToDictionary(v => v, v => outcomes.Count(o => o!.Verdict == v));
        stdout.Write(string.Create(CultureInfo.InvariantCulture, $"\n{files.Count} scenario{(files.Count == 1 ? string.Empty : "s")}: {counts[Verdict.Passed]} passed, {counts[Verdict.Failed]} failed, {counts[Verdict.Crashed]} crashed\n"));
        return counts[Verdict.Passed] == files.Count ? ExitCodes.Success : ExitCodes.RunFailed;
    }

    /// <summary>A scenario's test: its verdict, the reason on its line, its diagnostics (for stderr) and a detail such as a diff (for stdout).</summary>
    internal sealed record Outcome(Verdict Verdict, string Reason, string Diagnostics, string Detail = "");

    /// <summary>
    /// What a finished <c>run</c> of <paramref name="file"/> means for its test. A report that
    /// differs from its snapshot is written to <c>NAME.received.txt</c> (with a diff in the outcome);
    /// a report that matches removes a received file left from an earlier failure.
    /// </summary>
    internal static Outcome Judge(string file, int exitCode, string report, string diagnostics)
    {
        if (exitCode != ExitCodes.Success)
        {
            var first = diagnostics.Split('\n').FirstOrDefault(l => l.Length > 0) ?? $"exit code {exitCode}";
            var verdict = exitCode == ExitCodes.InternalError ? Verdict.Crashed : Verdict.Failed;
            return new Outcome(verdict, first, diagnostics);
        }

        var snapshot = SnapshotPath(file);
        FileTextRead read;
        try
        {
            read = FileText.Read(snapshot, MaxSnapshotBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Outcome(Verdict.Failed, $"cannot read {Path.GetFileName(snapshot)}: {e.Message}", diagnostics);
        }

        switch (read.Status)
        {
            case FileTextStatus.Missing:
                return new Outcome(Verdict.Passed, string.Empty, diagnostics);
            case FileTextStatus.Directory:
                // Something stands where the snapshot should be: passing would hide that nothing was compared.
                return new Outcome(Verdict.Failed, $"{Path.GetFileName(snapshot)} is a directory, not a snapshot file", diagnostics);
            case FileTextStatus.NotRegular:
                return new Outcome(Verdict.Failed, $"{Path.GetFileName(snapshot)} is not a regular file (a device, pipe or socket)", diagnostics);
            case FileTextStatus.TooLarge:
                return new Outcome(Verdict.Failed, $"{Path.GetFileName(snapshot)} is larger than {MaxSnapshotBytes / (1024 * 1024)} MiB", diagnostics);
        }

        var expected = read.Text;
        var received = ReceivedPath(file);
        try
        {
            if (expected == report)
            {
                // A received file from an earlier failure is stale once the report matches again.
                File.Delete(received);
                return new Outcome(Verdict.Passed, string.Empty, diagnostics);
            }

            FileText.WriteAtomically(received, report);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Outcome(expected == report ? Verdict.Passed : Verdict.Failed, expected == report ? string.Empty : $"report differs from {Path.GetFileName(snapshot)} {FirstDifference(expected, report)}; cannot write {Path.GetFileName(received)}: {e.Message}", diagnostics);
        }

        var diff = UnifiedDiff.Format(expected, report, Path.GetFileName(snapshot), Path.GetFileName(received));
        return new Outcome(Verdict.Failed, $"report differs from {Path.GetFileName(snapshot)} {FirstDifference(expected, report)}; wrote {Path.GetFileName(received)} (accept it with `proto-script test --accept {file}`)", diagnostics, diff);
    }

    /// <summary>Promotes every received report of <paramref name="files"/> to its snapshot; exit 0 (also when there was nothing to accept).</summary>
    private static int Accept(List<string> files, TextWriter stdout, TextWriter stderr)
    {
        var accepted = 0;
        foreach (var file in files)
        {
            var received = ReceivedPath(file);
            if (!File.Exists(received))
            {
                continue;
            }

            try
            {
                File.Move(received, SnapshotPath(file), overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.Write(DiagnosticFormatter.Format([ScenarioLoader.FileProblem(received, $"cannot accept `{received}`: {e.Message}", "check that the snapshot's folder is writable")], DiagnosticFormat.Text));
                return ExitCodes.BadInput;
            }

            stdout.Write($"accepted {SnapshotPath(file)}\n");
            accepted++;
        }

        stdout.Write(accepted == 0
            ? "nothing to accept: no NAME.received.txt beside the scenarios (`test` writes one when a report differs)\n"
            : string.Create(CultureInfo.InvariantCulture, $"\n{accepted} snapshot{(accepted == 1 ? string.Empty : "s")} accepted\n"));
        return ExitCodes.Success;
    }

    /// <summary>Where two reports first differ: the line number and both lines.</summary>
    internal static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var line = 0;
        while (line < e.Length && line < a.Length && e[line] == a[line])
        {
            line++;
        }

        static string Show(string[] lines, int i) => i < lines.Length ? $"`{lines[i].Trim()}`" : "the end of the report";
        return $"at line {line + 1}: expected {Show(e, line)}, got {Show(a, line)}";
    }

    private static void Print(string file, Outcome outcome, TextWriter stdout, TextWriter stderr)
    {
        var word = outcome.Verdict switch
        {
            Verdict.Passed => "passed ",
            Verdict.Failed => "FAILED ",
            _ => "CRASHED",
        };
        stdout.Write(outcome.Reason.Length == 0 ? $"{word} {file}\n" : $"{word} {file}: {outcome.Reason}\n");
        stdout.Write(outcome.Detail);
        if (outcome.Verdict != Verdict.Passed)
        {
            // The full diagnostics, unchanged, for the scenarios that need a look.
            stderr.Write(outcome.Diagnostics);
        }
    }
}
