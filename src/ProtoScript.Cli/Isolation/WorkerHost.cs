using System.Collections.Immutable;
using ProtoScript.Application;
using ProtoScript.Language;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Reporting.Sweeps;

namespace ProtoScript.Cli.Isolation;

/// <summary>
/// The worker side (<c>proto-script __worker</c>): reads requests line by line from standard
/// input and answers each on standard output, until its input ends. Its code paths are the
/// in-process ones, so what it reports is byte for byte what an in-process run prints.
/// </summary>
internal static class WorkerHost
{
    // Set by the runtime on the thread that hit the GC heap limit, before any handler sees
    // the exception, so an OOM that a hook's failure wraps is still recognised as one.
    private static volatile bool s_outOfMemory;

    /// <summary>Serves requests until the input ends; the exit code is 0 then.</summary>
    public static int Run(TextReader input, TextWriter output)
    {
        // The heap hard limit the parent set; read once, as reading it allocates.
        var limit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        AppDomain.CurrentDomain.FirstChanceException += (_, e) =>
        {
            // A hook's allocation the runtime refuses while the heap is far from its limit (an
            // array longer than the runtime allows, one request larger than the whole limit) is
            // the hook's budget, PS4005, exactly as in process; only a heap that filled up is the
            // worker's limit. GetTotalMemory(false) does not allocate.
            if (e.Exception is OutOfMemoryException
                && (!ProtoScript.Hooks.Runtime.HookBudget.InCall || GC.GetTotalMemory(false) >= limit / 2))
            {
                s_outOfMemory = true;
            }
        };

        using var sweep = new SweepState();
        while (input.ReadLine() is { } line)
        {
            WorkerReply reply;
            try
            {
                var request = WorkerJson.ReadRequest(line) ?? throw new InvalidDataException("empty request");
                reply = request.Kind switch
                {
                    WorkerRequest.Cli => RunCli(request.Args ?? []),
                    WorkerRequest.SweepRun => sweep.Run(request),
                    _ => throw new InvalidDataException($"unknown request kind `{request.Kind}`"),
                };
            }
            catch (OutOfMemoryException)
            {
                reply = new WorkerReply(ExitCodes.RunFailed, OutOfMemory: true);
            }

            if (s_outOfMemory)
            {
                // Whatever the run printed about it (a hook "threw OutOfMemoryException"), the
                // cause is the limit; the parent says so and how to raise it.
                reply = new WorkerReply(ExitCodes.RunFailed, OutOfMemory: true);
            }

            output.Write(WorkerJson.Write(reply));
            output.Write('\n');
            output.Flush();
            if (reply.OutOfMemory)
            {
                // The heap sits at its limit; a fresh worker is cheaper than a wedged one.
                return ExitCodes.RunFailed;
            }
        }

        return ExitCodes.Success;
    }

    private static WorkerReply RunCli(string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = CliApp.RunInProcess(args, stdout, stderr);
        return new WorkerReply(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The sweep a worker is running runs of: compiled, and its hooks loaded, once per worker.</summary>
    private sealed class SweepState : IDisposable
    {
        private (string Path, string Text, ulong? Seed, string? Format, string Overrides)? _key;
        private ImmutableArray<SweepPoint> _points = [];
        private PreparedScenario? _scenario;
        private string _prepare = string.Empty;
        private int _prepareExitCode;

        public WorkerReply Run(WorkerRequest request)
        {
            var format = CommonOptions.ToFormat(request.DiagnosticFormat);
            Load(request, format);
            if (_prepareExitCode != ExitCodes.Success)
            {
                return new WorkerReply(_prepareExitCode, Stderr: _prepare, Summary: "the scenario's hooks do not compile");
            }

            var point = _points[request.Point];
            var metrics = SweepAggregation.Metrics(point.Model);
            try
            {
                return HookRuntime.TryRun(() => _scenario!.RunOne(point.Model, request.Run, metrics), out var run, out var failure)
                    ? new WorkerReply(ExitCodes.Success, Values: run.Values, Failures: run.Failures, Warnings: _prepare)
                    : new WorkerReply(ExitCodes.RunFailed, Stderr: DiagnosticFormatter.Format([failure], format), Warnings: _prepare, Summary: $"{failure.Code}: {failure.Message}");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // What CliApp says about a bug of ours, for this one run.
                return new WorkerReply(ExitCodes.InternalError, Stderr: $"proto-script: internal error: {e.GetType().Name}: {e.Message}\n", Warnings: _prepare, Summary: $"internal error: {e.GetType().Name}: {e.Message}");
            }
        }

        public void Dispose() => _scenario?.Dispose();

        private void Load(WorkerRequest request, DiagnosticFormat format)
        {
            var key = (request.Path ?? string.Empty, request.Text ?? string.Empty, request.Seed, request.DiagnosticFormat, string.Join('\n', request.Overrides ?? []));
            if (_key == key)
            {
                return;
            }

            _scenario?.Dispose();
            _scenario = null;
            _key = key;
            var result = ScenarioCompiler.Compile(key.Item1, key.Item2, [.. request.Overrides ?? []]);
            var stderr = new StringWriter { NewLine = "\n" };
            if (result.Sweep is not { } sweep || !result.Success)
            {
                // The parent compiled the same text without errors; say so rather than guess.
                ScenarioLoader.Report(result, stderr, format);
                _prepare = stderr.ToString();
                _prepareExitCode = ExitCodes.BadInput;
                return;
            }

            _points = request.Seed is { } s ? [.. sweep.Points.Select(p => p with { Model = p.Model.WithSeed(s) })] : sweep.Points;
            _prepareExitCode = HookRuntime.TryPrepare(result, stderr, format, EngineKind.Scripted, out _scenario) ? ExitCodes.Success : ExitCodes.BadInput;
            _prepare = stderr.ToString();
        }
    }
}
