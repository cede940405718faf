using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ProtoScript.Cli.Isolation;

/// <summary>Why a worker gave no reply.</summary>
internal enum WorkerDeathKind
{
    /// <summary>The request took longer than the timeout; the parent killed the worker.</summary>
    TimedOut,

    /// <summary>The worker reached its memory limit (its own GC limit, or the parent's watchdog killed it).</summary>
    OutOfMemory,

    /// <summary>The worker overflowed its stack; the runtime cannot recover from that and ends the process.</summary>
    StackOverflow,

    /// <summary>The worker exited without a reply for another reason.</summary>
    Crashed,

    /// <summary>The worker process could not be started.</summary>
    CouldNotStart,
}

/// <summary>A worker that gave no reply: what happened, and its exit code when it had one.</summary>
internal sealed record WorkerDeath(WorkerDeathKind Kind, int? ExitCode, string Detail = "");

/// <summary>
/// The parent's handle on one worker process: <c>proto-script __worker</c> with a GC heap
/// limit, fed requests on standard input. It enforces the wall-clock timeout per request and
/// watches the working set; either kills the whole process tree.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    /// <summary>The hidden verb that turns the tool into a worker.</summary>
    public const string Verb = "__worker";

    // The GC limit covers the managed heap only; the runtime, JIT-compiled code and the hook
    // compiler live outside it. The watchdog allows that much on top before it kills.
    private const long NativeAllowance = 512L * 1024 * 1024;

    // Enough of the worker's own standard error to tell a stack overflow from an OOM.
    private const int StderrKept = 16 * 1024;

    private readonly Process _process;
    private readonly IsolationLimits _limits;
    private readonly StringBuilder _stderr = new();
    private readonly Timer _watchdog;
    private volatile bool _killedForMemory;

    private WorkerProcess(Process process, IsolationLimits limits)
    {
        _process = process;
        _limits = limits;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_stderr)
            {
                if (_stderr.Length < StderrKept)
                {
                    _stderr.Append(e.Data).Append('\n');
                }
            }
        };
        _process.BeginErrorReadLine();
        _watchdog = new Timer(_ => Watch(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
    }

    /// <summary>Starts a worker, or says why it could not.</summary>
    public static WorkerProcess? TryStart(IsolationLimits limits, out WorkerDeath? failure)
    {
        failure = null;
        var (fileName, prefix) = WorkerLocation.Resolve();
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Environment.CurrentDirectory,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        foreach (var arg in prefix)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add(Verb);

        // The worker's own GC refuses to grow past the limit: an allocation bomb gets an
        // OutOfMemoryException in the worker instead of swapping the machine.
        start.Environment["DOTNET_GCHeapHardLimit"] = limits.MemoryLimitBytes.ToString("X", CultureInfo.InvariantCulture);
        start.Environment.Remove("DOTNET_GCHeapHardLimitPercent");

        // The tool is built for invariant globalization; a worker never inherits an override of it.
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        try
        {
            var process = Process.Start(start);
            if (process is null)
            {
                failure = new WorkerDeath(WorkerDeathKind.CouldNotStart, null, $"`{fileName}` did not start");
                return null;
            }

            return new WorkerProcess(process, limits);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            failure = new WorkerDeath(WorkerDeathKind.CouldNotStart, null, $"`{fileName}`: {e.Message}");
            return null;
        }
    }

    /// <summary>Sends a request and waits for its reply; null with <paramref name="death"/> when the worker died or was killed (it is then unusable).</summary>
    public WorkerReply? Send(WorkerRequest request, out WorkerDeath? death)
    {
        death = null;
        string? line;
        try
        {
            _process.StandardInput.Write(WorkerJson.Write(request));
            _process.StandardInput.Write('\n');
            _process.StandardInput.Flush();
            var read = _process.StandardOutput.ReadLineAsync();
            if (!read.Wait(_limits.Timeout))
            {
                Kill();
                death = new WorkerDeath(WorkerDeathKind.TimedOut, null);
                return null;
            }

            line = read.Result;
        }
        catch (IOException)
        {
            line = null; // the worker is gone: the pipe broke while we wrote
        }

        try
        {
            if (line is not null && WorkerJson.ReadReply(line) is { } reply)
            {
                return reply;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not a reply: the worker is not speaking the protocol, so treat it as crashed.
            Kill();
        }

        death = Autopsy();
        return null;
    }

    /// <summary>Kills the worker's whole process tree (it may have started none, but a runtime might).</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _watchdog.Dispose();
        try
        {
            // A worker that sees the end of its input exits by itself.
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                Kill();
            }
        }
        catch (IOException)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void Watch()
    {
        try
        {
            _process.Refresh();
            if (!_process.HasExited && _process.WorkingSet64 > _limits.MemoryLimitBytes + NativeAllowance)
            {
                _killedForMemory = true;
                Kill();
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or System.ComponentModel.Win32Exception)
        {
            // Exited (or was disposed) between the checks.
        }
    }

    /// <summary>Why a worker that closed its output without replying died.</summary>
    private WorkerDeath Autopsy()
    {
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            Kill();
            return new WorkerDeath(WorkerDeathKind.Crashed, null, "it closed its output but did not exit");
        }

        _process.WaitForExit(); // drains the asynchronous standard error
        string stderr;
        lock (_stderr)
        {
            stderr = _stderr.ToString();
        }

        var code = _process.ExitCode;
        if (_killedForMemory || stderr.Contains("OutOfMemoryException", StringComparison.Ordinal) || stderr.Contains("Out of memory", StringComparison.OrdinalIgnoreCase))
        {
            return new WorkerDeath(WorkerDeathKind.OutOfMemory, code);
        }

        return stderr.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase)
            ? new WorkerDeath(WorkerDeathKind.StackOverflow, code)
            : new WorkerDeath(WorkerDeathKind.Crashed, code);
    }
}
